// Complete and delta exports of the whole system state, per docs/export-format.md. The rows are written as
// bytes straight from the columnar streams; cursors move only after the document was produced whole.
//
// Producing an export and counting it are two steps (`prepare`, then the pending export's `commit`): the
// command line counts an export only once its file is written and closed, so a write that fails leaves
// the consumer's cursor and sequence as they were (section 4, rule 4). `export` and `exportInSlices` do
// both at once: their bytes go to a download or a worker, with nothing to fail after them.

import type { Result } from '../common/result';
import { quotedWord } from '../common/shown-text';
import { yieldToEvents } from '../common/yield-to-events';
import type { Backtest } from '../engine/backtest';
import { formatIsoWithOffset, formatLocalDateTime, utcMsToLocal } from '../engine/calendar';
import {
  ANALYSIS_CURSOR_KEY,
  ANALYSIS_SECTION,
  type AnalysisPlan,
  analysisChangedPaths,
  analysisEndPositions,
  planAnalysis,
} from './analysis';
import { ByteSink, type CancelSignal, type ChunkTarget, ExportCancelled } from './byte-sink';
import {
  CONSUMER_NAME_RULE,
  DEFAULT_CONSUMER,
  type ExportMetadata,
  type ExportProgress,
  type ExportRequest,
  type ExportResult,
  isConsumerName,
  type PendingExport,
} from './contract';
import { CursorRegistry, type CursorView, type Positions } from './cursors';
import { DocumentWriter, metadataSection, type SymbolPlan } from './document-writer';
import { parseExclusions } from './exclusions';
import { ExportStats } from './export-stats';
import {
  historicalIndicatorsValue,
  INDICATORS_SECTION,
  type IndicatorPlan,
  indicatorHead,
  seriesPath,
} from './indicators';
import { type JsonValue, type Layout, writeValue } from './json-value';
import {
  performanceSection,
  sessionConfigSection,
  systemManagerSection,
  threadsSection,
  timeManagerSection,
} from './sections';
import { streamLength, streamSpecs } from './streams';
import { parseSymbolSelection } from './symbol-selection';

/** A request as the exporter takes it: the contract's, plus a cancel signal and where the bytes go. */
export interface ExporterRequest extends ExportRequest {
  signal?: CancelSignal;
  /**
   * Takes each chunk as it is made (a file being written, a stream); the result's `chunks` is then empty.
   * The export still counts only at `commit`: the caller commits once the target has the bytes for good.
   */
  target?: ChunkTarget;
}

export interface SliceOptions {
  /** Checked between symbols: true stops the export, which then changes nothing. */
  isCancelled?: () => boolean;
  /** Called after each symbol. */
  onProgress?: (progress: ExportProgress) => void;
  /** Longest stretch of work between two yields to the event loop. */
  sliceMs?: number;
  /**
   * Awaited after each symbol: an asynchronous target (a file being written) holds the export here until
   * it has caught up, so that the chunks waiting for it stay few.
   */
  drain?: () => Promise<void> | void;
}

