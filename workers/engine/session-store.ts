// What one trading session holds, per symbol: append-only columnar streams (base bars, each derived
// interval, ticks, quotes), the historical bars loaded for it, and the running session metrics.

import { intervalSeconds, isDateInterval } from '../common/interval-key';
import { BarColumns, QuoteColumns, TickColumns } from './columns';
import type { SessionConfig } from './config';
import type {
  HistoricalIndicatorValue,
  IndicatorGroup,
  IndicatorSeries,
} from './indicators/indicator-series';

export interface HistoricalSeries {
  interval: string;
  bars: BarColumns;
  /** The distinct trading dates the rows cover, oldest first. */
  dates: string[];
}

export class SessionMetrics {
  volume = 0;
  high = Number.NaN;
  low = Number.NaN;
  /** Base bars expected so far: every session minute that has ended. */
  expectedBars = 0;
  receivedBars = 0;
  /** Volume-weighted average of bar closes, kept by the analysis stage. */
  vwap = Number.NaN;
  private priceVolume = 0;
  private vwapVolume = 0;

  addBar(high: number, low: number, volume: number): void {
    this.volume += volume;
    if (!(high <= this.high)) this.high = high;
    if (!(low >= this.low)) this.low = low;
    this.receivedBars++;
  }

  addToVwap(price: number, volume: number): void {
    this.priceVolume += price * volume;
    this.vwapVolume += volume;
    if (this.vwapVolume > 0) this.vwap = this.priceVolume / this.vwapVolume;
  }

  /** Percentage of expected base bars received, 100 before any is due. */
  get quality(): number {
    if (this.expectedBars === 0) return 100;
    return Math.round((this.receivedBars / this.expectedBars) * 10_000) / 100;
  }
}

/** The bar intervals the enabled strategies watch or read indicators on for `symbol`, config order. */
export function strategyIntervals(config: SessionConfig, symbol: string): string[] {
  const out: string[] = [];
  for (const strategy of config.strategies) {
    for (const s of strategy.subscriptions)
      if (s.symbol === symbol && !out.includes(s.interval)) out.push(s.interval);
    for (const i of strategy.indicators)
      if (i.symbol === symbol && !out.includes(i.spec.interval)) out.push(i.spec.interval);
  }
  return out;
}

export class SymbolStore {
  readonly bars = new Map<string, BarColumns>();
  /** Bars of intervals that only indicators read: built like the streams, never exported. */
  readonly indicatorBars = new Map<string, BarColumns>();
  readonly ticks: TickColumns | null;
  readonly quotes: QuoteColumns | null;
  readonly historical = new Map<string, HistoricalSeries>();
  readonly metrics = new SessionMetrics();
  /** The session indicators of the configuration, in its order (set up as the session opens). */
  indicators: IndicatorSeries[] = [];
  /**
   * Indicators only strategies read (not in the configuration's list, so not exported): computed and
   * warmed up exactly like the others.
   */
  hiddenIndicators: IndicatorSeries[] = [];
  /** The same indicators (exported and hidden) by interval, as the runner feeds them. */
  indicatorGroups: IndicatorGroup[] = [];
  /** The historical indicators, computed from the history as the session opens. */
  historicalIndicators: HistoricalIndicatorValue[] = [];

  constructor(
    readonly symbol: string,
    config: SessionConfig,
    sessionMinutes: number,
    spare: ArrayBuffer | null = null,
  ) {
    // Capacities sized for the day, so a full session holds its bars without spare room, all in one buffer.
    const capacityOf = (interval: string) =>
      Math.max(
        1,
        isDateInterval(interval) ? 1 : Math.ceil((sessionMinutes * 60) / intervalSeconds(interval)),
      );
    // The intervals indicators and strategies read are built even when not streamed.
    const read = [
      ...config.indicators.session.map((spec) => spec.interval),
      ...strategyIntervals(config, symbol),
    ];
    const readOnly = [...new Set(read)].filter((interval) => !config.barIntervals.includes(interval));
    const intervals = [...config.barIntervals, ...readOnly];
    const columns = BarColumns.inOneBuffer(intervals.map(capacityOf), spare);
    intervals.forEach((interval, i) => {
      const bars = columns[i] as BarColumns;
      if (i < config.barIntervals.length) this.bars.set(interval, bars);
      else this.indicatorBars.set(interval, bars);
    });
    this.ticks = config.ticks ? new TickColumns() : null;
    this.quotes = config.quotes ? new QuoteColumns() : null;
  }

  /** The bars of `interval`, streamed or built for indicators only. */
  barsOf(interval: string): BarColumns | undefined {
    return this.bars.get(interval) ?? this.indicatorBars.get(interval);
  }

  /**
   * The one buffer the session's bars were opened in (`BarColumns.inOneBuffer`), for a later session to
   * open its own in once no one reads this one; null when a stream has moved to arrays of its own.
   */
  get barsMemory(): ArrayBuffer | null {
    const all = [...this.bars.values(), ...this.indicatorBars.values()];
    // Opened in one buffer, none of them owns its memory; one that grew has arrays of its own.
    const buffer = all[0]?.time.buffer;
    return buffer instanceof ArrayBuffer && !all.some((bars) => bars.ownsMemory) ? buffer : null;
  }

  /** The base interval's bars (the shortest streamed), or null when the session streams no bars. */
  get baseBars(): BarColumns | null {
    return this.bars.values().next().value ?? null;
  }
}

export class SessionStore {
  readonly symbols = new Map<string, SymbolStore>();

  /**
   * `earlier`, a session no one reads any more (no export, no feed), lends each symbol the memory its bars
   * were in: a session's bars at 1,000 symbols are 22 MB of new memory a trading day otherwise, enough to
   * set off a collection of the whole heap every two seconds of a replay as fast as possible.
   */
  constructor(
    /** Changes whenever the session's streams restart. */
    readonly sessionId: number,
    readonly date: string,
    config: SessionConfig,
    sessionMinutes: number,
    earlier: SessionStore | null = null,
  ) {
    for (const symbol of config.symbols) {
      const spare = earlier?.symbols.get(symbol)?.barsMemory ?? null;
      this.symbols.set(symbol, new SymbolStore(symbol, config, sessionMinutes, spare));
    }
  }

  /** Total bytes held by the session's typed arrays (bars, ticks, quotes, historical). */
  get allocatedBytes(): number {
    let bytes = 0;
    for (const s of this.symbols.values()) {
      for (const bars of s.bars.values()) bytes += bars.allocatedBytes;
      for (const bars of s.indicatorBars.values()) bytes += bars.allocatedBytes;
      bytes += (s.ticks?.allocatedBytes ?? 0) + (s.quotes?.allocatedBytes ?? 0);
      for (const h of s.historical.values()) bytes += h.bars.allocatedBytes;
      for (const i of s.indicators) bytes += i.series.allocatedBytes;
      for (const i of s.hiddenIndicators) bytes += i.series.allocatedBytes;
    }
    return bytes;
  }
}
