// The indicators on a lightweight-charts chart: overlays on the price pane, and a pane of its own below it
// for each other one (`addSeries(..., paneIndex)`). Every indicator the mirror sends is held, shown or not,
// so a toggle draws at once from what is held without asking the mirror again. `load` sets every drawn
// series whole; `append` adds the new bars' points with `update()`. A NaN is a bar with no value yet: a
// whitespace point, so lines break there instead of dropping to zero.
import {
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  LineStyle,
  LineType,
  type SeriesPartialOptionsMap,
  type Time,
  type UTCTimestamp,
  type WhitespaceData,
} from 'lightweight-charts';
import type { ChartIndicator } from '../../mirror-client';
import { indicatorDecimals, indicatorLabel } from './indicator-format';
import {
  type IndicatorStyle,
  indicatorColor,
  indicatorStyle,
  type LineDash,
  type OutputStyle,
  withAlpha,
} from './indicator-style';

/**
 * An indicator as the toggles and the legend know it: no values, only whether it has one at a bar held
 * (`hasValues`: without one, a pane indicator gets no pane, docs/chart-tools.md).
 */
export type IndicatorInfo = Omit<ChartIndicator, 'values'> & {
  color: string;
  label: string;
  hasValues: boolean;
};

/** One indicator's values at a bar, for the legend. */
export interface LegendIndicator {
  key: string;
  name: string;
  label: string;
  color: string;
  values: { output: string; value: number | null }[];
}

/**
 * The price pane's height over an indicator pane's: the chart grows by one indicator pane's height per
 * pane (SessionView.css, `--indicator-panes`), so the candles keep the height they had alone.
 */
export const PRICE_PANE_STRETCH = 22 / 7;

interface Held {
  info: IndicatorInfo;
  style: IndicatorStyle;
  /** Per output, one value per bar held (NaN for none). */
  values: number[][];
}

type OutputSeries = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;

/**
 * A pane drawn below the indicator panes (the equity). Panes are known by index, and an emptied pane goes
 * away: so it is taken off while the indicators are drawn again, and put back below them after.
 */
export interface TrailingPane {
  detach(): void;
  attach(paneIndex: number): void;
}
type Point = { time: Time; value: number } | WhitespaceData<Time>;

const DASHES: Readonly<Record<LineDash, LineStyle>> = {
  solid: LineStyle.Solid,
  dashed: LineStyle.Dashed,
  dotted: LineStyle.Dotted,
};

/** Whether any output has a value (a finite number) at any bar. */
function anyValue(values: readonly ArrayLike<number>[]): boolean {
  for (const line of values) for (let b = 0; b < line.length; b++) if (Number.isFinite(line[b])) return true;
  return false;
}

const pointAt = (time: number, value: number | undefined): Point =>
  value === undefined || Number.isNaN(value)
    ? { time: time as UTCTimestamp }
    : { time: time as UTCTimestamp, value };

/**
 * Whether a shown indicator is drawn: a pane indicator only once it has a value at a bar the chart holds
 * (no blank pane meanwhile). The page counts the panes it makes room for with the same rule.
 */
export const isDrawn = (
  info: Pick<IndicatorInfo, 'key' | 'placement' | 'hasValues'>,
  shown: ReadonlySet<string>,
): boolean => shown.has(info.key) && (info.placement !== 'pane' || info.hasValues);

export class IndicatorLayer {
  /** Counts redraws, so that a load drawing one indicator a frame stops when one happens. */
  private generation = 0;
  /** Bar times of the whole series held (history and session). */
  private times: number[] = [];
  private held: Held[] = [];
  private shown: ReadonlySet<string> = new Set();
  private readonly drawn = new Map<string, OutputSeries[]>();
  private trailing: TrailingPane | null = null;
  /** The generation of a load drawing one indicator a frame, while it runs. */
  private loading = -1;
  /**
   * Whether the lines drawn over the candles are hidden: with the compare overlay the price scale is in
   * percent, where each line is drawn from its own first value in view (a band's upper line would start on
   * the candles), so they would mislead (compare-layer.ts).
   */
  private overlaysHidden = false;

