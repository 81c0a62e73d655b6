// The symbol table's search: which rows a typed text keeps, and in what order. Case-insensitive; an exact
// name comes first, then names that start with the text, then names that contain it, each group in the
// session's own order, so typing a whole ticker and pressing Enter picks that ticker even at 1,000 symbols.

/** The text as matched: trimmed and upper-cased (tickers are upper case in the engine). */
export const normalQuery = (query: string): string => query.trim().toUpperCase();

/**
 * Indexes into `names` of the names that match `query`, best first; every index, in order, for an empty
 * query. One pass and no sort: O(names) per keystroke or read.
 */
export function matchSymbols(names: readonly string[], query: string): number[] {
  const wanted = normalQuery(query);
  if (wanted === '') return names.map((_, i) => i);
  const exact: number[] = [];
  const prefix: number[] = [];
  const inside: number[] = [];
  names.forEach((name, i) => {
    const upper = name.toUpperCase();
    if (upper === wanted) exact.push(i);
    else if (upper.startsWith(wanted)) prefix.push(i);
    else if (upper.includes(wanted)) inside.push(i);
  });
  return [...exact, ...prefix, ...inside];
}

/** `12 of 1,000 symbols`, or `1,000 symbols` when nothing is typed. */
export function matchCountText(shown: number, total: number, query: string, format: (n: number) => string) {
  const noun = total === 1 ? 'symbol' : 'symbols';
  return normalQuery(query) === ''
    ? `${format(total)} ${noun}`
    : `${format(shown)} of ${format(total)} ${noun}`;
}

/** The row the keyboard moves to from `from` by `key`, within `count` rows (null: not a moving key). */
export function movedRow(key: string, from: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(from + 1);
    case 'ArrowUp':
      return clamp(from - 1);
    case 'PageDown':
      return clamp(from + page);
    case 'PageUp':
      return clamp(from - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}
