// What an export says of the analysis engine (docs/export-format.md sections 10 and 10.1): each strategy's
// signals and orders, the positions, the account and its equity samples. The rows span the whole run, not
// one session, so they are stamped with the full exchange-local date-time. Each of the section's streams
// (equity, and each strategy's signals and orders) is planned like a session stream: one cursor position
// per stream, under a key of its own in the consumer's positions.

import { concatBytes } from '../common/bytes';
import type {
  AccountState,
  AnalysisStore,
  OrderRow,
  PositionState,
  SignalRow,
  StrategyRecord,
} from '../engine/analysis/analysis-store';
import { formatLocalDateTime } from '../engine/calendar';
import { roundIndicator } from '../engine/indicators/indicator-series';
import { ByteSink } from './byte-sink';
import { type JsonValue, writeValue } from './json-value';

/** `exclude=analysis`: a section name, like `threads` (section 4.4). */
export const ANALYSIS_SECTION = 'analysis';

/**
 * The analysis streams' cursor positions live in the consumer's positions under this key, beside the
 * symbols' (it can never be a symbol: symbols are upper-case tickers). Equity first, then each strategy's
 * signals and orders, in the configuration's order (the strategies are fixed for the run).
 */
export const ANALYSIS_CURSOR_KEY = '#analysis';

/**
 * Money to 12 significant digits, as indicator values are (section 9.1): the engine keeps exact sums, whose
 * binary leftovers (`98746.99999999999`) would otherwise be written in full. NaN and infinities are null.
 */
export function money(x: number): number | null {
  return Number.isFinite(x) ? roundIndicator(x) : null;
}

/** Rows [from, to) of one analysis stream in one export. */
export interface AnalysisRange {
  from: number;
  to: number;
}

export interface StrategyPlan {
  record: StrategyRecord;
  signals: AnalysisRange;
  orders: AnalysisRange;
}

/** The analysis section of one export, taken when the export starts (rows and whole parts the same instant). */
export interface AnalysisPlan {
  store: AnalysisStore;
  /** `exclude=analysis`: the section is not written and its cursors stay (delta) or go back to 0 (complete). */
  excluded: boolean;
  /** Complete exports carry each strategy's `enabled` and `config`; deltas do not. */
  complete: boolean;
  strategies: StrategyPlan[];
  equity: AnalysisRange;
  /** `positions` and `account` as written, taken with the plan (null when the section is left out). */
  positions: EncodedValue | null;
  account: EncodedValue | null;
}

/** A value's JSON text as the document writes it after its key, and the line breaks it holds. */
export interface EncodedValue {
  bytes: Uint8Array;
  lines: number;
}

/** The indentation of the section's members (depth 2), where positions and account are written. */
const MEMBER_INDENT = 4;

function encode(value: JsonValue, key: string, pretty: boolean): EncodedValue {
  const sink = new ByteSink();
  writeValue(sink, value, { pretty }, MEMBER_INDENT, key.length + 4);
  const chunks = sink.finish();
  // A single chunk is the sink's own buffer: copied, as the value is kept across exports.
  const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array).slice() : concatBytes(chunks);
  return { bytes, lines: sink.lines };
}

interface WholeParts {
  version: number;
  pretty: boolean;
  positions: EncodedValue;
  account: EncodedValue;
}

/**
 * The last positions and account written of each store, by its version: every export sends them whole, and
 * while the store does not change (a delta with nothing new, another consumer's export, a paused replay),
 * they are the same bytes. Building them for 100 positions costs more than the rest of a one-bar delta.
 */
const wholeParts = new WeakMap<AnalysisStore, WholeParts>();

function wholePartsOf(store: AnalysisStore, pretty: boolean): WholeParts {
  const held = wholeParts.get(store);
  if (held && held.version === store.version && held.pretty === pretty) return held;
  const parts = {
    version: store.version,
    pretty,
    positions: encode(positionsValue(store.positions), 'positions', pretty),
    account: encode(accountValue(store.account), 'account', pretty),
  };
  wholeParts.set(store, parts);
  return parts;
}

