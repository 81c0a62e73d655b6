// Writes the small, always-whole sections (system, time, performance, threads, config) from plain values.
// Pretty layout: two-space indentation, and any object or array that fits on one line within LINE_WIDTH
// columns (or holds only scalars, such as a list of dates) is written there compactly, like the rows:
// stage timings, thread states and column lists read at a glance, and a delta stays a few KB.

import type { ByteSink } from './byte-sink';

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | { [key: string]: JsonValue };

export interface Layout {
  pretty: boolean;
}

export const LINE_WIDTH = 140;

const isScalar = (v: unknown): v is JsonScalar => v === null || typeof v !== 'object';

function isLeaf(value: JsonValue[] | { [key: string]: JsonValue }): boolean {
  return (Array.isArray(value) ? value : Object.values(value)).every(isScalar);
}

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
  const entries: [string | null, JsonValue][] = Array.isArray(value)
    ? value.map((v) => [null, v])
    : Object.entries(value);
  if (
    entries.length === 0 ||
    isLeaf(value) ||
    indent + keyLength + JSON.stringify(value).length <= LINE_WIDTH
  ) {
    compact(sink, value);
    return;
  }
  sink.char(Array.isArray(value) ? 0x5b : 0x7b);
  entries.forEach(([k, v], i) => {
    if (i > 0) sink.char(0x2c);
    sink.newline(indent + 2);
    if (k !== null) key(sink, k, layout);
    writeValue(sink, v, layout, indent + 2, k === null ? 0 : k.length + 4);
  });
  sink.newline(indent);
  sink.char(Array.isArray(value) ? 0x5d : 0x7d);
}
