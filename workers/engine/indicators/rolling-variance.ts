// Mean and population variance of the last `period` values, in amortized O(1) per value and numerically
// careful (bbands needs 1e-9 relative agreement with a two-pass computation at prices ~150 and tiny
// variance, where the naive sum-of-squares formula loses every digit to cancellation):
//
// - a sliding Welford update: replacing `old` by `x` moves the mean by (x - old) / n and the sum of squared
//   deviations M2 by (x - old) * (x - newMean + old - oldMean), which never squares a raw price;
// - each time the ring has turned over once (every `period` values), mean and M2 are recomputed exactly by
//   two passes over the ring: O(period) every `period` values is amortized O(1), and it stops rounding
//   errors from piling up over a long session;
// - a window whose values are all equal (max == min, from two monotonic deques) has variance exactly 0 and
//   its value as mean: just after a volatile stretch the sliding M2 can keep a rounding residue far larger
//   than 0, and the square root would blow it up.

import { MonotonicDeque } from './monotonic-deque';
import { RingBuffer } from './ring-buffer';

export class RollingVariance {
  private readonly ring: RingBuffer;
  private readonly maxes: MonotonicDeque;
  private readonly mins: MonotonicDeque;
  private index = 0;
  private sinceExact = 0;
  private meanValue = 0;
  private m2 = 0;

  constructor(readonly period: number) {
    this.ring = new RingBuffer(period);
    this.maxes = new MonotonicDeque(period, true);
    this.mins = new MonotonicDeque(period, false);
  }

  /** Adds a value; returns whether the window is full. */
  push(x: number): boolean {
    const n = this.period;
    const wasFull = this.ring.full;
    const old = this.ring.push(x);
    this.maxes.push(this.index, x, this.index - n + 1);
    this.mins.push(this.index, x, this.index - n + 1);
    this.index++;
    if (wasFull) {
      const oldMean = this.meanValue;
      this.meanValue += (x - old) / n;
      this.m2 += (x - old) * (x - this.meanValue + old - oldMean);
      if (++this.sinceExact >= n) this.recompute();
    } else {
      // Plain Welford while the window fills.
      const k = this.ring.size;
      const d = x - this.meanValue;
      this.meanValue += d / k;
      this.m2 += d * (x - this.meanValue);
    }
    return this.ring.full;
  }

  private recompute(): void {
    const n = this.ring.size;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += this.ring.at(i);
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const d = this.ring.at(i) - mean;
      m2 += d * d;
    }
    this.meanValue = mean;
    this.m2 = m2;
    this.sinceExact = 0;
  }

  private get flat(): boolean {
    return this.maxes.front === this.mins.front;
  }

  get mean(): number {
    return this.flat ? this.maxes.front : this.meanValue;
  }

  /** Population variance (divided by the count), never negative. */
  get variance(): number {
    if (this.flat) return 0;
    return Math.max(0, this.m2 / this.ring.size);
  }
}
