// How many bars the chart takes in. lightweight-charts rebuilds the drawn points of every series from all
// its bars at each change of data, and `setData` takes them all in one task: both grow with the bars held,
// not with the bars on screen. A session of 40 trailing days of minute history holds 15,600 bars a symbol,
// and its loads and appends made long tasks (100-330 ms) on a 2-core machine. The chart therefore loads at
// most the latest MAX_CHART_BARS of a series (15 trading days of minutes, more than the built-in session's
// 10 days and its session); the older bars stay in the mirror and in every export.
import type { BarSeries, ChartIndicator } from '../../mirror-client';

export const MAX_CHART_BARS = 6_000;

/** The last `max` bars of a series read whole, and its indicators' points for them (views, not copies). */
export function latestBars(
  series: BarSeries,
  indicators: readonly ChartIndicator[],
  max = MAX_CHART_BARS,
): { series: BarSeries; indicators: readonly ChartIndicator[] } {
  const cut = Math.max(0, series.time.length - max);
  if (cut === 0) return { series, indicators };
  const tail = (column: Float64Array) => column.subarray(cut);
  return {
    series: {
      ...series,
      time: tail(series.time),
      open: tail(series.open),
      high: tail(series.high),
      low: tail(series.low),
      close: tail(series.close),
      volume: tail(series.volume),
      from: series.from + cut,
    },
    indicators: indicators.map((indicator) => ({ ...indicator, values: indicator.values.map(tail) })),
  };
}

/** Bars of `series` (which starts at `series.from`) that are history. */
export const historyShown = (series: BarSeries): number =>
  Math.max(0, Math.min(series.time.length, series.historyCount - series.from));
