// The compare overlay on the chart: a second symbol's closes as a line over the candles, on the same
// price scale switched to percentage mode (each series drawn in percent from its own first visible
// value), and back to prices when the overlay is taken away. The line's points are the compare closes at
// the chart's bar times (compare-overlay.ts); they are set whole when the bars shown changed otherwise
// than by new bars at the end, and appended with `update()` when a few came (MAX_UPDATES, as the candles).
// Points are found again only after the last time both series had reached (`settled`) while the bars and
// the closes only grew at the end: a live read costs its new bars and closes, not a walk of every bar.
import {
  type IChartApi,
  type ISeriesApi,
  type LineData,
  LineSeries,
  PriceScaleMode,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import { MAX_UPDATES } from './chart-window';
import { appendOverlayPoints } from './compare-overlay';
import { GrowableColumns } from './growable-columns';

/** The compare symbol's closes as the chart takes them. */
export interface CompareLine {
  symbol: string;
  time: Float64Array;
  close: Float64Array;
}

const asTime = (seconds: number) => seconds as UTCTimestamp;

export class CompareLayer {
  private series: ISeriesApi<'Line'> | null = null;
  private line: CompareLine | null = null;
  /** The points drawn, column by column (the legend searches them). */
  private drawn = new GrowableColumns();
  /** The chart's bars the points were found for: their first and last time and their count. */
  private bars: { first: number; last: number; length: number } | null = null;
  /** Both series had reached this time when the points were found: none at or before it can change. */
  private settled = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly chart: IChartApi,
    private readonly mainSeries: ISeriesApi<'Candlestick'>,
    private color: string,
  ) {}

  /** The compare symbol drawn (null: none). */
  get symbol(): string | null {
    return this.line?.symbol ?? null;
  }

  /** How many points are drawn. */
  get pointCount(): number {
    return this.drawn.length;
  }

  /** The drawn points' times and values (views). */
  get times(): Float64Array {
    return this.drawn.time;
  }

  get values(): Float64Array {
    return this.drawn.value;
  }

  setColor(color: string): void {
    this.color = color;
    this.series?.applyOptions({ color });
  }

  /**
   * Draws `line` lined up with the chart's bars (`barTimes`), or takes the overlay away (null). Returns
   * whether anything drawn changed.
   */
  set(line: CompareLine | null, barTimes: ArrayLike<number>): boolean {
    if (line === null) {
      if (this.series === null) return false;
      this.chart.removeSeries(this.series);
      this.series = null;
      this.line = null;
      this.forget();
      this.mainSeries.priceScale().applyOptions({ mode: PriceScaleMode.Normal });
      return true;
    }
    const previous = this.line;
    if (this.series === null) {
      this.series = this.chart.addSeries(LineSeries, {
        color: this.color,
        lineWidth: 2,
        priceLineVisible: false,
        lastValueVisible: true,
        crosshairMarkerVisible: false,
        title: line.symbol,
      });
      this.mainSeries.priceScale().applyOptions({ mode: PriceScaleMode.Percentage });
    } else if (previous?.symbol !== line.symbol) {
      this.series.applyOptions({ title: line.symbol });
    }
    this.line = line;
    // Another symbol's closes are never appended to the last one's, whatever they look like.
    const grows = previous !== null && previous.symbol === line.symbol && extends_(previous, line);
    return this.draw(barTimes, grows);
  }

  /** Lines the overlay up again with the chart's bars (new ones at the end, a load, a trim, older bars). */
  follow(barTimes: ArrayLike<number>): boolean {
    if (this.line === null || this.series === null) return false;
    return this.draw(barTimes, true);
  }

  private forget(): void {
    this.drawn = new GrowableColumns();
    this.bars = null;
    this.settled = Number.NEGATIVE_INFINITY;
  }

  /**
   * Finds the points for the bars and the line: only those after `settled` when both grew at the end
   * (`lineGrew`, and the bars' first and last known times where they were), else all of them. New points
   * at the end are drawn with `update()` when few, the line is set whole otherwise.
   */
  private draw(barTimes: ArrayLike<number>, lineGrew: boolean): boolean {
    const series = this.series;
    const line = this.line;
    if (series === null || line === null) return false;
    const n = barTimes.length;
    const seen = this.bars;
    const barsGrew =
      seen !== null &&
      n >= seen.length &&
      (seen.length === 0 || (barTimes[0] === seen.first && barTimes[seen.length - 1] === seen.last));
    const drawn = this.drawn;
    const before = drawn.length;
    let whole: boolean;
    if (lineGrew && barsGrew) {
      whole = appendOverlayPoints(barTimes, line.time, line.close, this.settled, drawn) > MAX_UPDATES;
    } else {
      drawn.clear();
      appendOverlayPoints(barTimes, line.time, line.close, Number.NEGATIVE_INFINITY, drawn);
      whole = true;
    }
    this.bars = n > 0 ? { first: barTimes[0] as number, last: barTimes[n - 1] as number, length: n } : null;
    const lastBar = n > 0 ? (barTimes[n - 1] as number) : Number.NEGATIVE_INFINITY;
    const lastClose =
      line.time.length > 0 ? (line.time[line.time.length - 1] as number) : Number.NEGATIVE_INFINITY;
    this.settled = Math.min(lastBar, lastClose);
    if (!whole) {
      if (drawn.length === before) return false;
      const { time, value } = drawn;
      for (let i = before; i < drawn.length; i++)
        series.update({ time: asTime(time[i] as number), value: value[i] as number });
      return true;
    }
    if (before === 0 && drawn.length === 0) return false;
    const { time, value } = drawn;
    const points: LineData<Time>[] = new Array(drawn.length);
    for (let i = 0; i < drawn.length; i++)
      points[i] = { time: asTime(time[i] as number), value: value[i] as number };
    series.setData(points);
    return true;
  }
}

/**
 * Whether `next` is `previous` with closes added at the end (the reader appends in place, or a whole read of
 * the same series): the same first close, and the same close where `previous` ended.
 */
function extends_(previous: CompareLine, next: CompareLine): boolean {
  const m = previous.time.length;
  if (m === 0) return true;
  return (
    next.time.length >= m &&
    next.time[0] === previous.time[0] &&
    next.time[m - 1] === previous.time[m - 1] &&
    next.close[m - 1] === previous.close[m - 1]
  );
}
