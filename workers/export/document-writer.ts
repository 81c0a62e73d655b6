// Writes the export document's structure with its layout: keys, the session data tree, stream blocks
// with their rows, and the historical blocks. The exporter decides what goes in (plans, cursors); this
// decides how it is laid out.

import { isDateInterval } from '../common/interval-key';
import type { OrderRow, SignalRow } from '../engine/analysis/analysis-store';
import { formatLocalTime } from '../engine/calendar';
import { EXCHANGE_CODES } from '../engine/columns';
import type { SessionStore, SymbolStore } from '../engine/session-store';
import { type AnalysisPlan, type AnalysisRange, orderRow, signalRow, strategyHead } from './analysis';
import { equityRows, valueRows } from './analysis-rows';
import type { ByteSink } from './byte-sink';
import type { ExportMetadata, ExportProgress } from './contract';
import {
  BAR_COLUMNS,
  DAILY_COLUMNS,
  EQUITY_COLUMNS,
  ORDER_COLUMNS,
  QUOTE_COLUMNS,
  SIGNAL_COLUMNS,
  TICK_COLUMNS,
} from './contract';
import { type IndicatorPlan, seriesColumns, seriesTimeForm } from './indicators';
import { type JsonValue, key, type Layout, MemberWriter, writeValue } from './json-value';
import { barRows, quoteRows, type RowWriter, type StreamSpec, seriesRows, tickRows } from './streams';
import { TimestampWriter } from './timestamps';

export interface StreamPlan {
  spec: StreamSpec;
  from: number;
  to: number;
  excluded: boolean;
}

export interface SymbolPlan {
  store: SymbolStore;
  streams: StreamPlan[];
  /** The session indicators in the configuration's order; their cursor positions follow the streams'. */
  indicators: IndicatorPlan[];
  /** `historical.indicators`, or null when it is left out (deltas, exclusions) or there are none. */
  historicalIndicators: JsonValue | null;
  /** Taken with the plan, so that metrics and rows describe the same moment even if the clock moves on. */
  metrics: { volume: number; high: number | null; low: number | null; quality: number };
}

export function metadataSection(m: ExportMetadata, lastUpdate: string | null): JsonValue {
  const complete = m.mode === 'complete';
  return {
    generated_at: m.generatedAt,
    version: '2.0',
    mode: m.mode,
    delta: !complete,
    complete,
    diff_mode: !complete,
    last_update: complete ? null : lastUpdate,
    changed_paths: m.changedPaths,
    consumer: m.consumer,
    sequence: m.sequence,
    previous_sequence: m.previousSequence,
    session_id: m.sessionId,
    market_time: m.marketTime,
    excluded: m.excluded,
    // Only in exports asked for some symbols (section 4.4): every other export keeps its bytes.
    ...(m.symbols === undefined ? {} : { symbols: m.symbols }),
  };
}

/** Writes keys, stream blocks and the session data tree with the document's layout. */
export class DocumentWriter {
  private readonly times = new TimestampWriter();

  constructor(
    private readonly sink: ByteSink,
    private readonly layout: Layout,
  ) {}

  private indent(depth: number): number | null {
    return this.layout.pretty ? depth * 2 : null;
  }

  /** Starts `"name": ` at `depth`, after a comma unless it is the first field of its object. */
  field(depth: number, name: string, first: boolean): void {
    if (!first) this.sink.char(0x2c);
    if (this.layout.pretty) this.sink.newline(depth * 2);
    key(this.sink, name, this.layout);
  }

  private close(depth: number, brace: number): void {
    if (this.layout.pretty) this.sink.newline(depth * 2);
    this.sink.char(brace);
  }

  private value(value: JsonValue, depth: number, keyLength = 0): void {
    writeValue(this.sink, value, this.layout, depth * 2, keyLength);
  }

  /** Members of an object at `depth`, small ones packed on shared lines (see MemberWriter). */
  private members(depth: number): MemberWriter {
    return new MemberWriter(this.sink, this.layout, depth * 2);
  }

  *sessionData(
    session: SessionStore | null,
    plans: SymbolPlan[],
    historical: boolean,
    active: boolean,
  ): Generator<ExportProgress, number, void> {
    let rows = 0;
    this.sink.char(0x7b);
    const fields = this.members(2);
    fields.member('_session_active', active);
    fields.member('_active_symbols', session ? [...session.symbols.keys()] : []);
    fields.start('symbols');
    this.sink.char(0x7b);
    const symbols = this.members(3);
    for (const [i, plan] of plans.entries()) {
      this.sink.checkpoint();
      symbols.start(plan.store.symbol);
      rows += this.symbol(plan, historical);
      yield { symbolsDone: i + 1, symbolsTotal: plans.length, bytes: this.sink.byteLength };
    }
    if (plans.length > 0) this.close(2, 0x7d);
    else this.sink.char(0x7d);
    this.close(1, 0x7d);
    return rows;
  }

