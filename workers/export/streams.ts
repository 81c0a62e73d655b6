// The streams of a symbol in their fixed export order (base interval, derived intervals, ticks, quotes)
// and how each one's rows are written.

import {
  type BarColumns,
  EXCHANGE_CODES,
  type QuoteColumns,
  type SeriesColumns,
  type TickColumns,
} from '../engine/columns';
import type { SessionConfig } from '../engine/config';
import type { SymbolStore } from '../engine/session-store';
import type { ByteSink } from './byte-sink';
import { CLOSE_BRACKET, COMMA, OPEN_BRACKET, QUOTE, writeColumnWords, writeNumberWords } from './encode';
import { DATE_TIME, TIME_OF_DAY, type TimestampWriter } from './timestamps';

export type StreamKind = 'bars' | 'ticks' | 'quotes';

export interface StreamSpec {
  name: string;
  kind: StreamKind;
  /** False for the base interval, true for intervals derived from it. */
  generated: boolean;
}

export function streamSpecs(config: SessionConfig): StreamSpec[] {
  const specs: StreamSpec[] = config.barIntervals.map((name) => ({
    name,
    kind: 'bars',
    generated: name !== config.baseInterval,
  }));
  if (config.ticks) specs.push({ name: 'ticks', kind: 'ticks', generated: false });
  if (config.quotes) specs.push({ name: 'quotes', kind: 'quotes', generated: false });
  return specs;
}

export function streamLength(store: SymbolStore, spec: StreamSpec): number {
  if (spec.kind === 'ticks') return store.ticks?.length ?? 0;
  if (spec.kind === 'quotes') return store.quotes?.length ?? 0;
  return store.bars.get(spec.name)?.length ?? 0;
}

/** How a bar's time is written: time of day (session), local date-time (history) or date (daily). */
export type TimeForm = 'timeOfDay' | 'dateTime' | 'date';

/** Rows [from, to) of a stream, one compact array per line (pretty) or all on one line (compact). */
export type RowWriter = (sink: ByteSink, from: number, to: number, indent: number | null) => void;

/** The longest row any writer below produces is under 200 bytes. */
const ROW_ROOM = 256;

/** Writes one row at `pos` in `out` (`view` is a DataView of the same bytes); returns the position after. */
type Row = (out: Uint8Array, view: DataView, pos: number, i: number) => number;

/**
 * The bytes before a row (`,` then, in the pretty layout, a newline and the indentation) as big-endian
 * words, so that a row's separator is a few word stores whatever the indentation. The last word may run
 * past `length`: the row written next covers those bytes.
 */
interface Separator {
  words: Uint32Array;
  length: number;
}

function separatorOf(text: string): Separator {
  const words = new Uint32Array(Math.ceil(text.length / 4));
  for (let k = 0; k < text.length; k++) {
    const w = k >> 2;
    words[w] = ((words[w] as number) | (text.charCodeAt(k) << (24 - 8 * (k & 3)))) >>> 0;
  }
  return { words, length: text.length };
}

/** [before the first row, before every other row], by indentation (-1 for the compact layout). */
const separators = new Map<number, [Separator, Separator]>();

function separatorsFor(indent: number | null): [Separator, Separator] {
  const key = indent ?? -1;
  let pair = separators.get(key);
  if (!pair) {
    const lead = indent === null ? '' : `\n${' '.repeat(indent)}`;
    pair = [separatorOf(lead), separatorOf(`,${lead}`)];
    separators.set(key, pair);
  }
  return pair;
}

/**
 * Rows [from, to) with their separators and indentation. Room is reserved once per run of rows that fit
 * in the current chunk, and the chunk, its view and the position stay in locals for that whole run: the
 * per-row cost is then the row's own bytes.
 */
function writeRows(
  sink: ByteSink,
  from: number,
  to: number,
  indent: number | null,
  row: Row,
  rowRoom = ROW_ROOM,
): void {
  const room = rowRoom + (indent ?? 0);
  const [first, next] = separatorsFor(indent);
  let i = from;
  while (i < to) {
    sink.reserve(room);
    const out = sink.chunk;
    const view = sink.view;
    const limit = out.length - room;
    const start = i;
    let pos = sink.pos;
    do {
      const separator = i === from ? first : next;
      const words = separator.words;
      for (let w = 0; w < words.length; w++) view.setUint32(pos + 4 * w, words[w] as number);
      pos = row(out, view, pos + separator.length, i);
      i++;
    } while (i < to && pos <= limit);
    sink.pos = pos;
    if (indent !== null) sink.lines += i - start;
  }
}

