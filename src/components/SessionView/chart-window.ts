// How many bars the chart takes in. lightweight-charts rebuilds the drawn points of every series from all
// its bars at each change of data, and `setData` takes them all in one task: both grow with the bars held,
// not with the bars on screen. A session of 40 trailing days of minute history holds 15,600 bars a symbol,
// and its loads and appends made long tasks (100-330 ms) on a 2-core machine. The chart therefore loads at
// most the latest MAX_CHART_BARS of a series (15 trading days of minutes, more than the built-in session's
// 10 days and its session); the older bars stay in the mirror and in every export.
//
// Bars appended one by one (`update()`) let the chart grow past that, up to CHART_BARS_BOUND; bars set
// whole (many at once, or past the bound) keep the latest MAX_CHART_BARS (see MAX_UPDATES). A series
// read whole again (a complete export: a new trading day, a resync) that holds the bars the chart shows, in
// a row and equal, is not loaded: only the bars after them are appended (`extension`). On a new trading day
// the day before became history, so the chart's bars are all still there and the new day's few follow.
import type { BarSeries, ChartIndicator } from '../../mirror-client';

export const MAX_CHART_BARS = 6_000;

/** The most bars appends may grow the chart to, before it loads the latest MAX_CHART_BARS again. */
export const CHART_BARS_BOUND = MAX_CHART_BARS * 1.5;

/**
 * The bars a chart keeps once bars come many at a time (a replay as fast as possible sets them whole several
 * times a second): setting them whole costs the page a pass over every bar held, so the chart follows the
 * latest LIVE_WINDOW of them (four trading days of minutes) and takes in older bars again when scrolled back
 * (OLDER_PAGE at a time, `olderBars`). Measured at 300 symbols as fast as possible: 4-5 long tasks in 20 s
 * with a window of 1,500 bars against 6-14 with 6,000 (docs/ui-at-scale.md).
 */
export const LIVE_WINDOW = 1_500;

/** Older bars taken in at a time when the chart is scrolled back to its first bar. */
export const OLDER_PAGE = 3_000;

/** How close (in bars) the view's left edge comes to the first bar held before older bars are taken in. */
export const OLDER_EDGE = 20;

/**
 * The most new bars an append adds one by one with `update()`; more are set whole with `setData`.
 * lightweight-charts 5.2.1 maps every bar of a series again at each `update()` (the series' list of bar
 * indices, and every series' when the bar is a new time): k bars cost k passes over all bars held, of each
 * series. At full speed a delta brings a hundred bars or more, and adding them one by one took 100-330 ms
 * (profiled at 300 symbols); `setData` takes all of them in a few passes.
 */
export const MAX_UPDATES = 8;