/** Where each stream of the section starts: the positions under `ANALYSIS_CURSOR_KEY`, in their order. */
export function planAnalysis(
  store: AnalysisStore,
  held: Int32Array | undefined,
  complete: boolean,
  excluded: boolean,
  pretty: boolean,
): AnalysisPlan {
  let k = 0;
  const range = (to: number): AnalysisRange => {
    const had = held?.[k++] ?? 0;
    // An excluded stream keeps the consumer's position (in a complete export, `held` is none: back to 0).
    const from = excluded ? had : complete ? 0 : Math.min(had, to);
    return { from, to };
  };
  const equity = range(store.equity.length);
  const strategies = store.strategies.map((record) => ({
    record,
    signals: range(record.signals.length),
    orders: range(record.orders.length),
  }));
  // An excluded section is not written: its whole parts need not be built.
  const whole = excluded ? null : wholePartsOf(store, pretty);
  return {
    store,
    excluded,
    complete,
    strategies,
    equity,
    positions: whole?.positions ?? null,
    account: whole?.account ?? null,
  };
}

/** Where the section's cursors end: excluded streams stay where they were. */
export function analysisEndPositions(plan: AnalysisPlan): Int32Array {
  const end = (r: AnalysisRange) => (plan.excluded ? r.from : r.to);
  return Int32Array.from([
    end(plan.equity),
    ...plan.strategies.flatMap((s) => [end(s.signals), end(s.orders)]),
  ]);
}

/** The changed paths of the section's streams with new rows (section 2), in document order. */
export function analysisChangedPaths(plan: AnalysisPlan): string[] {
  if (plan.excluded) return [];
  const paths: string[] = [];
  const grew = (r: AnalysisRange) => r.to > r.from;
  for (const { record, signals, orders } of plan.strategies) {
    if (grew(signals)) paths.push(`analysis.strategies.${record.module}.signals`);
    if (grew(orders)) paths.push(`analysis.strategies.${record.module}.orders`);
  }
  if (grew(plan.equity)) paths.push('analysis.equity');
  return paths;
}

function positionValue(p: PositionState): JsonValue {
  return {
    quantity: p.quantity,
    avg_price: money(p.avgPrice),
    realized_pnl: money(p.realizedPnl),
    unrealized_pnl: money(p.unrealizedPnl),
    last_price: money(p.lastPrice),
  };
}

export function positionsValue(positions: ReadonlyMap<string, PositionState>): JsonValue {
  const value: { [symbol: string]: JsonValue } = {};
  for (const [symbol, p] of positions) value[symbol] = positionValue(p);
  return value;
}

export function accountValue(a: AccountState): JsonValue {
  return {
    cash: money(a.cash),
    equity: money(a.equity),
    realized_pnl: money(a.realizedPnl),
    unrealized_pnl: money(a.unrealizedPnl),
    trades: a.trades,
  };
}

/** A signal as a row of SIGNAL_COLUMNS. */
export function signalRow(s: SignalRow): JsonValue[] {
  return [
    formatLocalDateTime(s.time),
    formatLocalDateTime(s.decidedAt),
    s.symbol,
    s.interval,
    s.action,
    s.quantity,
    money(s.price),
    s.reason,
  ];
}

/** An order as a row of ORDER_COLUMNS. */
export function orderRow(o: OrderRow): JsonValue[] {
  return [
    formatLocalDateTime(o.time),
    o.id,
    o.symbol,
    o.side,
    o.quantity,
    o.status,
    o.price === null ? null : money(o.price),
    money(o.commission),
    o.realizedPnl === null ? null : money(o.realizedPnl),
    formatLocalDateTime(o.signalTime),
    o.reason,
  ];
}

/** `enabled` and `config` of a strategy: sent in complete exports only (they never change in a run). */
export function strategyHead(record: StrategyRecord): { [key: string]: JsonValue } {
  return { enabled: record.enabled, config: record.config as JsonValue };
}
