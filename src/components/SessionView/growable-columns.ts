// Two number columns (times and values) that grow at the end. A live session appends a few rows a read to
// series of thousands: copying the whole series at each read (a new array of old + new) made every read
// O(n) on the page's thread. Here an append copies only the rows that came, into spare room that doubles
// when full (amortised O(k)); `time` and `value` are views of the rows held, not copies.

export class GrowableColumns {
  private times: Float64Array;
  private values: Float64Array;
  private count: number;

  /** Columns holding `time` and `value` as they are (taken, not copied: no room to spare until an append). */
  constructor(time: Float64Array = new Float64Array(0), value: Float64Array = new Float64Array(0)) {
    if (time.length !== value.length) throw new Error('growable columns: times and values differ in length');
    this.times = time;
    this.values = value;
    this.count = time.length;
  }

  get length(): number {
    return this.count;
  }

  /** Rows held, room to spare included (tests check the growth is amortised). */
  get capacity(): number {
    return this.times.length;
  }

  /** The times held (a view: valid until the next append or clear changes them). */
  get time(): Float64Array {
    return this.times.subarray(0, this.count);
  }

  get value(): Float64Array {
    return this.values.subarray(0, this.count);
  }

  /** Adds rows at the end: copies only them, growing the room to twice what is needed when full. */
  append(time: ArrayLike<number>, value: ArrayLike<number>): void {
    const k = time.length;
    if (value.length !== k) throw new Error('growable columns: times and values differ in length');
    this.reserve(this.count + k);
    if (time instanceof Float64Array && value instanceof Float64Array) {
      this.times.set(time, this.count);
      this.values.set(value, this.count);
    } else {
      for (let i = 0; i < k; i++) {
        this.times[this.count + i] = time[i] as number;
        this.values[this.count + i] = value[i] as number;
      }
    }
    this.count += k;
  }

  /** Adds one row at the end. */
  push(time: number, value: number): void {
    this.reserve(this.count + 1);
    this.times[this.count] = time;
    this.values[this.count] = value;
    this.count += 1;
  }

  /** Holds no row (the room is kept). */
  clear(): void {
    this.count = 0;
  }

  private reserve(needed: number): void {
    if (needed <= this.times.length) return;
    const size = Math.max(needed, this.times.length * 2, 16);
    const times = new Float64Array(size);
    const values = new Float64Array(size);
    times.set(this.times.subarray(0, this.count));
    values.set(this.values.subarray(0, this.count));
    this.times = times;
    this.values = values;
  }
}
