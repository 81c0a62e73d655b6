// A streaming structural index of a JSON text, fed chunk by chunk as bytes: it never builds the document's
// values. What it keeps, per container it *indexes*:
//   - an object: its keys and, for each, the value's kind and byte range (a small scalar also keeps its text);
//   - an array: how many elements it has and the byte offset where each one starts (4 bytes each).
// The root and every container that is a value of an indexed object are indexed. The elements of an array
// are not: an array of two million rows costs one offset per row (8 bytes), and a row is read back from the
// bytes only when asked for (see `export-document.ts`). An element that is itself an object or an array can
// be indexed later by feeding its own bytes to a new indexer.
//
// The grammar of everything indexed is checked (brackets, commas, colons, keys, literals). Inside an array
// element that is a container (a row), only strings and brackets are followed, which reads several times
// faster; the rest of a row is checked when the row is read and parsed.

export interface ValueSlot {
  kind: 'value';
  start: number;
  end: number;
  /** The value's JSON text (`"abc"`, `12.5`, `null`), or its first bytes when `truncated`. */
  text: string;
  truncated: boolean;
}

export interface ObjectNode {
  kind: 'object';
  start: number;
  /** Just past the closing brace. */
  end: number;
  keys: string[];
  slots: Slot[];
}

export interface ArrayNode {
  kind: 'array';
  start: number;
  /** Just past the closing bracket. */
  end: number;
  count: number;
  /** Byte offset of each element's first byte (the first `count` entries are used). */
  starts: Offsets;
}

export type Slot = ObjectNode | ArrayNode | ValueSlot;

/** 4 bytes per row for files under 4 GiB, 8 beyond. */
export type Offsets = Uint32Array | Float64Array;

export interface IndexError {
  message: string;
  offset: number;
}

/** Scalars longer than this keep only their first bytes as text. */
export const VALUE_TEXT_LIMIT = 240;
const MAX_DEPTH = 512;

// What the parser expects next.
const E_VALUE = 0;
const E_VALUE_OR_CLOSE = 1;
const E_KEY_OR_CLOSE = 2;
const E_KEY = 3;
const E_COLON = 4;
const E_COMMA_OR_CLOSE = 5;
const E_END = 6;

// The token being read, which may continue into the next chunk.
const T_NONE = 0;
const T_STRING = 1;
const T_NUMBER = 2;
const T_LITERAL = 3;

const OBJ = 1;
const ARR = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Bytes that may appear in a number: digits, `-`, `+`, `.`, `e`, `E`. */
const NUMBER_BYTE = new Uint8Array(256);
for (const c of '0123456789-+.eE') NUMBER_BYTE[c.charCodeAt(0)] = 1;

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const decoder = new TextDecoder('utf-8', { fatal: false });

