// Append-only columnar storage. Each stream keeps one typed array per field and doubles their capacity
// when full, so appends are amortized O(1) and a stored bar costs 48 bytes instead of ~100 as an object.

type TypedArray = Float64Array | Uint32Array | Uint8Array;

function grown<T extends TypedArray>(column: T, capacity: number, rows: number): T {
  const next = new (column.constructor as new (n: number) => T)(capacity);
  next.set(column.subarray(0, rows));
  return next;
}

/** Shared growth bookkeeping: subclasses list their columns so capacity and byte counts stay in one place. */
abstract class Columns {
  length = 0;
  protected capacity: number;

  constructor(initialCapacity: number) {
    this.capacity = Math.max(1, Math.ceil(initialCapacity));
  }

  protected abstract columns(): TypedArray[];
  protected abstract replaceColumns(next: TypedArray[]): void;

  /** Makes room for one more row, doubling every column when full. */
  protected reserveRow(): number {
    if (this.length === this.capacity) this.growTo(this.capacity * 2);
    return this.length++;
  }

  /** Makes room for `rows` more rows: doubling, or exactly as many as asked if that is more. */
  protected reserveRows(rows: number): void {
    if (this.length + rows > this.capacity) this.growTo(Math.max(this.capacity * 2, this.length + rows));
  }

  private growTo(capacity: number): void {
    this.capacity = capacity;
    this.replaceColumns(this.columns().map((c) => grown(c, capacity, this.length)));
  }

  /** Bytes held by the typed arrays, including unused capacity. */
  get allocatedBytes(): number {
    let bytes = 0;
    for (const column of this.columns()) bytes += column.byteLength;
    return bytes;
  }

  get rowCapacity(): number {
    return this.capacity;
  }
}

/** The six columns of a bar stream, in the order BarColumns holds them. */
export interface BarColumnArrays {
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export const BAR_COLUMN_NAMES = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** True when `column` is the whole of its buffer: memory no other column can be in. */
export const isWholeBuffer = (column: Float64Array): boolean =>
  column.byteOffset === 0 && column.byteLength === column.buffer.byteLength;

/** OHLCV bars; `time` is the epoch milliseconds at which the bar's interval opens. */
export class BarColumns extends Columns {
  /**
   * True when the memory under the columns is this stream's and the earlier streams' it is a view of
   * (`tailFrom`), and no other's: arrays it made itself, or received whole. Only such memory may be
   * written over where the stream does not reach (historical.ts, `withRoom`).
   */
  ownsMemory: boolean;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;

  /** Empty bars with room for `initialCapacity`, in columns of their own or in `columns` as they are. */
  constructor(initialCapacity = 64, columns: BarColumnArrays | null = null) {
    super(initialCapacity);
    const n = this.capacity;
    // Views (`over`, `tailFrom`) come by the thousand at each new trading day: no arrays of their own to
    // throw away, each a buffer the collector would sweep.
    this.ownsMemory = columns === null;
    this.time = columns?.time ?? new Float64Array(n);
    this.open = columns?.open ?? new Float64Array(n);
    this.high = columns?.high ?? new Float64Array(n);
    this.low = columns?.low ?? new Float64Array(n);
    this.close = columns?.close ?? new Float64Array(n);
    this.volume = columns?.volume ?? new Float64Array(n);
  }

  protected columns(): TypedArray[] {
    return [this.time, this.open, this.high, this.low, this.close, this.volume];
  }

  protected replaceColumns(next: TypedArray[]): void {
    // Grown into arrays of its own.
    this.ownsMemory = true;
    const [time, open, high, low, close, volume] = next as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    this.time = time;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
  }

  append(time: number, open: number, high: number, low: number, close: number, volume: number): void {
    const i = this.reserveRow();
    this.time[i] = time;
    this.open[i] = open;
    this.high[i] = high;
    this.low[i] = low;
    this.close[i] = close;
    this.volume[i] = volume;
  }

