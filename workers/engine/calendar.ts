// US equity (NYSE) market calendar and America/New_York wall-clock arithmetic for the engine.
//
// Why no Intl here: the engine must give the same answers in every worker and Node build (small-icu
// builds and stale tzdata exist), and the rules we need are short. The tests check this code against
// Intl as an independent reference instead.
//
// Dates are 'YYYY-MM-DD' strings (they sort chronologically as strings); times of day are
// "minuteOfDay" = minutes after local midnight in the exchange timezone.

export const EXCHANGE_TIMEZONE = 'America/New_York';
export const REGULAR_OPEN_MINUTE = 570; // 09:30
export const REGULAR_CLOSE_MINUTE = 960; // 16:00
export const EARLY_CLOSE_MINUTE = 780; // 13:00
export const CALENDAR_FIRST_YEAR = 2024;
export const CALENDAR_LAST_YEAR = 2027;

export interface TradingDay {
  date: string;
  /** False on weekends and full holidays. */
  isTradingDay: boolean;
  /** Full-day NYSE closure on a weekday. */
  isHoliday: boolean;
  /** Holiday name, or for early closes the occasion (e.g. 'Independence Day (eve)'); null otherwise. */
  holidayName: string | null;
  isEarlyClose: boolean;
  /** 570 on trading days; 570 on closed days too, so that a closed day has no minutes. */
  openMinute: number;
  /** 960, or 780 on early closes; 570 on closed days. */
  closeMinute: number;
  /** closeMinute - openMinute: 390, 210 on early closes, 0 when not trading. */
  sessionMinutes: number;
}

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

// Walks (previousTradingDays with a long look-back from early 2024, nextTradingDay from late 2027) may
// step one year past the public range, so the tables also hold 2023 and 2028 in full.
const TABLE_FIRST_YEAR = CALENDAR_FIRST_YEAR - 1;
const TABLE_LAST_YEAR = CALENDAR_LAST_YEAR + 1;

// ---------------------------------------------------------------------------------------------------
// NYSE tables
//
// Source: NYSE Group holiday and early-closing announcements (Business Wire, 2021-12-27 for 2022-2024,
// 2024-11-08 for 2025-2027, 2025-12-23 for 2026-2028) and NYSE Rule 7.2. The rules they follow:
// - a holiday on Saturday is observed the Friday before, on Sunday the Monday after, except that New
//   Year's Day on a Saturday is not observed at all (2028-01-01: no holiday, and 2027-12-31 trades);
// - the market closes at 13:00 on July 3, the day after Thanksgiving, and December 24, but only when
//   that very day is a weekday and not itself a holiday. NYSE does not move an early close to another
//   day: 2026-07-02 (July 3 is the observed Independence Day), 2027-07-02 (July 3 is a Saturday) and
//   2027-12-23 (December 24 is the observed Christmas) are full sessions. The 2024-11-08 and
//   2025-12-23 announcements list no early close for them, and it matches 2015, 2020 and 2021, which
//   fell the same way. (Some third-party calendars, and SIFMA for bonds, do shift them; NYSE does not.)
// Ad hoc closure: 2025-01-09, National Day of Mourning for President Jimmy Carter.
// ---------------------------------------------------------------------------------------------------

const NEW_YEARS_DAY = "New Year's Day";
const MLK_DAY = 'Martin Luther King Jr. Day';
const WASHINGTONS_BIRTHDAY = "Washington's Birthday";
const GOOD_FRIDAY = 'Good Friday';
const MEMORIAL_DAY = 'Memorial Day';
const JUNETEENTH = 'Juneteenth';
const INDEPENDENCE_DAY = 'Independence Day';
const LABOR_DAY = 'Labor Day';
const THANKSGIVING_DAY = 'Thanksgiving Day';
const CHRISTMAS_DAY = 'Christmas Day';
const CARTER_MOURNING = 'National Day of Mourning for President Jimmy Carter';

const INDEPENDENCE_EVE = `${INDEPENDENCE_DAY} (eve)`;
const THANKSGIVING_AFTER = `${THANKSGIVING_DAY} (day after)`;
const CHRISTMAS_EVE = `${CHRISTMAS_DAY} (eve)`;

