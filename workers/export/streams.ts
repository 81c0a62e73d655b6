// The streams of a symbol in their fixed export order (base interval, derived intervals, ticks, quotes)
// and how each one's rows are written.

import { type BarColumns, EXCHANGE_CODES, type QuoteColumns, type TickColumns } from '../engine/columns';
import type { SessionConfig } from '../engine/config';
import type { SymbolStore } from '../engine/session-store';
import type { ByteSink } from './byte-sink';
import type { TimestampWriter } from './timestamps';

export const BAR_COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];
export const DAILY_COLUMNS = ['date', 'open', 'high', 'low', 'close', 'volume'];
export const TICK_COLUMNS = ['timestamp', 'price', 'size', 'exchange'];
export const QUOTE_COLUMNS = ['timestamp', 'bid', 'ask', 'bid_size', 'ask_size'];

export type StreamKind = 'bars' | 'ticks' | 'quotes';

export interface StreamSpec {
  name: string;
  kind: StreamKind;
  /** False for the base interval, true for intervals derived from it. */
  generated: boolean;
}

export function streamSpecs(config: SessionConfig): StreamSpec[] {
  const specs: StreamSpec[] = [{ name: config.baseInterval, kind: 'bars', generated: false }];
  for (const name of config.derivedIntervals) specs.push({ name, kind: 'bars', generated: true });
  if (config.ticks) specs.push({ name: 'ticks', kind: 'ticks', generated: false });
  if (config.quotes) specs.push({ name: 'quotes', kind: 'quotes', generated: false });
  return specs;
}

export function streamLength(store: SymbolStore, spec: StreamSpec): number {
  if (spec.kind === 'ticks') return store.ticks?.length ?? 0;
  if (spec.kind === 'quotes') return store.quotes?.length ?? 0;
  return store.bars.get(spec.name)?.length ?? 0;
}

const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/** How a bar's time is written: time of day (session), local date-time (history) or date (daily). */
export type TimeForm = 'timeOfDay' | 'dateTime' | 'date';

/** Rows [from, to) of a stream, one compact array per line (pretty) or all on one line (compact). */
export type RowWriter = (sink: ByteSink, from: number, to: number, indent: number | null) => void;

/** Longest row any writer below produces is under 200 bytes; room for it is reserved once per row. */
const ROW_ROOM = 256;

function separator(sink: ByteSink, first: boolean, indent: number | null): void {
  if (indent !== null) {
    if (!first) sink.char(COMMA);
    sink.newline(indent);
  } else if (!first) sink.char(COMMA);
  sink.reserve(ROW_ROOM);
}

export function barRows(bars: BarColumns, times: TimestampWriter, form: TimeForm): RowWriter {
  return (sink, from, to, indent) => {
    for (let i = from; i < to; i++) {
      separator(sink, i === from, indent);
      sink.byte(OPEN);
      times[form](sink, bars.time[i] as number);
      sink.byte(COMMA);
      sink.number(bars.open[i] as number);
      sink.byte(COMMA);
      sink.number(bars.high[i] as number);
      sink.byte(COMMA);
      sink.number(bars.low[i] as number);
      sink.byte(COMMA);
      sink.number(bars.close[i] as number);
      sink.byte(COMMA);
      sink.number(bars.volume[i] as number);
      sink.byte(CLOSE);
    }
  };
}

const EXCHANGE_LITERALS = EXCHANGE_CODES.map((code) => `"${code}"`);

export function tickRows(ticks: TickColumns, times: TimestampWriter): RowWriter {
  return (sink, from, to, indent) => {
    for (let i = from; i < to; i++) {
      separator(sink, i === from, indent);
      sink.byte(OPEN);
      times.timeOfDay(sink, ticks.time[i] as number);
      sink.byte(COMMA);
      sink.number(ticks.price[i] as number);
      sink.byte(COMMA);
      sink.uint(ticks.size[i] as number);
      sink.byte(COMMA);
      sink.ascii(EXCHANGE_LITERALS[ticks.exchange[i] as number] ?? 'null');
      sink.byte(CLOSE);
    }
  };
}

export function quoteRows(quotes: QuoteColumns, times: TimestampWriter): RowWriter {
  return (sink, from, to, indent) => {
    for (let i = from; i < to; i++) {
      separator(sink, i === from, indent);
      sink.byte(OPEN);
      times.timeOfDay(sink, quotes.time[i] as number);
      sink.byte(COMMA);
      sink.number(quotes.bid[i] as number);
      sink.byte(COMMA);
      sink.number(quotes.ask[i] as number);
      sink.byte(COMMA);
      sink.uint(quotes.bidSize[i] as number);
      sink.byte(COMMA);
      sink.uint(quotes.askSize[i] as number);
      sink.byte(CLOSE);
    }
  };
}
