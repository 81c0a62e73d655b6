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
// Scratch space for integer digits, written backwards.
const digits = new Uint8Array(24);

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

  /** Makes sure `n` bytes fit in the current chunk (n is small: a number, a short string). */
  private room(n: number): void {
    if (this.pos + n <= this.chunk.length) return;
    this.finishChunk();
    this.checkpoint();
    this.chunk = new Uint8Array(Math.max(CHUNK_SIZE, n));
  }

  private finishChunk(): void {
    if (this.pos === 0) return;
    this.chunks.push(this.chunk.subarray(0, this.pos));
    this.flushed += this.pos;
    this.pos = 0;
  }

  /** Stops here if the caller cancelled: checked at every chunk boundary and between symbols. */
  checkpoint(): void {
    if (this.signal?.aborted) throw new ExportCancelled('export cancelled');
  }

  byte(b: number): void {
    this.room(1);
    this.chunk[this.pos++] = b;
  }

  /** Pre-encoded bytes (keys, punctuation). */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.chunk.set(b, this.pos);
    this.pos += b.length;
  }

  newline(indent: number): void {
    this.room(indent + 1);
    this.chunk[this.pos++] = NEWLINE;
    this.chunk.fill(SPACE, this.pos, this.pos + indent);
    this.pos += indent;
    this.lines++;
  }

  /** A non-negative integer below 2^53. */
  uint(n: number): void {
    this.room(17);
    if (n < 10) {
      this.chunk[this.pos++] = ZERO + n;
      return;
    }
    let i = digits.length;
    while (n > 0) {
      const q = Math.floor(n / 10);
      digits[--i] = ZERO + (n - q * 10);
      n = q;
    }
    this.chunk.set(digits.subarray(i), this.pos);
    this.pos += digits.length - i;
  }

  /** `n` zero-padded to `width` digits (times and dates). */
  padded(n: number, width: number): void {
    this.room(width);
    for (let k = width - 1; k >= 0; k--) {
      const q = Math.floor(n / 10);
      this.chunk[this.pos + k] = ZERO + (n - q * 10);
      n = q;
    }
    this.pos += width;
  }

  /**
   * A number as the shortest text that reads back exactly. Prices with up to four decimals (nearly all of
   * them) take a scaled-integer path that skips the costly general shortest-float search.
   */
  number(x: number): void {
    if (!Number.isFinite(x)) {
      this.ascii('null');
      return;
    }
    if (x < 0) {
      this.byte(MINUS);
      x = -x;
    }
    if (Number.isSafeInteger(x)) {
      this.uint(x);
      return;
    }
    for (const [scale, places] of SCALES) {
      const scaled = Math.round(x * scale);
      if (scaled / scale === x && scaled <= Number.MAX_SAFE_INTEGER) {
        this.decimal(scaled, scale, places);
        return;
      }
    }
    this.ascii(String(x));
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
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.chunk[this.pos++] = s.charCodeAt(i);
  }

  /** Any string as a JSON string literal. */
  string(s: string): void {
    if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(s)) {
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

const SCALES: ReadonlyArray<readonly [number, number]> = [
  [100, 2],
  [10_000, 4],
];

/** Encodes a constant once, for the fixed keys and punctuation written on every row or block. */
export const ascii = (s: string): Uint8Array => encoder.encode(s);