  /** Appends rows [from, to) of another bar stream (a block copy per column). */
  appendRange(source: BarColumns, from: number, to: number): void {
    if (to <= from) return;
    this.reserveRows(to - from);
    const at = this.length;
    this.time.set(source.time.subarray(from, to), at);
    this.open.set(source.open.subarray(from, to), at);
    this.high.set(source.high.subarray(from, to), at);
    this.low.set(source.low.subarray(from, to), at);
    this.close.set(source.close.subarray(from, to), at);
    this.volume.set(source.volume.subarray(from, to), at);
    this.length += to - from;
  }

  /**
   * Streams of the given capacities whose columns all live in one ArrayBuffer: one allocation instead of six
   * a stream (a session of 1,000 symbols opens 18,000 columns; each buffer has a fixed cost). A stream that
   * outgrows its capacity moves to arrays of its own, as any other. `spare`, memory no one reads any more
   * (an earlier session's, `SessionStore`), is used instead of a new buffer when it is large enough.
   */
  static inOneBuffer(capacities: readonly number[], spare: ArrayBuffer | null = null): BarColumns[] {
    const rows = capacities.reduce((sum, c) => sum + Math.max(1, Math.ceil(c)), 0);
    const bytes = rows * 6 * Float64Array.BYTES_PER_ELEMENT;
    const buffer = spare !== null && spare.byteLength >= bytes ? spare : new ArrayBuffer(bytes);
    let offset = 0;
    const column = (n: number) => {
      const array = new Float64Array(buffer, offset, n);
      offset += n * Float64Array.BYTES_PER_ELEMENT;
      return array;
    };
    return capacities.map((c) => {
      const n = Math.max(1, Math.ceil(c));
      return BarColumns.over(
        {
          time: column(n),
          open: column(n),
          high: column(n),
          low: column(n),
          close: column(n),
          volume: column(n),
        },
        0,
      );
    });
  }

  /**
   * A stream over the given columns, as they are (no copy): its capacity is theirs and its first `length`
   * rows are its bars. For columns that crossed a thread boundary (history-transfer.ts): the spare room
   * after `length` stays room, so history received from a helper moves on a day as one loaded here does.
   * The caller checks the columns first (six of equal length, `length` at most that), and says whether the
   * stream owns their memory (`ownsMemory`).
   */
  static over(columns: BarColumnArrays, length: number, ownsMemory = false): BarColumns {
    const bars = new BarColumns(1, columns);
    bars.capacity = columns.time.length;
    bars.length = length;
    bars.ownsMemory = ownsMemory;
    return bars;
  }

  /**
   * The six columns whole, from the start of the memory they are views of, and the row this stream starts
   * at in them; null when the stream does not own its memory (`ownsMemory`).
   */
  wholeColumns(): { columns: BarColumnArrays; from: number } | null {
    if (!this.ownsMemory) return null;
    const whole = {} as BarColumnArrays;
    for (const name of BAR_COLUMN_NAMES) whole[name] = new Float64Array(this[name].buffer as ArrayBuffer);
    return { columns: whole, from: this.time.byteOffset / Float64Array.BYTES_PER_ELEMENT };
  }

  /** Rows that can still be appended without reallocating. */
  get room(): number {
    return this.capacity - this.length;
  }

  /**
   * Rows [from, length) as a new stream over the same memory, with this stream's room as its own: no copy,
   * so that history moves on a day without copying every symbol's window. This stream gives its room away
   * (an append to it would reallocate rather than write over the new stream's rows), and its own rows stay
   * as they are, for a reader (an export) still going through them, until the new stream's rows move back
   * in that memory (historical.ts, `withRoom`, only once no export reads).
   */
  tailFrom(from: number): BarColumns {
    const end = this.capacity;
    const view = (column: Float64Array) => column.subarray(from, end);
    const tail = BarColumns.over(
      {
        time: view(this.time),
        open: view(this.open),
        high: view(this.high),
        low: view(this.low),
        close: view(this.close),
        volume: view(this.volume),
      },
      this.length - from,
      this.ownsMemory,
    );
    this.capacity = this.length;
    return tail;
  }
}

/** Trades. `exchange` is an index into EXCHANGE_CODES. */
export class TickColumns extends Columns {
  time: Float64Array;
  price: Float64Array;
  size: Uint32Array;
  exchange: Uint8Array;

