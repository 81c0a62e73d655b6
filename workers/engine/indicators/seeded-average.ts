// An average seeded with the simple mean of its first `period` values (the textbook seeding: before that it
// has no value, so early values do not lean on whichever came first), then smoothed one value at a time by
// the subclass's rule: the EMA's and Wilder's differ only there.

export abstract class SeededAverage {
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
    this.value = this.smooth(this.value, x);
    return true;
  }

  /** The next average from the one before and the new value. */
  protected abstract smooth(previous: number, x: number): number;
}
