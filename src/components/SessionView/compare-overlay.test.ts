import { describe, expect, it } from 'vitest';
import type { CompareRead } from '../../mirror-client';
import {
  appendOverlayPoints,
  baseIndex,
  compareOf,
  formatPercent,
  type OverlayPoint,
  percentAt,
  percentChange,
  takeCompare,
} from './compare-overlay';
import { GrowableColumns } from './growable-columns';

const f = (values: number[]) => Float64Array.from(values);

function read(over: Partial<CompareRead>): CompareRead {
  return {
    symbol: 'AAPL',
    key: 'live|AAPL|1m|1|2025-07-01',
    appended: false,
    from: 0,
    total: 0,
    time: f([]),
    close: f([]),
    ...over,
  };
}

/**
 * The reference `appendOverlayPoints` is checked against: the whole walk from the first bar. The compare
 * symbol's closes at the times of the chart's bars (both ascending): a close at a time the
 * chart has no bar for is left out, so the overlay never adds a time to the chart's axis (the axis, the
 * gaps and the percent base stay the main symbol's). A missing or non-finite close is left out too.
 */
function overlayPoints(
  barTimes: ArrayLike<number>,
  times: ArrayLike<number>,
  closes: ArrayLike<number>,
): OverlayPoint[] {
  const points: OverlayPoint[] = [];
  let j = 0;
  for (let i = 0; i < barTimes.length; i++) {
    const t = barTimes[i] as number;
    while (j < times.length && (times[j] as number) < t) j++;
    if (j >= times.length) break;
    if ((times[j] as number) === t && Number.isFinite(closes[j] as number))
      points.push({ time: t, value: closes[j] as number });
  }
  return points;
}

