// Complete and delta exports of the whole system state, per export-format.md. The rows are written as
// bytes straight from the columnar streams; cursors move only after the document was produced whole.

import type { Backtest } from '../engine/backtest';
import { formatIsoWithOffset, formatLocalDateTime, formatLocalTime, utcMsToLocal } from '../engine/calendar';
import { EXCHANGE_CODES } from '../engine/columns';
import type { SessionStore, SymbolStore } from '../engine/session-store';
import type { Result } from '../engine/types';
import { ByteSink, type CancelSignal, ExportCancelled } from './byte-sink';
import { type ConsumerCursor, CursorRegistry, type Positions } from './cursors';
import { parseExclusions } from './exclusions';
import { ExportStats } from './export-stats';
import { type JsonValue, key, type Layout, writeValue } from './json-value';
import {
  performanceSection,
  sessionConfigSection,
  systemManagerSection,
  threadsSection,
  timeManagerSection,
} from './sections';
import {
  BAR_COLUMNS,
  barRows,
  DAILY_COLUMNS,
  QUOTE_COLUMNS,
  quoteRows,
  type RowWriter,
  type StreamSpec,
  streamLength,
  streamSpecs,
  TICK_COLUMNS,
  tickRows,
} from './streams';
import { TimestampWriter } from './timestamps';

export interface ExportRequest {
  complete: boolean;
  /** Defaults to `default`. */
  consumer?: string;
  /** Regenerate a delta from this earlier export of the consumer (delta only). */
  since?: number;
  /** Streams (`ticks`, `5m`, ...) or sections (`historical`, `threads`, ...) to leave out. */
  exclude?: readonly string[];
  /** Pretty (one row per line, the default) or compact (one line). */
  layout?: 'pretty' | 'compact';
  /** Whether the export counts in `performance_metrics` (default true; false for the UI's own mirror). */
  record?: boolean;
  signal?: CancelSignal;
}

export interface ExportMetadata {
  mode: 'complete' | 'delta';
  consumer: string;
  sequence: number;
  previousSequence: number | null;
  sessionId: number;
  generatedAt: string;
  /** generated_at's exchange-local time as `YYYYMMDD_HHMMSS`, for file names. */
  fileTimestamp: string;
  marketTime: string | null;
  changedPaths: string[];
  excluded: string[];
}

export interface ExportResult {
  chunks: Uint8Array[];
  bytes: number;
  lines: number;
  rows: number;
  durationMs: number;
  metadata: ExportMetadata;
}

/** How far an export has got; reported between symbols. */
export interface ExportProgress {
  symbolsDone: number;
  symbolsTotal: number;
  bytes: number;
}

export interface SliceOptions {
  /** Checked between symbols: true stops the export, which then changes nothing. */
  isCancelled?: () => boolean;
  /** Called after each symbol. */
  onProgress?: (progress: ExportProgress) => void;
  /** Longest stretch of work between two yields to the event loop. */
  sliceMs?: number;
}

const CANCELLED = 'system export-status: export cancelled; nothing changed';

/** Lets queued messages (a cancel, a snapshot poll) run: a macrotask, not a microtask. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface StreamPlan {
  spec: StreamSpec;
  from: number;
  to: number;
  excluded: boolean;
}

interface SymbolPlan {
  store: SymbolStore;
  streams: StreamPlan[];
  /** Taken with the plan, so that metrics and rows describe the same moment even if the clock moves on. */
  metrics: { volume: number; high: number | null; low: number | null; quality: number };
}

export const DEFAULT_CONSUMER = 'default';
const CONSUMER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

export class Exporter {
  readonly stats = new ExportStats();
  private readonly cursors = new CursorRegistry();

