// Timestamps of imported bars: ISO 8601 with or without a timezone (without one, exchange-local time),
// `YYYY-MM-DD HH:MM[:SS]`, or epoch seconds or milliseconds.

import { quoted } from '../common/shown-text';
import { localToUtcMs, TABLE_FIRST_YEAR, TABLE_LAST_YEAR } from '../engine/calendar';

/** Why a time is refused for lying before or after the days the exchange calendar knows. */
export const outsideCalendar = (when: string) =>
  `${when} is outside the dates the exchange calendar knows (${TABLE_FIRST_YEAR} to ${TABLE_LAST_YEAR})`;

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

const MAX_TIMESTAMP_CHARS = 64;

export const ACCEPTED_TIMESTAMPS =
  'ISO 8601 such as 2025-07-01T09:30:00-04:00, 2025-07-01 09:30 (exchange time), or epoch seconds or milliseconds';

/** The instant `text` stands for, in epoch milliseconds, or why it is not a timestamp. */
export function parseTimestamp(text: string): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = text.trim();
  const fail = () => ({
    ok: false as const,
    error: `${quoted(text)} is not a timestamp (expected ${ACCEPTED_TIMESTAMPS})`,
  });
  // No timestamp is this long; a huge cell is refused before any pattern runs over it.
  if (trimmed.length > MAX_TIMESTAMP_CHARS) return fail();
  if (/^\d{9,10}(\.\d+)?$/.test(trimmed)) return { ok: true, value: Math.round(Number(trimmed) * 1000) };
  if (/^\d{12,13}$/.test(trimmed)) return { ok: true, value: Number(trimmed) };
  const match = ISO.exec(trimmed);
  if (!match) return fail();
  const [, y, mo, d, hh = '00', mi = '00', ss = '00', frac = '', zone] = match;
  const date = `${y}-${mo}-${d}`;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(hh);
  const minute = Number(mi);
  const second = Number(ss);
  const valid = new Date(Date.UTC(Number(y), month - 1, day));
  if (
    valid.getUTCMonth() !== month - 1 ||
    valid.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return fail();
  }
  const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  if (zone === undefined) {
    try {
      return { ok: true, value: localToUtcMs(date, hour * 60 + minute, second) + millis };
    } catch {
      // The exchange clock's rules (daylight saving since 2007) do not reach that far back.
      return { ok: false, error: outsideCalendar(quoted(text)) };
    }
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes =
      (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return {
    ok: true,
    value: Date.UTC(Number(y), month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000,
  };
}
