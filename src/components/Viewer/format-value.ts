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

/** The most decimals a column is padded to (a value with more keeps them: nothing is rounded away). */
const MAX_COLUMN_DECIMALS = 8;
const fixedFormats = new Map<number, Intl.NumberFormat>();

/** Decimals a number is written with (`12.61` -> 2; `1e-7` and integers -> 0). */
function decimalsOf(value: number): number {
  const text = String(value);
  if (text.includes('e')) return 0;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * How each column of a rows table is written, from the rows read so far: numeric columns get one number
 * of decimals (the most any of their values has, up to 8), so `12.6` sits above `12.61` as `12.60`.
 */
export function columnDecimals(rows: readonly unknown[], width: number): number[] {
  const decimals = new Array<number>(width).fill(0);
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < width; c++) {
      const value = row[c];
      if (typeof value === 'number' && Number.isFinite(value))
        decimals[c] = Math.max(decimals[c] as number, Math.min(decimalsOf(value), MAX_COLUMN_DECIMALS));
    }
  }
  return decimals;
}

/** A row cell in a column written with `decimals` decimals; a number with more keeps all of its own. */
export function formatColumnCell(value: unknown, decimals: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || decimalsOf(value) > decimals)
    return formatCell(value);
  let format = fixedFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    fixedFormats.set(decimals, format);
  }
  return format.format(value);
}

/** The widest text of each column among `rows` (in characters), so no timestamp is cut. */
export function columnChars(rows: readonly unknown[], width: number, decimals: readonly number[]): number[] {
  const chars = new Array<number>(width).fill(0);
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < width; c++)
      chars[c] = Math.max(chars[c] as number, formatColumnCell(row[c], decimals[c] ?? 0).length);
  }
  return chars;
}
