import { describe, expect, it } from 'vitest';
import type { BarSeries, ChartIndicator } from '../../mirror-client';
import {
  barsFrom,
  extensionOf,
  followingIndex,
  HeldBars,
  historyShown,
  indicatorsBetween,
  latestBars,
  olderBars,
} from './chart-window';

const column = (n: number, at = 0) => Float64Array.from({ length: n }, (_, i) => at + i);

function seriesOf(n: number, historyCount: number): BarSeries {
  return {
    time: column(n, 1000),
    open: column(n),
    high: column(n),
    low: column(n),
    close: column(n),
    volume: column(n),
    from: 0,
    total: n,
    historyCount,
  };
}

const sma = (n: number): ChartIndicator => ({
  key: 'sma_20_5m',
  name: 'sma',
  interval: '5m',
  placement: 'price',
  outputs: ['value'],
  values: [column(n, 50)],
  valid: true,
  value: 1,
});

describe('latestBars', () => {
  it('keeps a series within the limit as it is', () => {
    const series = seriesOf(10, 4);
    const indicators = [sma(10)];
    const shown = latestBars(series, indicators, 10);
    expect(shown.series).toBe(series);
    expect(shown.indicators).toBe(indicators);
  });

  it('keeps the latest bars of a longer one, with their indicator points, and says where they start', () => {
    const shown = latestBars(seriesOf(10, 8), [sma(10)], 4);
    expect([...shown.series.time]).toEqual([1006, 1007, 1008, 1009]);
    expect([...shown.series.volume]).toEqual([6, 7, 8, 9]);
    expect(shown.series.from).toBe(6);
    expect(shown.series.total).toBe(10);
    expect([...(shown.indicators[0]?.values[0] ?? [])]).toEqual([56, 57, 58, 59]);
    expect(historyShown(shown.series)).toBe(2);
  });
});

describe('historyShown', () => {
  it('counts the history among the bars held, none once they start after it', () => {
    expect(historyShown(seriesOf(10, 4))).toBe(4);
    expect(historyShown({ ...seriesOf(3, 4), from: 7 })).toBe(0);
  });
});

/** Bars [from, to) of a series whose bar i is at 1000 + i with prices i (history: the first `history`). */
function window(from: number, to: number, history = 0): BarSeries {
  const n = to - from;
  return {
    ...seriesOf(n, history),
    time: column(n, 1000 + from),
    open: column(n, from),
    high: column(n, from),
    low: column(n, from),
    close: column(n, from),
    volume: column(n, from),
    total: n,
  };
}

const held = (series: BarSeries) => {
  const bars = new HeldBars();
  bars.set(series);
  return bars;
};

describe('HeldBars', () => {
  it('holds a copy of the bars set, and grows with those appended', () => {
    const bars = held(window(0, 3));
    const more = window(3, 2000);
    bars.append(more);
    more.close[0] = -1; // a copy: the read's arrays are not kept
    expect(bars.length).toBe(2000);
    expect([...bars.column('time').subarray(0, 4)]).toEqual([1000, 1001, 1002, 1003]);
    expect(bars.column('close')[3]).toBe(3);
    expect(bars.column('volume')[1999]).toBe(1999);
    bars.set(window(5, 7));
    expect([...bars.column('open')]).toEqual([5, 6]);
    bars.clear();
    expect(bars.length).toBe(0);
  });
});

describe('followingIndex', () => {
  it('finds where the bars after those held begin, when the series holds them all in a row', () => {
    // The day before became history: the series starts earlier (or later) and holds the same bars.
    expect(followingIndex(held(window(10, 20)), window(0, 25))).toBe(20);
    expect(followingIndex(held(window(10, 20)), window(5, 20))).toBe(15);
    expect(followingIndex(held(window(0, 5)), window(0, 5))).toBe(5);
  });

  it('is -1 when a bar held is missing, moved or changed', () => {
    expect(followingIndex(held(window(10, 20)), window(12, 30))).toBe(-1);
    expect(followingIndex(held(window(10, 20)), window(0, 15))).toBe(-1);
    const changed = window(0, 25);
    changed.volume[14] = 99;
    expect(followingIndex(held(window(10, 20)), changed)).toBe(-1);
    const moved = window(0, 25);
    moved.time[12] = 1012.5;
    expect(followingIndex(held(window(10, 20)), moved)).toBe(-1);
    expect(followingIndex(new HeldBars(), window(0, 5))).toBe(-1);
  });
});

