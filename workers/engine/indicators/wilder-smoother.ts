// Wilder's smoothing (used by RSI and ATR): the first value is the simple mean of the first `period` inputs,
// each later one (prev * (period - 1) + x) / period, i.e. an EMA with alpha = 1 / period. Constant memory.

import { SeededAverage } from './seeded-average';

export class WilderSmoother extends SeededAverage {
  protected smooth(previous: number, x: number): number {
    return (previous * (this.period - 1) + x) / this.period;
  }
}
