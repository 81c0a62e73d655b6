// The compare overlay's data, as pure functions: a second symbol's closes kept by the reader as they come
// (whole, then appended), lined up with the chart's bars, and both symbols' change in percent from the
// first bar in view. The chart draws the overlay on a price scale in percentage mode, where
// lightweight-charts shows each series relative to its own first visible value (its close at the first
// visible bar, or the nearest after it): the legend's figures here are computed the same way.
import type { CompareRead } from '../../mirror-client';
import { GrowableColumns } from './growable-columns';

/** The compare symbol's closes the reader holds: its whole series at the chart's interval. */
export interface HeldCompare {
  symbol: string;
  /** The series (source, symbol, interval, session) they belong to, as the mirror names it. */
  key: string;
  /** The export they are as of, and the epoch they were read in. */
  sequence: number | null;
  epoch: number;
  /** The closes' times and values, as views of `columns` (valid until the next read appends). */
  time: Float64Array;
  close: Float64Array;
  /** Where they are held: closes that follow are appended in place (GrowableColumns), not copied whole. */
  columns: GrowableColumns;
}

/**
 * The closes held after a read: the read's whole series, or those held with the read's appended after them
 * (in place: a read that brings k closes costs O(k), not a copy of the series). `mismatch` when the read's
 * bars do not follow those held (the reader then reads the series whole).
 */
export function takeCompare(
  held: HeldCompare | null,
  read: CompareRead,
  sequence: number | null,
  epoch: number,
): HeldCompare | 'mismatch' {
  if (!read.appended) {
    const columns = new GrowableColumns(read.time, read.close);
    return {
      symbol: read.symbol,
      key: read.key,
      sequence,
      epoch,
      time: read.time,
      close: read.close,
      columns,
    };
  }
  if (held === null || held.key !== read.key || read.from !== held.columns.length) return 'mismatch';
  if (read.time.length === 0) return { ...held, sequence };
  const { columns } = held;
  columns.append(read.time, read.close);
  return { ...held, sequence, time: columns.time, close: columns.value };
}

/**
 * The compare symbol a view may use, from the one chosen: null for none, for a symbol charted (a symbol
 * compared with itself says nothing: `charted` holds the symbol asked for and the one shown), or for one that
 * is not one of the session's symbols (`names`, joined by `,`: a stale address, a symbol taken out of the
 * configuration). While the session has no symbol yet (the live mirror before Start) any is kept: an
 * address's choice waits for the session's symbols.
 */
export function compareOf(
  chosen: string | null,
  names: string,
  charted: readonly (string | null)[],
): string | null {
  if (chosen === null || charted.includes(chosen)) return null;
  return names === '' || names.split(',').includes(chosen) ? chosen : null;
}

/** One point of the overlay line: the compare symbol's close at one of the chart's bars. */
export interface OverlayPoint {
  time: number;
  value: number;
}

/**
 * Appends to `out` the compare symbol's closes at the times of the chart's bars (both ascending), at times
 * after `after` only. A close at a time the chart has no bar for is left out, so the overlay never adds a
 * time to the chart's axis (the axis, the gaps and the percent base stay the main symbol's); a missing or
 * non-finite close is left out too. A binary search finds where to start in both series, so a read that brought a few bars or closes costs those few, not a
 * walk of the whole series from its start. Returns how many were added.
 */
export function appendOverlayPoints(
  barTimes: ArrayLike<number>,
  times: ArrayLike<number>,
  closes: ArrayLike<number>,
  after: number,
  out: GrowableColumns,
): number {
  const before = out.length;
  let j = firstFrom(times, after, true);
  for (let i = firstFrom(barTimes, after, true); i < barTimes.length; i++) {
    const t = barTimes[i] as number;
    while (j < times.length && (times[j] as number) < t) j++;
    if (j >= times.length) break;
    if ((times[j] as number) === t && Number.isFinite(closes[j] as number)) out.push(t, closes[j] as number);
  }
  return out.length - before;
}

/** `value` as a change in percent from `base` (lightweight-charts' own rule); null without a usable base. */
export function percentChange(base: number, value: number): number | null {
  if (!Number.isFinite(base) || !Number.isFinite(value) || base === 0) return null;
  const change = (100 * (value - base)) / base;
  return base < 0 ? -change : change;
}

/** The index of the first time >= `at` (or > `at` when `after`), times ascending; `times.length` when none. */
function firstFrom(times: ArrayLike<number>, at: number, after = false): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = times[mid] as number;
    if (t < at || (after && t === at)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A series' change in percent at time `at` (its value at the last time <= `at`) from its value at the first
 * time >= `baseTime`, as the percentage scale draws it. Null when it has no value in that span.
 */
export function percentAt(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  baseTime: number,
  at: number,
): number | null {
  const base = firstFrom(times, baseTime);
  const end = firstFrom(times, at, true) - 1;
  if (base >= times.length || end < base) return null;
  return percentChange(values[base] as number, values[end] as number);
}

/**
 * The bar the percentage scale measures from: the first bar in view (lightweight-charts takes the bar at the
 * floor of the visible logical range's left edge, or the first one when the view starts before the bars).
 */
export function baseIndex(visibleFrom: number | null, bars: number): number {
  if (bars === 0) return -1;
  if (visibleFrom === null) return 0;
  return Math.min(bars - 1, Math.max(0, Math.floor(visibleFrom)));
}

/** `+1.23%`, `-0.50%`, `0.00%`; a dash for none. */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  const rounded = Math.abs(value) < 0.005 ? 0 : value;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : ''}${Math.abs(rounded).toFixed(2)}%`;
}
