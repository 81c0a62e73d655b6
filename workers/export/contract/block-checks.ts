// The checks both readers (the viewer, the mirror) make of a stream block before they take anything from
// it (docs/export-format.md section 11.2, item 8): counts that are whole numbers and match the rows the
// file holds, columns that are a list of names, rows that are lists of plain values as wide as the
// columns. Each answers one line naming the place in the document, or null when the block is sound.
// What the original system leaves out (`count`, `total_count`, `columns`) is not checked here: it is
// assumed and noted by the readers.

import { quoted } from './reading';

/** A row count: a whole number from 0 that a JavaScript number holds exactly. */
export const isRowCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/** What a value is, in a refusal: `null`, `an object`, `a list`, or the value quoted. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return quoted(value);
}

/**
 * Why a block's `count` and `total_count` cannot describe the `rows` it holds, or null. Either may be
 * missing (the original's blocks), and then it is not checked. `total_count` is only ever compared: in a
 * delta it counts rows sent before, so it may be far above the rows in the file, but never below them;
 * in a complete export it is the rows in the file (section 3).
 */
export function countsProblem(
  where: string,
  block: { count: unknown; total: unknown },
  rows: number,
  complete: boolean,
): string | null {
  const { count, total } = block;
  if (typeof count === 'number') {
    if (!isRowCount(count)) return `${where}.count is ${describeValue(count)}, not a row count`;
    if (count !== rows) return `${where} says count ${count} but holds ${rows} rows`;
  }
  if (typeof total !== 'number') return null;
  if (!isRowCount(total)) return `${where}.total_count is ${describeValue(total)}, not a row count`;
  if (total < rows) return `${where} says total_count ${total} but holds ${rows} rows`;
  if (complete && total !== rows)
    return `${where} says total_count ${total} in a complete export, which holds every row: ${rows}`;
  return null;
}

/** Why `columns` is not a list of names, or null; a block without `columns` (null or missing) is fine. */
export function columnsProblem(where: string, columns: unknown): string | null {
  if (columns === undefined || columns === null) return null;
  if (Array.isArray(columns) && columns.every((c) => typeof c === 'string')) return null;
  return `${where}.columns is ${describeValue(columns)}, not a list of names`;
}

const isCell = (v: unknown) =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** Why row `i` of a block is not a list of `width` plain values (a number, a text or null), or null. */
export function rowProblem(where: string, i: number, row: unknown, width: number): string | null {
  const at = `${where}.data[${i}]`;
  const expected = `(expected a list of ${width} values)`;
  if (!Array.isArray(row)) return `${at}: a row is ${describeValue(row)} ${expected}`;
  if (row.length !== width) return `${at}: a row of ${row.length} values ${expected}`;
  const bad = row.findIndex((cell) => !isCell(cell));
  if (bad < 0) return null;
  return `${at}[${bad}]: a value is ${describeValue(row[bad])} (expected a number, a text or null)`;
}
