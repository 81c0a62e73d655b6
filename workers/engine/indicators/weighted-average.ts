// A linearly weighted moving average (WMA) of the last `period` values, weights 1 (oldest) .. period
// (newest), divided by period * (period + 1) / 2. Kept in O(1) per value with two running sums: when the
// window slides, every held value loses one weight step, which lowers the weighted sum by the plain sum of
// the window; the new value enters at full weight.

import { RingBuffer } from './ring-buffer';

export class WeightedAverage {
  private readonly ring: RingBuffer;
  private readonly divisor: number;
  private sum = 0;
  private weighted = 0;
  private sinceExact = 0;
  /** The current average (meaningful once `ready`). */
  value = Number.NaN;

  constructor(readonly period: number) {
    this.ring = new RingBuffer(period);
    this.divisor = (period * (period + 1)) / 2;
  }

  get ready(): boolean {
    return this.ring.full;
  }

  /** Takes the next value; returns whether the average exists (period values seen). */
  push(x: number): boolean {
    const wasFull = this.ring.full;
    const evicted = this.ring.push(x);
    if (wasFull) {
      // Every held value steps down one weight (minus the old plain sum); the oldest (weight 1) leaves with it.
      this.weighted += this.period * x - this.sum;
      this.sum += x - evicted;
    } else {
      // Filling up: the new value takes the next weight, the size after the push.
      this.weighted += this.ring.size * x;
      this.sum += x;
    }
    if (!this.ring.full) return false;
    if (++this.sinceExact >= this.period) {
      let sum = 0;
      let weighted = 0;
      for (let i = 0; i < this.period; i++) {
        const v = this.ring.at(i);
        sum += v;
        weighted += (i + 1) * v;
      }
      this.sum = sum;
      this.weighted = weighted;
      this.sinceExact = 0;
    }
    this.value = this.weighted / this.divisor;
    return true;
  }
}
