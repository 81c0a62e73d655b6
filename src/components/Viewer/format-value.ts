// How the viewer writes a JSON value: numbers with thousands separators and every decimal they have,
// strings as they are (quoted in the tree, bare in row cells), containers as compact JSON.

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

export type ValueTone = 'string' | 'number' | 'boolean' | 'null' | 'other';

export function toneOf(value: unknown): ValueTone {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'other';
}

/** `1234567` -> `1,234,567`; `12.5` -> `12.5`; `-0.000123` stays exact. */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? numberFormat.format(value) : String(value);
}

/** A value in a row cell. */
export function formatCell(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (value === null || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A value in the tree: strings keep their quotes, so `"100"` and `100` look different. */
export function formatTreeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : formatCell(value);
}
