// Which daily bars a historical indicator reads (docs/indicators.md, "Historical indicators"). Only bars
// dated before the session count (a bar of the session's own day or later is never read). Of those:
// - unit `days`: the last `period` bars; too few bars leaves the window undefined;
// - unit `weeks`: the bars dated on or after sessionDate - 7 * period calendar days (and before the
//   session); none leaves it undefined.

import type { DailyInput } from '../types';

export interface DailyWindow {
  /** First bar of the window. */
  start: number;
  /** One past the last bar read: the bars before the session's date are [0, end). */
  end: number;
}

/** `YYYY-MM-DD` minus `days` calendar days, in UTC so no time zone or DST shifts the date. */
export function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

export function dailyWindow(
  input: DailyInput,
  period: number,
  unit: 'days' | 'weeks',
): DailyWindow | undefined {
  let end = Math.min(input.bars.length, input.dates.length);
  while (end > 0 && (input.dates[end - 1] as string) >= input.sessionDate) end--;
  if (unit === 'days') {
    if (period < 1 || end < period) return undefined;
    return { start: end - period, end };
  }
  const cutoff = daysBefore(input.sessionDate, 7 * period);
  let start = end;
  while (start > 0 && (input.dates[start - 1] as string) >= cutoff) start--;
  return start < end ? { start, end } : undefined;
}
