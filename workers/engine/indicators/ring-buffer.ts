// A fixed-capacity ring of the last `capacity` numbers. Windowed indicators keep their window here so that
// adding a value and dropping the oldest is O(1) and memory stays O(period), with no array shifting.

export class RingBuffer {
  private readonly data: Float64Array;
  private next = 0;
  /** Values held, at most `capacity`. */
  size = 0;

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Adds `value`; returns the value it pushed out (the oldest) when the ring was full, NaN otherwise. */
  push(value: number): number {
    const slot = this.next;
    const evicted = this.size === this.capacity ? (this.data[slot] as number) : Number.NaN;
    this.data[slot] = value;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    if (this.size < this.capacity) this.size++;
    return evicted;
  }

  /** The `i`-th value held, oldest first (0 <= i < size). */
  at(i: number): number {
    const start = this.size === this.capacity ? this.next : 0;
    const slot = start + i;
    return this.data[slot >= this.capacity ? slot - this.capacity : slot] as number;
  }
}
