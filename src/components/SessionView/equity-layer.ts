// The account's equity in a pane of its own, below the indicator panes. The equity samples (one per base
// bar) are not the chart's bars: drawn as they are, a 5m or daily chart would get a slot for every sample
// on its time axis. So the line has one point per bar shown, the equity at that bar's close (the last sample
// taken before it), and no point before the first sample. A read recomputes the points (cheap: one pass over
// bars and samples) and the chart is told only what changed: usually the last point or a new one, with
// `update()`, else the whole line once.
import {
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import type { EquityLine } from '../../../workers/mirror/analysis-types';
import { MAX_UPDATES } from './chart-window';

/**
 * The equity at each bar's close: the last sample whose time is before the bar's end (the next bar's time, or
 * the time plus `barSeconds` for the last one); NaN for a bar before the first sample.
 */
export function equityAtBars(
  times: readonly number[],
  barSeconds: number,
  line: EquityLine | null,
): number[] {
  const out: number[] = new Array(times.length).fill(Number.NaN);
  if (!line || line.time.length === 0) return out;
  let s = -1;
  for (let b = 0; b < times.length; b++) {
    const end = b + 1 < times.length ? (times[b + 1] as number) : (times[b] as number) + barSeconds;
    while (s + 1 < line.time.length && (line.time[s + 1] as number) < end) s++;
    if (s >= 0) out[b] = line.equity[s] as number;
  }
  return out;
}

/** The first index at which two lists of values differ (NaN equal to NaN), or -1. */
export function firstDifference(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return i;
  }
  return a.length === b.length ? -1 : n;
}

type Point = { time: UTCTimestamp; value: number } | WhitespaceData<UTCTimestamp>;

const pointAt = (time: number, value: number): Point =>
  Number.isNaN(value) ? { time: time as UTCTimestamp } : { time: time as UTCTimestamp, value };

export class EquityLayer {
  private times: number[] = [];
  private barSeconds = 60;
  private line: EquityLine | null = null;
  private values: number[] = [];
  /** Bars with a value, counted when the values change (read several times a read). */
  private counted = 0;
  private series: ISeriesApi<'Line'> | null = null;
  private wanted = false;

  constructor(
    private readonly chart: IChartApi,
    private color: string,
  ) {}

  /** Whether there is a line to draw (some bar has a value) and the person wants it. */
  get drawable(): boolean {
    return this.wanted && this.points > 0;
  }

  /** Bars with a value. */
  get points(): number {
    return this.counted;
  }

  private setValues(values: number[]): void {
    this.values = values;
    let n = 0;
    for (const v of values) if (!Number.isNaN(v)) n++;
    this.counted = n;
  }

  get attached(): boolean {
    return this.series !== null;
  }

  /** The bars shown now (a load): the points are recomputed for them, drawn when attached. */
  setBars(times: ArrayLike<number>, barSeconds: number): void {
    this.times = Array.from(times);
    this.barSeconds = barSeconds;
    this.setValues(equityAtBars(this.times, barSeconds, this.line));
    this.series?.setData(this.pointsOf(0));
  }

  /** Bars appended after those shown. */
  appendBars(times: ArrayLike<number>): void {
    for (let i = 0; i < times.length; i++) this.times.push(times[i] as number);
    this.refresh();
  }

  /** The samples of a read; returns whether the line changed. */
  setLine(line: EquityLine | null): boolean {
    this.line = line;
    return this.refresh();
  }

  /** Turned on or off by its chip; returns whether that changes what is drawn. */
  setWanted(wanted: boolean): boolean {
    const before = this.drawable;
    this.wanted = wanted;
    return before !== this.drawable;
  }

  setColor(color: string): void {
    this.color = color;
    this.series?.applyOptions({ color });
  }

  /** Adds the line in pane `paneIndex` (the one below the indicator panes), if it is to be drawn. */
  attach(paneIndex: number): void {
    if (this.series || !this.drawable) return;
    this.series = this.chart.addSeries(
      LineSeries,
      {
        color: this.color,
        lineWidth: 2,
        priceLineVisible: false,
        lastValueVisible: true,
        priceFormat: { type: 'price', precision: 2, minMove: 0.01 },
        title: 'Equity',
      },
      paneIndex,
    );
    this.series.setData(this.pointsOf(0));
  }

  detach(): void {
    if (!this.series) return;
    this.chart.removeSeries(this.series);
    this.series = null;
  }

  clear(): void {
    this.times = [];
    this.setValues([]);
    this.series?.setData([]);
  }

  /** The equity at the bar of `time`, or at the last bar with a value when `time` is null. */
  valueAt(time: number | null): number | null {
    if (time === null) {
      for (let i = this.values.length - 1; i >= 0; i--) {
        const v = this.values[i] as number;
        if (!Number.isNaN(v)) return v;
      }
      return null;
    }
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.times[mid] as number;
      if (t === time) {
        const v = this.values[mid] as number;
        return Number.isNaN(v) ? null : v;
      }
      if (t < time) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /** Recomputes the points, and tells the chart only what changed. */
  private refresh(): boolean {
    const next = equityAtBars(this.times, this.barSeconds, this.line);
    const before = this.values;
    const from = firstDifference(before, next);
    if (from < 0) return false;
    this.setValues(next);
    const series = this.series;
    if (!series) return true;
    // `update()` may change the last point or add later ones; a change further back sets the line whole,
    // and so do many new points (each `update()` costs a pass over the whole line: chart-window.ts).
    if (
      before.length > 0 &&
      from >= before.length - 1 &&
      next.length >= before.length &&
      next.length - from <= MAX_UPDATES
    ) {
      for (let i = from; i < next.length; i++)
        series.update(pointAt(this.times[i] as number, next[i] as number));
    } else series.setData(this.pointsOf(0));
    return true;
  }

  /** The line from bar `from` on, starting at the first bar with a value (no points for the history before). */
  private pointsOf(from: number): Point[] {
    let first = from;
    while (first < this.values.length && Number.isNaN(this.values[first] as number)) first++;
    const points: Point[] = [];
    for (let i = first; i < this.values.length; i++)
      points.push(pointAt(this.times[i] as number, this.values[i] as number));
    return points;
  }
}