describe('compare overlay data', () => {
  it('keeps a whole read, appends the closes that follow, and refuses those that do not', () => {
    const first = takeCompare(null, read({ time: f([60, 120]), close: f([10, 11]), total: 2 }), 1, 1);
    if (first === 'mismatch') throw new Error('a whole read is always taken');
    expect(Array.from(first.close)).toEqual([10, 11]);
    const next = takeCompare(
      first,
      read({ appended: true, from: 2, total: 3, time: f([180]), close: f([12]) }),
      2,
      1,
    );
    if (next === 'mismatch') throw new Error('closes that follow are taken');
    expect(Array.from(next.time)).toEqual([60, 120, 180]);
    expect(Array.from(next.close)).toEqual([10, 11, 12]);
    expect(next.sequence).toBe(2);
    // Closes from another place, or of another series: read whole again.
    expect(takeCompare(next, read({ appended: true, from: 5, time: f([400]), close: f([1]) }), 3, 1)).toBe(
      'mismatch',
    );
    expect(takeCompare(next, read({ appended: true, from: 3, key: 'other' }), 3, 1)).toBe('mismatch');
    expect(takeCompare(null, read({ appended: true, from: 0 }), 3, 1)).toBe('mismatch');
  });

  it("lines the compare closes up with the chart's bars, leaving out times the chart has no bar at", () => {
    const bars = [60, 120, 180, 240];
    // 30 is before the chart, 150 between its bars, 300 after it; 180's close is missing.
    const points = overlayPoints(bars, [30, 60, 120, 150, 180, 240, 300], [1, 2, 3, 4, Number.NaN, 6, 7]);
    expect(points).toEqual([
      { time: 60, value: 2 },
      { time: 120, value: 3 },
      { time: 240, value: 6 },
    ]);
    expect(overlayPoints(bars, [], [])).toEqual([]);
    expect(overlayPoints([], [60], [1])).toEqual([]);
  });

  it('measures percent from the first bar in view as the percentage scale does', () => {
    expect(percentChange(100, 110)).toBeCloseTo(10);
    expect(percentChange(200, 150)).toBeCloseTo(-25);
    expect(percentChange(0, 5)).toBeNull();
    // A negative base (lightweight-charts' rule): rising from it is a rise.
    expect(percentChange(-50, -25)).toBeCloseTo(50);
    const times = [60, 120, 180, 240];
    const closes = [100, 105, 90, 120];
    // From the first bar: at the last, +20 %; at the third, -10 %.
    expect(percentAt(times, closes, 60, 240)).toBeCloseTo(20);
    expect(percentAt(times, closes, 60, 180)).toBeCloseTo(-10);
    // The base is the first bar at or after the base time; the value the last at or before the time asked.
    expect(percentAt(times, closes, 100, 200)).toBeCloseTo((100 * (90 - 105)) / 105);
    // Times as the chart holds them (seconds of 2025): the bar at the time asked is the one measured.
    const days = [Date.UTC(2025, 5, 27) / 1000, Date.UTC(2025, 5, 30) / 1000, Date.UTC(2025, 6, 1) / 1000];
    expect(percentAt(days, [10, 11, 12], days[0] as number, days[2] as number)).toBeCloseTo(20);
    expect(percentAt(days, [10, 11, 12], days[0] as number, days[1] as number)).toBeCloseTo(10);
    // Nothing in the span: none.
    expect(percentAt(times, closes, 250, 300)).toBeNull();
    expect(percentAt(times, closes, 180, 150)).toBeNull();
  });

  it('takes the base bar at the floor of the view, within the bars', () => {
    expect(baseIndex(12.7, 100)).toBe(12);
    expect(baseIndex(-5.5, 100)).toBe(0);
    expect(baseIndex(null, 100)).toBe(0);
    expect(baseIndex(250, 100)).toBe(99);
    expect(baseIndex(3, 0)).toBe(-1);
  });

  it('writes percent with its sign', () => {
    expect(formatPercent(1.234)).toBe('+1.23%');
    expect(formatPercent(-0.5)).toBe('−0.50%');
    expect(formatPercent(0.001)).toBe('0.00%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('compareOf', () => {
  it("keeps one of the session's symbols but the charted one, drops any other, and waits while the session has none", () => {
    expect(compareOf(null, 'RIVN,AAPL,TSLA', ['RIVN'])).toBeNull();
    expect(compareOf('AAPL', 'RIVN,AAPL,TSLA', ['RIVN'])).toBe('AAPL');
    // A stale address, or a symbol taken out of the configuration.
    expect(compareOf('NOPE', 'RIVN,AAPL,TSLA', ['RIVN'])).toBeNull();
    expect(compareOf('AAP', 'RIVN,AAPL,TSLA', ['RIVN'])).toBeNull();
    // The symbol charted, asked for or shown (a symbol compared with itself).
    expect(compareOf('AAPL', 'RIVN,AAPL,TSLA', ['AAPL', 'RIVN'])).toBeNull();
    expect(compareOf('AAPL', 'RIVN,AAPL,TSLA', [null, 'AAPL'])).toBeNull();
    // The live mirror before Start: the address's choice waits for the session's symbols.
    expect(compareOf('AAPL', '', [null, null])).toBe('AAPL');
  });
});

describe('the compare closes in a live session', () => {
  it('are appended in place, a read at a time, without copying the closes held', () => {
    let held = takeCompare(null, read({ time: f([0]), close: f([1]), total: 1 }), 1, 1);
    if (held === 'mismatch') throw new Error('a whole read is always taken');
    const columns = held.columns;
    let copies = 0;
    let room = columns.capacity;
    for (let i = 1; i <= 3000; i++) {
      const next = takeCompare(
        held,
        read({ appended: true, from: i, total: i + 1, time: f([60 * i]), close: f([i + 1]) }),
        i,
        1,
      );
      if (next === 'mismatch') throw new Error('closes that follow are taken');
      held = next;
      if (columns.capacity !== room) {
        copies++;
        room = columns.capacity;
      }
    }
    // The same storage all along, grown a dozen times at most (doubling), not copied at each read.
    expect(held.columns).toBe(columns);
    expect(copies).toBeLessThanOrEqual(12);
    expect(held.time.length).toBe(3001);
    expect(held.close[3000]).toBe(3001);
    expect(held.time[2999]).toBe(60 * 2999);
  });

  it('gives the same points found a few at a time as found whole, when either series runs ahead', () => {
    // The chart's bars every minute with some missing; the compare symbol's with others missing.
    const bars = Array.from({ length: 400 }, (_, i) => 60 * i).filter((t) => t % 420 !== 0);
    const times = Array.from({ length: 400 }, (_, i) => 60 * i).filter((t) => t % 300 !== 0);
    const closes = times.map((t) => t / 60 + 0.5);
    const whole = overlayPoints(bars, times, closes);
    const out = new GrowableColumns();
    let settled = Number.NEGATIVE_INFINITY;
    // Each step shows a few more bars and a few more closes, the two not in step.
    for (let step = 1; step <= 40; step++) {
      const b = bars.slice(0, Math.min(bars.length, step * 11));
      const c = times.slice(0, Math.min(times.length, step * 9 + (step % 2) * 6));
      appendOverlayPoints(b, c, closes, settled, out);
      settled = Math.min(b.at(-1) ?? Number.NEGATIVE_INFINITY, c.at(-1) ?? Number.NEGATIVE_INFINITY);
    }
    appendOverlayPoints(bars, times, closes, settled, out);
    expect(Array.from(out.time)).toEqual(whole.map((p) => p.time));
    expect(Array.from(out.value)).toEqual(whole.map((p) => p.value));
  });
});
