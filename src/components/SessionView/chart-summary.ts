// The chart's text alternative for screen readers (the chart itself is a canvas): what it shows and its
// last bar, in words. It is paced: a replay changes the last bar several times a second, and a description
// that changes under a reader's cursor that often cannot be read.
import { formatCount } from '../../format';
import type { LegendBar, LegendCompare } from './bar-chart';
import { crosshairLabel } from './chart-time';
import { formatPercent } from './compare-overlay';

const price = (value: number) => value.toFixed(2);

/** `TSLA 5m chart: 1,234 bars shown, 1,100 of them history. Last bar Tue, Jul 1, 2025 10:15 ET: open …` */
export function describeChart(
  symbol: string | null,
  interval: string,
  candles: number,
  history: number,
  last: LegendBar | null,
): string {
  if (symbol === null) return `${interval} chart: no symbol to chart yet.`;
  const shown = `${symbol} ${interval} chart: ${formatCount(candles)} ${candles === 1 ? 'bar' : 'bars'} shown`;
  const held = history > 0 ? `, ${formatCount(history)} of them history.` : '.';
  if (last === null || candles === 0) return `${shown}${held}`;
  return (
    `${shown}${held} Last bar ${crosshairLabel(last.time, interval)}: open ${price(last.open)}, high ` +
    `${price(last.high)}, low ${price(last.low)}, close ${price(last.close)}, volume ${formatCount(last.volume)}.`
  );
}

/**
 * The compare overlay in words: `AAPL drawn over the chart, both in percent from the first bar in view: TSLA
 * +1.20%, AAPL −0.50% at the last bar.` Its figures when given (the legend's at the last bar).
 */
export function describeCompare(
  symbol: string | null,
  compare: string,
  interval: string,
  held: boolean,
  figures: LegendCompare | null,
): string {
  const drawn = `Compare overlay: ${compare} drawn over the chart as a line, both in percent change from the first bar in view`;
  if (!held) return `${drawn}; ${compare} has no ${interval} bars yet.`;
  if (figures === null || figures.symbol !== compare) return `${drawn}.`;
  if (figures.points === 0) return `${drawn}; none of ${compare}'s bars line up with the chart's.`;
  const hidden =
    figures.overlaysHidden > 0 ? ' Indicator lines over the candles are hidden while comparing.' : '';
  return `${drawn}: ${symbol ?? 'chart'} ${formatPercent(figures.main)}, ${compare} ${formatPercent(figures.compare)} at the last bar.${hidden}`;
}

/** The shortest time between two changes of a chart's summary while the same series is shown. */
export const SUMMARY_GAP_MS = 5_000;

/**
 * When a new summary may be shown: at once for another series (symbol or interval) or after a quiet spell,
 * otherwise no sooner than `gap` after the last one shown. The owner shows the latest text when the wait
 * is over, so the summary always ends on the last state (a paused replay's within `gap`).
 */
export class SummaryPacer {
  private lastAt = Number.NEGATIVE_INFINITY;
  private lastSeries: string | null = null;

  constructor(private readonly gap = SUMMARY_GAP_MS) {}

  /** Milliseconds to wait before the summary of `series` may change (0: now). */
  wait(series: string, now: number): number {
    if (series !== this.lastSeries) return 0;
    return Math.max(0, this.lastAt + this.gap - now);
  }

  shown(series: string, now: number): void {
    this.lastSeries = series;
    this.lastAt = now;
  }
}
