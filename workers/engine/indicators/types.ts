// What every indicator of the catalogue (workers/common/indicator-catalogue.ts) implements. A session
// indicator takes the bars of its interval one at a time as each closes, in O(1) work per bar and
// O(period) memory (ring buffers, running sums, monotonic deques), never recomputing over its window. A
// historical indicator is one value computed from the daily bars before the session.

import type { BarColumns } from '../columns';

export interface IndicatorCalc {
  /**
   * Takes the next closed bar of the indicator's interval. `newDay` is true for the first bar of a trading
   * day (history and session alike): `vwap`, `pivot_points` and `high_low` with period 0 start over there.
   * Writes one value per output (catalogue order) into `out` and returns whether they are valid: false
   * while warming up. Once valid, an indicator stays valid.
   */
  update(
    newDay: boolean,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    out: Float64Array,
  ): boolean;
}

/** Makes a fresh calculation for `period` and `params` (already checked and filled with defaults). */
export type CalcFactory = (period: number, params: Readonly<Record<string, number>>) => IndicatorCalc;

/** The daily bars a historical indicator reads: oldest first, `time` at each date's local midnight. */
export interface DailyInput {
  bars: BarColumns;
  /** `YYYY-MM-DD` of each bar. */
  dates: readonly string[];
  /** The session's date: the bars are the days before it. */
  sessionDate: string;
}

/**
 * Computes a historical indicator over the last `period` daily bars before the session (or, with `unit`
 * `weeks`, the bars dated within the 7 * `period` calendar days before the session's date; see
 * docs/indicators.md, "Historical indicators"). Writes one value per output into
 * `out` and returns whether they are valid (false when the history is too short).
 */
export type HistoricalCalc = (
  input: DailyInput,
  period: number,
  unit: 'days' | 'weeks',
  params: Readonly<Record<string, number>>,
  out: Float64Array,
) => boolean;
