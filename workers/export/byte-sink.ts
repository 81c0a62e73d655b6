// Writes JSON text as UTF-8 bytes straight into fixed-size chunks: no strings per row, no single giant
// string (a JS string tops out near 512 MiB), and the chunks are ready to transfer across postMessage.
//
// By default the sink keeps its chunks and hands them all over at `finish`. Given a `ChunkTarget`, it hands
// each chunk over as soon as it is full instead and keeps none: a 1 GB export then never lives in memory
// whole. A target that is done with a chunk when `write` returns (it copied or wrote it out) lets the sink
// write the next chunk into the same buffer: a large export then allocates no chunk after the first, and
// leaves the garbage collector nothing to do however large it grows.

export const CHUNK_SIZE = 256 * 1024;

/** Thrown when the caller's signal asks an export to stop; the export then changes nothing. */
export class ExportCancelled extends Error {
  override name = 'ExportCancelled';
}

export interface CancelSignal {
  readonly aborted: boolean;
}

import { QUOTE, writeIndent, writeNumber, writePadded, writeUint } from './encode';

const encoder = new TextEncoder();

/**
 * Chunk buffers given back for reuse: by a sink whose target was done with its chunks, or by the page once
 * it copied an export's chunks into a Blob (their buffers travel back). A fresh buffer costs the browser
 * far more than writing it (it is mapped and zeroed page by page); a reused one is already there. Bounded,
 * so that a burst of returns does not keep memory no export needs.
 */
const pool: ArrayBuffer[] = [];
const POOL_LIMIT = 32;

/** Gives chunk buffers back for later exports (each at least CHUNK_SIZE long; others are dropped). */
export function recycleChunks(buffers: readonly ArrayBufferLike[]): void {
  for (const buffer of buffers) {
    if (pool.length >= POOL_LIMIT) return;
    if (buffer instanceof ArrayBuffer && buffer.byteLength >= CHUNK_SIZE && !pool.includes(buffer))
      pool.push(buffer);
  }
}

/** A chunk of at least `n` bytes: a recycled buffer when one is there. */
function takeChunk(n: number): Uint8Array {
  if (n <= CHUNK_SIZE) {
    const buffer = pool.pop();
    if (buffer !== undefined && buffer.byteLength > 0) return new Uint8Array(buffer, 0, CHUNK_SIZE);
  }
  return new Uint8Array(Math.max(CHUNK_SIZE, n));
}

/** Where a sink's chunks go as they are made (a file, a stream, a counter). */
export interface ChunkTarget {
  /** Takes one finished chunk (never empty); may throw, which stops the export (nothing is counted). */
  write(chunk: Uint8Array): void;
  /**
   * True when `write` is done with the chunk once it returns (it copied or wrote the bytes out): the sink
   * then reuses the chunk's buffer for the next one. False when the target keeps the chunk (a queue, a
   * transfer to another thread): the sink then allocates a fresh chunk each time.
   */
  readonly reusesChunks: boolean;
}

export class ByteSink {
  /** The finished chunks, when the sink has no target; always empty with one. */
  readonly chunks: Uint8Array[] = [];
  /** The chunk being written and the position in it: row writers use them directly (see encode.ts). */
  chunk = takeChunk(CHUNK_SIZE);
  /** The same chunk for word-sized writes (indentation, timestamps). */
  view = new DataView(this.chunk.buffer, this.chunk.byteOffset, this.chunk.byteLength);
  pos = 0;
  private flushed = 0;
  lines = 0;

  constructor(
    private readonly signal: CancelSignal | null = null,
    private readonly target: ChunkTarget | null = null,
  ) {}

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
    // A buffer the target gave back is written again, unless this write needs a larger one.
    if (this.target?.reusesChunks && n <= this.chunk.length) return;
    this.chunk = takeChunk(n);
    this.view = new DataView(this.chunk.buffer, this.chunk.byteOffset, this.chunk.byteLength);
  }

  /** Typed arrays drop writes past their end silently; a position past the end means a row was cut. */
  private checkOverflow(): void {
    if (this.pos > this.chunk.length) throw new Error('ByteSink: a writer wrote past the room it reserved');
  }

  private finishChunk(): void {
    this.checkOverflow();
    if (this.pos === 0) return;
    const finished = this.chunk.subarray(0, this.pos);
    if (this.target) this.target.write(finished);
    else this.chunks.push(finished);
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
    this.pos = writeIndent(this.chunk, this.pos, indent);
    this.lines++;
  }

  /** Bytes [from, to) of a small cached array; the caller reserved room. */
  copy(src: Uint8Array, from: number, to: number): void {
    const chunk = this.chunk;
    let pos = this.pos;
    for (let i = from; i < to; i++) chunk[pos++] = src[i] as number;
    this.pos = pos;
  }

  /** A non-negative integer below 2^53; the caller reserved room. */
  uint(n: number): void {
    this.pos = writeUint(this.chunk, this.pos, n);
  }

  /** `n` zero-padded to `width` digits; the caller reserved room. */
  padded(n: number, width: number): void {
    this.pos = writePadded(this.chunk, this.pos, n, width);
  }

  /** A number as the shortest text that reads back exactly (see `writeNumber`); the caller reserved room. */
  number(x: number): void {
    this.pos = writeNumber(this.chunk, this.pos, x);
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

  /**
   * Ends the document, handing the last chunk to the target if there is one; the sink must not be written
   * to afterwards. The chunks, or none with a target (it has them all).
   */
  finish(): Uint8Array[] {
    this.finishChunk();
    // The target is done with the last chunk: its buffer serves the next export.
    if (this.target?.reusesChunks) recycleChunks([this.chunk.buffer]);
    return this.chunks;
  }
}

/** Encodes a constant once, for the fixed keys and punctuation written on every row or block. */
export const ascii = (s: string): Uint8Array => encoder.encode(s);
