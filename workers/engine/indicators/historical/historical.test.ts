// The historical indicators against direct recomputations over generated daily bars (with weekends and
// holidays skipped, and sometimes bars of the session's own day or later, which must not be read), with the
// window chosen independently here: by epoch milliseconds rather than date strings.

import fc from 'fast-check';
import { ATR } from 'trading-signals';
import { describe, expect, it } from 'vitest';
import { BarColumns } from '../../columns';
import { HISTORICAL_CALCS } from '../index';
import { type Expected, near } from '../indicators.test-support';
import type { DailyInput } from '../types';

interface Day {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

const DAY_MS = 86_400_000;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

const inputArb = fc
  .tuple(
    fc.integer({ min: 0, max: 3000 }),
    fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -2000, max: 2000 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000 })),
      ),
      { maxLength: 90, size: 'max' },
    ),
    fc.integer({ min: -3, max: 5 }),
  )
  .map(([startOffset, steps, sessionOffset]) => {
    const days: Day[] = [];
    let t = ms('2020-01-01') + startOffset * DAY_MS;
    let price = 50;
    for (const [skip, gap, ret, up, down, volume] of steps) {
      t += skip * DAY_MS;
      const open = Math.max(1, Math.round(price * (1 + gap / 1e4) * 100) / 100);
      const close = Math.max(1, Math.round(open * (1 + ret / 1e4) * 100) / 100);
      const high = Math.round(Math.max(open, close) * (1 + up / 1e4) * 100) / 100;
      const low = Math.round(Math.min(open, close) * (1 - down / 1e4) * 100) / 100;
      days.push({ date: new Date(t).toISOString().slice(0, 10), open, high, low, close, volume });
      price = close;
    }
    // The session: a few days after the last bar, or on / before it (those bars must be left out).
    const sessionDate = new Date(t + sessionOffset * DAY_MS).toISOString().slice(0, 10);
    return { days, sessionDate };
  });

function toInput(days: readonly Day[], sessionDate: string): DailyInput {
  const bars = new BarColumns(days.length);
  for (const d of days) bars.append(ms(d.date), d.open, d.high, d.low, d.close, d.volume);
  return { bars, dates: days.map((d) => d.date), sessionDate };
}

/** The window, chosen directly: its days and the days before the session. */
function windowOf(days: readonly Day[], sessionDate: string, period: number, unit: 'days' | 'weeks') {
  const before = days.filter((d) => ms(d.date) < ms(sessionDate));
  if (unit === 'days')
    return { before, window: before.length >= period ? before.slice(before.length - period) : [] };
  const cutoff = ms(sessionDate) - 7 * period * DAY_MS;
  return { before, window: before.filter((d) => ms(d.date) >= cutoff) };
}

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

const REFERENCES: Record<
  string,
  (days: readonly Day[], session: string, p: number, u: 'days' | 'weeks') => Expected
> = {
  avg_volume: (days, s, p, u) => {
    const { window } = windowOf(days, s, p, u);
    return window.length ? [mean(window.map((d) => d.volume))] : null;
  },
  avg_range: (days, s, p, u) => {
    const { window } = windowOf(days, s, p, u);
    return window.length ? [mean(window.map((d) => d.high - d.low))] : null;
  },
  range_ratio: (days, s, p, u) => {
    const { window } = windowOf(days, s, p, u);
    if (!window.length) return null;
    const avg = mean(window.map((d) => d.high - d.low));
    const last = window[window.length - 1] as Day;
    return [avg === 0 ? 0 : (last.high - last.low) / avg];
  },
  high_low: (days, s, p, u) => {
    const { window } = windowOf(days, s, p, u);
    return window.length
      ? [Math.max(...window.map((d) => d.high)), Math.min(...window.map((d) => d.low))]
      : null;
  },
  gap_stats: (days, s, p, u) => {
    const { before, window } = windowOf(days, s, p, u);
    if (!window.length || window.length === before.length) return null;
    const first = before.length - window.length;
    const gaps = window.map((d, k) => (d.open / (before[first + k - 1] as Day).close - 1) * 100);
    const ups = gaps.filter((g) => g > 0);
    const downs = gaps.filter((g) => g < 0);
    return [
      mean(gaps.map(Math.abs)),
      ups.length ? Math.max(...ups) : 0,
      downs.length ? Math.min(...downs) : 0,
      ups.length,
      downs.length,
    ];
  },
  atr_daily: (days, s, p, u) => {
    const { before, window } = windowOf(days, s, p, u);
    if (!window.length) return null;
    const atr = new ATR(window.length);
    let last: number | null = null;
    for (const d of before) last = atr.update(d, false);
    return last === null ? null : [last];
  },
};

describe('historical indicators', () => {
  for (const [name, reference] of Object.entries(REFERENCES)) {
    it(`${name} matches a direct recomputation over the days or weeks before the session`, () => {
      const calc = HISTORICAL_CALCS[name];
      if (!calc) throw new Error(`no ${name}`);
      fc.assert(
        fc.property(
          inputArb,
          fc.integer({ min: 1, max: 30 }),
          fc.constantFrom('days' as const, 'weeks' as const),
          ({ days, sessionDate }, period, unit) => {
            const out = new Float64Array(5);
            const valid = calc(toInput(days, sessionDate), period, unit, {}, out);
            const expected = reference(days, sessionDate, period, unit);
            expect(valid).toBe(expected !== null);
            if (!expected) return;
            expected.forEach((e, k) => {
              if (!near(out[k] as number, e))
                throw new Error(`${name} output ${k} = ${out[k]}, expected ${e}`);
            });
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('reads the last period days, or the days within 7 * period calendar days, before the session', () => {
    const days = ['2024-01-02', '2024-01-03', '2024-01-08', '2024-01-09', '2024-01-10'].map((date, i) => ({
      date,
      open: 10,
      high: 10 + i,
      low: 10,
      close: 10,
      volume: 100 * (i + 1),
    }));
    const out = new Float64Array(2);
    const calc = HISTORICAL_CALCS.high_low as NonNullable<(typeof HISTORICAL_CALCS)['high_low']>;
    // Session on 2024-01-10: its own bar is not read; 2 days = 01-08 and 01-09.
    expect(calc(toInput(days, '2024-01-10'), 2, 'days', {}, out)).toBe(true);
    expect(Array.from(out)).toEqual([13, 10]);
    // 1 week before 2024-01-10 is 2024-01-03 onward: 01-03, 01-08, 01-09.
    const avg = HISTORICAL_CALCS.avg_volume as NonNullable<(typeof HISTORICAL_CALCS)['avg_volume']>;
    expect(avg(toInput(days, '2024-01-10'), 1, 'weeks', {}, out)).toBe(true);
    expect(out[0]).toBeCloseTo((200 + 300 + 400) / 3, 12);
    // Too few days.
    expect(avg(toInput(days, '2024-01-10'), 5, 'days', {}, out)).toBe(false);
  });
});