export function barRows(bars: BarColumns, times: TimestampWriter, form: TimeForm): RowWriter {
  const stampForm = form === 'timeOfDay' ? TIME_OF_DAY : DATE_TIME;
  return (sink, from, to, indent) => {
    const { time, open, high, low, close, volume } = bars;
    writeRows(sink, from, to, indent, (out, view, pos, i) => {
      out[pos++] = OPEN_BRACKET;
      if (form === 'date') pos = times.day(out, pos, time[i] as number);
      else pos = times.stampAt(view, out, pos, time, i, stampForm);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, open, i);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, high, i);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, low, i);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, close, i);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, volume, i);
      out[pos++] = CLOSE_BRACKET;
      return pos;
    });
  };
}

/** `"Q"` and friends, as bytes. */
const EXCHANGE_LITERALS = EXCHANGE_CODES.map((code) => [QUOTE, code.charCodeAt(0), QUOTE] as const);

export function tickRows(ticks: TickColumns, times: TimestampWriter): RowWriter {
  return (sink, from, to, indent) => {
    const { time, price, size, exchange } = ticks;
    writeRows(sink, from, to, indent, (out, view, pos, i) => {
      out[pos++] = OPEN_BRACKET;
      pos = times.stampAt(view, out, pos, time, i, TIME_OF_DAY);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, price, i);
      out[pos++] = COMMA;
      pos = writeNumberWords(view, out, pos, size[i] as number);
      out[pos++] = COMMA;
      const venue = EXCHANGE_LITERALS[exchange[i] as number] ?? ([0x6e, 0x75, 0x6c, 0x6c] as const); // null
      for (const b of venue) out[pos++] = b;
      out[pos++] = CLOSE_BRACKET;
      return pos;
    });
  };
}

export function quoteRows(quotes: QuoteColumns, times: TimestampWriter): RowWriter {
  return (sink, from, to, indent) => {
    const { time, bid, ask, bidSize, askSize } = quotes;
    writeRows(sink, from, to, indent, (out, view, pos, i) => {
      out[pos++] = OPEN_BRACKET;
      pos = times.stampAt(view, out, pos, time, i, TIME_OF_DAY);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, bid, i);
      out[pos++] = COMMA;
      pos = writeColumnWords(view, out, pos, ask, i);
      out[pos++] = COMMA;
      pos = writeNumberWords(view, out, pos, bidSize[i] as number);
      out[pos++] = COMMA;
      pos = writeNumberWords(view, out, pos, askSize[i] as number);
      out[pos++] = CLOSE_BRACKET;
      return pos;
    });
  };
}

/** A number's longest text (`-1.2345678901234567e-300`) and its comma, with the words' spare bytes. */
const NUMBER_ROOM = 32;

/**
 * An indicator's series rows (section 9.1): the bar's time as its interval's session bars write it (time
 * of day, or the date for `1d` and `1w`), then one number per output. An indicator may have up to seven
 * outputs (`pivot_points`), so the room reserved per row grows with them.
 */
export function seriesRows(series: SeriesColumns, times: TimestampWriter, form: TimeForm): RowWriter {
  const room = 2 * NUMBER_ROOM + NUMBER_ROOM * series.values.length;
  const stampForm = form === 'dateTime' ? DATE_TIME : TIME_OF_DAY;
  return (sink, from, to, indent) => {
    const { time, values } = series;
    writeRows(
      sink,
      from,
      to,
      indent,
      (out, view, pos, i) => {
        out[pos++] = OPEN_BRACKET;
        // Series are session rows: the time of day, or the date for daily and weekly ones.
        if (form === 'date') pos = times.day(out, pos, time[i] as number);
        else pos = times.stampAt(view, out, pos, time, i, stampForm);
        for (const column of values) {
          out[pos++] = COMMA;
          const x = column[i] as number;
          pos = writeNumberWords(view, out, pos, x);
        }
        out[pos++] = CLOSE_BRACKET;
        return pos;
      },
      room,
    );
  };
}