/** Bars [cut, end) of a series read whole, and its indicators' points for them (views, not copies). */
export function barsFrom(
  series: BarSeries,
  indicators: readonly ChartIndicator[],
  cut: number,
): { series: BarSeries; indicators: readonly ChartIndicator[] } {
  if (cut <= 0) return { series, indicators };
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

/** The last `max` bars of a series read whole, and its indicators' points for them (views, not copies). */
export function latestBars(
  series: BarSeries,
  indicators: readonly ChartIndicator[],
  max = MAX_CHART_BARS,
): { series: BarSeries; indicators: readonly ChartIndicator[] } {
  return barsFrom(series, indicators, series.time.length - max);
}

/** Bars of `series` (which starts at `series.from`) that are history. */
export const historyShown = (series: BarSeries): number =>
  Math.max(0, Math.min(series.time.length, series.historyCount - series.from));

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;
type Column = (typeof COLUMNS)[number];

/** The bars a chart shows, column by column (a copy: the chart cannot be asked for them cheaply). */
export class HeldBars {
  private columns: Record<Column, Float64Array> = HeldBars.empty(0);
  length = 0;

  private static empty(capacity: number): Record<Column, Float64Array> {
    return {
      time: new Float64Array(capacity),
      open: new Float64Array(capacity),
      high: new Float64Array(capacity),
      low: new Float64Array(capacity),
      close: new Float64Array(capacity),
      volume: new Float64Array(capacity),
    };
  }

  /** Column `name` of the bars held (a view). */
  column(name: Column): Float64Array {
    return this.columns[name].subarray(0, this.length);
  }

  /** Every column of the bars held (views). */
  get bars(): Record<Column, Float64Array> {
    return {
      time: this.column('time'),
      open: this.column('open'),
      high: this.column('high'),
      low: this.column('low'),
      close: this.column('close'),
      volume: this.column('volume'),
    };
  }

  /** Holds these bars instead. */
  set(series: BarSeries): void {
    this.length = 0;
    this.append(series);
  }

  /** Holds these bars after those held. */
  append(series: BarSeries): void {
    const n = series.time.length;
    const needed = this.length + n;
    if (needed > this.columns.time.length) {
      const grown = HeldBars.empty(Math.max(needed, Math.ceil(this.columns.time.length * 1.5), 1024));
      for (const name of COLUMNS) grown[name].set(this.column(name));
      this.columns = grown;
    }
    for (const name of COLUMNS) this.columns[name].set(series[name], this.length);
    this.length = needed;
  }

  /** Holds these bars before those held. */
  prepend(series: Pick<BarSeries, Column>): void {
    const n = series.time.length;
    const next = HeldBars.empty(Math.max(this.length + n, 1024));
    for (const name of COLUMNS) {
      next[name].set(series[name]);
      next[name].set(this.column(name), n);
    }
    this.columns = next;
    this.length += n;
  }

  /** Lets go of the first `count` bars held. */
  dropFirst(count: number): void {
    const n = Math.min(count, this.length);
    for (const name of COLUMNS) this.columns[name].copyWithin(0, n, this.length);
    this.length -= n;
  }

  clear(): void {
    this.length = 0;
  }
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * Where the bars after those held begin in `series` (an index into its arrays): when `series` holds every
 * bar held, in a row and equal in every column. -1 otherwise.
 */
export function followingIndex(held: HeldBars, series: BarSeries): number {
  const n = held.length;
  const times = series.time;
  if (n === 0 || times.length < n) return -1;
  const first = held.column('time')[0] as number;
  // Times ascend: a binary search for the first bar held.
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < first) lo = mid + 1;
    else hi = mid;
  }
  if (lo + n > times.length) return -1;
  for (const name of COLUMNS) {
    const mine = held.column(name);
    const theirs = series[name];
    for (let i = 0; i < n; i++) if (!same(mine[i] as number, theirs[lo + i] as number)) return -1;
  }
  return lo + n;
}

/**
 * How a series read whole can be shown by appending to the bars held: the index of its first bar to
 * append (as `followingIndex`), or -1 when it must be loaded instead. Loaded, it would show its latest
 * `max` bars (all of them when fewer): appending keeps what is held in front of the new bars, which is the
 * same when the held bars start where the series does or there are `max` bars or more; and at most `bound`.
 */
export function extensionOf(
  held: HeldBars,
  series: BarSeries,
  max = MAX_CHART_BARS,
  bound = CHART_BARS_BOUND,
): number {
  const end = followingIndex(held, series);
  if (end < 0) return -1;
  const start = end - held.length;
  const shown = series.time.length - start;
  if (shown > bound) return -1;
  return start === 0 || shown >= max ? end : -1;
}

/** The indicators' points for bars [start, end) of the series they came with (views). */
export function indicatorsBetween(
  indicators: readonly ChartIndicator[],
  start: number,
  end?: number,
): ChartIndicator[] {
  return indicators.map((indicator) => ({
    ...indicator,
    values: indicator.values.map((line) => line.subarray(start, end)),
  }));
}

/**
 * Up to `page` bars of `source` (a series read whole) just before bar `firstHeld` of the whole series (the
 * first bar a chart holds), and its indicators' points for them (views): what a chart scrolled back to its
 * first bar takes in. Null when `source` has none before it, or does not reach it.
 */
export function olderBars(
  source: BarSeries,
  indicators: readonly ChartIndicator[],
  firstHeld: number,
  page = OLDER_PAGE,
): { series: BarSeries; indicators: ChartIndicator[] } | null {
  const end = firstHeld - source.from;
  if (end <= 0 || end > source.time.length) return null;
  const start = Math.max(0, end - page);
  const cut = (column: Float64Array) => column.subarray(start, end);
  return {
    series: {
      ...source,
      time: cut(source.time),
      open: cut(source.open),
      high: cut(source.high),
      low: cut(source.low),
      close: cut(source.close),
      volume: cut(source.volume),
      from: source.from + start,
    },
    indicators: indicatorsBetween(indicators, start, end),
  };
}
