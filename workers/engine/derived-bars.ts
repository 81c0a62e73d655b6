// Derived bars (5m, 15m, ...) built from the base one-minute bars as they arrive. Buckets are aligned to
// the session's regular open; a bar is appended once its interval is over, and the last, possibly shorter
// bucket of the session is appended at the close. A bucket with no base bars (all gaps) yields no bar.

import type { BarColumns } from './columns';

const MS_PER_MINUTE = 60_000;

export class DerivedBarBuilder {
  private bucket = -1;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;

  constructor(
    readonly intervalMinutes: number,
    private readonly sessionOpenMs: number,
    readonly out: BarColumns,
  ) {}

  /** Adds the base bar of session minute `minute` (0 = the open). Minutes must arrive in order. */
  addBaseBar(minute: number, open: number, high: number, low: number, close: number, volume: number): void {
    const bucket = Math.floor(minute / this.intervalMinutes);
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

  /** Tells the builder session minute `minute` is over; completes the bucket that ends with it. */
  minuteEnded(minute: number): void {
    if (this.bucket >= 0 && minute + 1 >= (this.bucket + 1) * this.intervalMinutes) this.flush();
  }

  /** The session closed: the last bucket is complete even if shorter than the interval. */
  sessionClosed(): void {
    this.flush();
  }

  private flush(): void {
    if (this.bucket < 0) return;
    const time = this.sessionOpenMs + this.bucket * this.intervalMinutes * MS_PER_MINUTE;
    this.out.append(time, this.open, this.high, this.low, this.close, this.volume);
    this.bucket = -1;
  }
}
