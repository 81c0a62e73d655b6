import { describe, expect, it } from 'vitest';
import {
  addDays,
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  dayOfWeek,
  EARLY_CLOSE_MINUTE,
  EXCHANGE_TIMEZONE,
  formatIsoWithOffset,
  formatLocalDateTime,
  formatLocalTime,
  formatOffset,
  isTradingDay,
  localToUtcMs,
  nextTradingDay,
  previousTradingDay,
  previousTradingDays,
  REGULAR_CLOSE_MINUTE,
  REGULAR_OPEN_MINUTE,
  TABLE_FIRST_YEAR,
  TABLE_LAST_YEAR,
  type TradingDay,
  tradingDay,
  tradingDayInTables,
  tradingDaysBetween,
  utcMsToLocal,
  utcOffsetMinutes,
} from './calendar';

// ---------------------------------------------------------------------------------------------------
// Independent references: Intl (tzdata) for the clock, the NYSE announcements for the calendar.
// ---------------------------------------------------------------------------------------------------

const intlOffsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: EXCHANGE_TIMEZONE,
  timeZoneName: 'longOffset',
});
const intlPartsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: EXCHANGE_TIMEZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Offset in minutes that tzdata gives New York at an instant ('GMT-04:00' -> -240). */
function intlOffsetMinutes(ms: number): number {
  const name = intlOffsetFormat.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value;
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name ?? '');
  if (!match) throw new Error(`unexpected Intl offset ${name}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** New York wall clock that tzdata gives an instant. */
function intlLocal(ms: number): { date: string; minuteOfDay: number; second: number } {
  const parts = Object.fromEntries(intlPartsFormat.formatToParts(ms).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minuteOfDay: Number(parts.hour) * 60 + Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Every date from `start` to `end` inclusive. */
function everyDate(start: string, end: string): string[] {
  const dates: string[] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) dates.push(date);
  return dates;
}

const ALL_CALENDAR_DATES = everyDate(`${CALENDAR_FIRST_YEAR}-01-01`, `${CALENDAR_LAST_YEAR}-12-31`);

const TABLE_DATES = everyDate(`${TABLE_FIRST_YEAR}-01-01`, `${TABLE_LAST_YEAR}-12-31`);

// The published NYSE dates for 2023-2028: the NYSE Group announcements (Business Wire 2021-12-27 for
// 2022-2024, 2024-11-08 for 2025-2027, 2025-12-23 for 2026-2028) plus the 2025-01-09 closure for
// President Carter. The calendar once held these as hand-written tables; it now computes them by rule,
// and they live here, written out on purpose rather than imported: the test is the check.
const PUBLISHED_HOLIDAYS: Record<string, string> = {
  // 2023 (reached by walks only)
  '2023-01-02': "New Year's Day", // Jan 1 is a Sunday
  '2023-01-16': 'Martin Luther King Jr. Day',
  '2023-02-20': "Washington's Birthday",
  '2023-04-07': 'Good Friday',
  '2023-05-29': 'Memorial Day',
  '2023-06-19': 'Juneteenth',
  '2023-07-04': 'Independence Day',
  '2023-09-04': 'Labor Day',
  '2023-11-23': 'Thanksgiving Day',
  '2023-12-25': 'Christmas Day',
  // 2024
  '2024-01-01': "New Year's Day",
  '2024-01-15': 'Martin Luther King Jr. Day',
  '2024-02-19': "Washington's Birthday",
  '2024-03-29': 'Good Friday',
  '2024-05-27': 'Memorial Day',
  '2024-06-19': 'Juneteenth',
  '2024-07-04': 'Independence Day',
  '2024-09-02': 'Labor Day',
  '2024-11-28': 'Thanksgiving Day',
  '2024-12-25': 'Christmas Day',
  // 2025
  '2025-01-01': "New Year's Day",
  '2025-01-09': 'National Day of Mourning for President Jimmy Carter',
  '2025-01-20': 'Martin Luther King Jr. Day',
  '2025-02-17': "Washington's Birthday",
  '2025-04-18': 'Good Friday',
  '2025-05-26': 'Memorial Day',
  '2025-06-19': 'Juneteenth',
  '2025-07-04': 'Independence Day',
  '2025-09-01': 'Labor Day',
  '2025-11-27': 'Thanksgiving Day',
  '2025-12-25': 'Christmas Day',
  // 2026
  '2026-01-01': "New Year's Day",
  '2026-01-19': 'Martin Luther King Jr. Day',
  '2026-02-16': "Washington's Birthday",
  '2026-04-03': 'Good Friday',
  '2026-05-25': 'Memorial Day',
  '2026-06-19': 'Juneteenth',
  '2026-07-03': 'Independence Day', // Jul 4 is a Saturday
  '2026-09-07': 'Labor Day',
  '2026-11-26': 'Thanksgiving Day',
  '2026-12-25': 'Christmas Day',
  // 2027
  '2027-01-01': "New Year's Day",
  '2027-01-18': 'Martin Luther King Jr. Day',
  '2027-02-15': "Washington's Birthday",
  '2027-03-26': 'Good Friday',
  '2027-05-31': 'Memorial Day',
  '2027-06-18': 'Juneteenth', // Jun 19 is a Saturday
  '2027-07-05': 'Independence Day', // Jul 4 is a Sunday
  '2027-09-06': 'Labor Day',
  '2027-11-25': 'Thanksgiving Day',
  '2027-12-24': 'Christmas Day', // Dec 25 is a Saturday
  // 2028 (reached by walks only; Jan 1 is a Saturday and is not observed)
  '2028-01-17': 'Martin Luther King Jr. Day',
  '2028-02-21': "Washington's Birthday",
  '2028-04-14': 'Good Friday',
  '2028-05-29': 'Memorial Day',
  '2028-06-19': 'Juneteenth',
  '2028-07-04': 'Independence Day',
  '2028-09-04': 'Labor Day',
  '2028-11-23': 'Thanksgiving Day',
  '2028-12-25': 'Christmas Day',
};

// No July 3 close in 2026 and 2027 and no December 24 close in 2027 and 2028: see the rule in calendar.ts.
const PUBLISHED_EARLY_CLOSES: Record<string, string> = {
  '2023-07-03': 'Independence Day (eve)',
  '2023-11-24': 'Thanksgiving Day (day after)',
  '2024-07-03': 'Independence Day (eve)',
  '2024-11-29': 'Thanksgiving Day (day after)',
  '2024-12-24': 'Christmas Day (eve)',
  '2025-07-03': 'Independence Day (eve)',
  '2025-11-28': 'Thanksgiving Day (day after)',
  '2025-12-24': 'Christmas Day (eve)',
  '2026-11-27': 'Thanksgiving Day (day after)',
  '2026-12-24': 'Christmas Day (eve)',
  '2027-11-26': 'Thanksgiving Day (day after)',
  '2028-07-03': 'Independence Day (eve)',
  '2028-11-24': 'Thanksgiving Day (day after)',
};

/** The entries of a published table whose date falls in `first`..`last` (years). */
function publishedIn(table: Record<string, string>, first: number, last: number): Record<string, string> {
  return Object.fromEntries(
    Object.entries(table).filter(([date]) => yearOfDate(date) >= first && yearOfDate(date) <= last),
  );
}

function yearOfDate(date: string): number {
  return Number(date.slice(0, 4));
}

/** What a day's description must satisfy whatever the day: weekends and holidays have no minutes, etc. */
function expectConsistent(day: TradingDay, date: string): void {
  const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
  expect(day.date).toBe(date);
  expect(day.isTradingDay, date).toBe(!weekend && !day.isHoliday);
  expect(day.isHoliday && weekend, date).toBe(false);
  expect(day.isEarlyClose && !day.isTradingDay, date).toBe(false);
  expect(day.sessionMinutes, date).toBe(day.closeMinute - day.openMinute);
  expect(day.openMinute, date).toBe(REGULAR_OPEN_MINUTE);
  const expectedClose = !day.isTradingDay ? 570 : day.isEarlyClose ? 780 : 960;
  expect(day.closeMinute, date).toBe(expectedClose);
  expect(day.holidayName === null, date).toBe(!day.isHoliday && !day.isEarlyClose);
}

// ---------------------------------------------------------------------------------------------------
// Clock
// ---------------------------------------------------------------------------------------------------

describe('utcOffsetMinutes', () => {
  it('matches Intl at 09:30 and 16:00 on every day of 2024-2027', () => {
    const mismatches: string[] = [];
    for (const date of ALL_CALENDAR_DATES) {
      for (const minute of [REGULAR_OPEN_MINUTE, REGULAR_CLOSE_MINUTE]) {
        const ours = utcOffsetMinutes(date, minute);
        const ms = localToUtcMs(date, minute);
        const reference = intlOffsetMinutes(ms);
        const local = intlLocal(ms);
        if (ours !== reference || local.date !== date || local.minuteOfDay !== minute) {
          mismatches.push(`${date} ${minute}: ours ${ours}, Intl ${reference} at ${JSON.stringify(local)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(ALL_CALENDAR_DATES).toHaveLength(366 + 365 + 365 + 365);
  });

  const switchDays = [
    { date: '2024-03-10', before: -300, after: -240 },
    { date: '2024-11-03', before: -240, after: -300 },
    { date: '2025-03-09', before: -300, after: -240 },
    { date: '2025-11-02', before: -240, after: -300 },
    { date: '2026-03-08', before: -300, after: -240 },
    { date: '2026-11-01', before: -240, after: -300 },
    { date: '2027-03-14', before: -300, after: -240 },
    { date: '2027-11-07', before: -240, after: -300 },
  ];

  it.each(switchDays)('switches exactly at 02:00 on $date', ({ date, before, after }) => {
    expect(dayOfWeek(date)).toBe(0);
    expect(utcOffsetMinutes(addDays(date, -1), 1439)).toBe(before);
    expect(utcOffsetMinutes(date, 0)).toBe(before);
    expect(utcOffsetMinutes(date, 119)).toBe(before); // 01:59
    expect(utcOffsetMinutes(date, 120)).toBe(after); // 02:00
    expect(utcOffsetMinutes(date, 180)).toBe(after); // 03:00
    expect(utcOffsetMinutes(date, 1439)).toBe(after);
    expect(utcOffsetMinutes(addDays(date, 1), 0)).toBe(after);
  });

  it.each(switchDays)('agrees with Intl for every existing, unambiguous minute of $date', ({ date }) => {
    for (let minute = 0; minute < 1440; minute++) {
      // 01:00-01:59 exists twice in November and 02:00-02:59 not at all in March: conventions, tested below.
      const ambiguousOrSkipped =
        date.slice(5, 7) === '11' ? minute >= 60 && minute < 120 : minute >= 120 && minute < 180;
      if (ambiguousOrSkipped) continue;
      const ms = localToUtcMs(date, minute);
      expect(intlOffsetMinutes(ms), `${date} minute ${minute}`).toBe(utcOffsetMinutes(date, minute));
      expect(intlLocal(ms)).toEqual({ date, minuteOfDay: minute, second: 0 });
    }
  });

  it('reads the skipped March hour as EDT and the repeated November hour as its first (EDT) pass', () => {
    // 02:30 on 2025-03-09 does not exist; per the rule it is EDT, i.e. 06:30Z (the clock showed 01:30 EST).
    expect(localToUtcMs('2025-03-09', 150)).toBe(Date.UTC(2025, 2, 9, 6, 30));
    // 01:30 on 2025-11-02 happens at 05:30Z (EDT) and again at 06:30Z (EST); we pick the first.
    expect(localToUtcMs('2025-11-02', 90)).toBe(Date.UTC(2025, 10, 2, 5, 30));
  });

  it('is only defined where the 2007 US rule applies', () => {
    expect(utcOffsetMinutes('2007-03-11', 120)).toBe(-240);
    expect(() => utcOffsetMinutes('2006-07-01', 600)).toThrow(
      new RangeError('Year 2006 predates the US DST rule in use since 2007'),
    );
  });
});

