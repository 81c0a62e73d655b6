// Which pages of an array's rows to ask the viewer for, and which to forget. Pure: tested in Node.

/** Rows asked for at once: a few screens of a table. */
export const PAGE_SIZE = 200;
/** Pages kept per table; the ones farthest from what is on screen go first. */
export const PAGES_KEPT = 24;

export type PageState =
  | { status: 'loading' }
  | { status: 'ready'; rows: unknown[]; indices?: number[] }
  | { status: 'error'; error: string };

/** The pages that hold rows `first` to `last` (inclusive). */
export function pagesFor(first: number, last: number, pageSize = PAGE_SIZE): number[] {
  if (last < first) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}

/** The row at `index`, if its page is here. */
export function rowAt(
  pages: ReadonlyMap<number, PageState>,
  index: number,
  pageSize = PAGE_SIZE,
): unknown[] | undefined {
  const page = pages.get(Math.floor(index / pageSize));
  if (page?.status !== 'ready') return undefined;
  const row = page.rows[index % pageSize];
  return row === undefined ? undefined : Array.isArray(row) ? row : [row];
}

/** Where the row at `index` of a sorted or filtered table is in the file's array (the same when neither). */
export function fileIndexAt(
  pages: ReadonlyMap<number, PageState>,
  index: number,
  pageSize = PAGE_SIZE,
): number {
  const page = pages.get(Math.floor(index / pageSize));
  return (page?.status === 'ready' ? page.indices?.[index % pageSize] : undefined) ?? index;
}

/** Pages to drop so that at most `kept` remain, the farthest from `centre` first (never one still loading). */
export function pagesToForget(
  pages: ReadonlyMap<number, PageState>,
  centre: number,
  kept = PAGES_KEPT,
): number[] {
  const done = [...pages].filter(([, s]) => s.status !== 'loading').map(([p]) => p);
  const excess = pages.size - kept;
  if (excess <= 0) return [];
  return done.sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre)).slice(0, excess);
}
