// Chart series out of a mirror: for an interval, the historical bars of that interval (if any were
// loaded) followed by the session's, on one time axis of exchange-local seconds.

import { compareIntervalKeys } from '../common/interval-key';
import type { SymbolState } from './mirror';
import type { RowTable } from './row-table';

export interface BarSeries {
  /** Exchange-local wall time read as UTC, in seconds (lightweight-charts shows it as is). */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** Index of the first bar in the whole series (history + session) that these arrays start at. */
  from: number;
  /** Bars in the whole series. */
  total: number;
  /** How many of the whole series' bars are history (they come first). */
  historyCount: number;
}

/** A table of bars: six columns or more, `open` second (a file's own columns may name others). */
const isBars = (table: RowTable): boolean => table.names.length >= 6 && table.names[1] === 'open';

/** Intervals a chart can show for a symbol: the session streams that are bars, and history-only ones. */
export function chartIntervals(state: SymbolState): string[] {
  const intervals = new Set<string>();
  for (const [name, table] of state.streams) if (isBars(table)) intervals.add(name);
  for (const name of state.historical.keys()) intervals.add(name);
  return [...intervals].sort(compareIntervalKeys);
}

/** A series' bars as columns, in this order (the order of a bar table's first six columns). */
const BAR_COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
type BarColumn = (typeof BAR_COLUMNS)[number];

/** Bars [from, total) of `interval`: history first, then the session. */
export function barSeries(state: SymbolState, interval: string, from = 0): BarSeries {
  const { columns, ...span } = copyBars(state, interval, from, BAR_COLUMNS);
  const [time, open, high, low, close, volume] = columns as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return { time, open, high, low, close, volume, ...span };
}

/** A series' times and closes only: what a line over another symbol's chart draws. */
export interface CloseSeries {
  time: Float64Array;
  close: Float64Array;
  /** Index of the first bar in the whole series that these arrays start at. */
  from: number;
  /** Bars in the whole series. */
  total: number;
}

/**
 * The times and closes of bars [from, total) of `interval`, as `barSeries` reads them, without copying the
 * four columns a close line does not draw.
 */
export function closeSeries(state: SymbolState, interval: string, from = 0): CloseSeries {
  const { columns, from: start, total } = copyBars(state, interval, from, ['time', 'close']);
  const [time, close] = columns as [Float64Array, Float64Array];
  return { time, close, from: start, total };
}

/** The `wanted` columns of bars [from, total) of `interval`, each copied into an array of its own. */
function copyBars(
  state: SymbolState,
  interval: string,
  from: number,
  wanted: readonly BarColumn[],
): { columns: Float64Array[]; from: number; total: number; historyCount: number } {
  const history = state.historical.get(interval)?.table;
  const session = state.streams.get(interval);
  const parts = [history, session].filter((t) => t !== undefined && isBars(t));
  const historyCount = history?.length ?? 0;
  const total = parts.reduce((n, t) => n + (t?.length ?? 0), 0);
  const start = Math.min(Math.max(0, from), total);
  const n = total - start;
  const indexes = wanted.map((name) => BAR_COLUMNS.indexOf(name));
  const columns = indexes.map(() => new Float64Array(n));
  let offset = 0; // index in the whole series where the current part starts
  let at = 0;
  for (const table of parts) {
    if (!table) continue;
    const skip = Math.max(0, start - offset);
    indexes.forEach((c, i) => {
      (columns[i] as Float64Array).set(table.column(c).subarray(skip), at);
    });
    at += Math.max(0, table.length - skip);
    offset += table.length;
  }
  return { columns, from: start, total, historyCount };
}