function describeByte(c: number): string {
  if (c >= 0x21 && c < 0x7f) return `"${String.fromCharCode(c)}"`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

export class JsonIndexer {
  private offset: number;
  private expect = E_VALUE;
  private token = T_NONE;
  private escaped = false;
  private depth = 0;
  private readonly types = new Uint8Array(MAX_DEPTH);
  private readonly nodes: (ObjectNode | ArrayNode | null)[] = [];
  /** Whether the token being read is kept: a key of an indexed object, or a scalar value of one. */
  private capturing = false;
  private capturingKey = false;
  private captured: number[] = [];
  private capturedTotal = 0;
  private tokenStart = 0;
  private literal = '';
  private pendingKey = '';
  private rootSlot: Slot | null = null;
  /** Inside an element container (a row): only strings and brackets are followed until it closes. */
  private skipping = false;
  /** Depth just inside the element container being skipped. */
  private skipFloor = 0;
  private inString = false;
  private failure: IndexError | null = null;

  private readonly wide: boolean;

  /**
   * `base` is the offset of the first byte fed, when indexing a part of a larger file; `end` is the offset
   * just past the last byte that will be fed, when known (small offsets are then kept in 4 bytes).
   */
  constructor(base = 0, end = Number.POSITIVE_INFINITY) {
    this.offset = base;
    this.wide = end > 0xffffffff;
  }

  private offsets(length: number): Offsets {
    return this.wide ? new Float64Array(length) : new Uint32Array(length);
  }

  /** The root, as far as it has been read (an object's keys appear as they are met). */
  get root(): Slot | null {
    return this.rootSlot;
  }

  get error(): IndexError | null {
    return this.failure;
  }

  /** Bytes fed so far, counted from `base`. */
  get position(): number {
    return this.offset;
  }

  /** Reads the next bytes. Returns false once the text is found invalid (then see `error`). */
  push(bytes: Uint8Array): boolean {
    if (this.failure) return false;
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      if (this.skipping) {
        i = this.skip(bytes, i);
        if (this.failure) return false;
        continue;
      }
      if (this.token !== T_NONE) {
        i = this.continueToken(bytes, i);
        if (this.failure) return false;
        continue;
      }
      const c = bytes[i] as number;
      switch (c) {
        case 0x20:
        case 0x0a:
        case 0x0d:
        case 0x09:
          i++;
          continue;
        case 0x7b: // {
        case 0x5b: // [
          if (this.expect > E_VALUE_OR_CLOSE) return this.fail(c, i);
          this.open(c === 0x7b ? OBJ : ARR, this.offset + i);
          if (this.failure) return false;
          i++;
          continue;
        case 0x7d: // }
        case 0x5d: {
          // ]
          const type = c === 0x7d ? OBJ : ARR;
          const allowed = type === OBJ ? E_KEY_OR_CLOSE : E_VALUE_OR_CLOSE;
          if (this.depth === 0 || this.types[this.depth - 1] !== type) return this.fail(c, i);
          if (this.expect !== allowed && this.expect !== E_COMMA_OR_CLOSE) return this.fail(c, i);
          this.close(this.offset + i + 1);
          i++;
          continue;
        }
        case 0x2c: // ,
          if (this.expect !== E_COMMA_OR_CLOSE) return this.fail(c, i);
          this.expect = this.types[this.depth - 1] === OBJ ? E_KEY : E_VALUE;
          i++;
          continue;
        case 0x3a: // :
          if (this.expect !== E_COLON) return this.fail(c, i);
          this.expect = E_VALUE;
          i++;
          continue;
        case QUOTE:
          if (this.expect === E_KEY_OR_CLOSE || this.expect === E_KEY) {
            this.capturing = true;
            this.capturingKey = true;
            this.captured = [];
          } else if (this.expect <= E_VALUE_OR_CLOSE) this.beginScalar(this.offset + i);
          else return this.fail(c, i);
          this.token = T_STRING;
          this.escaped = false;
          if (this.capturing) this.capture(bytes, i, i + 1);
          i++;
          continue;
        default:
          if (this.expect > E_VALUE_OR_CLOSE) return this.fail(c, i);
          if (NUMBER_BYTE[c] === 1 && c !== 0x2b && c !== 0x2e && c !== 0x65 && c !== 0x45) {
            this.beginScalar(this.offset + i);
            this.token = T_NUMBER;
          } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
            this.beginScalar(this.offset + i);
            this.token = T_LITERAL;
            this.literal = '';
          } else return this.fail(c, i);
      }
    }
    this.offset += n;
    return true;
  }

  /** Call after the last chunk. The root, or why the text is not one complete JSON value. */
  finish(): { ok: true; root: Slot } | { ok: false; error: IndexError } {
    if (!this.failure && (this.token === T_NUMBER || this.token === T_LITERAL)) this.endScalar(this.offset);
    if (this.failure) return { ok: false, error: this.failure };
    if (this.token === T_STRING || this.depth > 0 || this.skipping)
      return {
        ok: false,
        error: { message: 'the text ends too early: it looks cut off', offset: this.offset },
      };
    if (this.rootSlot === null)
      return { ok: false, error: { message: 'there is no JSON value in it', offset: this.offset } };
    return { ok: true, root: this.rootSlot };
  }

  private fail(c: number, i: number): false {
    const at = this.offset + i;
    const what =
      this.expect === E_END
        ? `unexpected ${describeByte(c)} after the end of the JSON value`
        : `unexpected ${describeByte(c)}`;
    this.failure = { message: what, offset: at };
    return false;
  }

  /** Reads the rest of the current token from `i`; returns the index of the first byte after it. */
  private continueToken(bytes: Uint8Array, start: number): number {
    const n = bytes.length;
    let i = start;
    if (this.token === T_STRING) {
      let escaped = this.escaped;
      for (; i < n; i++) {
        const c = bytes[i] as number;
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) break;
        else if (c < 0x20) {
          this.failure = { message: 'a string holds a raw control character', offset: this.offset + i };
          return n;
        }
      }
      this.escaped = escaped;
      if (this.capturing) this.capture(bytes, start, Math.min(i + 1, n));
      if (i === n) return n;
      this.token = T_NONE;
      if (this.capturingKey) this.endKey();
      else this.endScalar(this.offset + i + 1);
      return i + 1;
    }
    if (this.token === T_NUMBER) {
      while (i < n && NUMBER_BYTE[bytes[i] as number] === 1) i++;
    } else {
      while (i < n && (bytes[i] as number) >= 0x61 && (bytes[i] as number) <= 0x7a) i++;
      if (this.literal.length + (i - start) > 5) {
        this.failure = { message: 'an unknown word (expected true, false or null)', offset: this.tokenStart };
        return n;
      }
      this.literal += decoder.decode(bytes.subarray(start, i));
    }
    if (this.capturing) this.capture(bytes, start, i);
    if (i < n) this.endScalar(this.offset + i);
    return i;
  }

  private capture(bytes: Uint8Array, from: number, to: number): void {
    const room = this.capturingKey ? to - from : Math.max(0, VALUE_TEXT_LIMIT - this.captured.length);
    const end = from + Math.min(room, to - from);
    for (let k = from; k < end; k++) this.captured.push(bytes[k] as number);
    this.capturedTotal += to - from;
  }

  private capturedText(): string {
    return decoder.decode(Uint8Array.from(this.captured));
  }

  private endKey(): void {
    const raw = this.capturedText();
    this.capturing = false;
    this.capturingKey = false;
    this.captured = [];
    try {
      this.pendingKey = JSON.parse(raw) as string;
    } catch {
      this.failure = { message: `a key is not a valid string: ${raw.slice(0, 40)}`, offset: this.offset };
      return;
    }
    this.expect = E_COLON;
  }

  /** A value starts at `at`: where does it go? */
  private beginScalar(at: number): void {
    this.tokenStart = at;
    this.capturedTotal = 0;
    const parent = this.depth === 0 ? null : this.nodes[this.depth - 1];
    if (this.depth === 0 || parent?.kind === 'object') {
      this.capturing = true;
      this.captured = [];
    } else {
      this.capturing = false;
      if (parent) this.addElement(parent, at);
    }
  }

  private endScalar(end: number): void {
    const token = this.token;
    this.token = T_NONE;
    if (this.literal !== '') {
      const word = this.literal;
      this.literal = '';
      if (word !== 'true' && word !== 'false' && word !== 'null') {
        this.failure = {
          message: `an unknown word "${word}" (expected true, false or null)`,
          offset: this.tokenStart,
        };
        return;
      }
    }
    if (this.capturing) {
      const truncated = this.capturedTotal > this.captured.length;
      if (!truncated && token === T_NUMBER && !NUMBER.test(this.capturedText())) {
        this.failure = { message: `"${this.capturedText()}" is not a valid number`, offset: this.tokenStart };
        return;
      }
      const slot: ValueSlot = {
        kind: 'value',
        start: this.tokenStart,
        end,
        text: this.capturedText(),
        truncated,
      };
      this.capturing = false;
      this.captured = [];
      this.place(slot);
    }
    this.expect = this.depth === 0 ? E_END : E_COMMA_OR_CLOSE;
  }

  private addElement(array: ArrayNode, at: number): void {
    if (array.count === array.starts.length) {
      const grown = this.offsets(array.starts.length * 2);
      grown.set(array.starts);
      array.starts = grown;
    }
    array.starts[array.count++] = at;
  }

  /** Puts an indexed slot where it belongs: the root, or the pending key of the indexed object on top. */
  private place(slot: Slot): void {
    if (this.depth === 0) {
      this.rootSlot = slot;
      return;
    }
    const parent = this.nodes[this.depth - 1] as ObjectNode;
    parent.keys.push(this.pendingKey);
    parent.slots.push(slot);
  }

  private open(type: number, at: number): void {
    if (this.depth === MAX_DEPTH) {
      this.failure = { message: `the JSON is nested more than ${MAX_DEPTH} levels deep`, offset: at };
      return;
    }
    const parent = this.depth === 0 ? undefined : this.nodes[this.depth - 1];
    let node: ObjectNode | ArrayNode | null = null;
    if (parent === undefined || parent?.kind === 'object') {
      node =
        type === OBJ
          ? { kind: 'object', start: at, end: -1, keys: [], slots: [] }
          : { kind: 'array', start: at, end: -1, count: 0, starts: this.offsets(8) };
      this.place(node);
    } else if (parent) this.addElement(parent, at);
    this.types[this.depth] = type;
    this.nodes[this.depth] = node;
    this.depth++;
    this.expect = type === OBJ ? E_KEY_OR_CLOSE : E_VALUE_OR_CLOSE;
    if (node === null) {
      this.skipping = true;
      this.skipFloor = this.depth;
      this.inString = false;
      this.escaped = false;
    }
  }

  /** Follows strings and brackets inside an element container; returns the index after where it stopped. */
  private skip(bytes: Uint8Array, start: number): number {
    const n = bytes.length;
    const types = this.types;
    const floor = this.skipFloor;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let i = start;
    for (; i < n; i++) {
      const c = bytes[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (depth === MAX_DEPTH) {
          this.failure = {
            message: `the JSON is nested more than ${MAX_DEPTH} levels deep`,
            offset: this.offset + i,
          };
          return n;
        }
        types[depth++] = c === 0x5b ? ARR : OBJ;
      } else if (c === 0x5d || c === 0x7d) {
        if (types[depth - 1] !== (c === 0x5d ? ARR : OBJ)) {
          this.failure = { message: `unexpected ${describeByte(c)}`, offset: this.offset + i };
          return n;
        }
        depth--;
        if (depth < floor) {
          this.skipping = false;
          this.expect = E_COMMA_OR_CLOSE;
          i++;
          break;
        }
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return i;
  }

  private close(end: number): void {
    this.depth--;
    const node = this.nodes[this.depth];
    if (node) {
      node.end = end;
      // Give back the room an array grew into but did not use.
      if (node.kind === 'array' && node.starts.length > node.count + 64)
        node.starts = node.starts.slice(0, node.count);
    }
    this.nodes[this.depth] = null;
    this.expect = this.depth === 0 ? E_END : E_COMMA_OR_CLOSE;
  }
}

/** Indexes a whole text at once (tests, small parts). */
export function indexJson(bytes: Uint8Array, base = 0): ReturnType<JsonIndexer['finish']> {
  const indexer = new JsonIndexer(base, base + bytes.length);
  indexer.push(bytes);
  return indexer.finish();
}
