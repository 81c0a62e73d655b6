// One candlestick chart with a volume histogram under it (lightweight-charts 5), fed from the mirror's bar
// series. `load` replaces every bar (first load, another symbol or interval); `append` adds the bars that
// follow those shown with `update()` when they are a few, so a live session costs a few bars per delta, and
// sets the bars held whole when they are many (chart-window.ts, MAX_UPDATES); `extend` appends to the bars
// shown from a series read whole again that begins with them (a new trading day, a resync). Missing
// intraday bars are marked on the candles. Times are exchange-local (see chart-time.ts).
// The session's indicators come with the bars, point for point, and are drawn by indicator-layer.ts. The
// strategies' signals and fills of the symbol are markers on the candles (trade-markers.ts), the equity a
// line in a pane below the indicators (equity-layer.ts); both are set once per read, and only when changed.
// A second symbol's closes can be drawn over the candles in percent (the compare overlay, compare-layer.ts),
// and the chart can be taken as a picture (`screenshot`, for the PNG the page saves: chart-png.ts).
import {
  type CandlestickData,
  CandlestickSeries,
  ColorType,
  createChart,
  type HistogramData,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { AnalysisRead, ChartMarker } from '../../../workers/mirror/analysis-types';
import { intervalSeconds } from '../../intervals';
import type { BarSeries, ChartIndicator } from '../../mirror-client';
import { crosshairLabel, findGaps } from './chart-time';
import {
  barsFrom,
  CHART_BARS_BOUND,
  extensionOf,
  HeldBars,
  historyShown,
  indicatorsBetween,
  LIVE_WINDOW,
  latestBars,
  MAX_CHART_BARS,
  MAX_UPDATES,
  OLDER_EDGE,
  olderBars,
} from './chart-window';
import { createCheapSeriesMarkers } from './cheap-markers';
import { CompareLayer, type CompareLine } from './compare-layer';
import { baseIndex, percentAt } from './compare-overlay';
import { EquityLayer } from './equity-layer';
import { type IndicatorInfo, IndicatorLayer, type LegendIndicator } from './indicator-layer';
import { markersAt, sameMarkers, seriesMarkersOf } from './trade-markers';

export interface ChartTheme {
  background: string;
  text: string;
  grid: string;
  border: string;
  up: string;
  down: string;
  volume: string;
  gap: string;
  /** A refused order's marker. */
  refused: string;
  equity: string;
  /** The compare overlay's line. */
  compare: string;
}

/** What the legend shows: the bar under the crosshair, or the last bar. */
export interface LegendBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** What the chart holds, told when scrolling back took in older bars (a read tells it otherwise). */
export interface HeldCount {
  candles: number;
  historyCount: number;
  gaps: number;
  /** The indicators held (older bars may bring an indicator its first value, and its pane). */
  indicators: IndicatorInfo[];
}

/** The legend's contents: the bar, the shown indicators' values at it, its trade markers and the equity. */
export interface Legend {
  bar: LegendBar | null;
  /** The chart's last bar, whatever the crosshair is on (the chart's summary in words tells it). */
  last: LegendBar | null;
  indicators: LegendIndicator[];
  /** The strategies' signals and orders on the hovered bar (their reasons are read there: markers cannot hover). */
  trades: ChartMarker[];
  /** The account's equity at that bar's close, when the equity pane is drawn. */
  equity: number | null;
  /** With a compare overlay: both symbols' change in percent at that bar from the first bar in view. */
  compare: LegendCompare | null;
}

/** The compare overlay in the legend: the symbol drawn over the chart, and both symbols' percent. */
export interface LegendCompare {
  symbol: string;
  /** The chart's own symbol's change (null: no bar in view). */
  main: number | null;
  /** The compare symbol's change (null: it has no close in view, or none at this interval). */
  compare: number | null;
  /** Closes of the compare symbol drawn (0: none line up with the chart's bars). */
  points: number;
  /** Shown indicators drawn over the candles that are hidden while comparing (percent would skew them). */
  overlaysHidden: number;
}

/** Reads the chart colours from CSS custom properties (SessionView.css sets them for light and dark). */
export function themeOf(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const cssVar = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: cssVar('--chart-bg', '#ffffff'),
    text: cssVar('--chart-text', '#5c6b7c'),
    grid: cssVar('--chart-grid', '#eef1f5'),
    border: cssVar('--chart-border', '#dde3ea'),
    up: cssVar('--chart-up', '#16a34a'),
    down: cssVar('--chart-down', '#dc2626'),
    volume: cssVar('--chart-volume', 'rgba(100, 116, 139, 0.4)'),
    gap: cssVar('--chart-gap', '#d97706'),
    refused: cssVar('--chart-refused', '#94a3b8'),
    equity: cssVar('--chart-equity', '#2563eb'),
    compare: cssVar('--chart-compare', '#334155'),
  };
}

