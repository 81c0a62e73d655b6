// The config form's date picker, without React: the month grids it draws and the trading days of a
// window, from the exchange calendar the engine answers (`tradingCalendar`, plain data). The page cannot
// import the engine's calendar; asking for its days keeps the picker and the schema's check in agreement.
import type { CalendarDayView, TradingCalendarView } from '../engine-client';

export type { CalendarDayView, TradingCalendarView };

const DAY_MS = 86_400_000;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** The days of the week, Sunday first (the grid's first column, and `getUTCDay`'s numbering). */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A real calendar date written YYYY-MM-DD. */
export const isDate = (date: string): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(utc(date)) && isoOf(utc(date)) === date;

/** `n` days on; a text that is not a date is given back as it is (a bad date must not throw in a render). */
export const addDays = (date: string, n: number): string =>
  isDate(date) ? isoOf(utc(date) + n * DAY_MS) : date;

/** The same day `n` months later, or the month's last day when it has fewer days (Jan 31 + 1 is Feb 28/29). */
export function addMonths(date: string, n: number): string {
  if (!isDate(date)) return date;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return isoOf(first.getTime());
}

/** 0 = Sunday ... 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(utc(date)).getUTCDay();

/** "2025-07" -> "July 2025". */
export const monthTitle = (date: string): string =>
  `${MONTHS[Number(date.slice(5, 7)) - 1] ?? '?'} ${date.slice(0, 4)}`;

/** "2025-07-04" -> "Friday, July 4, 2025". */
export const longDate = (date: string): string =>
  `${WEEKDAYS[weekdayOf(date)]}, ${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;

/**
 * The weeks (Sunday first, as US calendars) of the month holding `date`; days of other months are null.
 * None for a text that is not a date: "2025-13-01" or "2025-7-4" from the JSON must not throw.
 */
export function monthWeeks(date: string): (string | null)[][] {
  if (!isDate(date)) return [];
  const first = `${date.slice(0, 7)}-01`;
  const days: (string | null)[] = Array.from({ length: weekdayOf(first) }, () => null);
  for (let day = first; day.slice(0, 7) === first.slice(0, 7); day = addDays(day, 1)) days.push(day);
  while (days.length % 7 !== 0) days.push(null);
  return Array.from({ length: days.length / 7 }, (_, i) => days.slice(i * 7, i * 7 + 7));
}

/** The calendar's days by date, for lookups. */
export const daysByDate = (calendar: TradingCalendarView): Map<string, CalendarDayView> =>
  new Map(calendar.days.map((d) => [d.date, d]));

/** The trading days from `start` to `end`, both inclusive, as the engine's calendar has them. */
export function tradingDaysIn(calendar: TradingCalendarView, start: string, end: string): string[] {
  return calendar.days.filter((d) => d.trading && d.date >= start && d.date <= end).map((d) => d.date);
}

/** Whether `date` is a real date (YYYY-MM-DD) the calendar holds. */
export const inCalendar = (calendar: TradingCalendarView, date: string): boolean =>
  isDate(date) && date >= calendar.first && date <= calendar.last;

/**
 * `date` kept inside the calendar's dates; a text that is not a real date is the calendar's first day
 * (compared as text, "2025-13-01" would pass as a date of 2025).
 */
export const clampDate = (calendar: TradingCalendarView, date: string): string =>
  !isDate(date) || date < calendar.first ? calendar.first : date > calendar.last ? calendar.last : date;

/** The earliest year a date field may write before the calendar is known: no year typed part-way (0202). */
export const FIRST_WRITABLE_YEAR = 1900;

/**
 * Whether a date typed in a native date field is one to write: a real date inside the calendar (or, before
 * the calendar is known, from 1900 on). A year typed digit by digit passes through 0002, 0020 and 0202
 * before 2025; each of those is not written.
 */
export function writableDate(calendar: TradingCalendarView | null, date: string): boolean {
  if (!isDate(date)) return false;
  return calendar === null ? Number(date.slice(0, 4)) >= FIRST_WRITABLE_YEAR : inCalendar(calendar, date);
}

/** What the picker says of a day: "Friday, July 4, 2025, market closed: Independence Day". */
export function dayLabel(day: CalendarDayView): string {
  const date = longDate(day.date);
  if (day.trading) return day.earlyClose ? `${date}, early close (${day.note ?? 'holiday eve'})` : date;
  if (day.note !== null) return `${date}, market closed: ${day.note}`;
  return `${date}, market closed: weekend`;
}