/** What a cancelled export answers: it changed nothing. */
export const EXPORT_CANCELLED = 'system export-status: export cancelled; nothing changed';

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
    if (!isConsumerName(consumer)) return fail(consumerError(consumer));
    this.cursors.get(consumer, this.sessionId).reset();
    return ok(consumer);
  }

  /** Produces the whole export at once and counts it (tests, small exports). */
  export(request: ExporterRequest): Result<ExportResult> {
    const pending = this.prepare(request);
    return pending.ok ? pending.value.commit() : pending;
  }

  /**
   * Produces the whole export at once without counting it: nothing changes until `commit` (the command
   * line commits once the file is written). A pending export never committed is simply dropped.
   */
  prepare(request: ExporterRequest): Result<PendingExport> {
    const steps = this.steps(request);
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  }

  /** Every consumer's cursor as a short text, equal exactly when no cursor changed (tests, fuzzing). */
  cursorFingerprint(): string {
    return this.cursors.fingerprint();
  }

  /**
   * Produces the export in slices, yielding to the event loop between symbols so that a worker stays
   * responsive (progress, cancel) during a large complete export. The rows and metrics are those of the
   * moment the export started, even if the replay appends rows meanwhile.
   */
  async exportInSlices(request: ExporterRequest, options: SliceOptions = {}): Promise<Result<ExportResult>> {
    const pending = await this.prepareInSlices(request, options);
    return pending.ok ? pending.value.commit() : pending;
  }

  /**
   * As `exportInSlices`, without counting the export: nothing changes until `commit` (the page commits once
   * the bytes are in its hands). A pending export never committed is simply dropped.
   */
  async prepareInSlices(
    request: ExporterRequest,
    options: SliceOptions = {},
  ): Promise<Result<PendingExport>> {
    // Cancelled while it waited its turn: nothing was begun.
    if (options.isCancelled?.()) return fail(EXPORT_CANCELLED);
    // The replay goes on between slices: the session begun with stays readable until the last one.
    const done = this.backtest.readSession();
    try {
      return await this.runSlices(this.steps(request), options);
    } finally {
      done();
    }
  }

  private async runSlices(
    steps: Generator<ExportProgress, Result<PendingExport>, void>,
    options: SliceOptions,
  ): Promise<Result<PendingExport>> {
    const sliceMs = options.sliceMs ?? 12;
    let sliceStart = performance.now();
    let step = steps.next();
    while (!step.done) {
      options.onProgress?.(step.value);
      const draining = options.drain?.();
      if (draining) {
        try {
          await draining;
        } catch (error) {
          steps.return(fail(EXPORT_CANCELLED));
          throw error;
        }
      }
      if (performance.now() - sliceStart >= sliceMs) {
        await yieldToEvents();
        sliceStart = performance.now();
      }
      if (options.isCancelled?.()) {
        steps.return(fail(EXPORT_CANCELLED));
        return fail(EXPORT_CANCELLED);
      }
      step = steps.next();
    }
    return step.value;
  }

  private *steps(request: ExporterRequest): Generator<ExportProgress, Result<PendingExport>, void> {
    const started = performance.now();
    const consumer = request.consumer ?? DEFAULT_CONSUMER;
    if (!isConsumerName(consumer)) return fail(consumerError(consumer));
    const exclusions = parseExclusions(request.exclude ?? [], this.backtest.config);
    if (!exclusions.ok) return exclusions;
    const selection = parseSymbolSelection(
      request.symbols,
      this.backtest.config.symbols,
      'system export-status: symbols=',
    );
    if (!selection.ok) return selection;
    const sessionId = this.sessionId;
    const cursor = this.cursors.peek(consumer, sessionId);
    const start = this.startPositions(request, cursor);
    if (!start.ok) return start;

    const excluded = exclusions.value;
    const plans = this.plan(request.complete, start.value, excluded, selection.value);
    // Symbols not asked for are planned (their cursors) but not written (section 4.4).
    const written =
      selection.value === null ? plans : plans.filter((p) => selection.value?.has(p.store.symbol));
    const analysis = planAnalysis(
      this.backtest.analysis,
      start.value.get(ANALYSIS_CURSOR_KEY),
      request.complete,
      excluded.has(ANALYSIS_SECTION),
      request.layout !== 'compact',
    );
    const generatedMs = this.now();
    const sequence = cursor.sequence + 1;
    const time = this.backtest.marketTimeMs;
    const metadata: ExportMetadata = {
      mode: request.complete ? 'complete' : 'delta',
      consumer,
      sequence,
      previousSequence: request.complete ? null : (request.since ?? cursor.positionsFrom),
      sessionId,
      generatedAt: formatIsoWithOffset(generatedMs),
      fileTimestamp: fileTimestamp(generatedMs),
      marketTime: time === null ? null : formatLocalDateTime(time),
      changedPaths: request.complete ? [] : [...changedPaths(plans), ...analysisChangedPaths(analysis)],
      excluded: [...excluded],
    };
    if (selection.value !== null) metadata.symbols = written.map((p) => p.store.symbol);
    const layout: Layout = { pretty: request.layout !== 'compact' };
    const sink = new ByteSink(request.signal ?? null, request.target ?? null);
    let rows: number;
    try {
      rows = yield* this.write(sink, layout, metadata, written, analysis, cursor, request.complete, excluded);
    } catch (error) {
      if (error instanceof ExportCancelled) return fail(EXPORT_CANCELLED);
      throw error;
    }
    const result: ExportResult = {
      chunks: sink.finish(),
      bytes: sink.byteLength,
      lines: sink.lines,
      rows,
      durationMs: performance.now() - started,
      metadata,
    };
    const positions = endPositions(plans);
    positions.set(ANALYSIS_CURSOR_KEY, analysisEndPositions(analysis));
    let committed = false;
    const commit = (): Result<ExportResult> => {
      if (committed) return ok(result);
      // Another export of this consumer counted, a reset or a new session since this one was produced:
      // counting it now would put the cursor where the document does not leave it.
      if (this.sessionId !== sessionId || this.cursors.peek(consumer, sessionId).version !== cursor.version) {
        return fail(
          `system export-status: consumer "${consumer}" moved while export #${sequence} was being saved; it was not counted (take it again)`,
        );
      }
      committed = true;
      // Only now, with the document whole (and saved, for the command line), does the cursor move
      // (excluded streams stay where they were).
      this.cursors.get(consumer, sessionId).commit(sequence, metadata.generatedAt, positions);
      if (request.record !== false) this.recordStats(request.complete, result);
      return ok(result);
    };
    return ok({ result, commit });
  }

  private recordStats(complete: boolean, result: ExportResult): void {
    this.stats.record(complete, {
      duration_ms: Math.round(result.durationMs * 1000) / 1000,
      bytes: result.bytes,
      rows: result.rows,
    });
  }

  private get sessionId(): number {
    return this.backtest.session?.sessionId ?? 0;
  }

  private startPositions(request: ExportRequest, cursor: CursorView): Result<Positions> {
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

  private plan(
    complete: boolean,
    start: Positions,
    excluded: ReadonlySet<string>,
    selected: ReadonlySet<string> | null,
  ): SymbolPlan[] {
    const session = this.backtest.session;
    if (!session) return [];
    const specs = streamSpecs(this.backtest.config);
    return [...session.symbols.values()].map((store) => {
      // A symbol not asked for is planned as if all its streams and indicators were excluded: its cursors
      // stay in a delta and go back to the start in a complete export (section 4.4).
      const left = selected !== null && !selected.has(store.symbol);
      const indicatorsExcluded = left || excluded.has(INDICATORS_SECTION);
      // Historical indicators go whole in complete exports only, and either exclusion leaves them out.
      const withHistoricalIndicators = complete && !excluded.has('historical') && !indicatorsExcluded;
      const from = start.get(store.symbol);
      const metrics = store.metrics;
      return {
        store,
        metrics: {
          volume: metrics.volume,
          high: Number.isNaN(metrics.high) ? null : metrics.high,
          low: Number.isNaN(metrics.low) ? null : metrics.low,
          quality: metrics.quality,
        },
        streams: specs.map((spec, k) => {
          const to = streamLength(store, spec);
          const isExcluded = left || excluded.has(spec.name);
          // An excluded stream keeps the consumer's old position, so a later export still sends its rows.
          const at = complete ? 0 : Math.min(from?.[k] ?? 0, to);
          return { spec, from: isExcluded ? (from?.[k] ?? 0) : at, to, excluded: isExcluded };
        }),
        // Series are planned as streams are, at the positions after the streams'; then, after every series
        // position, how many bars each indicator had taken when its entry was last sent.
        indicators: store.indicators.map((indicator, j): IndicatorPlan => {
          const k = specs.length + j;
          const to = indicator.series.length;
          const held = from?.[k] ?? 0;
          const updatesHeld = from?.[specs.length + store.indicators.length + j] ?? NOT_HELD;
          const at = indicatorsExcluded ? held : complete ? 0 : Math.min(held, to);
          const carried = !indicatorsExcluded && (complete || indicator.updates !== updatesHeld);
          return {
            indicator,
            // An entry the consumer does not hold goes whole, name and config included, even in a delta. An
            // entry not written needs no head: formatting one for every indicator of every symbol left out
            // (the live feed's thousand symbols) was most of a small delta's time.
            head: carried ? indicatorHead(indicator, complete || updatesHeld === NOT_HELD) : {},
            from: at,
            to,
            excluded: indicatorsExcluded,
            updatesTo: carried ? indicator.updates : complete ? NOT_HELD : updatesHeld,
            carried,
          };
        }),
        historicalIndicators: withHistoricalIndicators
          ? historicalIndicatorsValue(store.historicalIndicators)
          : null,
      };
    });
  }

  private *write(
    sink: ByteSink,
    layout: Layout,
    metadata: ExportMetadata,
    plans: SymbolPlan[],
    analysis: AnalysisPlan,
    cursor: CursorView,
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
    const writer = new DocumentWriter(sink, layout);
    sink.char(0x7b);
    writer.field(1, '_metadata', true);
    writeValue(sink, metadataSection(metadata, cursor.lastGeneratedAt), layout, 2);
    for (const [name, build] of sections) {
      if (excluded.has(name)) continue;
      writer.field(1, name, false);
      writeValue(sink, build(), layout, 2, name.length + 4);
    }
    writer.field(1, 'session_data', false);
    let rows = yield* writer.sessionData(
      backtest.session,
      plans,
      complete && !excluded.has('historical'),
      this.sessionActive,
    );
    // After session_data, in every export unless left out (section 10.1).
    if (!analysis.excluded) {
      writer.field(1, 'analysis', false);
      rows += writer.analysis(analysis);
    }
    if (layout.pretty) sink.newline(0);
    sink.char(0x7d);
    sink.char(0x0a);
    sink.lines++;
    return rows;
  }

  private get sessionActive(): boolean {
    const backtest = this.backtest;
    return (
      backtest.session !== null &&
      (backtest.state === 'RUNNING' || backtest.state === 'PAUSED') &&
      backtest.minute < backtest.sessionMinutes
    );
  }
}