  constructor(
    private readonly chart: IChartApi,
    /** The colour of reference levels (rsi's 30 and 70): the theme's text. */
    private levelColor: string,
  ) {}

  /** The indicators held, in the mirror's order (the toggles list them). */
  get list(): IndicatorInfo[] {
    return this.held.map((h) => h.info);
  }

  /**
   * Whether the indicator gets series: a shown one, and for a pane indicator only once it has a value at a
   * bar held. An empty pane would be a blank band under the candles (and in the saved PNG) until then, as
   * at the session's start for indicators on 5m bars on the 1m chart; it appears with its first value.
   */
  private drawable(held: Held): boolean {
    return isDrawn(held.info, this.shown);
  }

  /** Indicator panes drawn below the price pane. */
  get paneCount(): number {
    return this.held.filter((h) => h.info.placement === 'pane' && this.drawn.has(h.info.key)).length;
  }

  setTrailing(trailing: TrailingPane): void {
    this.trailing = trailing;
  }

  /**
   * Puts the trailing pane (back) below the indicator panes: after it was turned on or off, or got its
   * first values. A load drawing indicators one a frame puts it there when it is done.
   */
  placeTrailing(): void {
    if (this.loading === this.generation) return;
    this.trailing?.detach();
    this.trailing?.attach(this.paneCount + 1);
    this.stretchPanes();
  }

  /** Holds these lines for these bars (the whole series), and draws the shown ones anew. */
  load(times: ArrayLike<number>, indicators: readonly ChartIndicator[]): void {
    this.hold(times, indicators);
    this.redraw();
  }

  /**
   * As `load`, drawing the shown indicators one a frame (`frame` resolves false when the chart is gone): the
   * chart takes in a new series on the paint after it is set, so one at a time keeps each paint short. A
   * redraw meanwhile (a toggle, a theme) draws every shown one at once and ends this.
   */
  async loadInFrames(
    times: ArrayLike<number>,
    indicators: readonly ChartIndicator[],
    frame: () => Promise<boolean>,
  ): Promise<void> {
    this.hold(times, indicators);
    this.removeDrawn();
    this.trailing?.detach();
    const generation = ++this.generation;
    this.loading = generation;
    let pane = 0;
    for (const held of this.held) {
      if (!this.drawable(held)) continue;
      const paneIndex = held.info.placement === 'pane' ? ++pane : 0;
      if (!(await frame()) || generation !== this.generation) return;
      this.drawn.set(held.info.key, this.draw(held, paneIndex));
      this.stretchPanes();
    }
    this.loading = -1;
    this.trailing?.attach(pane + 1);
    this.stretchPanes();
  }

  private hold(times: ArrayLike<number>, indicators: readonly ChartIndicator[]): void {
    this.times = Array.from(times);
    this.held = indicators.map(({ values, ...info }, i) => {
      const held = values.map((v) => Array.from(v));
      return {
        info: { ...info, color: indicatorColor(i), label: indicatorLabel(info), hasValues: anyValue(held) },
        style: indicatorStyle(info.name, info.outputs),
        values: held,
      };
    });
  }

  /** Whether appended lines are those held (same indicators, same outputs): else the chart loads whole. */
  follows(indicators: readonly ChartIndicator[]): boolean {
    return (
      indicators.length === this.held.length &&
      indicators.every((ind, i) => {
        const held = this.held[i];
        return held !== undefined && held.info.key === ind.key && held.values.length === ind.values.length;
      })
    );
  }

  /** Lets go of the first `count` bars' points (the chart dropped those bars); the caller draws again. */
  dropFirst(count: number): void {
    this.times.splice(0, count);
    for (const held of this.held) for (const values of held.values) values.splice(0, count);
    // A value is carried to every later bar, so the bars kept still have one when any had: nothing to redo.
  }

  /**
   * Puts the points of bars before those held in front of them (the chart took in older bars), and draws
   * the shown lines again. `indicators` must follow those held (`follows`).
   */
  prepend(times: ArrayLike<number>, indicators: readonly ChartIndicator[]): void {
    this.times = [...Array.from(times), ...this.times];
    indicators.forEach((ind, i) => {
      const held = this.held[i];
      if (!held) return;
      held.values = held.values.map((values, o) => {
        const line = ind.values[o];
        const before = line ? Array.from(line) : new Array<number>(times.length).fill(Number.NaN);
        return [...before, ...values];
      });
      if (!held.info.hasValues && anyValue(held.values)) held.info = { ...held.info, hasValues: true };
    });
    this.redraw();
  }

