// The mean of the last `period` values: a running sum over a ring buffer, so each value costs one addition
// and one subtraction instead of a pass over the window. Adding and subtracting leaves a little rounding
// behind each time, which over a long history (and a price level that moves a lot) adds up; so once per
// turn of the ring the sum is taken afresh from the ring: O(period) every `period` values, amortized O(1).

import { RingBuffer } from './ring-buffer';

export class RollingMean {
  private readonly ring: RingBuffer;
  private sum = 0;
  /**
   * Values in the window that are not zero. A running sum that adds and later subtracts non-integers may end
   * a hair away from 0 when the window is all zeros (volume_ratio divides by it), so an all-zero window is
   * recognised by this count and its mean reported as exactly 0.
   */
  private nonZero = 0;
  private sinceExact = 0;

  constructor(readonly period: number) {
    this.ring = new RingBuffer(period);
  }

  /** Adds a value; returns whether the window is full. */
  push(value: number): boolean {
    const evicted = this.ring.push(value);
    if (!Number.isNaN(evicted)) {
      this.sum -= evicted;
      if (evicted !== 0) this.nonZero--;
    }
    this.sum += value;
    if (value !== 0) this.nonZero++;
    if (++this.sinceExact >= this.period) {
      let sum = 0;
      for (let i = 0; i < this.ring.size; i++) sum += this.ring.at(i);
      this.sum = sum;
      this.sinceExact = 0;
    }
    return this.ring.full;
  }

  get full(): boolean {
    return this.ring.full;
  }

  /** The mean of the values held (meaningful once `full`). */
  get mean(): number {
    return this.nonZero === 0 ? 0 : this.sum / this.ring.size;
  }
}