describe('extensionOf', () => {
  it('appends when the bars held are those a load would show before the new ones', () => {
    // Held from the series' start: whatever their number (below the bound).
    expect(extensionOf(held(window(0, 5)), window(0, 8), 6, 9)).toBe(5);
    // Held from later on: only with `max` bars or more, as a load would show.
    expect(extensionOf(held(window(2, 8)), window(0, 10), 6, 9)).toBe(8);
    expect(extensionOf(held(window(2, 5)), window(0, 7), 6, 9)).toBe(-1);
  });

  it('loads past the bound, and when the bars held are not all in the series', () => {
    expect(extensionOf(held(window(0, 5)), window(0, 10), 6, 9)).toBe(-1);
    expect(extensionOf(held(window(2, 8)), window(3, 10), 6, 9)).toBe(-1);
  });
});

describe('barsFrom and indicatorsBetween', () => {
  it('cut a series and its indicator points (views)', () => {
    const series = seriesOf(10, 4);
    const cut = barsFrom(series, [sma(10)], 7);
    expect([...cut.series.time]).toEqual([1007, 1008, 1009]);
    expect(cut.series.from).toBe(7);
    expect(cut.series.time.buffer).toBe(series.time.buffer);
    expect([...(cut.indicators[0]?.values[0] ?? [])]).toEqual([57, 58, 59]);
    expect(barsFrom(series, [], 0).series).toBe(series);
    expect([...(indicatorsBetween([sma(10)], 2, 4)[0]?.values[0] ?? [])]).toEqual([52, 53]);
    expect([...(indicatorsBetween([sma(10)], 8)[0]?.values[0] ?? [])]).toEqual([58, 59]);
  });
});

describe('HeldBars.prepend', () => {
  it('puts older bars in front of those held, every column, keeping the order', () => {
    const held = new HeldBars();
    held.set(latestBars(seriesOf(10, 0), [], 3).series);
    held.prepend(barsFrom(seriesOf(7, 0), [], 4).series);
    expect(held.length).toBe(6);
    expect([...held.column('time')]).toEqual([1004, 1005, 1006, 1007, 1008, 1009]);
    expect([...held.column('close')]).toEqual([4, 5, 6, 7, 8, 9]);
    // Appending still goes after them.
    held.append(barsFrom(seriesOf(11, 0), [], 10).series);
    expect([...held.column('time')]).toEqual([1004, 1005, 1006, 1007, 1008, 1009, 1010]);
  });
});

describe('olderBars', () => {
  it('gives up to a page of the bars before the first held, with their indicator points', () => {
    const whole = seriesOf(10, 6);
    const older = olderBars(whole, [sma(10)], 7, 3);
    expect([...(older?.series.time ?? [])]).toEqual([1004, 1005, 1006]);
    expect(older?.series.from).toBe(4);
    expect(older?.series.total).toBe(10);
    expect([...(older?.indicators[0]?.values[0] ?? [])]).toEqual([54, 55, 56]);
  });

  it('stops at the first bar of the series, and gives nothing when there is none before', () => {
    const whole = seriesOf(10, 6);
    expect([...(olderBars(whole, [], 2, 3000)?.series.time ?? [])]).toEqual([1000, 1001]);
    expect(olderBars(whole, [], 0, 3000)).toBeNull();
  });

  it('reads a series that starts later by its place in the whole series, and refuses one that ends before', () => {
    // Bars 4..9 of the whole series, read as a tail.
    const tail = barsFrom(seriesOf(10, 6), [], 4).series;
    expect([...(olderBars(tail, [], 7, 2)?.series.time ?? [])]).toEqual([1005, 1006]);
    expect(olderBars(tail, [], 4, 2)).toBeNull();
    // The chart's first bar is past the end of what this series holds: it cannot say what comes before.
    expect(olderBars(tail, [], 11, 2)).toBeNull();
  });
});