/** Full-day closures on weekdays (observed dates), 2023-2028. */
const FULL_HOLIDAYS: ReadonlyMap<string, string> = new Map([
  // 2023 (look-back only)
  ['2023-01-02', NEW_YEARS_DAY], // Jan 1 is a Sunday
  ['2023-01-16', MLK_DAY],
  ['2023-02-20', WASHINGTONS_BIRTHDAY],
  ['2023-04-07', GOOD_FRIDAY],
  ['2023-05-29', MEMORIAL_DAY],
  ['2023-06-19', JUNETEENTH],
  ['2023-07-04', INDEPENDENCE_DAY],
  ['2023-09-04', LABOR_DAY],
  ['2023-11-23', THANKSGIVING_DAY],
  ['2023-12-25', CHRISTMAS_DAY],
  // 2024
  ['2024-01-01', NEW_YEARS_DAY],
  ['2024-01-15', MLK_DAY],
  ['2024-02-19', WASHINGTONS_BIRTHDAY],
  ['2024-03-29', GOOD_FRIDAY],
  ['2024-05-27', MEMORIAL_DAY],
  ['2024-06-19', JUNETEENTH],
  ['2024-07-04', INDEPENDENCE_DAY],
  ['2024-09-02', LABOR_DAY],
  ['2024-11-28', THANKSGIVING_DAY],
  ['2024-12-25', CHRISTMAS_DAY],
  // 2025
  ['2025-01-01', NEW_YEARS_DAY],
  ['2025-01-09', CARTER_MOURNING],
  ['2025-01-20', MLK_DAY],
  ['2025-02-17', WASHINGTONS_BIRTHDAY],
  ['2025-04-18', GOOD_FRIDAY],
  ['2025-05-26', MEMORIAL_DAY],
  ['2025-06-19', JUNETEENTH],
  ['2025-07-04', INDEPENDENCE_DAY],
  ['2025-09-01', LABOR_DAY],
  ['2025-11-27', THANKSGIVING_DAY],
  ['2025-12-25', CHRISTMAS_DAY],
  // 2026
  ['2026-01-01', NEW_YEARS_DAY],
  ['2026-01-19', MLK_DAY],
  ['2026-02-16', WASHINGTONS_BIRTHDAY],
  ['2026-04-03', GOOD_FRIDAY],
  ['2026-05-25', MEMORIAL_DAY],
  ['2026-06-19', JUNETEENTH],
  ['2026-07-03', INDEPENDENCE_DAY], // Jul 4 is a Saturday
  ['2026-09-07', LABOR_DAY],
  ['2026-11-26', THANKSGIVING_DAY],
  ['2026-12-25', CHRISTMAS_DAY],
  // 2027
  ['2027-01-01', NEW_YEARS_DAY],
  ['2027-01-18', MLK_DAY],
  ['2027-02-15', WASHINGTONS_BIRTHDAY],
  ['2027-03-26', GOOD_FRIDAY],
  ['2027-05-31', MEMORIAL_DAY],
  ['2027-06-18', JUNETEENTH], // Jun 19 is a Saturday
  ['2027-07-05', INDEPENDENCE_DAY], // Jul 4 is a Sunday
  ['2027-09-06', LABOR_DAY],
  ['2027-11-25', THANKSGIVING_DAY],
  ['2027-12-24', CHRISTMAS_DAY], // Dec 25 is a Saturday
  // 2028 (look-ahead only; Jan 1 is a Saturday and is not observed)
  ['2028-01-17', MLK_DAY],
  ['2028-02-21', WASHINGTONS_BIRTHDAY],
  ['2028-04-14', GOOD_FRIDAY],
  ['2028-05-29', MEMORIAL_DAY],
  ['2028-06-19', JUNETEENTH],
  ['2028-07-04', INDEPENDENCE_DAY],
  ['2028-09-04', LABOR_DAY],
  ['2028-11-23', THANKSGIVING_DAY],
  ['2028-12-25', CHRISTMAS_DAY],
]);

/** 13:00 closes, 2023-2028 (see the rule above for the years without a July or December one). */
const EARLY_CLOSES: ReadonlyMap<string, string> = new Map([
  ['2023-07-03', INDEPENDENCE_EVE],
  ['2023-11-24', THANKSGIVING_AFTER],
  ['2024-07-03', INDEPENDENCE_EVE],
  ['2024-11-29', THANKSGIVING_AFTER],
  ['2024-12-24', CHRISTMAS_EVE],
  ['2025-07-03', INDEPENDENCE_EVE],
  ['2025-11-28', THANKSGIVING_AFTER],
  ['2025-12-24', CHRISTMAS_EVE],
  ['2026-11-27', THANKSGIVING_AFTER],
  ['2026-12-24', CHRISTMAS_EVE],
  ['2027-11-26', THANKSGIVING_AFTER],
  ['2028-07-03', INDEPENDENCE_EVE],
  ['2028-11-24', THANKSGIVING_AFTER],
]);

