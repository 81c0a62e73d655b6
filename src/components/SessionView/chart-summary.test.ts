import { describe, expect, it } from 'vitest';
import { describeChart, describeCompare, SummaryPacer } from './chart-summary';

// 2025-07-01 10:17 in exchange-local seconds read as UTC (chart-time.ts).
const TEN_SEVENTEEN = Date.UTC(2025, 6, 1, 10, 17) / 1000;
const bar = { time: TEN_SEVENTEEN, open: 251.2, high: 251.9, low: 250.75, close: 251.4, volume: 12_345 };

describe('the chart in words', () => {
  it('names the series, the bars shown and the last bar with its time in ET and its OHLC', () => {
    expect(describeChart('TSLA', '1m', 4_290, 3_900, bar)).toBe(
      'TSLA 1m chart: 4,290 bars shown, 3,900 of them history. Last bar Tue, Jul 1, 2025 10:17 ET: ' +
        'open 251.20, high 251.90, low 250.75, close 251.40, volume 12,345.',
    );
    expect(describeChart('TSLA', '1d', 1, 0, bar)).toBe(
      'TSLA 1d chart: 1 bar shown. Last bar Tue, Jul 1, 2025: open 251.20, high 251.90, low 250.75, ' +
        'close 251.40, volume 12,345.',
    );
  });

  it('tells the compare overlay: which symbol, in percent from the first bar in view, and its figures', () => {
    const figures = { symbol: 'AAPL', main: 1.5, compare: -0.25, points: 40, overlaysHidden: 0 };
    expect(describeCompare('TSLA', 'AAPL', '5m', true, figures)).toBe(
      'Compare overlay: AAPL drawn over the chart as a line, both in percent change from the first bar in ' +
        'view: TSLA +1.50%, AAPL −0.25% at the last bar.',
    );
    expect(describeCompare('TSLA', 'AAPL', '5m', false, null)).toBe(
      'Compare overlay: AAPL drawn over the chart as a line, both in percent change from the first bar in ' +
        'view; AAPL has no 5m bars yet.',
    );
    expect(describeCompare('TSLA', 'AAPL', '5m', true, { ...figures, overlaysHidden: 2 })).toMatch(
      /at the last bar\. Indicator lines over the candles are hidden while comparing\.$/,
    );
    expect(describeCompare('TSLA', 'AAPL', '5m', true, { ...figures, points: 0 })).toContain(
      "none of AAPL's bars line up with the chart's",
    );
  });

  it('says when there is nothing to chart', () => {
    expect(describeChart('TSLA', '5m', 0, 0, null)).toBe('TSLA 5m chart: 0 bars shown.');
    expect(describeChart(null, '1m', 0, 0, null)).toBe('1m chart: no symbol to chart yet.');
  });
});

describe('the pace of the summary', () => {
  it('changes at most once per gap for the same series, at once for another', () => {
    const pacer = new SummaryPacer(5_000);
    expect(pacer.wait('TSLA 1m', 0)).toBe(0);
    pacer.shown('TSLA 1m', 0);
    expect(pacer.wait('TSLA 1m', 250)).toBe(4_750);
    expect(pacer.wait('TSLA 1m', 4_000)).toBe(1_000);
    expect(pacer.wait('TSLA 5m', 4_000)).toBe(0);
    pacer.shown('TSLA 5m', 4_000);
    expect(pacer.wait('TSLA 5m', 9_000)).toBe(0);
    // A quiet spell (a paused replay): the next change shows at once.
    expect(pacer.wait('TSLA 5m', 60_000)).toBe(0);
  });
});
