// Times on the charts. The mirror gives bar times as exchange-local wall time read as if it were UTC, in
// seconds (see workers/mirror/row-table.ts), and lightweight-charts shows UTC timestamps as they are: so
// the axis already reads in exchange time (ET). This file is the one place that formats those times, and
// it formats them in UTC for that reason: never through the browser's timezone.

import { intervalSeconds } from '../../intervals';

const DAY_SECONDS = 86_400;

const dateFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** `09:31` (or `09:31:05` with seconds) of exchange-local seconds. */
export function clockOf(seconds: number, withSeconds = false): string {
  const d = new Date(seconds * 1000);
  const hm = `${twoDigits(d.getUTCHours())}:${twoDigits(d.getUTCMinutes())}`;
  return withSeconds ? `${hm}:${twoDigits(d.getUTCSeconds())}` : hm;
}

/**
 * The crosshair's time label: `Tue, Jul 1, 2025 09:31 ET` (`09:31:05 ET` for second bars), or the date alone
 * for daily and weekly bars.
 */
export function crosshairLabel(seconds: number, interval: string): string {
  const date = dateFormat.format(new Date(seconds * 1000));
  const step = intervalSeconds(interval) ?? 60;
  return step >= DAY_SECONDS ? date : `${date} ${clockOf(seconds, step < 60)} ET`;
}

export interface Gap {
  /** Time of the bar after the gap (where the marker goes). */
  time: number;
  /** Bars missing before it. */
  missing: number;
}

/**
 * Missing intraday bars: consecutive bars of the same day further apart than one interval. Nights, weekends
 * and holidays are not gaps, and neither are daily bars; nor are missing second bars (a second without a
 * trade is ordinary, a minute without one is a gap in the data). `before` is the time of the bar preceding
 * `times[0]` (when appending), so that a gap across two reads is still found.
 */
export function findGaps(times: ArrayLike<number>, interval: string, before: number | null = null): Gap[] {
  const step = intervalSeconds(interval);
  if (step === null || step < 60 || step >= DAY_SECONDS) return [];
  const gaps: Gap[] = [];
  let previous = before;
  for (let i = 0; i < times.length; i++) {
    const time = times[i] as number;
    if (previous !== null && Math.floor(previous / DAY_SECONDS) === Math.floor(time / DAY_SECONDS)) {
      const missing = Math.round((time - previous) / step) - 1;
      if (missing > 0) gaps.push({ time, missing });
    }
    previous = time;
  }
  return gaps;
}