const asTime = (seconds: number) => seconds as UTCTimestamp;

const FONT_SIZE = 11;

/** Lets the browser draw a frame (and handle input) before going on. */
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

type Bars = Pick<BarSeries, 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

function candlesOf(series: Bars): CandlestickData<Time>[] {
  const { time, open, high, low, close } = series;
  const candles: CandlestickData<Time>[] = new Array(time.length);
  for (let i = 0; i < time.length; i++) {
    candles[i] = {
      time: asTime(time[i] as number),
      open: open[i] as number,
      high: high[i] as number,
      low: low[i] as number,
      close: close[i] as number,
    };
  }
  return candles;
}

export class BarChart {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly volume: ISeriesApi<'Histogram'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private theme: ChartTheme;
  private interval = '1m';
  private gapMarkers: SeriesMarker<Time>[] = [];
  private last: LegendBar | null = null;
  private readonly indicators: IndicatorLayer;
  private readonly equity: EquityLayer;
  private readonly compare: CompareLayer;
  /** The strategies' markers, apart from the gaps' (each list set on its own, when it changes). */
  private readonly tradeMarkers: ISeriesMarkersPluginApi<Time>;
  private trades: ChartMarker[] = [];
  /** Where the crosshair is (its bar's time and height), while the pointer is over the chart. */
  private pointer: { time: Time | null; y: number } | null = null;
  /** The bar under the crosshair, or null for the last bar. */
  private hovered: LegendBar | null = null;
  private shownCandles = 0;
  /** The first candle's time (the markers plugin asks for it at each change of the candles). */
  private firstTime: Time | null = null;
  /** Bars of the whole series (history + session) that the chart holds. */
  total = 0;
  /** Bars of the chart that are history (those before the session's). */
  historyCount = 0;
  /** Bars of the whole series that are history (an append must have the same). */
  private seriesHistory = 0;
  /** The bars shown, to tell whether a series read whole again begins with them (`extend`). */
  private readonly bars = new HeldBars();
  /**
   * The bars the chart keeps: MAX_CHART_BARS after a load, LIVE_WINDOW once bars come many at a time, more
   * once scrolling back took in older bars. Appends hold to it, and a series read whole again is appended to
   * (`extend`) while it fits.
   */
  private window = MAX_CHART_BARS;
  /** The series last read whole and its indicators: where the older bars come from when scrolled back. */
  private source: { series: BarSeries; indicators: readonly ChartIndicator[] } | null = null;
  private takingOlder = false;

