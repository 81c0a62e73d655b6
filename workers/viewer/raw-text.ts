// The raw view's text of a node: the file's own bytes re-indented, read in slices and written out until the
// limit, so a stream of 100 MB costs about as much as its first megabyte. Numbers and strings stay exactly
// as the file writes them (`100.0` is not turned into `100`, as JSON.stringify would). A list of a few
// scalars stays on one line (`["timestamp", "open", …]`, a row), as the export's own pretty layout keeps it.

import type { ByteSource } from './byte-source';

/** Bytes read from the file at once. */
const READ_BYTES = 256 * 1024;
/** A list whose text is at most this long, holding no object or list, is written on one line. */
const INLINE_BYTES = 160;
const INDENT = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

const isSpace = (c: number) => c === SPACE || c === NEWLINE || c === 0x0d || c === 0x09;

/**
 * How many of the first `limit` bytes of UTF-8 text to keep so the cut falls between characters: a
 * character's continuation bytes (10xxxxxx) are never left without their first byte.
 */
export function utf8Cut(bytes: Uint8Array, limit: number): number {
  if (bytes.length <= limit) return bytes.length;
  let cut = limit;
  while (cut > 0 && ((bytes[cut] as number) & 0xc0) === 0x80) cut--;
  return cut;
}

/** A growing byte buffer that stops taking bytes past `cap`. */
class Output {
  bytes: Uint8Array;
  length = 0;

  constructor(readonly cap: number) {
    this.bytes = new Uint8Array(Math.min(cap, 64 * 1024) + 16);
  }

  get full(): boolean {
    return this.length > this.cap;
  }

  push(c: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(Math.min(this.bytes.length * 2, this.cap + 16 + this.bytes.length));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = c;
  }

  newline(depth: number): void {
    this.push(NEWLINE);
    for (let k = 0; k < depth * INDENT && !this.full; k++) this.push(SPACE);
  }
}

/**
 * Bytes `start` to `end` of `source` (one JSON value, already checked by the index) re-indented, cut at
 * `limit` bytes of text between two characters. `shown` is the size of `text` in UTF-8.
 */
export async function prettyText(
  source: ByteSource,
  start: number,
  end: number,
  limit: number,
): Promise<{ text: string; shown: number; truncated: boolean }> {
  const out = new Output(limit);
  let buffer = new Uint8Array(0);
  let pos = 0;
  /** The file offset of `buffer[0]`. */
  let base = start;
  let next = start;
  let depth = 0;
  let inString = false;
  let escaped = false;
  // Just after `{` or `[`: the line break waits, so an empty one is written `{}`.
  let opened = false;
  // Inside a list written on one line (until the file offset of its `]`): `,` is followed by a space.
  let inlineUntil = -1;

  const refill = async () => {
    const rest = buffer.subarray(pos);
    const more = await source.read(next, Math.min(end, next + READ_BYTES));
    next += more.length;
    const joined = new Uint8Array(rest.length + more.length);
    joined.set(rest);
    joined.set(more, rest.length);
    buffer = joined;
    base += pos;
    pos = 0;
  };

  /** Whether the list opened just before `pos` fits on one line: no object or list in it, and short. */
  const fitsOnOneLine = (): number => {
    let quoted = false;
    let backslash = false;
    for (let j = pos; j < buffer.length && j - pos <= INLINE_BYTES; j++) {
      const c = buffer[j] as number;
      if (quoted) {
        if (backslash) backslash = false;
        else if (c === BACKSLASH) backslash = true;
        else if (c === QUOTE) quoted = false;
      } else if (c === QUOTE) quoted = true;
      else if (c === OPEN_ARRAY || c === OPEN_OBJECT) return -1;
      else if (c === CLOSE_ARRAY) return base + j;
    }
    return -1;
  };

  while (!out.full) {
    if (buffer.length - pos <= INLINE_BYTES && next < end) await refill();
    if (pos >= buffer.length) break;
    const c = buffer[pos] as number;
    const at = base + pos;
    pos++;
    if (inString) {
      out.push(c);
      if (escaped) escaped = false;
      else if (c === BACKSLASH) escaped = true;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (isSpace(c)) continue;
    if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
      if (at === inlineUntil) inlineUntil = -1;
      else if (!opened) out.newline(depth);
      opened = false;
      out.push(c);
      continue;
    }
    if (c === COMMA) {
      out.push(c);
      if (inlineUntil >= 0) out.push(SPACE);
      else out.newline(depth);
      continue;
    }
    if (c === COLON) {
      out.push(c);
      out.push(SPACE);
      continue;
    }
    // A value, or the key of an object, starts here.
    if (opened) out.newline(depth);
    opened = false;
    out.push(c);
    if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      depth++;
      const close = c === OPEN_ARRAY && inlineUntil < 0 ? fitsOnOneLine() : -1;
      if (close >= 0) inlineUntil = close;
      else if (inlineUntil < 0) opened = true;
    }
  }
  const truncated = out.full || pos < buffer.length || next < end;
  const kept = truncated ? utf8Cut(out.bytes.subarray(0, out.length), limit) : out.length;
  return { text: new TextDecoder().decode(out.bytes.subarray(0, kept)), shown: kept, truncated };
}