  constructor(initialCapacity = 1024) {
    super(initialCapacity);
    const n = this.capacity;
    this.time = new Float64Array(n);
    this.price = new Float64Array(n);
    this.size = new Uint32Array(n);
    this.exchange = new Uint8Array(n);
  }

  protected columns(): TypedArray[] {
    return [this.time, this.price, this.size, this.exchange];
  }

  protected replaceColumns(next: TypedArray[]): void {
    this.time = next[0] as Float64Array;
    this.price = next[1] as Float64Array;
    this.size = next[2] as Uint32Array;
    this.exchange = next[3] as Uint8Array;
  }

  append(time: number, price: number, size: number, exchange: number): void {
    const i = this.reserveRow();
    this.time[i] = time;
    this.price[i] = price;
    this.size[i] = size;
    this.exchange[i] = exchange;
  }

  appendRange(source: TickColumns, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.append(
        source.time[i] as number,
        source.price[i] as number,
        source.size[i] as number,
        source.exchange[i] as number,
      );
    }
  }
}

/** Top-of-book quotes; bid < ask always. */
export class QuoteColumns extends Columns {
  time: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
  bidSize: Uint32Array;
  askSize: Uint32Array;

  constructor(initialCapacity = 1024) {
    super(initialCapacity);
    const n = this.capacity;
    this.time = new Float64Array(n);
    this.bid = new Float64Array(n);
    this.ask = new Float64Array(n);
    this.bidSize = new Uint32Array(n);
    this.askSize = new Uint32Array(n);
  }

  protected columns(): TypedArray[] {
    return [this.time, this.bid, this.ask, this.bidSize, this.askSize];
  }

  protected replaceColumns(next: TypedArray[]): void {
    this.time = next[0] as Float64Array;
    this.bid = next[1] as Float64Array;
    this.ask = next[2] as Float64Array;
    this.bidSize = next[3] as Uint32Array;
    this.askSize = next[4] as Uint32Array;
  }

  append(time: number, bid: number, ask: number, bidSize: number, askSize: number): void {
    const i = this.reserveRow();
    this.time[i] = time;
    this.bid[i] = bid;
    this.ask[i] = ask;
    this.bidSize[i] = bidSize;
    this.askSize[i] = askSize;
  }

  appendRange(source: QuoteColumns, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.append(
        source.time[i] as number,
        source.bid[i] as number,
        source.ask[i] as number,
        source.bidSize[i] as number,
        source.askSize[i] as number,
      );
    }
  }
}

/** Exchange codes of the consolidated tape (single letters, as the SIP reports them). */
export const EXCHANGE_CODES = ['Q', 'N', 'P', 'Z', 'K', 'V', 'X', 'D'] as const;

/**
 * An indicator's series: the time of each bar it was computed on and one column per output (catalogue
 * order), grown by doubling like the bars.
 */
export class SeriesColumns extends Columns {
  time: Float64Array;
  values: Float64Array[];

  constructor(outputs: number, initialCapacity = 64) {
    super(initialCapacity);
    this.time = new Float64Array(this.capacity);
    this.values = Array.from({ length: outputs }, () => new Float64Array(this.capacity));
  }

  protected columns(): TypedArray[] {
    return [this.time, ...this.values];
  }

  protected replaceColumns(next: TypedArray[]): void {
    this.time = next[0] as Float64Array;
    this.values = next.slice(1) as Float64Array[];
  }

  /** Appends a row: `time` and the first `values.length` entries of `row`. */
  append(time: number, row: Float64Array): void {
    const i = this.reserveRow();
    this.time[i] = time;
    const { values } = this;
    for (let k = 0; k < values.length; k++) (values[k] as Float64Array)[i] = row[k] as number;
  }
}
