import { describe, expect, it } from 'vitest';
import {
  describeSessionProgress,
  describeSpeed,
  formatCount,
  formatDateRange,
  formatMarketDate,
  formatMarketTime,
} from './format';

describe('format', () => {
  it('writes counts with thousands separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
  });

  it('shows exchange-local times as they are, whatever the browser timezone', () => {
    expect(formatMarketTime('2025-07-01T09:31:00')).toBe('09:31:00');
    expect(formatMarketTime('2025-07-01T16:00')).toBe('16:00:00');
    expect(formatMarketDate('2025-07-01')).toBe('Tue, Jul 1, 2025');
    expect(formatMarketDate('2025-07-01T23:59:00')).toBe('Tue, Jul 1, 2025');
  });

  it('writes a date range compactly', () => {
    expect(formatDateRange('2025-07-01', '2025-07-03')).toMatch(/^Jul 1\s–\s3, 2025$/);
    expect(formatDateRange('2025-06-15', '2025-07-03')).toMatch(/^Jun 15\s–\sJul 3, 2025$/);
  });

  it('describes the speed multiplier', () => {
    expect(describeSpeed(60)).toBe('1 market minute per second');
    expect(describeSpeed(0)).toBe('as fast as possible');
    expect(describeSpeed(390)).toBe('6.5 market minutes per second');
    expect(describeSpeed(1)).toBe('real time');
    expect(describeSpeed(10)).toBe('10 market seconds per second');
  });

  it('says which day of a backtest of several days the progress is in (issue 17)', () => {
    // The last minute of the last day, an early close: the minutes alone read as if no day came before.
    expect(describeSessionProgress({ dayNumber: 3, dayCount: 3, minute: 210, minutes: 210 })).toBe(
      'Day 3 of 3, minute 210 of 210',
    );
    expect(describeSessionProgress({ dayNumber: 1, dayCount: 2_520, minute: 0, minutes: 390 })).toBe(
      'Day 1 of 2,520, minute 0 of 390',
    );
    // One day: the minutes say it all.
    expect(describeSessionProgress({ dayNumber: 1, dayCount: 1, minute: 5, minutes: 390 })).toBe(
      'Minute 5 of 390',
    );
    // Before start there is no session yet (the engine says minute 0 of 0).
    expect(describeSessionProgress({ dayNumber: 0, dayCount: 3, minute: 0, minutes: 0 })).toBe(
      'Not started (3 trading days)',
    );
    expect(describeSessionProgress({ dayNumber: 0, dayCount: 1, minute: 0, minutes: 0 })).toBe(
      'Not started (1 trading day)',
    );
  });
});
