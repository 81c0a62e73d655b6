// The analysis section as a consumer holds it, rebuilt from exports by rule 8 of docs/export-format.md
// section 4 (section 10.1): a complete export replaces it; a delta appends each analysis stream's rows,
// replaces the positions and the account, and keeps each strategy's `enabled` and `config` (which only
// complete exports carry).

import { EQUITY_COLUMNS } from '../export/contract';
import type { AccountDoc, AnalysisDoc, PositionDoc } from './analysis-doc';
import { RowTable } from './row-table';
import type { Row, StreamBlock } from './stream-block';

/** Rows of one analysis stream held as the export wrote them: signals and orders are few, and hold text. */
export interface HeldRows {
  columns: string[];
  rows: Row[];
}

export interface MirrorStrategy {
  module: string;
  /** From the last complete export; null when none said. */
  enabled: boolean | null;
  config: unknown;
  signals: HeldRows;
  orders: HeldRows;
}

export interface MirrorAnalysis {
  /** By module, in the export's order. */
  strategies: Map<string, MirrorStrategy>;
  positions: Map<string, PositionDoc>;
  account: AccountDoc | null;
  /** Equity samples: time as local seconds (like the bars), then cash, equity, realized and unrealized P&L. */
  equity: RowTable;
  /**
   * Counts the deltas that added signals or orders (every delta replaces the positions and the account,
   * most add an equity sample, few add an order): what a view builds from the signals and orders (markers,
   * the sorted orders, the trades) is kept until this moves.
   */
  version: number;
}

/** What a stream's follow-on check needs of the rows held: how many, and how wide. */
export interface HeldShape {
  length: number;
  names: readonly string[];
}

/** What the last delta added to the analysis section. */
export interface AnalysisChange {
  /** Rows added to equity, signals and orders together. */
  rows: number;
  /** Whether any order came (the trades and the summary change). */
  orders: boolean;
}

const held = (block: StreamBlock): HeldRows => ({ columns: block.columns, rows: [...(block.data ?? [])] });

/** The analysis of a complete export (null when it has none). */
export function analysisOf(doc: AnalysisDoc | null): MirrorAnalysis | null {
  if (!doc) return null;
  const strategies = new Map<string, MirrorStrategy>();
  for (const [module, s] of Object.entries(doc.strategies))
    strategies.set(module, {
      module,
      enabled: s.enabled,
      config: s.config,
      signals: held(s.signals),
      orders: held(s.orders),
    });
  const equityBlock = doc.equity;
  const equity = new RowTable(equityBlock?.columns ?? [...EQUITY_COLUMNS], equityBlock?.count ?? 0);
  if (equityBlock?.data) equity.append(equityBlock.data, null);
  return {
    strategies,
    positions: new Map(Object.entries(doc.positions ?? {})),
    account: doc.account,
    equity,
    version: 0,
  };
}

/** Rows held in the analysis streams. */
export function analysisRowsHeld(analysis: MirrorAnalysis | null): number {
  if (!analysis) return 0;
  let rows = analysis.equity.length;
  for (const s of analysis.strategies.values()) rows += s.signals.rows.length + s.orders.rows.length;
  return rows;
}

/**
 * Why a delta's analysis rows cannot follow what is held, or null (section 4.2): each stream's rows start
 * where the held ones end, and are as wide. `follow` is the mirror's check for one stream.
 */
export function analysisFollowProblem(
  held: MirrorAnalysis | null,
  doc: AnalysisDoc | null,
  follow: (name: string, heldRows: HeldShape | undefined, block: StreamBlock) => string | null,
): string | null {
  if (!doc) return null;
  const rowsOf = (h: HeldRows | undefined) =>
    h === undefined ? undefined : { length: h.rows.length, names: h.columns };
  for (const [module, s] of Object.entries(doc.strategies)) {
    const strategy = held?.strategies.get(module);
    const problem =
      follow(`analysis ${module} signals`, rowsOf(strategy?.signals), s.signals) ??
      follow(`analysis ${module} orders`, rowsOf(strategy?.orders), s.orders);
    if (problem) return problem;
  }
  return doc.equity ? follow('analysis equity', held?.equity, doc.equity) : null;
}

/** Applies a delta's analysis section to what is held (checked first by `analysisFollowProblem`). */
export function applyAnalysisDelta(
  held: MirrorAnalysis | null,
  doc: AnalysisDoc | null,
): { analysis: MirrorAnalysis | null; change: AnalysisChange } {
  const change: AnalysisChange = { rows: 0, orders: false };
  // A delta that left the section out changes nothing of it.
  if (!doc) return { analysis: held, change };
  const analysis = held ?? analysisOf({ strategies: {}, positions: {}, account: null, equity: null });
  if (!analysis) return { analysis: held, change };
  for (const [module, s] of Object.entries(doc.strategies)) {
    let strategy = analysis.strategies.get(module);
    if (!strategy) {
      strategy = { module, enabled: null, config: null, signals: held0(s.signals), orders: held0(s.orders) };
      analysis.strategies.set(module, strategy);
    }
    if (s.enabled !== null) strategy.enabled = s.enabled;
    if (s.config !== null) strategy.config = s.config;
    for (const [part, block] of [
      [strategy.signals, s.signals],
      [strategy.orders, s.orders],
    ] as const) {
      if (!block.data || block.count === 0) continue;
      for (const row of block.data) part.rows.push(row);
      change.rows += block.count;
      analysis.version++;
      if (part === strategy.orders) change.orders = true;
    }
  }
  if (doc.equity?.data && doc.equity.count > 0) {
    analysis.equity.append(doc.equity.data, null);
    change.rows += doc.equity.count;
  }
  // Always whole: replaced when given (a damaged part, noted, leaves what is held).
  if (doc.positions) analysis.positions = new Map(Object.entries(doc.positions));
  if (doc.account) analysis.account = doc.account;
  return { analysis, change };
}

const held0 = (block: StreamBlock): HeldRows => ({ columns: block.columns, rows: [] });