function consumerError(consumer: string): string {
  return `system export-status: consumer=${quotedWord(consumer)} is not a consumer name (expected ${CONSUMER_NAME_RULE})`;
}

function changedPaths(plans: SymbolPlan[]): string[] {
  const paths: string[] = [];
  for (const { store, streams, indicators } of plans) {
    for (const stream of streams) {
      if (!stream.excluded && stream.to > stream.from)
        paths.push(`session_data.symbols.${store.symbol}.session.data.${stream.spec.name}`);
    }
    for (const plan of indicators) {
      if (!plan.excluded && plan.to > plan.from)
        paths.push(seriesPath(store.symbol, plan.indicator.spec.key));
    }
  }
  return paths;
}

/**
 * Where each stream's and then each indicator series' cursor ends (excluded ones stay where they were), then
 * each indicator's bars taken as its entry was last sent.
 */
function endPositions(plans: SymbolPlan[]): Positions {
  const end = (p: { excluded: boolean; from: number; to: number }) => (p.excluded ? p.from : p.to);
  return new Map(
    plans.map(({ store, streams, indicators }) => [
      store.symbol,
      Int32Array.from([...streams.map(end), ...indicators.map(end), ...indicators.map((p) => p.updatesTo)]),
    ]),
  );
}

/** An indicator entry the consumer does not hold: the next delta writes it whole. */
const NOT_HELD = -1;

/** `YYYYMMDD_HHMMSS` in exchange-local time: the time part of default file names (section 6). */
export function fileTimestamp(ms: number): string {
  const local = utcMsToLocal(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.date.replaceAll('-', '')}_${pad(Math.floor(local.minuteOfDay / 60))}${pad(local.minuteOfDay % 60)}${pad(local.second)}`;
}
