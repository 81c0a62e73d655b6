import { describe, expect, it } from 'vitest';
import { intervalSeconds } from '../../intervals';
import { clockOf, crosshairLabel, findGaps } from './chart-time';

const at = (day: number, hh: number, mm: number) => Date.UTC(2025, 6, day, hh, mm) / 1000;

describe('chart times', () => {
  it('formats exchange-local seconds as they are, whatever the browser timezone', () => {
    expect(clockOf(at(1, 9, 31))).toBe('09:31');
    expect(clockOf(at(1, 9, 31) + 5, true)).toBe('09:31:05');
    expect(crosshairLabel(at(1, 15, 59), '1m')).toBe('Tue, Jul 1, 2025 15:59 ET');
    expect(crosshairLabel(at(1, 15, 59) + 5, '5s')).toBe('Tue, Jul 1, 2025 15:59:05 ET');
    expect(crosshairLabel(at(1, 10, 30), '1h')).toBe('Tue, Jul 1, 2025 10:30 ET');
    expect(crosshairLabel(at(2, 0, 0), '1d')).toBe('Wed, Jul 2, 2025');
    expect(crosshairLabel(at(7, 0, 0), '1w')).toBe('Mon, Jul 7, 2025');
  });

  it('knows how long a bar of each interval is', () => {
    expect(intervalSeconds('1m')).toBe(60);
    expect(intervalSeconds('15m')).toBe(900);
    expect(intervalSeconds('5s')).toBe(5);
    expect(intervalSeconds('1h')).toBe(3600);
    expect(intervalSeconds('1d')).toBe(86_400);
    expect(intervalSeconds('1w')).toBe(604_800);
    expect(intervalSeconds('ticks')).toBeNull();
  });

  it('finds missing intraday bars, but not nights, daily bars or empty seconds', () => {
    const times = [at(1, 15, 58), at(1, 15, 59), at(2, 9, 30), at(2, 9, 31), at(2, 9, 34), at(2, 9, 35)];
    expect(findGaps(times, '1m')).toEqual([{ time: at(2, 9, 34), missing: 2 }]);
    expect(findGaps([at(1, 9, 45)], '5m', at(1, 9, 30))).toEqual([{ time: at(1, 9, 45), missing: 2 }]);
    expect(findGaps([at(1, 0, 0), at(3, 0, 0)], '1d')).toEqual([]);
    // A second without a trade is ordinary: second bars have no gaps.
    expect(findGaps([at(1, 9, 30), at(1, 9, 31)], '1s')).toEqual([]);
  });
});
