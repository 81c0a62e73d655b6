// A consumer's copy of the session, rebuilt from exports exactly as docs/export-format.md section 4, rule 8 says: a
// complete export replaces everything, a delta appends each stream's rows and replaces the always-whole
// parts. It refuses a delta that does not follow (a missing export, another session) instead of applying
// it, so that what it holds is always exactly what the engine held at the last export applied.

import type { SymbolBoard } from '../export/contract';
import {
  type AnalysisChange,
  analysisFollowProblem,
  analysisOf,
  analysisRowsHeld,
  applyAnalysisDelta,
  type HeldShape,
  type MirrorAnalysis,
} from './analysis-state';
import type { ExportDoc, HistoricalIndicatorDoc, IndicatorDoc, SymbolDoc } from './export-doc';
import { RowTable } from './row-table';

export type ApplyOutcome =
  | { kind: 'complete'; sequence: number | null }
  | {
      kind: 'delta';
      sequence: number | null;
      /** Rows added to streams and indicator series. */
      rowsAdded: number;
      changed: StreamChange[];
      /** Indicators whose series got rows, apart from `changed` (whose names are all streams). */
      indicators: IndicatorChange[];
      /** What the analysis section got (its rows count in `rowsAdded` too). */
      analysis: AnalysisChange;
    }
  /** The delta cannot be applied; take a complete export. The mirror is unchanged. */
  | { kind: 'resync'; reason: string };

/** Rows [from, to) of a stream were added by the last delta. */
export interface StreamChange {
  symbol: string;
  stream: string;
  from: number;
  to: number;
}

/** Rows [from, to) of an indicator's series were added by the last delta. */
export interface IndicatorChange {
  symbol: string;
  /** `sma_20_5m` */
  key: string;
  from: number;
  to: number;
}

/** A historical indicator (`historical.indicators`), whole, from the last complete export. */
export interface MirrorHistoricalIndicator {
  /** What the export names it by: `sma_20_5m`. */
  key: string;
  /** From the complete export (or a whole entry); null when no export gave them. */
  name: string | null;
  type: string | null;
  interval: string | null;
  config: unknown;
  /** A number, an object of named outputs, or null while not valid. */
  value: number | Record<string, number | null> | null;
  valid: boolean;
  lastUpdated: string | null;
}

/** A session indicator as the exports gave it (section 9): its fields, and its series' rows. */
export interface MirrorIndicator extends MirrorHistoricalIndicator {
  /** Rows `["timestamp", ...outputs]`, the time as local seconds like the streams'. */
  series: RowTable;
}

export interface SymbolState {
  volume: number;
  high: number | null;
  low: number | null;
  quality: number;
  /** Session streams by name (`1m`, `5m`, `ticks`, ...). */
  streams: Map<string, RowTable>;
  /** The last row of ticks/quotes as the export gave it. */
  latest: Map<string, Record<string, string | number | null>>;
  /** Historical series by interval, with the dates they cover. */
  historical: Map<string, { table: RowTable; dates: string[] }>;
  historicalRange: { start_date: string; end_date: string; days: number } | null;
  /** Session indicators by key, in export order. */
  indicators: Map<string, MirrorIndicator>;
  historicalIndicators: Map<string, MirrorHistoricalIndicator>;
}

/**
 * Versions handed out to every mirror of the worker from one count: a version names one state of one
 * mirror, so a reader that kept one (the page's analysis) never takes another mirror's for its own.
 */
let lastVersion = 0;
const nextVersion = () => ++lastVersion;

export class Mirror {
  /** Changes with every export applied and every board taken: what is read from the mirror is cached by it. */
  version = nextVersion();
  /** Changes when the analysis section changed (rows, positions, account), or a complete export came. */
  analysisVersion = nextVersion();
  /**
   * Every symbol's figures from the live feed (docs/export-format.md section 4.7), which carries rows
   * only for the symbols the page shows; null for a mirror of export files.
   */
  board: SymbolBoard | null = null;
  /** The analysis section's whole parts as last applied, to tell whether a delta changed them. */
  private analysisWhole = '';
  sequence: number | null = null;
  sessionId: number | null = null;
  sessionDate: string | null = null;
  /** Exports applied since the last complete one (the complete one included). */
  applied = 0;
  /** The always-whole sections of the last export applied. */
  sections: Record<string, unknown> = {};
  readonly symbols = new Map<string, SymbolState>();
  /** The analysis section (section 10.1); null when the exports applied had none. */
  analysis: MirrorAnalysis | null = null;
  private hasComplete = false;

  get synced(): boolean {
    return this.hasComplete;
  }

