// The true range of a bar: max(high - low, |high - previous close|, |low - previous close|), so a gap from
// the previous close counts as range. The first bar has no previous close: its true range is high - low.

export class TrueRange {
  private prevClose = Number.NaN;

  push(high: number, low: number, close: number): number {
    const prev = this.prevClose;
    this.prevClose = close;
    if (Number.isNaN(prev)) return high - low;
    return Math.max(high - low, Math.abs(high - prev), Math.abs(low - prev));
  }
}
