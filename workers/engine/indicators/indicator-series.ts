// One session indicator of one symbol: its calculation, its last value and the series of its valid values
// over the session's bars, in columns.

import { SeriesColumns } from '../columns';
import type { HistoricalIndicatorSpec, SessionIndicatorSpec } from './spec';
import type { IndicatorCalc } from './types';

export class IndicatorSeries {
  readonly series: SeriesColumns;
  /** The last values computed, one per output (meaningful when `valid`). */
  readonly value: Float64Array;
  valid = false;
  /** Epoch ms of the bar that last updated it (a history bar before the session's first), NaN before any. */
  lastUpdated = Number.NaN;
  /** Rows of the session's bar stream of `spec.interval` already fed. */
  fed = 0;

  constructor(
    readonly spec: SessionIndicatorSpec,
    /** Output names, catalogue order: `["value"]`, or `["upper", "middle", "lower"]`. */
    readonly outputs: readonly string[],
    private readonly calc: IndicatorCalc,
    capacity: number,
  ) {
    this.series = new SeriesColumns(outputs.length, capacity);
    this.value = new Float64Array(outputs.length);
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
    const valid = this.calc.update(newDay, open, high, low, close, volume, this.value);
    this.lastUpdated = time;
    if (!valid) return;
    this.valid = true;
    if (inSession) this.series.append(time, this.value);
  }
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