  constructor(
    container: HTMLElement,
    theme: ChartTheme,
    private readonly onLegendChange: (legend: Legend) => void,
    private readonly onHeldChange: (held: HeldCount) => void = () => {},
  ) {
    this.theme = theme;
    // The page's own font (lightweight-charts defaults to a list of Apple and web fonts).
    const fontFamily = getComputedStyle(container).fontFamily;
    this.chart = createChart(container, {
      autoSize: true,
      layout: { attributionLogo: true, fontSize: FONT_SIZE, fontFamily },
      rightPriceScale: { scaleMargins: { top: 0.08, bottom: 0.28 } },
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 4 },
      localization: { timeFormatter: (time: Time) => crosshairLabel(time as number, this.interval) },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, { priceLineVisible: true });
    this.volume = this.chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });
    const firstTime = () => this.firstTime;
    this.markers = createCheapSeriesMarkers(this.candles, firstTime);
    this.tradeMarkers = createCheapSeriesMarkers(this.candles, firstTime);
    this.indicators = new IndicatorLayer(this.chart, theme.text);
    this.equity = new EquityLayer(this.chart, theme.equity);
    this.indicators.setTrailing(this.equity);
    this.compare = new CompareLayer(this.chart, this.candles, theme.compare);
    this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRange);
    this.applyTheme(theme);
  }

  private get daily(): boolean {
    return (intervalSeconds(this.interval) ?? 0) >= 86_400;
  }

  /** The candles the chart itself holds (read back from the series, for the page and its tests). */
  /** Candles shown: counted as they are set, since `data()` would copy every one of them on each read. */
  get candleCount(): number {
    return this.shownCandles;
  }

  applyTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.chart.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: theme.background },
        textColor: theme.text,
        // The lines between the price pane and the indicator panes, as quiet as the chart's border.
        panes: { separatorColor: theme.border },
      },
      grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
      rightPriceScale: { borderColor: theme.border },
      timeScale: { borderColor: theme.border },
    });
    this.candles.applyOptions({
      upColor: theme.up,
      downColor: theme.down,
      borderUpColor: theme.up,
      borderDownColor: theme.down,
      wickUpColor: theme.up,
      wickDownColor: theme.down,
    });
    // One colour for all volume bars: a new theme is an option, never new data.
    this.volume.applyOptions({ color: theme.volume });
    this.gapMarkers = this.gapMarkers.map((m) => ({ ...m, color: theme.gap }));
    this.markers.setMarkers(this.gapMarkers);
    this.indicators.setLevelColor(theme.text);
    this.equity.setColor(theme.equity);
    this.compare.setColor(theme.compare);
    this.tradeMarkers.setMarkers(seriesMarkersOf(this.trades, this.markerColors));
  }

  private get markerColors() {
    return { buy: this.theme.up, sell: this.theme.down, refused: this.theme.refused };
  }

  /** Markers of the strategies on the candles. */
  get tradeMarkerCount(): number {
    return this.trades.length;
  }

  /** Points of the equity line (bars from the first sample on); drawn only while its pane is on. */
  get equityPoints(): number {
    return this.equity.points;
  }

  /**
   * The strategies' part of a read: the symbol's markers and the equity samples. Called once per read, after
   * its bars; the markers are set only when they changed (a new signal or fill), the equity line by the
   * points that changed.
   */
  setAnalysis(analysis: AnalysisRead | null): void {
    const markers = analysis?.markers ?? [];
    const markersChanged = !sameMarkers(this.trades, markers);
    if (markersChanged) {
      this.trades = markers;
      this.tradeMarkers.setMarkers(seriesMarkersOf(markers, this.markerColors));
    }
    const drawable = this.equity.drawable;
    const equityChanged = this.equity.setLine(analysis?.equity ?? null);
    if (drawable !== this.equity.drawable) this.indicators.placeTrailing();
    if (markersChanged || equityChanged) this.onLegend(this.hovered ?? this.last);
  }

  /**
   * Draws a second symbol's closes over the candles, both in percent from the first bar in view, or takes
   * the overlay away (null). Called once per read, after its bars.
   */
  setCompare(line: CompareLine | null): void {
    const changed = this.compare.set(line, this.bars.column('time'));
    this.indicators.hideOverlays(line !== null);
    if (changed) this.onLegend(this.hovered ?? this.last);
  }

  /** The compare symbol drawn over the chart (null: none). */
  get compareSymbol(): string | null {
    return this.compare.symbol;
  }

  /**
   * The chart as a picture: its panes and scales with the markers, without the crosshair (a canvas the
   * page draws its legend band on: chart-png.ts).
   */
  screenshot(): HTMLCanvasElement {
    return this.chart.takeScreenshot(true, false);
  }

  /** Draws the equity pane or takes it away (its chip). */
  showEquity(shown: boolean): void {
    if (!this.equity.setWanted(shown)) return;
    this.indicators.placeTrailing();
    this.onLegend(this.hovered ?? this.last);
  }

  /** The session's indicators the chart holds (the toggles list them). */
  get indicatorList() {
    return this.indicators.list;
  }

  /** Draws exactly these indicators (by key) of those held. */
  showIndicators(keys: ReadonlySet<string>): void {
    // The page asks after every read: only a real change redraws and tells the legend.
    if (this.indicators.show(keys)) this.onLegend(this.hovered ?? this.last);
  }

  /**
   * Shows these bars (the whole series from index 0), the latest MAX_CHART_BARS of them (chart-window.ts).
   * Thousands of bars take the chart a while to take in, so the candles, the volume and the indicators are
   * set in three tasks (with a frame between), each well below a long task.
   */
  async load(
    whole: BarSeries,
    interval: string,
    allIndicators: readonly ChartIndicator[] = [],
  ): Promise<void> {
    const { series, indicators } = latestBars(whole, allIndicators);
    this.source = { series: whole, indicators: allIndicators };
    this.window = MAX_CHART_BARS;
    this.interval = interval;
    const step = intervalSeconds(interval) ?? 60;
    this.chart.applyOptions({ timeScale: { timeVisible: !this.daily, secondsVisible: step < 60 } });
    const n = series.time.length;
    const candles = candlesOf(series);
    // The indicators of the last series must not stretch this one's time axis until theirs come.
    this.indicators.blank();
    // The markers of the last series do not belong on this one: the read that loads brings this one's.
    this.trades = [];
    this.tradeMarkers.setMarkers([]);
    this.equity.setBars(series.time, step);
    this.firstTime = candles[0]?.time ?? null;
    this.candles.setData(candles);
    this.shownCandles = candles.length;
    this.bars.set(series);
    this.compare.follow(this.bars.column('time'));
    this.volumeLater = false;
    this.total = series.total;
    this.seriesHistory = series.historyCount;
    this.historyCount = historyShown(series);
    this.last = n > 0 ? this.barAt(series, n - 1) : null;
    // Show the latest bars at a readable width rather than squeezing thousands into view.
    this.chart.timeScale().applyOptions({ barSpacing: 6 });
    this.chart.timeScale().scrollToRealTime();
    await nextFrame();
    if (this.disposed) return;
    this.volume.setData(this.volumesOf(series, candles));
    this.gapMarkers = this.gapMarkersOf(series.time);
    this.markers.setMarkers(this.gapMarkers);
    // One indicator a frame: the paint that takes in a new series is the long part of drawing it.
    await this.indicators.loadInFrames(series.time, indicators, async () => {
      await nextFrame();
      return !this.disposed;
    });
    if (this.disposed) return;
    // A bar hovered in the series before is not in this one: the legend shows the last bar until the
    // pointer moves again.
    this.hovered = null;
    this.onLegend(this.last);
  }

  /**
   * Adds bars [series.from, series.total) after those shown. Returns false (changing nothing) when they do
   * not follow: the caller then loads the whole series again.
   */
  append(series: BarSeries, indicators: readonly ChartIndicator[] = []): boolean {
    if (series.from !== this.total || series.historyCount !== this.seriesHistory) return false;
    if (!this.indicators.follows(indicators)) return false;
    const n = series.time.length;
    if (n === 0) return true;
    const lastTime = this.last?.time ?? null;
    if (lastTime !== null && (series.time[0] as number) <= lastTime) return false;
    // With the pointer over the chart, lightweight-charts hit-tests the crosshair again after every
    // update() of every series, and that rebuilds the drawn points of all their bars: an append of k bars
    // cost 2k + (indicators) rebuilds (profiled at 600x: 70-230 ms). The crosshair is taken off while the
    // bars go in, and put back once after (on its bar: the next move of the pointer puts it under it).
    const pointer = this.pointer;
    if (pointer) this.chart.clearCrosshairPosition();
    // Each appended bar is after the last shown (checked above): one more candle each.
    this.bars.append(series);
    // Many bars at once (a fast replay's delta, a new trading day) are set whole: one `update()` a bar
    // costs a pass over every bar held (chart-window.ts, MAX_UPDATES). Then the chart follows the latest
    // LIVE_WINDOW bars (older ones come back when scrolled back to); bars added one by one make it grow
    // up to half as many again as its window first.
    // A view scrolled back (the user reading older bars) keeps what it took in.
    if (n > MAX_UPDATES && this.chart.timeScale().scrollPosition() >= 0) this.window = LIVE_WINDOW;
    const whole = n > MAX_UPDATES || this.bars.length > this.bound;
    const drop = whole ? Math.max(0, this.bars.length - this.window) : 0;
    if (drop > 0) {
      this.bars.dropFirst(drop);
      this.indicators.dropFirst(drop);
      this.historyCount = Math.max(0, this.historyCount - drop);
      const first = this.bars.column('time')[0] as number;
      this.gapMarkers = this.gapMarkers.filter((m) => (m.time as number) >= first);
      this.markers.setMarkers(this.gapMarkers);
    }
    this.shownCandles = this.bars.length;
    if (whole) {
      const candles = candlesOf(this.bars.bars);
      this.firstTime = candles[0]?.time ?? null;
      this.candles.setData(candles);
      // The volume in a task of its own, after the next frame: each `setData` of thousands of bars is a
      // good part of a long task on a busy 2-core machine.
      this.setVolumeLater();
    } else {
      for (let i = 0; i < n; i++) {
        const bar = this.barAt(series, i);
        const t = asTime(bar.time);
        this.firstTime ??= t;
        this.candles.update({ time: t, open: bar.open, high: bar.high, low: bar.low, close: bar.close });
        this.volume.update({ time: t, value: bar.volume });
      }
    }
    this.indicators.append(series.time, indicators, whole);
    this.compare.follow(this.bars.column('time'));
    if (drop > 0) this.equity.setBars(this.bars.column('time'), intervalSeconds(this.interval) ?? 60);
    else this.equity.appendBars(series.time);
    if (pointer?.time) {
      const price = this.candles.coordinateToPrice(pointer.y);
      if (price !== null) this.chart.setCrosshairPosition(price, pointer.time, this.candles);
    }
    const gaps = this.gapMarkersOf(series.time, lastTime);
    if (gaps.length > 0) {
      this.gapMarkers = [...this.gapMarkers, ...gaps];
      this.markers.setMarkers(this.gapMarkers);
    }
    this.total = series.total;
    this.last = this.barAt(series, n - 1);
    if (!this.hovered) this.onLegend(this.last);
    return true;
  }

  /**
   * The symbol and interval shown, read whole again (a complete export: a new trading day, a resync). When
   * the series holds the bars shown, in a row and equal, only those after them are appended: on a new
   * trading day the day before became history and the new day's bars follow it, and loading thousands of
   * bars again would be a long task. The indicators' points for the bars shown are drawn again (one a
   * frame) only when they changed: a new session's indicators start over. Returns false, changing nothing,
   * when the series is to be loaded instead (chart-window.ts, `extensionOf`).
   */
  async extend(whole: BarSeries, allIndicators: readonly ChartIndicator[] = []): Promise<boolean> {
    const end = extensionOf(this.bars, whole, this.window, this.bound);
    if (end < 0 || !this.indicators.follows(allIndicators)) return false;
    const start = end - this.bars.length;
    const tail = barsFrom(whole, allIndicators, end);
    const indicatorsSame = this.indicators.holds(indicatorsBetween(allIndicators, start, end));
    // What the append checks the bars against: the series as read now.
    const before = { total: this.total, seriesHistory: this.seriesHistory };
    this.total = whole.from + end;
    this.seriesHistory = whole.historyCount;
    if (!this.append(tail.series, tail.indicators)) {
      ({ total: this.total, seriesHistory: this.seriesHistory } = before);
      return false;
    }
    this.source = { series: whole, indicators: allIndicators };
    // The chart's first bar in the series read (the append may have let go of some of those before).
    const first = whole.time.length - this.shownCandles;
    this.historyCount = Math.max(0, Math.min(this.shownCandles, whole.historyCount - (whole.from + first)));
    if (!indicatorsSame) {
      const shown = indicatorsBetween(allIndicators, first);
      await this.indicators.loadInFrames(this.bars.column('time'), shown, async () => {
        await nextFrame();
        return !this.disposed;
      });
      if (this.disposed) return true;
      this.onLegend(this.hovered ?? this.last);
    }
    return true;
  }

  /** The most bars appends let the chart hold before they set it whole and trim it to its window. */
  private get bound(): number {
    return this.window === MAX_CHART_BARS ? CHART_BARS_BOUND : Math.round(this.window * 1.5);
  }

  /** Scrolled (or zoomed out) to within OLDER_EDGE bars of the first bar held: take in older ones. */
  private readonly onRange = (range: { from: number; to: number } | null) => {
    // The overlay's percent is measured from the first bar in view: the legend follows the view.
    if (this.compare.symbol !== null && !this.disposed) this.onLegend(this.hovered ?? this.last);
    if (range === null || range.from > OLDER_EDGE || this.takingOlder || this.disposed) return;
    this.takingOlder = true;
    // Not inside the chart's own notification: after it, in a task of its own.
    setTimeout(() => {
      this.takingOlder = false;
      if (!this.disposed) this.takeOlder();
    }, 0);
  };

  /**
   * Puts up to OLDER_PAGE bars of the series last read whole before those held, with their indicators'
   * points, and keeps them (the window grows to hold them). The view stays where it was: the chart keeps
   * its distance from the last bar. Nothing happens when the series has no older bars.
   */
  private takeOlder(): void {
    const source = this.source;
    if (source === null || this.bars.length === 0) return;
    const older = olderBars(source.series, source.indicators, this.total - this.bars.length);
    if (older === null || !this.indicators.follows(older.indicators)) return;
    this.bars.prepend(older.series);
    this.window = Math.max(this.window, this.bars.length);
    this.historyCount = Math.max(
      0,
      Math.min(this.bars.length, this.seriesHistory - (this.total - this.bars.length)),
    );
    const held = this.bars.bars;
    const candles = candlesOf(held);
    this.firstTime = candles[0]?.time ?? null;
    this.candles.setData(candles);
    this.shownCandles = candles.length;
    this.volumeLater = false;
    this.volume.setData(this.volumesOf(held, candles));
    this.gapMarkers = this.gapMarkersOf(held.time);
    this.markers.setMarkers(this.gapMarkers);
    this.tradeMarkers.setMarkers(seriesMarkersOf(this.trades, this.markerColors));
    this.indicators.prepend(older.series.time, older.indicators);
    this.compare.follow(held.time);
    this.equity.setBars(held.time, intervalSeconds(this.interval) ?? 60);
    this.onLegend(this.hovered ?? this.last);
    this.onHeldChange({
      candles: this.shownCandles,
      historyCount: this.historyCount,
      gaps: this.gapCount,
      indicators: this.indicators.list,
    });
  }

  /** Whether the volume is to be set whole from the bars held, in a task after the next frame. */
  private volumeLater = false;

  private setVolumeLater(): void {
    if (this.volumeLater) return;
    this.volumeLater = true;
    void nextFrame().then(() => {
      if (!this.volumeLater || this.disposed) return;
      this.volumeLater = false;
      const held = this.bars.bars;
      this.volume.setData(
        Array.from(held.time, (time, i) => ({ time: asTime(time), value: held.volume[i] as number })),
      );
    });
  }

  /** Shows nothing (an unknown symbol, a mirror that holds nothing yet). */
  clear(): void {
    this.source = null;
    this.window = MAX_CHART_BARS;
    this.firstTime = null;
    this.candles.setData([]);
    this.shownCandles = 0;
    this.bars.clear();
    this.volumeLater = false;
    this.volume.setData([]);
    this.gapMarkers = [];
    this.markers.setMarkers([]);
    this.indicators.clear();
    this.trades = [];
    this.tradeMarkers.setMarkers([]);
    this.equity.clear();
    this.compare.follow([]);
    this.hovered = null;
    this.total = 0;
    this.historyCount = 0;
    this.seriesHistory = 0;
    this.last = null;
    this.onLegend(null);
  }

  get gapCount(): number {
    return this.gapMarkers.length;
  }

  dispose(): void {
    this.disposed = true;
    this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRange);
    this.chart.remove();
  }

  private disposed = false;

  private onLegend(bar: LegendBar | null): void {
    // The indicators at the hovered bar, or at the last one.
    const at = this.hovered ? this.hovered.time : null;
    this.onLegendChange({
      bar,
      last: this.last,
      indicators: bar ? this.indicators.valuesAt(at) : [],
      // A bar's markers are told while the crosshair is on it (the last bar's would sit over the chart).
      trades: this.hovered ? markersAt(this.trades, this.hovered.time) : [],
      equity: bar && this.equity.attached ? this.equity.valueAt(at) : null,
      compare: this.compareLegend(bar?.time ?? null),
    });
  }

  /** Both symbols' change in percent at `at` (or the last bar) from the first bar in view. */
  private compareLegend(at: number | null): LegendCompare | null {
    const symbol = this.compare.symbol;
    if (symbol === null) return null;
    const times = this.bars.column('time');
    const points = this.compare.pointCount;
    const first = baseIndex(this.chart.timeScale().getVisibleLogicalRange()?.from ?? null, times.length);
    const end = at ?? (times[times.length - 1] as number);
    const overlaysHidden = this.indicators.hiddenOverlays;
    if (first < 0) return { symbol, main: null, compare: null, points, overlaysHidden };
    const base = times[first] as number;
    return {
      symbol,
      overlaysHidden,
      main: percentAt(times, this.bars.column('close'), base, end),
      compare: percentAt(this.compare.times, this.compare.values, base, end),
      points,
    };
  }

  private readonly onCrosshair = (param: MouseEventParams<Time>) => {
    this.pointer = param.point ? { time: param.time ?? null, y: param.point.y } : null;
    const candle = param.seriesData.get(this.candles) as CandlestickData<Time> | undefined;
    if (param.time === undefined || !candle || !('open' in candle)) {
      this.hovered = null;
      this.onLegend(this.last);
      return;
    }
    const volume = param.seriesData.get(this.volume) as HistogramData<Time> | undefined;
    this.hovered = {
      time: candle.time as number,
      open: candle.open,
      high: candle.high,
      low: candle.low,
      close: candle.close,
      volume: volume?.value ?? 0,
    };
    this.onLegend(this.hovered);
  };

  private barAt(series: Bars, i: number): LegendBar {
    return {
      time: series.time[i] as number,
      open: series.open[i] as number,
      high: series.high[i] as number,
      low: series.low[i] as number,
      close: series.close[i] as number,
      volume: series.volume[i] as number,
    };
  }

  private volumesOf(
    series: Pick<Bars, 'volume'>,
    candles: readonly CandlestickData<Time>[],
  ): HistogramData<Time>[] {
    return candles.map((bar, i) => ({ time: bar.time, value: series.volume[i] as number }));
  }

  /** The markers of the gaps among `times` (and between `after` and the first of them). */
  private gapMarkersOf(times: Float64Array, after?: number | null): SeriesMarker<Time>[] {
    return findGaps(times, this.interval, after).map((g) => ({
      time: asTime(g.time),
      position: 'aboveBar',
      shape: 'arrowDown',
      color: this.theme.gap,
      text: `gap ${g.missing}`,
    }));
  }
}
