// Writes JSON text as UTF-8 bytes straight into fixed-size chunks: no strings per row, no single giant
// string (a JS string tops out near 512 MiB), and the chunks are ready to transfer across postMessage.

export const CHUNK_SIZE = 256 * 1024;

/** Thrown when the caller's signal asks an export to stop; the export then changes nothing. */
export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
}

export interface CancelSignal {
  readonly aborted: boolean;
}

const QUOTE = 0x22;
const ZERO = 0x30;
const MINUS = 0x2d;
const DOT = 0x2e;
const NEWLINE = 0x0a;
const SPACE = 0x20;

const encoder = new TextEncoder();

export class ByteSink {
  readonly chunks: Uint8Array[] = [];
  private chunk = new Uint8Array(CHUNK_SIZE);
  private pos = 0;
  private flushed = 0;
  lines = 0;

  constructor(private readonly signal: CancelSignal | null = null) {}

  get byteLength(): number {
    return this.flushed + this.pos;
  }

  /**
   * Makes sure `n` more bytes fit in the current chunk. The hot-path writers below (byte, uint, padded,
   * number) do not check for room themselves: a row writer reserves room for a whole row once.
   */
  reserve(n: number): void {
    if (this.pos + n <= this.chunk.length) return;
    this.checkOverflow();
    this.finishChunk();
    this.checkpoint();
    this.chunk = new Uint8Array(Math.max(CHUNK_SIZE, n));
  }

  /** Typed arrays drop writes past their end silently; a position past the end means a row was cut. */
  private checkOverflow(): void {
    if (this.pos > this.chunk.length) throw new Error('ByteSink: a writer wrote past the room it reserved');
  }

  private finishChunk(): void {
    this.checkOverflow();
    if (this.pos === 0) return;
    this.chunks.push(this.chunk.subarray(0, this.pos));
    this.flushed += this.pos;
    this.pos = 0;
  }

  /** Stops here if the caller cancelled: checked at every chunk boundary and between symbols. */
  checkpoint(): void {
    if (this.signal?.aborted) throw new ExportCancelled('export cancelled');
  }

  /** One byte, checking for room (structure, not rows). */
  char(b: number): void {
    this.reserve(1);
    this.chunk[this.pos++] = b;
  }

  /** A count or other non-negative integer, checking for room (structure, not rows). */
  count(n: number): void {
    this.reserve(17);
    this.uint(n);
  }

  /** Any number, checking for room (structure, not rows). */
  value(x: number): void {
    this.reserve(32);
    this.number(x);
  }

  /** One byte; the caller reserved room. */
  byte(b: number): void {
    this.chunk[this.pos++] = b;
  }

  /** Pre-encoded bytes (keys, punctuation). */
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.chunk.set(b, this.pos);
    this.pos += b.length;
  }

  newline(indent: number): void {
    this.reserve(indent + 1);
    const chunk = this.chunk;
    chunk[this.pos++] = NEWLINE;
    for (let k = 0; k < indent; k++) chunk[this.pos++] = SPACE;
    this.lines++;
  }

  /** A non-negative integer below 2^53; the caller reserved room (at most 16 digits). */
  uint(n: number): void {
    const chunk = this.chunk;
    if (n < 10) {
      chunk[this.pos++] = ZERO + n;
      return;
    }
    let width = 1;
    for (let p = 10; p <= n; p *= 10) width++;
    let at = this.pos + width;
    this.pos = at;
    while (n >= 10) {
      const q = Math.floor(n / 10);
      chunk[--at] = ZERO + (n - q * 10);
      n = q;
    }
    chunk[--at] = ZERO + n;
  }

  /** `n` zero-padded to `width` digits (times and dates); the caller reserved room. */
  padded(n: number, width: number): void {
    const chunk = this.chunk;
    for (let k = this.pos + width - 1; k >= this.pos; k--) {
      const q = Math.floor(n / 10);
      chunk[k] = ZERO + (n - q * 10);
      n = q;
    }
    this.pos += width;
  }

  /**
   * A number as the shortest text that reads back exactly; the caller reserved room (32 bytes). Prices
   * with two or four decimals (nearly all of them) take a scaled-integer path that skips the costly general
   * shortest-float search: if round(x * 100) / 100 is x, then "whole.fraction" is the shortest exact text.
   */
  number(x: number): void {
    if (x < 0) {
      this.byte(MINUS);
      x = -x;
    }
    if (Number.isSafeInteger(x)) {
      this.uint(x);
      return;
    }
    const cents = Math.round(x * 100);
    if (cents / 100 === x && cents <= Number.MAX_SAFE_INTEGER) {
      this.decimal(cents, 100, 2);
      return;
    }
    const tenThousandths = Math.round(x * 10_000);
    if (tenThousandths / 10_000 === x && tenThousandths <= Number.MAX_SAFE_INTEGER) {
      this.decimal(tenThousandths, 10_000, 4);
      return;
    }
    this.ascii(Number.isFinite(x) ? String(x) : 'null');
  }

  /** scaled / scale written with its trailing zeros removed, e.g. (15020, 100) -> 150.2. */
  private decimal(scaled: number, scale: number, places: number): void {
    const whole = Math.floor(scaled / scale);
    let fraction = scaled - whole * scale;
    this.uint(whole);
    while (fraction % 10 === 0) {
      fraction /= 10;
      places--;
    }
    this.byte(DOT);
    this.padded(fraction, places);
  }

  /** A string known to be plain ASCII without characters JSON must escape. */
  ascii(s: string): void {
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.chunk[this.pos++] = s.charCodeAt(i);
  }

  /** Any string as a JSON string literal. */
  string(s: string): void {
    if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) {
      this.reserve(s.length + 2);
      this.byte(QUOTE);
      this.ascii(s);
      this.byte(QUOTE);
      return;
    }
    this.bytes(encoder.encode(JSON.stringify(s)));
  }

  /** Ends the document; the sink must not be written to afterwards. */
  finish(): Uint8Array[] {
    this.finishChunk();
    return this.chunks;
  }
}

/** Encodes a constant once, for the fixed keys and punctuation written on every row or block. */
export const ascii = (s: string): Uint8Array => encoder.encode(s);
