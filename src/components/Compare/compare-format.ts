// What the comparison shows, in words: the summary line, a change with its sign and percent, a path. Pure
// functions of the worker's answer, so they are tested without a page.
import type { CompareResult, StreamChange } from '../../../workers/viewer/compare-types';
import type { ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Rows of A that B has not (B is the earlier of the two), all streams together. */
export const rowsOnlyInA = (result: CompareResult) => result.streams.reduce((sum, s) => sum + s.onlyInA, 0);

/** Rows of B at a timestamp A lacks, inside the span A covers (lined up by timestamp), all streams together. */
export const rowsOnlyInBWithin = (result: CompareResult) =>
  result.streams.reduce((sum, s) => sum + s.onlyInBWithin, 0);

/** "12 values differ (5 of them bookkeeping), 3 only in B, 390 rows added across 4 streams"; or that nothing differs. */
export function summaryLine(result: CompareResult): string {
  const parts: string[] = [];
  if (result.valuesTotal > 0) {
    const kept = result.values.filter((value) => isBookkeeping(value.path)).length;
    parts.push(
      `${plural(result.valuesTotal, 'value')} ${result.valuesTotal === 1 ? 'differs' : 'differ'}${kept > 0 ? ` (${formatCount(kept)} of them bookkeeping)` : ''}`,
    );
  }
  if (result.onlyInA > 0) parts.push(`${formatCount(result.onlyInA)} only in A`);
  if (result.onlyInB > 0) parts.push(`${formatCount(result.onlyInB)} only in B`);
  if (result.addedRows > 0)
    parts.push(`${plural(result.addedRows, 'row')} added across ${plural(result.addedStreams, 'stream')}`);
  if (result.changedRows > 0) parts.push(changedRowsText(result.changedRows));
  const missing = rowsOnlyInA(result);
  if (missing > 0) parts.push(`${plural(missing, 'row')} of A not in B`);
  const lacking = rowsOnlyInBWithin(result);
  if (lacking > 0) parts.push(`${plural(lacking, 'row')} of B not in A at times A covers`);
  if (parts.length === 0)
    return `Nothing differs: the same values, and the same rows in ${plural(result.streamsCompared, 'stream')}.`;
  const text = parts.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

const changeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8, signDisplay: 'always' });
const percentFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3, signDisplay: 'always' });

/** `+387 (+6.89%)`, `-0.002 (-3.33%)`; `+1` alone when A was 0. */
export function formatChange(change: number, percent: number | undefined): string {
  const text = changeFormat.format(change);
  return percent === undefined ? text : `${text} (${percentFormat.format(percent)}%)`;
}

/** ▲ for a rise, ▼ for a fall: a shape, so the direction is not told by colour alone. */
export const arrowOf = (change: number) => (change > 0 ? '▲' : change < 0 ? '▼' : '=');

/** "3 rows differ at a timestamp both hold": rows lined up by timestamp whose values differ. */
export const changedRowsText = (n: number) =>
  `${plural(n, 'row')} ${n === 1 ? 'differs' : 'differ'} at a timestamp both hold`;

/** The rows a stream's entry holds in A or B: `1,412` or `123 of 1,535` (a delta's file holds fewer). */
export function rowsText(rows: number | null, total: number | null): string {
  if (rows === null || total === null) return 'absent';
  return rows === total ? formatCount(rows) : `${formatCount(rows)} of ${formatCount(total)}`;
}

/** What the table of a stream's added rows says of its length, or '' when it lists them all. */
export function addedRowsNote(stream: StreamChange): string {
  const listed = stream.rows.length;
  const carried = stream.added - stream.notInB;
  const parts: string[] = [];
  if (listed < carried)
    parts.push(
      `The first ${formatCount(listed)} of ${formatCount(carried)} added rows are listed (the cap).`,
    );
  if (stream.notInB > 0)
    parts.push(
      `${plural(stream.notInB, 'added row')} ${stream.notInB === 1 ? 'is' : 'are'} in neither file: B is a delta that starts after A's last row.`,
    );
  return parts.join(' ');
}

/** `performance_metrics` members that describe the exporting, not the session (docs/compare.md). */
const EXPORT_FIGURES = new Set(['timing_ms', 'last_complete_export', 'last_delta_export']);

/**
 * Bookkeeping: what differs between any two exports whatever the session did, folded away at the end.
 * `_metadata` (which file, when, which mode and sequence), `performance_metrics.timing_ms` (how fast this
 * browser ran the stages), `performance_metrics.last_complete_export` / `last_delta_export` (the export
 * before) and `performance_metrics.counters.exports_made`.
 */
export function isBookkeeping(path: ViewerPath): boolean {
  const [section, member, name] = path;
  if (section === '_metadata') return true;
  if (section !== 'performance_metrics') return false;
  return (
    (typeof member === 'string' && EXPORT_FIGURES.has(member)) ||
    (member === 'counters' && name === 'exports_made')
  );
}

/** What a quant compares first: the session's data, the analysis, the configuration, then the system. */
const FIRST = ['session_data', 'analysis', 'session_config'];
const LAST = ['system_manager', 'time_manager', 'threads', 'performance_metrics'];

/** A top-level section's place in the result: FIRST in order, any other section, then LAST in order. */
function rankOf(path: ViewerPath): number {
  const section = String(path[0] ?? '');
  const first = FIRST.indexOf(section);
  if (first >= 0) return first;
  const last = LAST.indexOf(section);
  return last >= 0 ? FIRST.length + 1 + last : FIRST.length;
}

/**
 * The values in the order they are shown: the session's data first and the system's counters after
 * (`rankOf`), the document's order within a section; bookkeeping (`isBookkeeping`) apart, in the document's
 * order.
 */
export function orderValues<T extends { path: ViewerPath }>(
  values: readonly T[],
): { main: T[]; bookkeeping: T[] } {
  const main: T[] = [];
  const bookkeeping: T[] = [];
  for (const value of values) (isBookkeeping(value.path) ? bookkeeping : main).push(value);
  // Array.prototype.sort is stable: the document's order is kept within a section.
  main.sort((x, y) => rankOf(x.path) - rankOf(y.path));
  return { main, bookkeeping };
}

/** How many of a long list are shown at first, and added by each "Show more". */
export const PAGE_SIZE = 100;

/** The words of a list's "Show more" button: `Show 100 more (912 left)`, or `Show the last 12`. */
export const showMoreText = (left: number) =>
  left > PAGE_SIZE
    ? `Show ${PAGE_SIZE} more (${formatCount(left)} left)`
    : `Show the last ${formatCount(left)}`;