// ---------------------------------------------------------------------------------------------------
// Date strings
// ---------------------------------------------------------------------------------------------------

interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Strict parse: the regex alone would accept '2025-02-30' or '2025-13-01'. */
function parseDate(date: string): CivilDate {
  const match = DATE_PATTERN.exec(date);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected a real calendar date as YYYY-MM-DD`);
  }
  return { year, month, day };
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function formatCivil({ year, month, day }: CivilDate): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

// Day numbers count from 1970-01-01. setUTCFullYear (unlike Date.UTC) takes years 0-99 literally.
function epochDay({ year, month, day }: CivilDate): number {
  const moment = new Date(0);
  moment.setUTCFullYear(year, month - 1, day);
  return Math.round(moment.getTime() / MS_PER_DAY);
}

function civilFromEpochDay(days: number): CivilDate {
  const moment = new Date(days * MS_PER_DAY);
  const civil = { year: moment.getUTCFullYear(), month: moment.getUTCMonth() + 1, day: moment.getUTCDate() };
  if (!(civil.year >= 0 && civil.year <= 9999)) {
    throw new RangeError(`Date arithmetic left the four-digit years (day ${days} after 1970-01-01)`);
  }
  return civil;
}

function weekdayOf(civil: CivilDate): number {
  const days = epochDay(civil);
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
}

function requireInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

/** Calendar days later (negative n: earlier). Any valid date; the NYSE range does not apply. */
export function addDays(date: string, n: number): string {
  requireInteger(n, 'addDays n');
  return formatCivil(civilFromEpochDay(epochDay(parseDate(date)) + n));
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return weekdayOf(parseDate(date));
}

// ---------------------------------------------------------------------------------------------------
// Trading days
// ---------------------------------------------------------------------------------------------------

/** Public queries are limited to the years NYSE has published and we have checked. */
function requireCalendarDate(date: string): void {
  const { year } = parseDate(date);
  if (year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
    throw new RangeError(
      `Date ${date} is outside the NYSE calendar range ${CALENDAR_FIRST_YEAR}-${CALENDAR_LAST_YEAR}`,
    );
  }
}

/** Walks may go one year further either way; past that the tables would silently miss holidays. */
function requireTableDate(date: string): void {
  const year = Number(date.slice(0, 4));
  if (year < TABLE_FIRST_YEAR || year > TABLE_LAST_YEAR) {
    throw new RangeError(
      `Trading-day walk reached ${date}, beyond the holiday tables (${TABLE_FIRST_YEAR}-${TABLE_LAST_YEAR})`,
    );
  }
}

function isWeekend(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/** The lookup itself; callers have checked that `date` is valid and inside the tables. */
function describeDay(date: string): TradingDay {
  const holidayName = FULL_HOLIDAYS.get(date);
  if (holidayName !== undefined || isWeekend(date)) {
    return {
      date,
      isTradingDay: false,
      isHoliday: holidayName !== undefined,
      holidayName: holidayName ?? null,
      isEarlyClose: false,
      openMinute: REGULAR_OPEN_MINUTE,
      closeMinute: REGULAR_OPEN_MINUTE,
      sessionMinutes: 0,
    };
  }
  const occasion = EARLY_CLOSES.get(date);
  const closeMinute = occasion === undefined ? REGULAR_CLOSE_MINUTE : EARLY_CLOSE_MINUTE;
  return {
    date,
    isTradingDay: true,
    isHoliday: false,
    holidayName: occasion ?? null,
    isEarlyClose: occasion !== undefined,
    openMinute: REGULAR_OPEN_MINUTE,
    closeMinute,
    sessionMinutes: closeMinute - REGULAR_OPEN_MINUTE,
  };
}

/** Throws RangeError for a malformed date or a year outside CALENDAR_FIRST_YEAR..CALENDAR_LAST_YEAR. */
export function tradingDay(date: string): TradingDay {
  requireCalendarDate(date);
  return describeDay(date);
}

export function isTradingDay(date: string): boolean {
  return tradingDay(date).isTradingDay;
}

/** First trading day strictly after (step 1) or before (step -1) `date`. */
function stepToTradingDay(date: string, step: 1 | -1): string {
  let candidate = date;
  do {
    candidate = addDays(candidate, step);
    requireTableDate(candidate);
  } while (!describeDay(candidate).isTradingDay);
  return candidate;
}

/** First trading day strictly after `date` (2027-12-31 gives 2028-01-03). */
export function nextTradingDay(date: string): string {
  requireCalendarDate(date);
  return stepToTradingDay(date, 1);
}

/** Last trading day strictly before `date` (2024-01-02 gives 2023-12-29). */
export function previousTradingDay(date: string): string {
  requireCalendarDate(date);
  return stepToTradingDay(date, -1);
}

/** The n trading days strictly before `date`, oldest first; may reach back into 2023. */
export function previousTradingDays(date: string, n: number): string[] {
  requireCalendarDate(date);
  requireInteger(n, 'previousTradingDays n');
  if (n < 0) throw new RangeError(`previousTradingDays n must not be negative, got ${n}`);
  const newestFirst: string[] = [];
  let cursor = date;
  while (newestFirst.length < n) {
    cursor = stepToTradingDay(cursor, -1);
    newestFirst.push(cursor);
  }
  return newestFirst.reverse();
}

/** Trading days from `start` to `end`, both inclusive, oldest first; empty when start > end. */
export function tradingDaysBetween(start: string, end: string): string[] {
  requireCalendarDate(start);
  requireCalendarDate(end);
  const days: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) {
    if (describeDay(date).isTradingDay) days.push(date);
  }
  return days;
}

// ---------------------------------------------------------------------------------------------------
// Exchange clock (America/New_York)
//
// US rule since 2007 (Energy Policy Act of 2005): DST runs from the second Sunday of March 02:00 to the
// first Sunday of November 02:00 local time. For a wall-clock time on a switch day we apply that rule
// literally: minute < 120 keeps the old offset, minute >= 120 gets the new one. So the skipped
// 02:00-02:59 of the March day is read as EDT (02:30 -> 06:30Z, which the clock shows as 01:30 EST), and
// the repeated 01:00-01:59 of the November day is the first (EDT) pass. Neither matters for trading
// hours; the tests pin both down.
// ---------------------------------------------------------------------------------------------------

const EDT_OFFSET_MINUTES = -240;
const EST_OFFSET_MINUTES = -300;
const SWITCH_MINUTE = 120; // 02:00 local
const DST_RULE_FIRST_YEAR = 2007;

function requireDstRuleYear(year: number): void {
  if (year < DST_RULE_FIRST_YEAR) {
    throw new RangeError(`Year ${year} predates the US DST rule in use since ${DST_RULE_FIRST_YEAR}`);
  }
}

function requireMinuteOfDay(minuteOfDay: number): void {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay >= MINUTES_PER_DAY) {
    throw new RangeError(`minuteOfDay must be an integer in 0-1439, got ${minuteOfDay}`);
  }
}

/** Day of month of the nth Sunday of a month. */
function nthSunday(year: number, month: number, n: number): number {
  const firstWeekday = weekdayOf({ year, month, day: 1 });
  return 1 + ((7 - firstWeekday) % 7) + (n - 1) * 7;
}

function dstStart(year: number): CivilDate {
  return { year, month: 3, day: nthSunday(year, 3, 2) };
}

function dstEnd(year: number): CivilDate {
  return { year, month: 11, day: nthSunday(year, 11, 1) };
}

function isDstWallClock(civil: CivilDate, minuteOfDay: number): boolean {
  const { month, day } = civil;
  if (month < 3 || month > 11) return false;
  if (month > 3 && month < 11) return true;
  if (month === 3) {
    const startDay = dstStart(civil.year).day;
    return day > startDay || (day === startDay && minuteOfDay >= SWITCH_MINUTE);
  }
  const endDay = dstEnd(civil.year).day;
  return day < endDay || (day === endDay && minuteOfDay < SWITCH_MINUTE);
}

/** Offset from UTC in minutes (-240 EDT, -300 EST) of a wall-clock time in New York. */
export function utcOffsetMinutes(date: string, minuteOfDay: number): number {
  const civil = parseDate(date);
  requireDstRuleYear(civil.year);
  requireMinuteOfDay(minuteOfDay);
  return isDstWallClock(civil, minuteOfDay) ? EDT_OFFSET_MINUTES : EST_OFFSET_MINUTES;
}

/** The wall clock read as if it were UTC; subtracting the offset turns it into a real instant. */
function wallClockMs(civil: CivilDate, minuteOfDay: number): number {
  return epochDay(civil) * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
}

/** Epoch ms of a New York wall-clock time. Fractional seconds are rounded to whole milliseconds. */
export function localToUtcMs(date: string, minuteOfDay: number, seconds = 0): number {
  const civil = parseDate(date);
  requireDstRuleYear(civil.year);
  requireMinuteOfDay(minuteOfDay);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds >= 60) {
    throw new RangeError(`seconds must be in [0, 60), got ${seconds}`);
  }
  const offset = isDstWallClock(civil, minuteOfDay) ? EDT_OFFSET_MINUTES : EST_OFFSET_MINUTES;
  return wallClockMs(civil, minuteOfDay) + Math.round(seconds * MS_PER_SECOND) - offset * MS_PER_MINUTE;
}

/** Instants are unambiguous: each switch happens at 02:00 on the clock that was running until then. */
export function offsetAtInstant(ms: number): number {
  const { year } = civilFromEpochDay(Math.floor(ms / MS_PER_DAY));
  requireDstRuleYear(year);
  const startMs = wallClockMs(dstStart(year), SWITCH_MINUTE) - EST_OFFSET_MINUTES * MS_PER_MINUTE;
  const endMs = wallClockMs(dstEnd(year), SWITCH_MINUTE) - EDT_OFFSET_MINUTES * MS_PER_MINUTE;
  return ms >= startMs && ms < endMs ? EDT_OFFSET_MINUTES : EST_OFFSET_MINUTES;
}

interface LocalMoment {
  date: string;
  minuteOfDay: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

/** Fractional ms are floored so that an instant never rounds into the next second or day. */
function localMoment(ms: number): LocalMoment {
  if (!Number.isFinite(ms)) throw new RangeError(`Epoch milliseconds must be finite, got ${ms}`);
  const instant = Math.floor(ms);
  const offsetMinutes = offsetAtInstant(instant);
  const wallMs = instant + offsetMinutes * MS_PER_MINUTE;
  const days = Math.floor(wallMs / MS_PER_DAY);
  const msOfDay = wallMs - days * MS_PER_DAY;
  return {
    date: formatCivil(civilFromEpochDay(days)),
    minuteOfDay: Math.floor(msOfDay / MS_PER_MINUTE),
    second: Math.floor((msOfDay % MS_PER_MINUTE) / MS_PER_SECOND),
    millisecond: msOfDay % MS_PER_SECOND,
    offsetMinutes,
  };
}

/** New York wall clock of an instant. */
export function utcMsToLocal(ms: number): {
  date: string;
  minuteOfDay: number;
  second: number;
  millisecond: number;
} {
  const { date, minuteOfDay, second, millisecond } = localMoment(ms);
  return { date, minuteOfDay, second, millisecond };
}

/** -240 -> '-04:00', 0 -> '+00:00', 330 -> '+05:30'. */
export function formatOffset(offsetMinutes: number): string {
  requireInteger(offsetMinutes, 'offsetMinutes');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

function formatClock(moment: LocalMoment, withMilliseconds: boolean): string {
  const hhmmss = `${pad(Math.floor(moment.minuteOfDay / 60))}:${pad(moment.minuteOfDay % 60)}:${pad(moment.second)}`;
  return withMilliseconds && moment.millisecond !== 0 ? `${hhmmss}.${pad(moment.millisecond, 3)}` : hhmmss;
}

/** '2025-07-01T09:30:00' in exchange time, no offset; '.250' appended only when ms are non-zero. */
export function formatLocalDateTime(ms: number): string {
  const moment = localMoment(ms);
  return `${moment.date}T${formatClock(moment, true)}`;
}

/** '09:30:00' in exchange time; '.250' appended only when ms are non-zero. */
export function formatLocalTime(ms: number): string {
  return formatClock(localMoment(ms), true);
}

/** '2025-12-03T14:15:30-05:00': exchange time with the offset in force at that instant, no ms. */
export function formatIsoWithOffset(ms: number): string {
  const moment = localMoment(ms);
  return `${moment.date}T${formatClock(moment, false)}${formatOffset(moment.offsetMinutes)}`;
}