  /** Rows held across every stream, history and indicator series. */
  get rowsHeld(): number {
    let rows = 0;
    for (const s of this.symbols.values()) {
      for (const t of s.streams.values()) rows += t.length;
      for (const h of s.historical.values()) rows += h.table.length;
      for (const i of s.indicators.values()) rows += i.series.length;
    }
    return rows + analysisRowsHeld(this.analysis);
  }

  apply(doc: ExportDoc): ApplyOutcome {
    const outcome = doc.meta.mode === 'complete' ? this.applyComplete(doc) : this.applyDelta(doc);
    if (outcome.kind !== 'resync') this.version = nextVersion();
    return outcome;
  }

  /** Takes the live feed's board of every symbol's figures (it came with the export just applied). */
  takeBoard(board: SymbolBoard | null): void {
    this.board = board;
    this.version = nextVersion();
  }

  private applyComplete(doc: ExportDoc): ApplyOutcome {
    // Built aside and swapped in whole: what the mirror held stays until the new state is complete.
    const symbols = new Map<string, SymbolState>();
    for (const [symbol, s] of Object.entries(doc.symbols)) {
      const state = emptySymbol();
      symbols.set(symbol, state);
      appendSession(state, s, doc.sessionDate, symbol, []);
      for (const [interval, block] of Object.entries(s.historical?.data ?? {})) {
        const table = new RowTable(block.columns, block.count);
        table.append(block.data ?? [], null);
        state.historical.set(interval, { table, dates: block.dates ?? [] });
      }
      state.historicalRange = s.historical?.date_range ?? null;
      for (const [key, entry] of Object.entries(s.historical?.indicators ?? {}))
        state.historicalIndicators.set(key, historicalIndicator(key, entry));
      appendIndicators(state, s, doc.sessionDate, symbol, []);
    }
    const analysis = analysisOf(doc.analysis);
    this.symbols.clear();
    for (const [symbol, state] of symbols) this.symbols.set(symbol, state);
    this.analysis = analysis;
    this.analysisVersion = nextVersion();
    this.analysisWhole = wholeText(doc);
    this.take(doc);
    this.hasComplete = true;
    this.applied = 1;
    return { kind: 'complete', sequence: this.sequence };
  }

  private applyDelta(doc: ExportDoc): ApplyOutcome {
    const problem = this.deltaProblem(doc);
    if (problem) return { kind: 'resync', reason: problem };
    const changed: StreamChange[] = [];
    const indicators: IndicatorChange[] = [];
    let rowsAdded = 0;
    for (const [symbol, s] of Object.entries(doc.symbols)) {
      const state = this.symbols.get(symbol) ?? emptySymbol();
      this.symbols.set(symbol, state);
      rowsAdded += appendSession(state, s, doc.sessionDate, symbol, changed);
      rowsAdded += appendIndicators(state, s, doc.sessionDate, symbol, indicators);
    }
    const applied = applyAnalysisDelta(this.analysis, doc.analysis);
    this.analysis = applied.analysis;
    rowsAdded += applied.change.rows;
    const whole = doc.analysis ? wholeText(doc) : this.analysisWhole;
    if (applied.change.rows > 0 || whole !== this.analysisWhole) this.analysisVersion = nextVersion();
    this.analysisWhole = whole;
    this.take(doc);
    this.applied++;
    return {
      kind: 'delta',
      sequence: this.sequence,
      rowsAdded,
      changed,
      indicators,
      analysis: applied.change,
    };
  }

  /** Why a delta cannot be applied to what the mirror holds, or null when it can. */
  private deltaProblem(doc: ExportDoc): string | null {
    const { meta } = doc;
    if (!this.hasComplete) return 'no complete export has been applied yet';
    if (meta.sessionId !== null && this.sessionId !== null && meta.sessionId !== this.sessionId) {
      return `a new session started (session ${this.sessionId} -> ${meta.sessionId})`;
    }
    if (meta.sequence !== null && this.sequence !== null && meta.previousSequence !== this.sequence) {
      return meta.previousSequence === null
        ? `export #${meta.sequence} does not follow an earlier export`
        : `export #${meta.sequence} follows #${meta.previousSequence}, but the last one applied is #${this.sequence}`;
    }
    // Row positions: each stream's new rows must start exactly where the mirror's copy ends.
    for (const [symbol, s] of Object.entries(doc.symbols)) {
      for (const [name, block] of Object.entries(s.session.data)) {
        const problem = followProblem(
          `${symbol} ${name}`,
          this.symbols.get(symbol)?.streams.get(name),
          block,
        );
        if (problem) return problem;
      }
      // Indicator series follow on as streams do (section 9.1).
      for (const [key, entry] of Object.entries(s.indicators ?? {})) {
        const problem = followProblem(
          `${symbol} indicators.${key}`,
          this.symbols.get(symbol)?.indicators.get(key)?.series,
          entry.series,
        );
        if (problem) return problem;
      }
    }
    return analysisFollowProblem(this.analysis, doc.analysis, followProblem);
  }

