// Writes the small, always-whole sections (system, time, performance, threads, config) from plain values.
// Pretty layout: two-space indentation, and any object or array that fits on one line within LINE_WIDTH
// columns is written there compactly, like the rows: stage timings, thread states and column lists read
// at a glance, and a delta stays a few KB. A larger object packs its small members on shared lines
// (MemberWriter), and a longer list of scalars (dates, changed paths) fills lines with its items.

import type { ByteSink } from './byte-sink';

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | readonly JsonValue[] | { [key: string]: JsonValue };

export interface Layout {
  pretty: boolean;
}

export const LINE_WIDTH = 140;

/** Whether a line of `length` columns fits, leaving room for the comma that may follow it. */
const fits = (length: number): boolean => length + 1 <= LINE_WIDTH;

const isScalar = (v: unknown): v is JsonScalar => v === null || typeof v !== 'object';

const isLeaf = (value: readonly JsonValue[]): value is readonly JsonScalar[] => value.every(isScalar);

function scalar(sink: ByteSink, value: JsonScalar): void {
  if (value === null) sink.ascii('null');
  else if (typeof value === 'string') sink.string(value);
  else if (typeof value === 'number') sink.value(value);
  else sink.ascii(value ? 'true' : 'false');
}

/** `"key":` then a space in the pretty layout. */
export function key(sink: ByteSink, name: string, layout: Layout): void {
  sink.string(name);
  sink.ascii(layout.pretty ? ': ' : ':');
}

/** The value on one line, without spaces. */
function compact(sink: ByteSink, value: JsonValue): void {
  if (isScalar(value)) {
    scalar(sink, value);
    return;
  }
  if (Array.isArray(value)) {
    sink.char(0x5b);
    value.forEach((v, i) => {
      if (i > 0) sink.char(0x2c);
      compact(sink, v);
    });
    sink.char(0x5d);
    return;
  }
  sink.char(0x7b);
  Object.entries(value).forEach(([k, v], i) => {
    if (i > 0) sink.char(0x2c);
    sink.string(k);
    sink.char(0x3a);
    compact(sink, v);
  });
  sink.char(0x7d);
}

/** Values that share a line with their neighbours in an object: scalars and lists of scalars. */
const packs = (value: JsonValue): boolean => isScalar(value) || (Array.isArray(value) && isLeaf(value));

/**
 * Writes an object's members, after its opening brace, at `indent`. In the pretty layout consecutive
 * members whose value is a scalar or a list of scalars share a line while it fits in LINE_WIDTH columns,
 * as in the contract's own example (`"volume": 1234567, "high": 150.23, "low": 148.11, "quality": 100.0,`);
 * any other member starts a line of its own. A delta is mostly such small always-whole fields, so this
 * keeps it a few KB while every line still reads as `key: value`.
 */
export class MemberWriter {
  private written = 0;
  /** The column where the current line ends while it holds packable members; -1 otherwise. */
  private column = -1;

  constructor(
    private readonly sink: ByteSink,
    private readonly layout: Layout,
    private readonly indent: number,
  ) {}

  /** A whole member, `"name": value`. */
  member(name: string, value: JsonValue): void {
    // Our numbers and strings have the same text as JSON.stringify's, so this is the member's width.
    const width = this.layout.pretty ? JSON.stringify(name).length + 2 + JSON.stringify(value).length : 0;
    // A list too long for a line of its own is wrapped (writeValue), on lines of its own.
    if (!this.layout.pretty || !packs(value) || (Array.isArray(value) && !fits(this.indent + width))) {
      this.start(name);
      writeValue(this.sink, value, this.layout, this.indent, name.length + 4);
      return;
    }
    if (this.column >= 0 && fits(this.column + 2 + width)) {
      this.sink.ascii(', ');
      key(this.sink, name, this.layout);
      this.written++;
      this.column += 2 + width;
    } else {
      this.start(name);
      this.column = this.indent + width;
    }
    compact(this.sink, value);
  }

  /** Starts a member whose value the caller writes (nested blocks, rows): on a line of its own. */
  start(name: string): void {
    if (this.written > 0) this.sink.char(0x2c);
    if (this.layout.pretty) this.sink.newline(this.indent);
    key(this.sink, name, this.layout);
    this.written++;
    this.column = -1;
  }

  /** Whether any member was written (an empty object closes on its own line otherwise). */
  get empty(): boolean {
    return this.written === 0;
  }
}

/** A list of scalars too long for one line: its items fill lines of LINE_WIDTH columns, `, ` apart. */
function wrapScalars(sink: ByteSink, items: readonly JsonScalar[], indent: number): void {
  sink.char(0x5b);
  let column = -1;
  for (const item of items) {
    const width = JSON.stringify(item).length;
    if (column >= 0 && fits(column + 2 + width)) {
      sink.ascii(', ');
      column += 2 + width;
    } else {
      if (column >= 0) sink.char(0x2c);
      sink.newline(indent + 2);
      column = indent + 2 + width;
    }
    scalar(sink, item);
  }
  sink.newline(indent);
  sink.char(0x5d);
}

/**
 * Writes `value` at `indent`, after a key of `keyLength` characters on the same line. These sections are
 * small, so measuring a candidate line with JSON.stringify is cheap (the data rows never come here).
 */
export function writeValue(
  sink: ByteSink,
  value: JsonValue,
  layout: Layout,
  indent: number,
  keyLength = 0,
): void {
  if (isScalar(value) || !layout.pretty) {
    compact(sink, value);
    return;
  }
  const isArray = Array.isArray(value);
  if (
    (isArray ? value.length : Object.keys(value).length) === 0 ||
    fits(indent + keyLength + JSON.stringify(value).length)
  ) {
    compact(sink, value);
    return;
  }
  if (isArray && isLeaf(value)) {
    wrapScalars(sink, value, indent);
    return;
  }
  if (isArray) {
    sink.char(0x5b);
    value.forEach((v, i) => {
      if (i > 0) sink.char(0x2c);
      sink.newline(indent + 2);
      writeValue(sink, v, layout, indent + 2);
    });
    sink.newline(indent);
    sink.char(0x5d);
    return;
  }
  sink.char(0x7b);
  const members = new MemberWriter(sink, layout, indent + 2);
  for (const [k, v] of Object.entries(value)) members.member(k, v);
  sink.newline(indent);
  sink.char(0x7d);
}
