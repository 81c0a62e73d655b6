// The maximum (or minimum) of a sliding window in amortized O(1): a deque of (index, value) pairs whose
// values never increase (for a maximum) from front to back. A new value first removes from the back every
// held value strictly worse than it (those can never be the window's extreme again while it is there); the
// front leaves when its index falls out of the window. Each value enters and leaves once, so the work per
// value is amortized O(1), and at most `capacity` (the window length) entries are held.
//
// Ties are kept (only strictly worse values are removed): the front is then the EARLIEST index holding the
// extreme and the entry after it tells whether a later value equals it, which swing points need to test
// "strictly greater than every other bar in the window".

export class MonotonicDeque {
  private readonly indices: Float64Array;
  private readonly values: Float64Array;
  private head = 0;
  size = 0;

  /** `max`: keeps the largest value at the front; otherwise the smallest. */
  constructor(
    readonly capacity: number,
    private readonly max: boolean,
  ) {
    this.indices = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  private slot(i: number): number {
    const s = this.head + i;
    return s >= this.capacity ? s - this.capacity : s;
  }

  /** Drops the entries older than `oldest` (the window's first index), then adds `value` at `index`. */
  push(index: number, value: number, oldest: number): void {
    while (this.size > 0 && (this.indices[this.head] as number) < oldest) {
      this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
      this.size--;
    }
    while (this.size > 0) {
      const back = this.values[this.slot(this.size - 1)] as number;
      if (this.max ? back < value : back > value) this.size--;
      else break;
    }
    const s = this.slot(this.size);
    this.indices[s] = index;
    this.values[s] = value;
    this.size++;
  }

  /** The window's extreme (the deque is never empty after a push). */
  get front(): number {
    return this.values[this.head] as number;
  }

  /** The earliest index holding the extreme. */
  get frontIndex(): number {
    return this.indices[this.head] as number;
  }

  /** The value after the front: the extreme of the window's part after `frontIndex` (NaN when none). */
  get second(): number {
    return this.size > 1 ? (this.values[this.slot(1)] as number) : Number.NaN;
  }
}
