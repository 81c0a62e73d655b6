import { describe, expect, it } from 'vitest';
import { addMonths, dayLabel, monthWeeks, tradingDaysIn } from './trading-calendar';

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
