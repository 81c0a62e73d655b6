// How a rows table is sorted and filtered, as the page keeps it (the viewer worker does the work). Pure:
// tested in Node.
import type { RowQuery, RowSort } from '../../../workers/viewer/types';
import { formatCount } from '../../format';

/** A table's sort and filter, kept by the tree while the table is scrolled out of view. */
export interface TableView {
  sort: RowSort | null;
  /** The filter applied (the text in the field may differ until it is applied). */
  filter: string;
  /** Rows the filter keeps, once known: a table drawn again starts at its size (and scroll position). */
  total?: number;
}

export const PLAIN_VIEW: TableView = { sort: null, filter: '' };

export const sameView = (a: TableView, b: TableView): boolean =>
  a.filter === b.filter && a.sort?.column === b.sort?.column && a.sort?.direction === b.sort?.direction;

/** A header clicked: ascending, then descending, then the file's order again; another column starts over. */
export function nextSort(current: RowSort | null, column: number): RowSort | null {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}

/** What the worker is asked for a view (columns name the fields a filter may use). */
export function queryOf(view: TableView, columns: readonly string[]): RowQuery {
  const query: RowQuery = { columns: [...columns] };
  if (view.sort) query.sort = view.sort;
  if (view.filter.trim() !== '') query.filter = view.filter;
  return query;
}

/**
 * The table's footer: "Rows 1–12 of 340", and when a filter holds rows back, "34 of 340 rows · 1–12
 * shown" (the rows it keeps, of the whole list).
 */
export function rangeText(
  first: number,
  last: number,
  shown: number,
  all: number,
  filtered: boolean,
): string {
  if (filtered) {
    if (shown === 0) return `0 of ${formatCount(all)} rows match the filter`;
    return `${formatCount(shown)} of ${formatCount(all)} rows · ${formatCount(first + 1)}–${formatCount(last + 1)} shown`;
  }
  if (all === 0) return 'No rows';
  return `Rows ${formatCount(first + 1)}–${formatCount(last + 1)} of ${formatCount(all)}`;
}