  /** Whether these lines (for the bars held) are those held, point for point (NaN as NaN). */
  holds(indicators: readonly ChartIndicator[]): boolean {
    if (!this.follows(indicators)) return false;
    return indicators.every((ind, i) =>
      ind.values.every((line, o) => {
        const values = this.held[i]?.values[o];
        if (!values || values.length !== line.length) return false;
        for (let b = 0; b < line.length; b++) {
          const x = values[b] as number;
          const y = line[b] as number;
          if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
        }
        return true;
      }),
    );
  }

  /**
   * Adds the points of bars appended after those held (their times, and each line's values for them): one
   * by one with `update()`, or (`whole`, for many) by setting each drawn line whole once.
   */
  append(times: ArrayLike<number>, indicators: readonly ChartIndicator[], whole = false): void {
    for (let i = 0; i < times.length; i++) this.times.push(times[i] as number);
    // A shown pane indicator's first value: its pane is made (all panes drawn again, once per indicator).
    let firstValue = false;
    indicators.forEach((ind, i) => {
      const held = this.held[i];
      if (!held) return;
      // Their latest value and validity follow the export, for the legend and the toggles.
      const hasValues = held.info.hasValues || anyValue(ind.values);
      if (hasValues && !held.info.hasValues && this.shown.has(ind.key) && held.info.placement === 'pane')
        firstValue = true;
      held.info = { ...held.info, valid: ind.valid, value: ind.value, hasValues };
      const series = this.drawn.get(ind.key);
      held.style.outputs.forEach((out, o) => {
        const line = ind.values[out.output];
        const values = held.values[out.output];
        if (!line || !values) return;
        for (let b = 0; b < line.length; b++) values.push(line[b] as number);
        const drawn = series?.[o];
        if (!drawn) return;
        if (whole) drawn.setData(this.pointsOf(values));
        else for (let b = 0; b < line.length; b++) drawn.update(pointAt(times[b] as number, line[b]));
      });
    });
    if (firstValue) this.redraw();
  }

  /** A line's points for the bars held, from its first value on (the history before needs none). */
  private pointsOf(values: readonly number[]): Point[] {
    let first = 0;
    while (first < values.length && !Number.isFinite(values[first] as number)) first++;
    const points: Point[] = [];
    for (let b = first; b < this.times.length; b++) points.push(pointAt(this.times[b] as number, values[b]));
    return points;
  }

  /** Draws exactly these keys (the store's choice); false, changing nothing, when they are already drawn. */
  show(keys: ReadonlySet<string>): boolean {
    if (keys.size === this.shown.size && [...keys].every((k) => this.shown.has(k))) return false;
    this.shown = new Set(keys);
    this.redraw();
    return true;
  }

  /**
   * Hides the lines drawn over the candles, or shows them again; returns how many shown indicators are
   * hidden so.
   */
  hideOverlays(hidden: boolean): number {
    if (hidden !== this.overlaysHidden) {
      this.overlaysHidden = hidden;
      for (const held of this.held) {
        if (held.info.placement === 'pane') continue;
        for (const s of this.drawn.get(held.info.key) ?? []) s.applyOptions({ visible: !hidden });
      }
    }
    return this.hiddenOverlays;
  }

  /** Shown indicators drawn over the candles that are hidden (`hideOverlays`). */
  get hiddenOverlays(): number {
    if (!this.overlaysHidden) return 0;
    return this.held.filter((h) => h.info.placement !== 'pane' && this.drawn.has(h.info.key)).length;
  }

  /** Empties the drawn series, keeping them (and their panes) for the lines a load brings next. */
  blank(): void {
    for (const series of this.drawn.values()) for (const s of series) s.setData([]);
  }

  setLevelColor(color: string): void {
    this.levelColor = color;
    this.redraw();
  }

  clear(): void {
    this.times = [];
    this.held = [];
    this.redraw();
  }

