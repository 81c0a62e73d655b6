// The highest high and lowest low of the last `period` bars: two monotonic deques fed with a running bar
// index. Shared by donchian, stochastic, williams_r and high_low.

import { MonotonicDeque } from './monotonic-deque';

export class RollingExtremes {
  private readonly highs: MonotonicDeque;
  private readonly lows: MonotonicDeque;
  private index = 0;

  constructor(readonly period: number) {
    this.highs = new MonotonicDeque(period, true);
    this.lows = new MonotonicDeque(period, false);
  }

  /** Takes the next bar's high and low; returns whether `period` bars have been seen. */
  push(high: number, low: number): boolean {
    const oldest = this.index - this.period + 1;
    this.highs.push(this.index, high, oldest);
    this.lows.push(this.index, low, oldest);
    this.index++;
    return this.index >= this.period;
  }

  get highest(): number {
    return this.highs.front;
  }

  get lowest(): number {
    return this.lows.front;
  }
}