  private symbol(plan: SymbolPlan, withHistorical: boolean): number {
    const { store } = plan;
    const metrics = plan.metrics;
    let rows = 0;
    this.sink.char(0x7b);
    const parts = this.members(4);
    parts.start('session');
    this.sink.char(0x7b);
    const session = this.members(5);
    session.member('volume', metrics.volume);
    session.member('high', metrics.high);
    session.member('low', metrics.low);
    session.member('quality', metrics.quality);
    session.start('data');
    this.sink.char(0x7b);
    const streams = this.members(6);
    for (const stream of plan.streams) {
      if (stream.excluded) continue;
      streams.start(stream.spec.name);
      rows += this.sessionStream(store, stream);
    }
    if (streams.empty) this.sink.char(0x7d);
    else this.close(5, 0x7d);
    this.close(4, 0x7d);
    parts.start('historical');
    rows += this.historical(store, withHistorical, plan.historicalIndicators);
    const indicators = plan.indicators.filter((p) => p.carried);
    // No member at all when the configuration names no indicator (exports without them keep their bytes), or
    // when a delta carries none of them (nothing new).
    if (indicators.length > 0) {
      parts.start('indicators');
      rows += this.indicators(indicators);
    }
    this.close(3, 0x7d);
    return rows;
  }

  private sessionStream(store: SymbolStore, { spec, from, to }: StreamPlan): number {
    const head: { [key: string]: JsonValue } = { count: to - from, total_count: to };
    let rows: RowWriter;
    let latest: JsonValue | undefined;
    if (spec.kind === 'ticks' && store.ticks) {
      const ticks = store.ticks;
      rows = tickRows(ticks, this.times);
      // The last row of the moment the export began: the replay may have gone on since, between slices.
      const last = to - 1;
      if (last >= 0) {
        latest = {
          timestamp: formatLocalTime(ticks.time[last] as number),
          price: ticks.price[last] as number,
          size: ticks.size[last] as number,
          exchange: EXCHANGE_CODES[ticks.exchange[last] as number] ?? null,
        };
      }
      head.columns = TICK_COLUMNS;
    } else if (spec.kind === 'quotes' && store.quotes) {
      const quotes = store.quotes;
      rows = quoteRows(quotes, this.times);
      const last = to - 1;
      if (last >= 0) {
        latest = {
          timestamp: formatLocalTime(quotes.time[last] as number),
          bid: quotes.bid[last] as number,
          ask: quotes.ask[last] as number,
          bid_size: quotes.bidSize[last] as number,
          ask_size: quotes.askSize[last] as number,
        };
      }
      head.columns = QUOTE_COLUMNS;
    } else {
      const bars = store.bars.get(spec.name);
      if (!bars) throw new Error(`no ${spec.name} stream for ${store.symbol}`);
      // Daily and weekly session bars are stamped with their date, as daily rows are everywhere.
      const dated = isDateInterval(spec.name);
      rows = barRows(bars, this.times, dated ? 'date' : 'timeOfDay');
      head.generated = spec.generated;
      head.columns = dated ? DAILY_COLUMNS : BAR_COLUMNS;
    }
    if (to === from && latest === undefined) {
      // Nothing new and nothing latest: the block is small enough for one line.
      this.value(head, 6, spec.name.length + 4);
      return 0;
    }
    this.sink.char(0x7b);
    const block = this.members(7);
    for (const [name, value] of Object.entries(head)) block.member(name, value);
    if (to > from) this.rows(block, rows, from, to, 7);
    if (latest !== undefined) block.member('latest', latest);
    this.close(6, 0x7d);
    return to - from;
  }

  /** `"data": [` rows `]` at `depth`, the next member of `block`. */
  private rows(block: MemberWriter, write: RowWriter, from: number, to: number, depth: number): void {
    block.start('data');
    this.sink.char(0x5b);
    write(this.sink, from, to, this.indent(depth + 1));
    this.close(depth, 0x5d);
  }

  /** `indicators` of a symbol: each entry's fields, then its series block (section 9.1). */
  private indicators(plans: IndicatorPlan[]): number {
    let rows = 0;
    this.sink.char(0x7b);
    const entries = this.members(5);
    for (const plan of plans) {
      entries.start(plan.indicator.spec.key);
      this.sink.char(0x7b);
      const fields = this.members(6);
      for (const [name, value] of Object.entries(plan.head)) fields.member(name, value);
      fields.start('series');
      rows += this.series(plan);
      this.close(5, 0x7d);
    }
    this.close(4, 0x7d);
    return rows;
  }