  /** Each shown indicator's values at the bar of `time`, or at the last bar when `time` is null. */
  valuesAt(time: number | null): LegendIndicator[] {
    const at = time === null ? this.times.length - 1 : this.indexOf(time);
    return this.held
      .filter((h) => this.drawn.has(h.info.key))
      .map(({ info, values }) => ({
        key: info.key,
        name: info.name,
        label: info.label,
        color: info.color,
        values: info.outputs.map((output, o) => {
          const value = at < 0 ? undefined : values[o]?.[at];
          return { output, value: value === undefined || Number.isNaN(value) ? null : value };
        }),
      }));
  }

  /** Index of the bar at `time` (times ascend), or -1. */
  private indexOf(time: number): number {
    let lo = 0;
    let hi = this.times.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.times[mid] as number;
      if (t === time) return mid;
      if (t < time) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Removes every indicator series and adds the shown ones again, each pane indicator in the next pane.
   * A pane left without series goes with them, so panes never pile up; toggles are rare, so drawing all
   * again is simpler than moving panes about.
   */
  private redraw(): void {
    this.generation++;
    this.removeDrawn();
    this.trailing?.detach();
    let pane = 0;
    for (const held of this.held) {
      if (!this.drawable(held)) continue;
      const paneIndex = held.info.placement === 'pane' ? ++pane : 0;
      this.drawn.set(held.info.key, this.draw(held, paneIndex));
    }
    this.trailing?.attach(pane + 1);
    this.stretchPanes();
  }

  private removeDrawn(): void {
    for (const series of this.drawn.values()) for (const s of series) this.chart.removeSeries(s);
    this.drawn.clear();
  }

  /** The price pane keeps its share; a pane left without series went with them (panes never pile up). */
  private stretchPanes(): void {
    this.chart.panes().forEach((p, i) => {
      p.setStretchFactor(i === 0 ? PRICE_PANE_STRETCH : 1);
    });
  }

  private draw(held: Held, paneIndex: number): OutputSeries[] {
    const { info, style } = held;
    const series = style.outputs.map((out) => {
      const s = this.addOutput(info, style, out, paneIndex);
      // The history before an indicator's first value (thousands of bars) needs no points at all: a line
      // starts where its values do, and the chart takes in (and later collects) a tenth of the objects.
      s.setData(this.pointsOf(held.values[out.output] ?? []));
      return s;
    });
    const first = series[0];
    for (const price of style.levels) {
      first?.createPriceLine({
        price,
        color: this.levelColor,
        lineWidth: 1,
        lineStyle: LineStyle.Dotted,
        axisLabelVisible: false,
        title: '',
      });
    }
    return series;
  }

  private addOutput(info: IndicatorInfo, style: IndicatorStyle, out: OutputStyle, paneIndex: number) {
    const color = out.faint ? withAlpha(info.color, out.kind === 'histogram' ? 0.45 : 0.6) : info.color;
    const decimals = indicatorDecimals(info.name);
    const common = {
      color,
      priceLineVisible: false,
      // Pane indicators show their last value on their own scale; overlays would crowd the price scale.
      lastValueVisible: paneIndex > 0,
      priceFormat: style.volume
        ? ({ type: 'volume' } as const)
        : ({ type: 'price', precision: decimals, minMove: 10 ** -decimals } as const),
      // Far levels (pivots' r2, s3) are drawn when in view but do not widen the price scale.
      ...(out.ownScale ? { autoscaleInfoProvider: () => null } : {}),
    };
    if (out.kind === 'histogram')
      return this.chart.addSeries(
        HistogramSeries,
        { ...common, visible: paneIndex > 0 || !this.overlaysHidden },
        paneIndex,
      );
    const line: SeriesPartialOptionsMap['Line'] = {
      ...common,
      lineWidth: out.width,
      lineStyle: DASHES[out.dash],
      lineType: out.step ? LineType.WithSteps : LineType.Simple,
      crosshairMarkerVisible: paneIndex > 0,
      visible: paneIndex > 0 || !this.overlaysHidden,
    };
    return this.chart.addSeries(LineSeries, line, paneIndex);
  }
}
