import { describe, expect, it } from 'vitest';
import type { BarSeries, ChartIndicator } from '../../mirror-client';
import { historyShown, latestBars } from './chart-window';

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
