// Interval keys as exports write them ("1s", "5m", "1h", "1d", "1w"): the engine names its streams with
// them and every reader orders them. A key is a whole count and a unit; nothing else is an interval key.

export type IntervalUnit = 's' | 'm' | 'h' | 'd' | 'w';

export interface IntervalKey {
  count: number;
  unit: IntervalUnit;
}

const KEY = /^([1-9][0-9]{0,5})([smhdw])$/;

/** Seconds in one of each unit; a day and a week count calendar time, which only orders them. */
const UNIT_SECONDS: Readonly<Record<IntervalUnit, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
};

/** `"5m"` -> `{ count: 5, unit: 'm' }`; null for anything that is not a key (`"5"`, `"5M"`, `"ticks"`). */
export function readIntervalKey(key: string): IntervalKey | null {
  const match = KEY.exec(key);
  if (match === null) return null;
  return { count: Number(match[1]), unit: match[2] as IntervalUnit };
}

/**
 * The nominal length of an interval key in seconds (`"1h"` -> 3600, `"1d"` -> 86400), for ordering keys
 * and telling equal lengths apart (`"60m"` and `"1h"`); Infinity for a string that is not a key, so that
 * unknown names sort last.
 */
export function intervalSeconds(key: string): number {
  const read = readIntervalKey(key);
  return read === null ? Number.POSITIVE_INFINITY : read.count * UNIT_SECONDS[read.unit];
}

/** Shortest first; equal lengths (and names that are not keys) in name order. */
export function compareIntervalKeys(a: string, b: string): number {
  const byLength = intervalSeconds(a) - intervalSeconds(b);
  if (byLength !== 0 && !Number.isNaN(byLength)) return byLength;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A bar of this interval is stamped with a date, not a time of day: days and weeks. */
export function isDateInterval(key: string): boolean {
  const unit = readIntervalKey(key)?.unit;
  return unit === 'd' || unit === 'w';
}
