import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  clampDate,
  dayLabel,
  monthWeeks,
  tradingDaysIn,
  writableDate,
} from './trading-calendar';

describe('the date picker month grid', () => {
  it('lays a month out in weeks from Sunday', () => {
    const weeks = monthWeeks('2025-07-15');
    // July 2025 starts on a Tuesday and has 31 days: five weeks.
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([
      null,
      null,
      '2025-07-01',
      '2025-07-02',
      '2025-07-03',
      '2025-07-04',
      '2025-07-05',
    ]);
    expect(weeks[4]?.filter(Boolean)).toEqual([
      '2025-07-27',
      '2025-07-28',
      '2025-07-29',
      '2025-07-30',
      '2025-07-31',
    ]);
  });

  it('moves by months to the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
  });

  it('counts trading days and labels closed days from the calendar it is given', () => {
    const calendar = {
      first: '2025-07-03',
      last: '2025-07-05',
      days: [
        { date: '2025-07-03', trading: true, note: 'Independence Day (eve)', earlyClose: true },
        { date: '2025-07-04', trading: false, note: 'Independence Day', earlyClose: false },
        { date: '2025-07-05', trading: false, note: null, earlyClose: false },
      ],
    };
    expect(tradingDaysIn(calendar, '2025-07-01', '2025-07-31')).toEqual(['2025-07-03']);
    expect(calendar.days.map(dayLabel)).toEqual([
      'Thursday, July 3, 2025, early close (Independence Day (eve))',
      'Friday, July 4, 2025, market closed: Independence Day',
      'Saturday, July 5, 2025, market closed: weekend',
    ]);
  });
});

describe('dates from the JSON that are not real dates', () => {
  const calendar = { first: '2024-01-01', last: '2027-12-31', days: [] };

  it('clamps a text that is not a date to the calendar first day, not into it by text order', () => {
    // Compared as text, "2025-13-01" and "2025-7-4" would pass as dates of 2025 and the grid would throw.
    expect(clampDate(calendar, '2025-13-01')).toBe('2024-01-01');
    expect(clampDate(calendar, '2025-7-4')).toBe('2024-01-01');
    expect(clampDate(calendar, '')).toBe('2024-01-01');
    expect(clampDate(calendar, '2025-07-04')).toBe('2025-07-04');
    expect(clampDate(calendar, '2030-01-01')).toBe('2027-12-31');
  });

  it('draws no month and moves nowhere for such a text, without throwing', () => {
    for (const bad of ['2025-13-01', '2025-7-4', '2025-02-30', 'soon']) {
      expect(monthWeeks(bad)).toEqual([]);
      expect(addDays(bad, 1)).toBe(bad);
      expect(addMonths(bad, 1)).toBe(bad);
    }
  });

  it('writes a typed date only when it is a real date of the calendar', () => {
    // A year typed digit by digit, as Chrome reports it: only the last is written.
    const typed = ['0002-07-02', '0020-07-02', '0202-07-02', '2025-07-02'];
    expect(typed.filter((d) => writableDate(calendar, d))).toEqual(['2025-07-02']);
    expect(writableDate(calendar, '2030-07-02')).toBe(false);
    expect(writableDate(calendar, '')).toBe(false);
    // Before the calendar is known: any real date from 1900 on.
    expect(typed.filter((d) => writableDate(null, d))).toEqual(['2025-07-02']);
    expect(writableDate(null, '1900-01-01')).toBe(true);
    expect(writableDate(null, '2025-02-30')).toBe(false);
  });
});
