// Bars of one interval built from shorter data as it arrives: trades (for second bars) or one-minute bars
// (for minute and hour bars). Buckets are aligned to the session's regular open; a bar is appended once the
// clock has passed its end, and the last, possibly shorter bucket of the session is appended at the close.
// A bucket with nothing in it (a gap) yields no bar.

import type { BarColumns } from './columns';

export class BarBucketer {
  private bucket = -1;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;

  constructor(
    /** The interval's length in milliseconds. */
    readonly lengthMs: number,
    private readonly sessionOpenMs: number,
    readonly out: BarColumns,
  ) {}

  /** Adds a trade (open = high = low = close) or a shorter bar that starts at `time`; in time order. */
  add(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    const bucket = Math.floor((time - this.sessionOpenMs) / this.lengthMs);
    if (bucket !== this.bucket) {
      this.flush();
      this.bucket = bucket;
      this.open = open;
      this.high = high;
      this.low = low;
      this.volume = 0;
    }
    if (high > this.high) this.high = high;
    if (low < this.low) this.low = low;
    this.close = close;
    this.volume += volume;
  }

  /** The clock reached `ms`: the bar whose interval has ended by then is complete. */
  reached(ms: number): void {
    if (this.bucket >= 0 && this.sessionOpenMs + (this.bucket + 1) * this.lengthMs <= ms) this.flush();
  }

  /** The session closed: the last bar is complete even if shorter than the interval. */
  sessionClosed(): void {
    this.flush();
  }

  private flush(): void {
    if (this.bucket < 0) return;
    const time = this.sessionOpenMs + this.bucket * this.lengthMs;
    this.out.append(time, this.open, this.high, this.low, this.close, this.volume);
    this.bucket = -1;
  }
}
