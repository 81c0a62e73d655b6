// A rows table sorted or filtered over the whole array, in the viewer worker: a stream can hold 100,000s of
// rows, and the table has read only a few pages of them. The array is read once, in slices, to find the rows
// the filter keeps and the sort column's values; what is kept is the order (4 bytes a row), and a page of the
// sorted or filtered table reads just its rows from the file again, like a page in file order does.

import type { Result } from '../common/result';
import type { RowTest } from './row-filter';
import type { RowSort } from './types';

/** Bytes of rows read and parsed at once while scanning an array. */
export const SCAN_BYTES = 4 * 1024 * 1024;

/** Reads rows `from` to `to` (exclusive) of the array, parsed. */
export type ReadRows = (from: number, to: number) => Promise<Result<unknown[]>>;

/** Where each row starts in the file, so a scan reads slices of about SCAN_BYTES. */
export interface ScannedArray {
  count: number;
  /** Byte offset of row `i`'s start (`i` may be `count`: the end). */
  startOf(i: number): number;
}

/** The cells of a row: a list's items, or the value itself for a list of scalars. */
export const cellsOf = (row: unknown): readonly unknown[] => (Array.isArray(row) ? row : [row]);

/**
 * Sort order of two cells: numbers, then text, then true/false, then null; missing cells last. Within a
 * kind, numbers by value, text by UTF-16 code units (ISO timestamps sort in time order).
 */
const rankOf = (value: unknown): number => {
  switch (typeof value) {
    case 'number':
      return 0;
    case 'string':
      return 1;
    case 'boolean':
      return 2;
    case 'undefined':
      return 4;
    default:
      return 3;
  }
};

export function compareCells(a: unknown, b: unknown): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 1) return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
  if (ra === 2) return Number(a) - Number(b);
  return 0;
}

/** Null and missing cells stay last either way; ties keep the file's order. */
function sortOrder(kept: Uint32Array, keys: unknown[], direction: RowSort['direction']): Uint32Array {
  const sign = direction === 'ascending' ? 1 : -1;
  const positions = Array.from({ length: kept.length }, (_, i) => i);
  positions.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    const ra = rankOf(a);
    const rb = rankOf(b);
    const last = (ra >= 3 ? 1 : 0) - (rb >= 3 ? 1 : 0);
    if (last !== 0) return last;
    return sign * compareCells(a, b) || i - j;
  });
  const order = new Uint32Array(kept.length);
  for (let k = 0; k < positions.length; k++) order[k] = kept[positions[k] as number] as number;
  return order;
}

/** The answer of a scan stopped because a newer sort or filter of the same table started one. */
export const SCAN_SUPERSEDED = 'Stopped: a newer sort or filter of this table replaced it.';

/**
 * The positions of the rows `test` keeps (all when null), in the order `sort` gives (the file's when
 * none). The array is read in slices of about SCAN_BYTES; `superseded` is asked between slices (and before
 * sorting), and true stops the scan: a table whose sort or filter changed again no longer needs it.
 */
export async function buildOrder(
  array: ScannedArray,
  read: ReadRows,
  test: RowTest | null,
  sort: RowSort | null,
  superseded: () => boolean = () => false,
): Promise<Result<Uint32Array>> {
  let kept = new Uint32Array(test === null ? array.count : Math.min(array.count, 1024));
  let size = 0;
  const keys: unknown[] = [];
  let from = 0;
  while (from < array.count) {
    let to = from + 1;
    const limit = array.startOf(from) + SCAN_BYTES;
    // A slice of rows up to about SCAN_BYTES (at least one row), found by growing steps over the row starts.
    let step = 1;
    while (to < array.count && array.startOf(Math.min(array.count, to + step)) <= limit) {
      to = Math.min(array.count, to + step);
      step *= 2;
    }
    if (superseded()) return { ok: false, error: SCAN_SUPERSEDED };
    const slice = await read(from, to);
    if (!slice.ok) return slice;
    for (let k = 0; k < slice.value.length; k++) {
      const cells = cellsOf(slice.value[k]);
      if (test !== null && !test(cells)) continue;
      if (size === kept.length) {
        const grown = new Uint32Array(Math.min(array.count, kept.length * 2));
        grown.set(kept);
        kept = grown;
      }
      kept[size++] = from + k;
      if (sort) keys.push(cells[sort.column]);
    }
    from = to;
  }
  if (superseded()) return { ok: false, error: SCAN_SUPERSEDED };
  kept = kept.subarray(0, size);
  return { ok: true, value: sort ? sortOrder(kept, keys, sort.direction) : kept.slice() };
}

/** Runs of consecutive positions in `indices`, so a page in file order (or nearly) is read in few slices. */
export function runsOf(indices: ArrayLike<number>): { from: number; to: number; at: number }[] {
  const runs: { from: number; to: number; at: number }[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] as number;
    const last = runs.at(-1);
    if (last && last.to === i) last.to++;
    else runs.push({ from: i, to: i + 1, at: k });
  }
  return runs;
}