describe('utcMsToLocal and localToUtcMs', () => {
  it('agree with Intl for every UTC hour of 2024-2027, including both switch instants each year', () => {
    const mismatches: string[] = [];
    const end = Date.UTC(CALENDAR_LAST_YEAR + 1, 0, 1);
    for (let ms = Date.UTC(CALENDAR_FIRST_YEAR, 0, 1); ms < end; ms += 3_600_000) {
      const ours = utcMsToLocal(ms);
      const reference = intlLocal(ms);
      if (ours.date !== reference.date || ours.minuteOfDay !== reference.minuteOfDay || ours.second !== 0) {
        mismatches.push(
          `${new Date(ms).toISOString()}: ${JSON.stringify(ours)} vs ${JSON.stringify(reference)}`,
        );
      }
      if (!formatIsoWithOffset(ms).endsWith(formatOffset(intlOffsetMinutes(ms)))) {
        mismatches.push(`${new Date(ms).toISOString()}: offset ${formatIsoWithOffset(ms)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('flips at the switch instants to the millisecond', () => {
    const springForward = Date.UTC(2025, 2, 9, 7); // 02:00 EST -> 03:00 EDT
    expect(utcMsToLocal(springForward - 1)).toEqual({
      date: '2025-03-09',
      minuteOfDay: 119,
      second: 59,
      millisecond: 999,
    });
    expect(utcMsToLocal(springForward)).toEqual({
      date: '2025-03-09',
      minuteOfDay: 180,
      second: 0,
      millisecond: 0,
    });
    const fallBack = Date.UTC(2025, 10, 2, 6); // 02:00 EDT -> 01:00 EST
    expect(formatIsoWithOffset(fallBack - 1)).toBe('2025-11-02T01:59:59-04:00');
    expect(formatIsoWithOffset(fallBack)).toBe('2025-11-02T01:00:00-05:00');
  });

  it('round-trips every 5 minutes of 2024-2027 wall-clock time outside the switch hours', () => {
    let checked = 0;
    for (const date of ALL_CALENDAR_DATES) {
      const isSwitchSunday =
        dayOfWeek(date) === 0 && (date.slice(5, 7) === '03' || date.slice(5, 7) === '11');
      for (let minute = 0; minute < 1440; minute += 5) {
        if (isSwitchSunday && minute >= 60 && minute < 180) continue;
        const local = utcMsToLocal(localToUtcMs(date, minute, 7.25));
        if (
          local.date !== date ||
          local.minuteOfDay !== minute ||
          local.second !== 7 ||
          local.millisecond !== 250
        ) {
          throw new Error(`${date} ${minute} -> ${JSON.stringify(local)}`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(400_000);
  });

  it('round-trips instants, except that the repeated November hour maps back to its first pass', () => {
    const ms = Date.UTC(2025, 6, 1, 13, 30, 15, 250);
    const local = utcMsToLocal(ms);
    expect(local).toEqual({ date: '2025-07-01', minuteOfDay: 570, second: 15, millisecond: 250 });
    expect(localToUtcMs(local.date, local.minuteOfDay, local.second + local.millisecond / 1000)).toBe(ms);

    const secondPass = Date.UTC(2025, 10, 2, 6, 30); // 01:30 EST
    const wall = utcMsToLocal(secondPass);
    expect(wall).toEqual({ date: '2025-11-02', minuteOfDay: 90, second: 0, millisecond: 0 });
    expect(localToUtcMs(wall.date, wall.minuteOfDay)).toBe(secondPass - 3_600_000);
  });

  it('handles the local date differing from the UTC date', () => {
    expect(utcMsToLocal(Date.UTC(2025, 0, 1, 3))).toEqual({
      date: '2024-12-31',
      minuteOfDay: 22 * 60,
      second: 0,
      millisecond: 0,
    });
    expect(localToUtcMs('2024-12-31', 22 * 60)).toBe(Date.UTC(2025, 0, 1, 3));
  });

  it('floors fractional epoch milliseconds and rounds fractional seconds to milliseconds', () => {
    expect(utcMsToLocal(Date.UTC(2025, 6, 1, 13, 30) + 0.9).millisecond).toBe(0);
    expect(localToUtcMs('2025-07-01', 570, 1.0004)).toBe(Date.UTC(2025, 6, 1, 13, 30, 1));
  });

  it('rejects bad arguments with RangeError', () => {
    expect(() => localToUtcMs('2025-07-01', 1440)).toThrow(
      new RangeError('minuteOfDay must be an integer in 0-1439, got 1440'),
    );
    expect(() => localToUtcMs('2025-07-01', -1)).toThrow(RangeError);
    expect(() => localToUtcMs('2025-07-01', 570.5)).toThrow(RangeError);
    expect(() => localToUtcMs('2025-07-01', 570, 60)).toThrow(
      new RangeError('seconds must be in [0, 60), got 60'),
    );
    expect(() => localToUtcMs('2025-07-01', 570, -1)).toThrow(RangeError);
    expect(() => localToUtcMs('2025-7-1', 570)).toThrow(RangeError);
    expect(() => utcMsToLocal(Number.NaN)).toThrow(
      new RangeError('Epoch milliseconds must be finite, got NaN'),
    );
    expect(() => utcMsToLocal(0)).toThrow(
      new RangeError('Year 1970 predates the US DST rule in use since 2007'),
    );
  });
});

describe('formatting', () => {
  it('formats offsets as ±HH:MM', () => {
    expect(formatOffset(-240)).toBe('-04:00');
    expect(formatOffset(-300)).toBe('-05:00');
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(330)).toBe('+05:30');
    expect(formatOffset(-570)).toBe('-09:30');
    expect(() => formatOffset(1.5)).toThrow(RangeError);
  });

  it('formats exchange-local date-times, adding milliseconds only when non-zero', () => {
    const open = localToUtcMs('2025-07-01', 570);
    expect(formatLocalDateTime(open)).toBe('2025-07-01T09:30:00');
    expect(formatLocalDateTime(open + 250)).toBe('2025-07-01T09:30:00.250');
    expect(formatLocalDateTime(open + 5)).toBe('2025-07-01T09:30:00.005');
    expect(formatLocalDateTime(localToUtcMs('2025-12-03', 0))).toBe('2025-12-03T00:00:00');
    expect(formatLocalDateTime(localToUtcMs('2025-12-31', 1439, 59.999))).toBe('2025-12-31T23:59:59.999');
  });

  it('formats exchange-local times', () => {
    const open = localToUtcMs('2025-07-01', 570);
    expect(formatLocalTime(open)).toBe('09:30:00');
    expect(formatLocalTime(open + 250)).toBe('09:30:00.250');
    expect(formatLocalTime(localToUtcMs('2025-01-02', 960, 1))).toBe('16:00:01');
  });

  it('formats ISO with the offset in force at the instant and no milliseconds', () => {
    expect(formatIsoWithOffset(Date.UTC(2025, 11, 3, 19, 15, 30, 999))).toBe('2025-12-03T14:15:30-05:00');
    expect(formatIsoWithOffset(Date.UTC(2025, 6, 1, 13, 30))).toBe('2025-07-01T09:30:00-04:00');
    const iso = formatIsoWithOffset(Date.UTC(2026, 2, 8, 7, 0, 0));
    expect(iso).toBe('2026-03-08T03:00:00-04:00');
    expect(Date.parse(iso)).toBe(Date.UTC(2026, 2, 8, 7, 0, 0));
  });
});

// ---------------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------------

describe('tradingDay', () => {
  it('describes a regular session', () => {
    expect(tradingDay('2025-07-01')).toEqual({
      date: '2025-07-01',
      isTradingDay: true,
      isHoliday: false,
      holidayName: null,
      isEarlyClose: false,
      openMinute: 570,
      closeMinute: 960,
      sessionMinutes: 390,
    });
  });

  it('describes the 2025-07-03 early close (13:00, 210 minutes)', () => {
    expect(tradingDay('2025-07-03')).toEqual({
      date: '2025-07-03',
      isTradingDay: true,
      isHoliday: false,
      holidayName: 'Independence Day (eve)',
      isEarlyClose: true,
      openMinute: 570,
      closeMinute: EARLY_CLOSE_MINUTE,
      sessionMinutes: 210,
    });
  });

  it('describes the 2025-07-04 holiday as closed with no minutes', () => {
    expect(tradingDay('2025-07-04')).toEqual({
      date: '2025-07-04',
      isTradingDay: false,
      isHoliday: true,
      holidayName: 'Independence Day',
      isEarlyClose: false,
      openMinute: 570,
      closeMinute: 570,
      sessionMinutes: 0,
    });
  });

  it('describes weekends as closed but not holidays', () => {
    for (const date of ['2025-07-05', '2025-07-06', '2024-01-06', '2027-12-26']) {
      expect(tradingDay(date)).toEqual({
        date,
        isTradingDay: false,
        isHoliday: false,
        holidayName: null,
        isEarlyClose: false,
        openMinute: 570,
        closeMinute: 570,
        sessionMinutes: 0,
      });
    }
  });

  it('closes on the Good Fridays', () => {
    for (const date of ['2024-03-29', '2025-04-18', '2026-04-03', '2027-03-26']) {
      expect(dayOfWeek(date)).toBe(5);
      expect(tradingDay(date)).toMatchObject({
        isTradingDay: false,
        isHoliday: true,
        holidayName: 'Good Friday',
      });
    }
  });

  it('closes on Juneteenth, observed on Friday 2027-06-18 when June 19 is a Saturday', () => {
    for (const date of ['2024-06-19', '2025-06-19', '2026-06-19', '2027-06-18']) {
      expect(tradingDay(date)).toMatchObject({ isHoliday: true, holidayName: 'Juneteenth' });
    }
    expect(tradingDay('2027-06-21').isTradingDay).toBe(true);
  });

  it('closes for the 2025-01-09 National Day of Mourning', () => {
    expect(tradingDay('2025-01-09')).toMatchObject({
      isTradingDay: false,
      isHoliday: true,
      holidayName: 'National Day of Mourning for President Jimmy Carter',
    });
  });

  it('does not move early closes off a weekend or holiday (NYSE publishes none for these days)', () => {
    for (const date of ['2026-07-02', '2027-07-02', '2027-12-23']) {
      expect(tradingDay(date)).toMatchObject({
        isTradingDay: true,
        isEarlyClose: false,
        sessionMinutes: 390,
      });
    }
    expect(tradingDay('2027-12-24')).toMatchObject({ isHoliday: true, holidayName: 'Christmas Day' });
    expect(tradingDay('2027-12-31').isTradingDay).toBe(true); // New Year's Day 2028 is a Saturday: not observed
  });

  it('matches the published NYSE holidays and early closes on every day of 2024-2027', () => {
    const holidays: Record<string, string> = {};
    const earlyCloses: Record<string, string> = {};
    for (const date of ALL_CALENDAR_DATES) {
      const day = tradingDay(date);
      expectConsistent(day, date);
      if (day.isHoliday) holidays[date] = day.holidayName ?? '';
      if (day.isEarlyClose) earlyCloses[date] = day.holidayName ?? '';
      expect(isTradingDay(date)).toBe(day.isTradingDay);
      expect(tradingDayInTables(date)).toEqual(day);
    }
    expect(holidays).toEqual(publishedIn(PUBLISHED_HOLIDAYS, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR));
    expect(earlyCloses).toEqual(publishedIn(PUBLISHED_EARLY_CLOSES, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR));
  });

  it('computes exactly the published dates, day by day, for 2023-2028', () => {
    const mismatches: string[] = [];
    for (const date of everyDate('2023-01-01', '2028-12-31')) {
      const day = tradingDayInTables(date);
      const holiday = PUBLISHED_HOLIDAYS[date] ?? null;
      const earlyClose = PUBLISHED_EARLY_CLOSES[date] ?? null;
      const weekend = dayOfWeek(date) === 0 || dayOfWeek(date) === 6;
      const expected = {
        isTradingDay: !weekend && holiday === null,
        isHoliday: holiday !== null,
        isEarlyClose: earlyClose !== null,
        holidayName: holiday ?? earlyClose,
      };
      const actual = {
        isTradingDay: day.isTradingDay,
        isHoliday: day.isHoliday,
        isEarlyClose: day.isEarlyClose,
        holidayName: day.holidayName,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(`${date}: ${JSON.stringify(actual)}, published ${JSON.stringify(expected)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('describes every day of the tables (2008-2028) consistently', () => {
    for (const date of TABLE_DATES) expectConsistent(tradingDayInTables(date), date);
    expect(TABLE_DATES[0]).toBe('2008-01-01');
    expect(TABLE_DATES.at(-1)).toBe('2028-12-31');
  });

  it('places each rule-based holiday of 2008-2028 where its rule says', () => {
    // Weekday (0 = Sunday) and day-of-month window of each rule, e.g. 3rd Monday = Monday on day 15-21.
    const rules: Record<string, { month: number; weekday: number; from: number; to: number }> = {
      'Martin Luther King Jr. Day': { month: 1, weekday: 1, from: 15, to: 21 },
      "Washington's Birthday": { month: 2, weekday: 1, from: 15, to: 21 },
      'Memorial Day': { month: 5, weekday: 1, from: 25, to: 31 },
      'Labor Day': { month: 9, weekday: 1, from: 1, to: 7 },
      'Thanksgiving Day': { month: 11, weekday: 4, from: 22, to: 28 },
    };
    const holidays = TABLE_DATES.map(tradingDayInTables).filter((day) => day.isHoliday);
    expect(holidays.length).toBeGreaterThan(9 * 21);
    for (const { date, holidayName: name } of holidays) {
      const rule = rules[name ?? ''];
      if (!rule) continue;
      const day = Number(date.slice(8));
      expect(Number(date.slice(5, 7)), date).toBe(rule.month);
      expect(dayOfWeek(date), date).toBe(rule.weekday);
      expect(day >= rule.from && day <= rule.to, date).toBe(true);
      if (name === 'Thanksgiving Day') {
        expect(tradingDayInTables(addDays(date, 1)).holidayName).toBe('Thanksgiving Day (day after)');
      }
    }
  });

  it('counts the trading days of each year (2025: 250, including the Carter closure)', () => {
    const countFor = (year: number) => tradingDaysBetween(`${year}-01-01`, `${year}-12-31`).length;
    expect(countFor(2024)).toBe(252);
    expect(countFor(2025)).toBe(250);
    expect(countFor(2026)).toBe(251);
    expect(countFor(2027)).toBe(251);
  });

  it('rejects malformed dates and years outside 2024-2027 with RangeError', () => {
    for (const bad of [
      '2025-02-29',
      '2024-02-30',
      '2025-13-01',
      '2025-00-10',
      '2025-7-4',
      '',
      '2025-07-04T00:00',
    ]) {
      expect(() => tradingDay(bad)).toThrow(
        new RangeError(`Invalid date ${JSON.stringify(bad)}: expected a real calendar date as YYYY-MM-DD`),
      );
    }
    expect(tradingDay('2024-02-29').isTradingDay).toBe(true);
    expect(() => tradingDay('2023-12-29')).toThrow(
      new RangeError('Date 2023-12-29 is outside the NYSE calendar range 2024-2027'),
    );
    expect(() => isTradingDay('2028-01-03')).toThrow(RangeError);
    // The walks once refused anything outside 2024-2027 too; they now take any day of the tables
    // (2008-2028), which is where their bound moved (see navigation).
    expect(() => nextTradingDay('2029-01-02')).toThrow(RangeError);
    expect(() => previousTradingDay('2007-12-31')).toThrow(RangeError);
    expect(() => tradingDaysBetween('2027-12-01', '2028-01-31')).toThrow(RangeError);
  });
});

describe('navigation', () => {
  it('steps to the next trading day over weekends, holidays and the Carter closure', () => {
    expect(nextTradingDay('2025-07-01')).toBe('2025-07-02');
    expect(nextTradingDay('2025-07-03')).toBe('2025-07-07');
    expect(nextTradingDay('2025-07-05')).toBe('2025-07-07');
    expect(nextTradingDay('2025-04-17')).toBe('2025-04-21');
    expect(nextTradingDay('2025-01-08')).toBe('2025-01-10');
    expect(nextTradingDay('2027-12-23')).toBe('2027-12-27');
    expect(nextTradingDay('2027-12-31')).toBe('2028-01-03');
  });

  it('steps to the previous trading day, into 2023 if needed', () => {
    expect(previousTradingDay('2025-07-07')).toBe('2025-07-03');
    expect(previousTradingDay('2025-04-21')).toBe('2025-04-17');
    expect(previousTradingDay('2025-01-10')).toBe('2025-01-08');
    expect(previousTradingDay('2024-01-02')).toBe('2023-12-29');
    expect(previousTradingDay('2024-01-01')).toBe('2023-12-29');
  });

  it('lists previous trading days oldest first, skipping holidays', () => {
    expect(previousTradingDays('2025-01-13', 5)).toEqual([
      '2025-01-03',
      '2025-01-06',
      '2025-01-07',
      '2025-01-08',
      '2025-01-10',
    ]);
    expect(previousTradingDays('2025-07-07', 3)).toEqual(['2025-07-01', '2025-07-02', '2025-07-03']);
    expect(previousTradingDays('2025-07-07', 0)).toEqual([]);
  });

  it('reaches back into 2023 using the 2023 holidays', () => {
    const days = previousTradingDays('2024-01-02', 60);
    expect(days).toHaveLength(60);
    expect(days[0]).toBe('2023-10-05'); // 19 October days + 21 in November + 20 in December
    expect(days.at(-1)).toBe('2023-12-29');
    expect([...days].sort()).toEqual(days);
    expect(new Set(days).size).toBe(60);
    expect(days).not.toContain('2023-11-23'); // Thanksgiving
    expect(days).toContain('2023-11-24'); // early close, still a trading day
    expect(days).not.toContain('2023-12-25');
    expect(days.every((date) => dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6)).toBe(true);
  });

  it('agrees with tradingDaysBetween and nextTradingDay', () => {
    const year = tradingDaysBetween('2025-01-01', '2025-12-31');
    expect(previousTradingDays('2026-01-02', year.length)).toEqual(year);
    for (let i = 1; i < year.length; i++) {
      expect(nextTradingDay(year[i - 1] as string)).toBe(year[i]);
      expect(previousTradingDay(year[i] as string)).toBe(year[i - 1]);
    }
  });

  it('rejects a negative or fractional count', () => {
    expect(() => previousTradingDays('2025-07-07', -1)).toThrow(
      new RangeError('previousTradingDays n must not be negative, got -1'),
    );
    expect(() => previousTradingDays('2025-07-07', 1.5)).toThrow(RangeError);
  });

  // The tables used to end at 2023, so a 300-day look-back from 2024-01-02 was the example of a walk
  // that stopped; since they reach back to 2008, the bound is the 4,027 trading days of 2008-2023.
  it('stops with RangeError instead of walking past the holiday tables (2008-2028)', () => {
    expect(previousTradingDays('2024-01-02', 4027)[0]).toBe('2008-01-02');
    expect(() => previousTradingDays('2024-01-02', 4028)).toThrow(
      new RangeError('Trading-day walk reached 2007-12-31, beyond the holiday tables (2008-2028)'),
    );
    expect(nextTradingDay('2028-12-28')).toBe('2028-12-29');
    expect(() => nextTradingDay('2028-12-29')).toThrow(
      new RangeError('Trading-day walk reached 2029-01-01, beyond the holiday tables (2008-2028)'),
    );
  });

  it('reaches back 3,650 trading days from any session date, as a day-by-day walk would', () => {
    const tradingDates = TABLE_DATES.filter((date) => tradingDayInTables(date).isTradingDay);
    for (const session of ['2024-01-02', '2025-07-01', '2027-12-31']) {
      const before = tradingDates.filter((date) => date < session);
      expect(previousTradingDays(session, 3650)).toEqual(before.slice(-3650));
    }
    expect(previousTradingDays('2024-01-02', 3650)[0]).toBe('2009-07-01');
    expect(previousTradingDays('2024-01-01', 3650)).toEqual(previousTradingDays('2024-01-02', 3650));
  });

  it('steps from any day of the tables, including weekends and holidays, and from nowhere else', () => {
    expect(nextTradingDay('2009-07-02')).toBe('2009-07-06'); // Friday 2009-07-03 is the observed July 4
    expect(nextTradingDay('2012-10-26')).toBe('2012-10-31'); // Hurricane Sandy
    expect(nextTradingDay('2010-12-31')).toBe('2011-01-03');
    expect(nextTradingDay('2023-12-29')).toBe('2024-01-02');
    expect(previousTradingDay('2012-10-31')).toBe('2012-10-26');
    expect(previousTradingDays('2009-07-06', 2)).toEqual(['2009-07-01', '2009-07-02']);
    expect(() => previousTradingDay('2008-01-02')).toThrow(
      new RangeError('Trading-day walk reached 2007-12-31, beyond the holiday tables (2008-2028)'),
    );
    expect(() => nextTradingDay('2007-12-31')).toThrow(
      new RangeError('Date 2007-12-31 is outside the NYSE holiday tables 2008-2028'),
    );
    expect(() => tradingDayInTables('2029-01-01')).toThrow(RangeError);
    expect(() => tradingDayInTables('2009-02-29')).toThrow(RangeError);
  });

  it('walks 3,650 trading days in well under a millisecond once the years are worked out', () => {
    previousTradingDays('2027-12-31', 3650); // builds the year tables
    const runs = 50;
    const start = performance.now();
    for (let i = 0; i < runs; i++) previousTradingDays('2027-12-31', 3650);
    // Measured around 0.05 ms a walk; the bound leaves room for a busy shared machine.
    expect((performance.now() - start) / runs).toBeLessThan(2);
  });

  it('lists trading days between two dates inclusively', () => {
    expect(tradingDaysBetween('2025-07-03', '2025-07-07')).toEqual(['2025-07-03', '2025-07-07']);
    expect(tradingDaysBetween('2025-07-04', '2025-07-04')).toEqual([]);
    expect(tradingDaysBetween('2025-07-07', '2025-07-03')).toEqual([]);
    expect(tradingDaysBetween('2024-12-31', '2025-01-02')).toEqual(['2024-12-31', '2025-01-02']);
  });
});

// Before 2023 no published table is kept here: these are facts of NYSE history the rules must meet, taken
// from the NYSE closings that pandas_market_calendars records (holidays/nyse.py). The calendar was also
// compared, once and by hand, with the XNYS session list of exchange_calendars (tests/resources/xnys.csv,
// which ends in April 2016): the same number of sessions from 2008-01-02 to 2016-04-06.
describe('older years (2008-2022)', () => {
  it.each([
    { date: '2010-12-24', name: 'Christmas Day' }, // Dec 25 is a Saturday
    { date: '2015-07-03', name: 'Independence Day' }, // Jul 4 is a Saturday
    { date: '2021-12-24', name: 'Christmas Day' }, // Dec 25 is a Saturday
    { date: '2022-06-20', name: 'Juneteenth' }, // Jun 19 is a Sunday; the first NYSE Juneteenth
    { date: '2012-10-29', name: 'Hurricane Sandy' },
    { date: '2012-10-30', name: 'Hurricane Sandy' },
    { date: '2018-12-05', name: 'National Day of Mourning for President George H. W. Bush' },
    { date: '2009-07-03', name: 'Independence Day' },
    { date: '2011-12-26', name: 'Christmas Day' },
    { date: '2012-01-02', name: "New Year's Day" },
    { date: '2017-01-02', name: "New Year's Day" },
    { date: '2021-07-05', name: 'Independence Day' },
  ])('closes on $date ($name)', ({ date, name }) => {
    expect(tradingDayInTables(date)).toMatchObject({
      isTradingDay: false,
      isHoliday: true,
      holidayName: name,
    });
  });

  it.each([
    { date: '2008-07-03', name: 'Independence Day (eve)' },
    { date: '2013-07-03', name: 'Independence Day (eve)' },
    { date: '2019-07-03', name: 'Independence Day (eve)' },
    { date: '2020-11-27', name: 'Thanksgiving Day (day after)' },
    { date: '2012-12-24', name: 'Christmas Day (eve)' },
    { date: '2018-12-24', name: 'Christmas Day (eve)' },
  ])('closes at 13:00 on $date ($name)', ({ date, name }) => {
    expect(tradingDayInTables(date)).toMatchObject({
      isTradingDay: true,
      isEarlyClose: true,
      holidayName: name,
      closeMinute: EARLY_CLOSE_MINUTE,
      sessionMinutes: 210,
    });
  });

  it('trades a full session where an eve falls on a holiday, and on Dec 31 before a Saturday New Year', () => {
    for (const date of ['2009-07-02', '2015-07-02', '2020-07-02', '2010-12-23', '2021-12-23', '2010-12-31']) {
      expect(tradingDayInTables(date), date).toMatchObject({ isTradingDay: true, sessionMinutes: 390 });
    }
    expect(tradingDayInTables('2021-12-31')).toMatchObject({ isTradingDay: true, sessionMinutes: 390 });
    expect(tradingDayInTables('2012-10-26').isTradingDay).toBe(true);
    expect(tradingDayInTables('2012-10-31').isTradingDay).toBe(true);
  });

  it('has no Juneteenth before 2022 (2021-06-18, the Friday before a Saturday June 19, traded)', () => {
    for (let year = TABLE_FIRST_YEAR; year < 2022; year++) {
      const june = everyDate(`${year}-06-01`, `${year}-06-30`).map(tradingDayInTables);
      expect(
        june.filter((day) => day.isHoliday),
        String(year),
      ).toEqual([]);
    }
    expect(tradingDayInTables('2021-06-18').isTradingDay).toBe(true);
  });

  it('closes on the Good Fridays', () => {
    const goodFridays = [
      '2008-03-21',
      '2009-04-10',
      '2010-04-02',
      '2011-04-22',
      '2012-04-06',
      '2013-03-29',
      '2014-04-18',
      '2015-04-03',
      '2016-03-25',
      '2017-04-14',
      '2018-03-30',
      '2019-04-19',
      '2020-04-10',
      '2021-04-02',
      '2022-04-15',
    ];
    for (const date of goodFridays) {
      expect(tradingDayInTables(date), date).toMatchObject({ isHoliday: true, holidayName: 'Good Friday' });
    }
    const computed = TABLE_DATES.filter((date) => tradingDayInTables(date).holidayName === 'Good Friday');
    expect(computed.filter((date) => date < '2023')).toEqual(goodFridays);
  });

  it('counts the trading days of each year', () => {
    const counts: Record<number, number> = {};
    for (let year = TABLE_FIRST_YEAR; year <= 2022; year++) {
      counts[year] = everyDate(`${year}-01-01`, `${year}-12-31`).filter(
        (date) => tradingDayInTables(date).isTradingDay,
      ).length;
    }
    expect(counts).toEqual({
      2008: 253,
      2009: 252,
      2010: 252,
      2011: 252,
      2012: 250, // Hurricane Sandy
      2013: 252,
      2014: 252,
      2015: 252,
      2016: 252,
      2017: 251,
      2018: 251, // President Bush
      2019: 252,
      2020: 253,
      2021: 252,
      2022: 251, // the first Juneteenth
    });
  });

  it('never had July 4 on a Thursday from 2008 to 2012, when NYSE would have closed early on July 5', () => {
    for (let year = TABLE_FIRST_YEAR; year <= 2012; year++) expect(dayOfWeek(`${year}-07-04`)).not.toBe(4);
  });
});

describe('calendar arithmetic', () => {
  it('adds calendar days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-07-01', 0)).toBe('2025-07-01');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(() => addDays('2025-07-01', 0.5)).toThrow(RangeError);
  });

  it('gives day of week with 0 = Sunday, agreeing with Date for every day of 2024-2027', () => {
    expect(dayOfWeek('2025-07-06')).toBe(0);
    expect(dayOfWeek('2025-07-04')).toBe(5);
    for (const date of ALL_CALENDAR_DATES) {
      expect(dayOfWeek(date)).toBe(new Date(`${date}T12:00:00Z`).getUTCDay());
    }
  });
});