  constructor(
    private readonly backtest: Backtest,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** `system reset-indices`: the consumer's next delta starts again from the start of the session. */
  resetIndices(consumer = DEFAULT_CONSUMER): Result<string> {
    if (!CONSUMER_NAME.test(consumer)) return fail(consumerError(consumer));
    this.cursors.get(consumer, this.sessionId).reset();
    return ok(consumer);
  }

  /** Produces the whole export at once (the command line, tests, small exports). */
  export(request: ExportRequest): Result<ExportResult> {
    const steps = this.steps(request);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /**
   * Produces the export in slices, yielding to the event loop between symbols so that a worker stays
   * responsive (progress, cancel) during a large complete export. The rows and metrics are those of the
   * moment the export started, even if the replay appends rows meanwhile.
   */
  async exportInSlices(request: ExportRequest, options: SliceOptions = {}): Promise<Result<ExportResult>> {
    const sliceMs = options.sliceMs ?? 12;
    const steps = this.steps(request);
    let sliceStart = performance.now();
    let step = steps.next();
    while (!step.done) {
      options.onProgress?.(step.value);
      if (performance.now() - sliceStart >= sliceMs) {
        await yieldToEvents();
        sliceStart = performance.now();
      }
      if (options.isCancelled?.()) {
        steps.return(fail(CANCELLED));
        this.stats.failedExports++;
        return fail(CANCELLED);
      }
      step = steps.next();
    }
    return step.value;
  }

  private *steps(request: ExportRequest): Generator<ExportProgress, Result<ExportResult>, void> {
    const started = performance.now();
    const consumer = request.consumer ?? DEFAULT_CONSUMER;
    if (!CONSUMER_NAME.test(consumer)) return fail(consumerError(consumer));
    const exclusions = parseExclusions(request.exclude ?? [], this.backtest.config);
    if (!exclusions.ok) return exclusions;
    const cursor = this.cursors.get(consumer, this.sessionId);
    const start = this.startPositions(request, cursor);
    if (!start.ok) return start;

    const excluded = exclusions.value;
    const plans = this.plan(request.complete, start.value, excluded);
    const generatedMs = this.now();
    const sequence = cursor.sequence + 1;
    const time = this.backtest.marketTimeMs;
    const metadata: ExportMetadata = {
      mode: request.complete ? 'complete' : 'delta',
      consumer,
      sequence,
      previousSequence: request.complete ? null : (request.since ?? cursor.positionsFrom),
      sessionId: this.sessionId,
      generatedAt: formatIsoWithOffset(generatedMs),
      fileTimestamp: fileTimestamp(generatedMs),
      marketTime: time === null ? null : formatLocalDateTime(time),
      changedPaths: request.complete ? [] : changedPaths(plans),
      excluded: [...excluded],
    };
    const layout: Layout = { pretty: request.layout !== 'compact' };
    const sink = new ByteSink(request.signal ?? null);
    let rows: number;
    try {
      rows = yield* this.write(sink, layout, metadata, plans, cursor, request.complete, excluded);
    } catch (error) {
      this.stats.failedExports++;
      if (error instanceof ExportCancelled) return fail(CANCELLED);
      throw error;
    }
    const chunks = sink.finish();
    // Only now, with the document whole, do the cursors move (excluded streams stay where they were).
    cursor.commit(sequence, metadata.generatedAt, endPositions(plans));
    const result: ExportResult = {
      chunks,
      bytes: sink.byteLength,
      lines: sink.lines,
      rows,
      durationMs: performance.now() - started,
      metadata,
    };
    if (request.record !== false)
      this.stats.record(request.complete, {
        generated_at: metadata.generatedAt,
        consumer,
        sequence,
        duration_ms: Math.round(result.durationMs * 1000) / 1000,
        bytes: result.bytes,
        lines: result.lines,
        rows,
      });
    return ok(result);
  }

  private get sessionId(): number {
    return this.backtest.session?.sessionId ?? 0;
  }

  private startPositions(request: ExportRequest, cursor: ConsumerCursor): Result<Positions> {
    if (request.since === undefined) return ok(request.complete ? new Map() : cursor.positions);
    if (request.complete) {
      return fail('system export-status: since= applies to delta exports only (use complete=false)');
    }
    const positions = cursor.history.get(request.since);
    if (!positions) {
      const known = [...cursor.history.keys()];
      const range = known.length === 0 ? 'none yet' : `${known[0]}-${known[known.length - 1]}`;
      return fail(
        `system export-status: since=${request.since} is not an export of consumer "${cursor.name}" in this session (known: ${range})`,
      );
    }
    return ok(positions);
  }

  private plan(complete: boolean, start: Positions, excluded: ReadonlySet<string>): SymbolPlan[] {
    const session = this.backtest.session;
    if (!session) return [];
    const specs = streamSpecs(this.backtest.config);
    return [...session.symbols.values()].map((store) => {
      const from = start.get(store.symbol);
      const m = store.metrics;
      return {
        store,
        metrics: {
          volume: m.volume,
          high: Number.isNaN(m.high) ? null : m.high,
          low: Number.isNaN(m.low) ? null : m.low,
          quality: m.quality,
        },
        streams: specs.map((spec, k) => {
          const to = streamLength(store, spec);
          const isExcluded = excluded.has(spec.name);
          // An excluded stream keeps the consumer's old position, so a later export still sends its rows.
          const at = complete ? 0 : Math.min(from?.[k] ?? 0, to);
          return { spec, from: isExcluded ? (from?.[k] ?? 0) : at, to, excluded: isExcluded };
        }),
      };
    });
  }

  private *write(
    sink: ByteSink,
    layout: Layout,
    metadata: ExportMetadata,
    plans: SymbolPlan[],
    cursor: ConsumerCursor,
    complete: boolean,
    excluded: ReadonlySet<string>,
  ): Generator<ExportProgress, number, void> {
    const backtest = this.backtest;
    const sections: [string, () => JsonValue][] = [
      ['system_manager', () => systemManagerSection(backtest, metadata.marketTime)],
      ['time_manager', () => timeManagerSection(backtest)],
      ['performance_metrics', () => performanceSection(backtest, this.stats)],
      ['threads', () => threadsSection(backtest)],
    ];
    if (complete) sections.push(['session_config', () => sessionConfigSection(backtest)]);
    const w = new DocumentWriter(sink, layout);
    sink.char(0x7b);
    w.field(1, '_metadata', true);
    writeValue(sink, metadataSection(metadata, cursor.lastGeneratedAt), layout, 2);
    for (const [name, build] of sections) {
      if (excluded.has(name)) continue;
      w.field(1, name, false);
      writeValue(sink, build(), layout, 2, name.length + 4);
    }
    w.field(1, 'session_data', false);
    const rows = yield* w.sessionData(
      backtest.session,
      plans,
      complete && !excluded.has('historical'),
      this.sessionActive,
    );
    if (layout.pretty) sink.newline(0);
    sink.char(0x7d);
    sink.char(0x0a);
    sink.lines++;
    return rows;
  }

  private get sessionActive(): boolean {
    const b = this.backtest;
    return (
      b.session !== null && (b.state === 'RUNNING' || b.state === 'PAUSED') && b.minute < b.sessionMinutes
    );
  }
}

function consumerError(consumer: string): string {
  return `system export-status: consumer="${consumer}" is not a consumer name (expected 1-64 letters, digits, "_", "-" or ".")`;
}

function metadataSection(m: ExportMetadata, lastUpdate: string | null): JsonValue {
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
  };
}

function changedPaths(plans: SymbolPlan[]): string[] {
  const paths: string[] = [];
  for (const { store, streams } of plans) {
    for (const s of streams) {
      if (!s.excluded && s.to > s.from)
        paths.push(`session_data.symbols.${store.symbol}.session.data.${s.spec.name}`);
    }
  }
  return paths;
}

function endPositions(plans: SymbolPlan[]): Positions {
  return new Map(
    plans.map(({ store, streams }) => [
      store.symbol,
      Int32Array.from(streams, (s) => (s.excluded ? s.from : s.to)),
    ]),
  );
}

function fileTimestamp(ms: number): string {
  const local = utcMsToLocal(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.date.replaceAll('-', '')}_${pad(Math.floor(local.minuteOfDay / 60))}${pad(local.minuteOfDay % 60)}${pad(local.second)}`;
}

/** Writes keys, stream blocks and the session data tree with the document's layout. */
class DocumentWriter {
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

  *sessionData(
    session: SessionStore | null,
    plans: SymbolPlan[],
    historical: boolean,
    active: boolean,
  ): Generator<ExportProgress, number, void> {
    let rows = 0;
    this.sink.char(0x7b);
    this.field(2, '_session_active', true);
    this.value(active, 2);
    this.field(2, '_active_symbols', false);
    this.value(session ? [...session.symbols.keys()] : [], 2);
    this.field(2, 'symbols', false);
    this.sink.char(0x7b);
    for (const [i, plan] of plans.entries()) {
      this.sink.checkpoint();
      this.field(3, plan.store.symbol, i === 0);
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
    const m = plan.metrics;
    let rows = 0;
    this.sink.char(0x7b);
    this.field(4, 'session', true);
    this.sink.char(0x7b);
    this.field(5, 'volume', true);
    this.value(m.volume, 5);
    this.field(5, 'high', false);
    this.value(m.high, 5);
    this.field(5, 'low', false);
    this.value(m.low, 5);
    this.field(5, 'quality', false);
    this.value(m.quality, 5);
    this.field(5, 'data', false);
    this.sink.char(0x7b);
    let first = true;
    for (const stream of plan.streams) {
      if (stream.excluded) continue;
      this.field(6, stream.spec.name, first);
      first = false;
      rows += this.sessionStream(store, stream);
    }
    if (first) this.sink.char(0x7d);
    else this.close(5, 0x7d);
    this.close(4, 0x7d);
    this.field(4, 'historical', false);
    rows += this.historical(store, withHistorical);
    this.close(3, 0x7d);
    return rows;
  }

  private sessionStream(store: SymbolStore, { spec, from, to }: StreamPlan): number {
    const head: { [key: string]: JsonValue } = { count: to - from, total_count: to };
    let rows: RowWriter;
    let latest: JsonValue | undefined;
    if (spec.kind === 'ticks' && store.ticks) {
      const t = store.ticks;
      rows = tickRows(t, this.times);
      const i = t.length - 1;
      if (i >= 0) {
        latest = {
          timestamp: formatLocalTime(t.time[i] as number),
          price: t.price[i] as number,
          size: t.size[i] as number,
          exchange: EXCHANGE_CODES[t.exchange[i] as number] ?? null,
        };
      }
      head.columns = TICK_COLUMNS;
    } else if (spec.kind === 'quotes' && store.quotes) {
      const q = store.quotes;
      rows = quoteRows(q, this.times);
      const i = q.length - 1;
      if (i >= 0) {
        latest = {
          timestamp: formatLocalTime(q.time[i] as number),
          bid: q.bid[i] as number,
          ask: q.ask[i] as number,
          bid_size: q.bidSize[i] as number,
          ask_size: q.askSize[i] as number,
        };
      }
      head.columns = QUOTE_COLUMNS;
    } else {
      const bars = store.bars.get(spec.name);
      if (!bars) throw new Error(`no ${spec.name} stream for ${store.symbol}`);
      rows = barRows(bars, this.times, 'timeOfDay');
      head.generated = spec.generated;
      head.columns = BAR_COLUMNS;
    }
    if (to === from && latest === undefined) {
      // Nothing new and nothing latest: the block is small enough for one line.
      this.value(head, 6, spec.name.length + 4);
      return 0;
    }
    this.sink.char(0x7b);
    Object.entries(head).forEach(([name, value], i) => {
      this.field(7, name, i === 0);
      this.value(value, 7, name.length + 4);
    });
    if (to > from) this.rows(rows, from, to, 7);
    if (latest !== undefined) {
      this.field(7, 'latest', false);
      this.value(latest, 7, 10);
    }
    this.close(6, 0x7d);
    return to - from;
  }

  /** `"data": [` rows `]` at `depth`. */
  private rows(write: RowWriter, from: number, to: number, depth: number): void {
    this.field(depth, 'data', false);
    this.sink.char(0x5b);
    write(this.sink, from, to, this.indent(depth + 1));
    this.close(depth, 0x5d);
  }

  private historical(store: SymbolStore, withData: boolean): number {
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
      // No rows (every delta): small enough for one line.
      this.value({ ...head, data: {} }, 4, 'historical'.length + 4);
      return 0;
    }
    this.sink.char(0x7b);
    Object.entries(head).forEach(([name, value], i) => {
      this.field(5, name, i === 0);
      this.value(value, 5, name.length + 4);
    });
    this.field(5, 'data', false);
    let rows = 0;
    this.sink.char(0x7b);
    series.forEach((s, i) => {
      this.field(6, s.interval, i === 0);
      this.sink.char(0x7b);
      this.field(7, 'count', true);
      this.sink.count(s.bars.length);
      this.field(7, 'dates', false);
      this.value(s.dates, 7);
      this.field(7, 'columns', false);
      this.value(s.interval === '1d' ? DAILY_COLUMNS : BAR_COLUMNS, 7);
      if (s.bars.length > 0) {
        this.rows(
          barRows(s.bars, this.times, s.interval === '1d' ? 'date' : 'dateTime'),
          0,
          s.bars.length,
          7,
        );
      }
      this.close(6, 0x7d);
      rows += s.bars.length;
    });
    this.close(5, 0x7d);
    this.close(4, 0x7d);
    return rows;
  }
}
