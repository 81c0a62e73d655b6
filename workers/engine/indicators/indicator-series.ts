// One session indicator of one symbol: its calculation, its last value and the series of its valid values
// over the session's bars, in columns.

import { type BarColumns, SeriesColumns } from '../columns';
import type { HistoricalIndicatorSpec, SessionIndicatorSpec } from './spec';
import type { IndicatorCalc } from './types';

/** Powers of ten 10^0 .. 10^22, each exact as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Significant digits an indicator's values keep: far below its 1e-9 accuracy, far above the noise. */
export const INDICATOR_DIGITS = 12;

/**
 * `x` to 12 significant digits: 12.523000000000007 (the rounding left by a running sum) becomes 12.523, which
 * exports write in 6 characters instead of 18. The integer `x * 10^k` is exact below 2^53, and dividing it by
 * an exact power of ten gives the double nearest the decimal, which prints as that decimal.
 */
export function roundIndicator(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const k = INDICATOR_DIGITS - 1 - Math.floor(Math.log10(Math.abs(x)));
  if (k <= 0) return Math.round(x);
  // Below about 1e-11 (a MACD of floating-point noise) no power of ten is exact enough: the slow way.
  if (k >= POW10.length) return Number(x.toPrecision(INDICATOR_DIGITS));
  const p = POW10[k] as number;
  return Math.round(x * p) / p;
}

export class IndicatorSeries {
  readonly series: SeriesColumns;
  /** The last values computed, one per output, to 12 significant digits (meaningful when `valid`). */
  readonly value: Float64Array;
  /** What the calculation writes, at full precision. */
  private readonly raw: Float64Array;
  valid = false;
  /** Epoch ms of the bar that last updated it (a history bar before the session's first), NaN before any. */
  lastUpdated = Number.NaN;
  /** Bars taken since the session opened, warm-up included: it changes exactly when the entry may have. */
  updates = 0;

  constructor(
    readonly spec: SessionIndicatorSpec,
    /** Output names, catalogue order: `["value"]`, or `["upper", "middle", "lower"]`. */
    readonly outputs: readonly string[],
    private readonly calc: IndicatorCalc,
    capacity: number,
  ) {
    this.series = new SeriesColumns(outputs.length, capacity);
    this.value = new Float64Array(outputs.length);
    this.raw = new Float64Array(outputs.length);
  }

  /**
   * Takes the next closed bar of the interval. A session bar (`inSession`) adds a series row once the
   * indicator is valid; a history bar only warms it up.
   */
  feed(
    time: number,
    newDay: boolean,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
    inSession: boolean,
  ): void {
    const valid = this.calc.update(newDay, open, high, low, close, volume, this.raw);
    this.lastUpdated = time;
    this.updates++;
    if (!valid) return;
    for (let k = 0; k < this.raw.length; k++) this.value[k] = roundIndicator(this.raw[k] as number);
    this.valid = true;
    if (inSession) this.series.append(time, this.value);
  }
}

/** The session indicators of one interval of one symbol: fed together, a bar at a time, from its bars. */
export interface IndicatorGroup {
  readonly interval: string;
  /** The session's bars of the interval (a stream's, or built for the indicators only). */
  readonly bars: BarColumns;
  readonly members: IndicatorSeries[];
  /** Bars of `bars` already fed. */
  fed: number;
  /** A strategy watches the interval: its bars are fed one at a time, the strategies seeing each. */
  readonly watched: boolean;
}

/** A historical indicator of one symbol, computed once as its session opens. */
export interface HistoricalIndicatorValue {
  readonly spec: HistoricalIndicatorSpec;
  readonly outputs: readonly string[];
  readonly valid: boolean;
  /** One value per output (meaningful when `valid`). */
  readonly value: Float64Array;
  /** Epoch ms of the last daily bar it read, NaN when it read none. */
  readonly lastUpdated: number;
}
