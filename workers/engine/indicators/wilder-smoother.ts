// Wilder's smoothing (used by RSI and ATR): the first value is the simple mean of the first `period` inputs,
// each later one (prev * (period - 1) + x) / period, i.e. an EMA with alpha = 1 / period. Constant memory.

export class WilderSmoother {
  private seen = 0;
  private seedSum = 0;
  /** The current average (meaningful once `ready`). */
  value = Number.NaN;

  constructor(readonly period: number) {}

  get ready(): boolean {
    return this.seen >= this.period;
  }

  /** Takes the next value; returns whether the average exists. */
  push(x: number): boolean {
    this.seen++;
    if (this.seen < this.period) {
      this.seedSum += x;
      return false;
    }
    if (this.seen === this.period) {
      this.value = (this.seedSum + x) / this.period;
      return true;
    }
    this.value = (this.value * (this.period - 1) + x) / this.period;
    return true;
  }
}