  /** A series block, laid out like a bar stream's: rows one per line, written straight from the columns. */
  private series({ indicator, from, to }: IndicatorPlan): number {
    const head = { count: to - from, total_count: to, columns: seriesColumns(indicator) };
    if (to === from) {
      this.value(head, 6, 'series'.length + 4);
      return 0;
    }
    this.sink.char(0x7b);
    const block = this.members(7);
    for (const [name, value] of Object.entries(head)) block.member(name, value);
    this.rows(block, seriesRows(indicator.series, this.times, seriesTimeForm(indicator)), from, to, 7);
    this.close(6, 0x7d);
    return to - from;
  }

  /**
   * The `analysis` section (section 10.1), at depth 1 after its key: strategies with their signal and order
   * blocks, positions and account whole, then the equity block. Returns the rows written.
   */
  analysis(plan: AnalysisPlan): number {
    let rows = 0;
    this.sink.char(0x7b);
    const parts = this.members(2);
    parts.start('strategies');
    if (plan.strategies.length === 0) this.sink.ascii('{}');
    else {
      this.sink.char(0x7b);
      const entries = this.members(3);
      for (const { record, signals, orders } of plan.strategies) {
        entries.start(record.module);
        this.sink.char(0x7b);
        const fields = this.members(4);
        if (plan.complete)
          for (const [name, value] of Object.entries(strategyHead(record))) fields.member(name, value);
        fields.start('signals');
        rows += this.analysisBlock(
          'signals',
          SIGNAL_COLUMNS,
          signals,
          valueRows((i) => signalRow(record.signals[i] as SignalRow)),
          4,
        );
        fields.start('orders');
        rows += this.analysisBlock(
          'orders',
          ORDER_COLUMNS,
          orders,
          valueRows((i) => orderRow(record.orders[i] as OrderRow)),
          4,
        );
        this.close(3, 0x7d);
      }
      this.close(2, 0x7d);
    }
    // Written with the plan, as the store stood when the export started.
    for (const [name, encoded] of [
      ['positions', plan.positions],
      ['account', plan.account],
    ] as const) {
      if (!encoded) throw new Error(`the analysis plan has no ${name}`);
      parts.start(name);
      this.sink.bytes(encoded.bytes);
      this.sink.lines += encoded.lines;
    }
    parts.start('equity');
    rows += this.analysisBlock(
      'equity',
      EQUITY_COLUMNS,
      plan.equity,
      equityRows(plan.store.equity, this.times),
      2,
    );
    this.close(1, 0x7d);
    return rows;
  }

  /** A stream block of the analysis section at `depth`: one line when it has no rows, else its rows below. */
  private analysisBlock(
    name: string,
    columns: readonly string[],
    { from, to }: AnalysisRange,
    write: RowWriter,
    depth: number,
  ): number {
    const head = { count: to - from, total_count: to, columns };
    if (to === from) {
      this.value(head, depth, name.length + 4);
      return 0;
    }
    this.sink.char(0x7b);
    const block = this.members(depth + 1);
    for (const [key, value] of Object.entries(head)) block.member(key, value);
    this.rows(block, write, from, to, depth + 1);
    this.close(depth, 0x7d);
    return to - from;
  }

  private historical(store: SymbolStore, withData: boolean, indicators: JsonValue | null): number {
    const series = [...store.historical.values()];
    const dates = new Set<string>();
    for (const s of series) for (const d of s.dates) dates.add(d);
    const sorted = [...dates].sort();
    const head: { [key: string]: JsonValue } = {
      loaded: series.length > 0,
      date_range:
        sorted.length === 0
          ? null
          : {
              start_date: sorted[0] as string,
              end_date: sorted[sorted.length - 1] as string,
              days: sorted.length,
            },
    };
    if (!withData || series.length === 0) {
      // No rows (every delta): small enough for one line, unless historical indicators come with it.
      const whole = indicators === null ? { ...head, data: {} } : { ...head, data: {}, indicators };
      this.value(whole, 4, 'historical'.length + 4);
      return 0;
    }
    this.sink.char(0x7b);
    const fields = this.members(5);
    for (const [name, value] of Object.entries(head)) fields.member(name, value);
    fields.start('data');
    let rows = 0;
    this.sink.char(0x7b);
    const intervals = this.members(6);
    for (const s of series) {
      intervals.start(s.interval);
      this.sink.char(0x7b);
      const block = this.members(7);
      block.member('count', s.bars.length);
      block.member('dates', s.dates);
      const dated = isDateInterval(s.interval);
      block.member('columns', dated ? DAILY_COLUMNS : BAR_COLUMNS);
      if (s.bars.length > 0) {
        this.rows(block, barRows(s.bars, this.times, dated ? 'date' : 'dateTime'), 0, s.bars.length, 7);
      }
      this.close(6, 0x7d);
      rows += s.bars.length;
    }
    this.close(5, 0x7d);
    if (indicators !== null) fields.member('indicators', indicators);
    this.close(4, 0x7d);
    return rows;
  }
}