  private take(doc: ExportDoc): void {
    this.sequence = doc.meta.sequence;
    this.sessionId = doc.meta.sessionId;
    this.sessionDate = doc.sessionDate;
    const { _metadata, session_data, session_config, analysis: _analysis, ...always } = doc.raw;
    this.sections = { ...always, _metadata };
    if (session_config !== undefined) this.sections.session_config = session_config;
  }
}

/** The analysis section's always-whole parts as text: positions are few, one per symbol traded. */
function wholeText(doc: ExportDoc): string {
  return doc.analysis ? JSON.stringify([doc.analysis.positions, doc.analysis.account]) : '';
}

/**
 * Why a block's rows cannot follow on the rows `table` holds, or null: rows as wide as the held ones (a
 * table never takes rows of another shape), starting where the held ones end. The original's blocks may
 * not say how many rows the stream holds: their rows are taken to follow on.
 */
function followProblem(
  name: string,
  table: HeldShape | undefined,
  block: { count: number; total_count: number; totalKnown: boolean; columns: string[] },
): string | null {
  if (table && block.count > 0 && table.names.length !== block.columns.length)
    return `${name}: the delta's rows have ${block.columns.length} values but the held ones ${table.names.length}`;
  if (!block.totalKnown) return null;
  const held = table?.length ?? 0;
  const starts = block.total_count - block.count;
  return starts === held ? null : `${name}: the delta starts at row ${starts} but ${held} are held`;
}

function historicalIndicator(key: string, entry: HistoricalIndicatorDoc): MirrorHistoricalIndicator {
  const { name, type, interval, config, value, valid, lastUpdated } = entry;
  return { key, name, type, interval, config, value, valid, lastUpdated };
}

/** A session indicator first seen in this export, with no rows yet. */
function newIndicator(key: string, entry: IndicatorDoc): MirrorIndicator {
  const { name, type, interval, config, value, valid, lastUpdated, series } = entry;
  // Sized by the rows present, never by `total_count`, as the streams are.
  const table = new RowTable(series.columns, series.count);
  return { key, name, type, interval, config, value, valid, lastUpdated, series: table };
}

/**
 * Replaces each indicator's value, `valid` and `last_updated` and appends its series rows; returns the rows
 * added. Indicators the export does not carry (left out, or excluded) keep what they held.
 */
function appendIndicators(
  state: SymbolState,
  s: SymbolDoc,
  date: string | null,
  symbol: string,
  changed: IndicatorChange[],
): number {
  let added = 0;
  for (const [key, entry] of Object.entries(s.indicators ?? {})) {
    let indicator = state.indicators.get(key);
    if (!indicator) {
      indicator = newIndicator(key, entry);
      state.indicators.set(key, indicator);
    }
    Object.assign(indicator, { value: entry.value, valid: entry.valid, lastUpdated: entry.lastUpdated });
    // What never changes in a session comes with complete exports and whole entries: filled when given.
    indicator.name ??= entry.name;
    indicator.type ??= entry.type;
    indicator.interval ??= entry.interval;
    if (indicator.config === null || indicator.config === undefined) indicator.config = entry.config;
    const { series } = entry;
    if (!series.data || series.count === 0) continue;
    const from = indicator.series.length;
    indicator.series.append(series.data, date);
    changed.push({ symbol, key, from, to: indicator.series.length });
    added += series.count;
  }
  return added;
}

function emptySymbol(): SymbolState {
  return {
    volume: 0,
    high: null,
    low: null,
    quality: 100,
    streams: new Map(),
    latest: new Map(),
    historical: new Map(),
    historicalRange: null,
    indicators: new Map(),
    historicalIndicators: new Map(),
  };
}

/** Appends a symbol's session rows and replaces its metrics; returns the rows added. */
function appendSession(
  state: SymbolState,
  s: SymbolDoc,
  date: string | null,
  symbol: string,
  changed: StreamChange[],
): number {
  const { volume, high, low, quality, data } = s.session;
  Object.assign(state, { volume, high, low, quality });
  let added = 0;
  for (const [name, block] of Object.entries(data)) {
    let table = state.streams.get(name);
    if (!table) {
      // Sized by the rows present, never by `total_count`: a file cannot make the mirror reserve more.
      table = new RowTable(block.columns, block.count);
      state.streams.set(name, table);
    }
    if (block.latest) state.latest.set(name, block.latest);
    if (!block.data || block.count === 0) continue;
    const from = table.length;
    table.append(block.data, date);
    changed.push({ symbol, stream: name, from, to: table.length });
    added += block.count;
  }
  return added;
}
