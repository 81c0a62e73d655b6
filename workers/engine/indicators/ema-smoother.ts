// An exponential moving average with alpha = 2 / (period + 1), seeded with the simple mean of its first
// `period` values (the textbook seeding): before that it has no value, so early values do not lean on
// whichever value happened to come first.

export class EmaSmoother {
  private readonly alpha: number;
  private seen = 0;
  private seedSum = 0;
  /** The current average (meaningful once `ready`). */
  value = Number.NaN;

  constructor(readonly period: number) {
    this.alpha = 2 / (period + 1);
  }

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
    // The textbook update: prev + alpha * (x - prev).
    this.value += this.alpha * (x - this.value);
    return true;
  }
}
