// Mean and population variance of the last `period` values, in amortized O(1) per value and numerically
// careful (bbands needs 1e-9 relative agreement with a two-pass computation at prices ~150 and tiny
// variance, where the naive sum-of-squares formula loses every digit to cancellation):
//
// - a sliding Welford update: replacing `old` by `x` moves the mean by (x - old) / n and the sum of squared
//   deviations M2 by (x - old) * (x - newMean + old - oldMean), which never squares a raw price;
// - each time the ring has turned over once (every `period` values), mean and M2 are recomputed exactly by
//   two passes over the ring: O(period) every `period` values is amortized O(1), and it stops rounding
//   errors from piling up over a long session;
// - they are also recomputed at once when M2 has fallen below 1e-3 of its largest value since the last exact
//   computation: after a volatile stretch leaves the window, the sliding update's rounding residue (about
//   |x - old| times the rounding of the mean, ~1e-14 at 150, per update) would otherwise swamp the now small
//   M2 and, through the square root, the deviation. Such a fall needs the values that made M2 large to leave
//   the window (only the oldest value leaves at a time, one per bar) and each recomputation resets the
//   largest value, so these recomputations stay amortized O(1): a fall by 1000x cannot repeat bar after bar
//   beyond the few hundred factors of 1000 a double spans;
// - a window whose values are all equal (max == min, from two monotonic deques) has variance exactly 0 and
//   its value as mean: the state is then set to exactly that, since just after a volatile stretch the
//   sliding M2 can keep a rounding residue far larger than 0, and the square root would blow it up.

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
  /** The largest M2 since the last exact computation. */
  private peak = 0;

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
      if (this.m2 > this.peak) this.peak = this.m2;
      if (++this.sinceExact >= n || this.m2 < this.peak * 1e-3) this.recompute();
    } else {
      // Plain Welford while the window fills.
      const k = this.ring.size;
      const d = x - this.meanValue;
      this.meanValue += d / k;
      this.m2 += d * (x - this.meanValue);
      if (this.m2 > this.peak) this.peak = this.m2;
    }
    if (this.maxes.front === this.mins.front) {
      // All equal: the exact state is known, and setting it drops any residue.
      this.meanValue = x;
      this.m2 = 0;
      this.peak = 0;
      this.sinceExact = 0;
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
    this.peak = m2;
    this.sinceExact = 0;
  }

  get mean(): number {
    return this.meanValue;
  }

  /** Population variance (divided by the count), never negative. */
  get variance(): number {
    return Math.max(0, this.m2 / this.ring.size);
  }
}
