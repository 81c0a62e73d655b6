// The compare overlay on the chart: a second symbol's closes as a line over the candles, on the same
// price scale switched to percentage mode (each series drawn in percent from its own first visible
// value), and back to prices when the overlay is taken away. The line's points are the compare closes at
// the chart's bar times (compare-overlay.ts); they are set whole when the bars shown changed otherwise
// than by new bars at the end, and appended with `update()` when a few came (MAX_UPDATES, as the candles).
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
import { type OverlayPoint, overlayPoints } from './compare-overlay';

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
  private drawn: OverlayPoint[] = [];
  /** The drawn points' times and values, column by column (the legend searches them). */
  times: Float64Array = new Float64Array(0);
  values: Float64Array = new Float64Array(0);

  constructor(
    private readonly chart: IChartApi,
    private readonly mainSeries: ISeriesApi<'Candlestick'>,
    private color: string,
  ) {}

  /** The compare symbol drawn (null: none). */
  get symbol(): string | null {
    return this.line?.symbol ?? null;
  }

  /** The points drawn (the legend reads its percent from them). */
  get points(): readonly OverlayPoint[] {
    return this.drawn;
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
      this.drawn = [];
      this.times = new Float64Array(0);
      this.values = new Float64Array(0);
      this.mainSeries.priceScale().applyOptions({ mode: PriceScaleMode.Normal });
      return true;
    }
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
    } else if (this.line?.symbol !== line.symbol) {
      this.series.applyOptions({ title: line.symbol });
      // Another symbol's closes are never appended to the last one's, whatever they look like.
      this.drawn = [];
    }
    this.line = line;
    return this.draw(overlayPoints(barTimes, line.time, line.close));
  }

  /** Lines the overlay up again with the chart's bars (they changed: a load, a trim, older bars taken in). */
  follow(barTimes: ArrayLike<number>): boolean {
    const line = this.line;
    if (line === null || this.series === null) return false;
    return this.draw(overlayPoints(barTimes, line.time, line.close));
  }

  /** The points set: those after the ones drawn with `update()` when the drawn ones begin them, else whole. */
  private draw(points: OverlayPoint[]): boolean {
    const series = this.series;
    if (series === null) return false;
    const drawn = this.drawn;
    const k = drawn.length;
    if (k === 0 && points.length === 0) return false;
    const follows =
      k > 0 && points.length >= k && samePoint(points[0], drawn[0]) && samePoint(points[k - 1], drawn[k - 1]);
    if (follows && points.length === k) return false;
    if (follows && points.length - k <= MAX_UPDATES) {
      for (let i = k; i < points.length; i++) series.update(lineData(points[i] as OverlayPoint));
    } else series.setData(points.map(lineData));
    this.drawn = points;
    this.times = Float64Array.from(points, (p) => p.time);
    this.values = Float64Array.from(points, (p) => p.value);
    return true;
  }
}

const samePoint = (a: OverlayPoint | undefined, b: OverlayPoint | undefined) =>
  a !== undefined && b !== undefined && a.time === b.time && a.value === b.value;

const lineData = (point: OverlayPoint): LineData<Time> => ({ time: asTime(point.time), value: point.value });
