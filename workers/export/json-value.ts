// Writes the small, always-whole sections (system, time, performance, threads, config) from plain values.
// Layout: two-space indentation; an object or array holding only scalars stays on one line, so that
// stage timings, date ranges and column lists read at a glance.

import type { ByteSink } from './byte-sink';

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | { [key: string]: JsonValue };

export interface Layout {
  pretty: boolean;
}

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

/** A one-line container: `{"a": 1, "b": 2}` pretty, `{"a":1,"b":2}` compact. */
function inline(sink: ByteSink, value: JsonValue[] | { [key: string]: JsonValue }, layout: Layout): void {
  const gap = layout.pretty ? ', ' : ',';
  if (Array.isArray(value)) {
    sink.char(0x5b);
    value.forEach((v, i) => {
      if (i > 0) sink.ascii(gap);
      scalar(sink, v as JsonScalar);
    });
    sink.char(0x5d);
    return;
  }
  sink.char(0x7b);
  Object.entries(value).forEach(([k, v], i) => {
    if (i > 0) sink.ascii(gap);
    key(sink, k, layout);
    scalar(sink, v as JsonScalar);
  });
  sink.char(0x7d);
}

/** `"key": ` (pretty) or `"key":` (compact). */
export function key(sink: ByteSink, name: string, layout: Layout): void {
  sink.string(name);
  sink.ascii(layout.pretty ? ': ' : ':');
}

export function writeValue(sink: ByteSink, value: JsonValue, layout: Layout, indent: number): void {
  if (isScalar(value)) {
    scalar(sink, value);
    return;
  }
  const entries: [string | null, JsonValue][] = Array.isArray(value)
    ? value.map((v) => [null, v])
    : Object.entries(value);
  if (entries.length === 0 || isLeaf(value)) {
    inline(sink, value, layout);
    return;
  }
  sink.char(Array.isArray(value) ? 0x5b : 0x7b);
  entries.forEach(([k, v], i) => {
    if (i > 0) sink.char(0x2c);
    if (layout.pretty) sink.newline(indent + 2);
    if (k !== null) key(sink, k, layout);
    writeValue(sink, v, layout, indent + 2);
  });
  if (layout.pretty) sink.newline(indent);
  sink.char(Array.isArray(value) ? 0x5d : 0x7d);
}
