// The analysis engine stage (docs/strategies.md "Simulation"): runs the configured strategies for the
// whole backtest. Each minute, after the minute's bars were built: (1) pending orders fill at the open of
// their symbol's next base bar, (2) the indicators take their closed bars and the strategies see each
// subscribed one as it closes, their signals becoming orders, (3) the positions are marked at the last
// base bar's close, and (4) when a base bar period ended, the account's equity is sampled. The work per
// minute is O(symbols + new bars); nothing is allocated per minute but the rows it adds.

import { indicatorKey, sessionIndicatorInfo } from '../../common/indicator-catalogue';
import { intervalSeconds, isDateInterval, readIntervalKey } from '../../common/interval-key';
import { localToUtcMs, MS_PER_MINUTE, type TradingDay } from '../calendar';
import type { BarColumns } from '../columns';
import type { SessionConfig } from '../config';
import { type IndicatorGroup, type IndicatorSeries, roundIndicator } from '../indicators/indicator-series';
import { feedIndicators } from '../indicators/runner';
import type { DayData } from '../market-data';
import type { SymbolStore } from '../session-store';
import { STRATEGY_MODULES, strategyModule } from '../strategies/index';
import type {
  ClosedBar,
  IndicatorHandle,
  Signal,
  Strategy,
  StrategyContext,
  StrategyModule,
} from '../strategies/strategy';
import { markPosition, revalueAccount } from './accounting';
import { AnalysisStore, type PositionState, type StrategyRecord } from './analysis-store';
import { Broker, type PendingOrder } from './broker';

/** A handle that follows the day's series of one indicator (each session makes its own, warmed up). */
class SeriesHandle implements IndicatorHandle {
  series: IndicatorSeries | null = null;
  private readonly empty: Float64Array;
  constructor(outputs: number) {
    this.empty = new Float64Array(outputs);
  }
  get valid(): boolean {
    return this.series?.valid ?? false;
  }
  get value(): Float64Array {
    return this.series?.value ?? this.empty;
  }
}

interface Running {
  record: StrategyRecord;
  strategy: Strategy;
  allowShort: boolean;
  /** The symbols it subscribes to: the only ones it may trade. */
  symbols: ReadonlySet<string>;
  /** Orders made this minute, placed after every symbol ran (strategies in config order, then symbols). */
  made: PendingOrder[];
}

interface SymbolFeed {
  store: SymbolStore;
  day: DayData;
}

/** Per symbol of the session: its position (null when no strategy trades it) and the base bars seen. */
interface SymbolSlot {
  position: PositionState | null;
  /** The session's base bars (looked up once: `SymbolStore.baseBars` makes an iterator). */
  base: BarColumns | null;
  seen: number;
  /** Where this minute's base bars start (`seen` before the minute): orders made this minute may fill among them. */
  minuteFrom: number;
}

/** The symbols the enabled strategies trade, in the session's order. */
function tradedSymbols(config: SessionConfig): string[] {
  const traded = new Set(config.strategies.flatMap((s) => s.subscriptions.map((sub) => sub.symbol)));
  return config.symbols.filter((symbol) => traded.has(symbol));
}

/** The store of a configuration before any run: its strategies, no rows. */
export function emptyAnalysisStore(config: SessionConfig): AnalysisStore {
  return new AnalysisStore(
    config.strategies.map(({ module, enabled, config: resolved }) => ({ module, enabled, config: resolved })),
    tradedSymbols(config),
    config.trading.maxBuyingPower,
  );
}

export class AnalysisRunner {
  readonly store: AnalysisStore;
  /** Whether any strategy is enabled: without one the stage does nothing (no equity samples either). */
  readonly active: boolean;
  private readonly broker: Broker;
  private readonly running: Running[] = [];
  private readonly handles = new Map<string, SeriesHandle>();
  private readonly watchers = new Map<IndicatorGroup, Running[]>();
  private readonly intervalMs = new Map<IndicatorGroup, number>();
  private readonly stores = new Map<string, SymbolStore>();
  private slots: SymbolSlot[] = [];
  private readonly bar: ClosedBar = {
    symbol: '',
    interval: '',
    time: 0,
    open: 0,
    high: 0,
    low: 0,
    close: 0,
    volume: 0,
  };
  private readonly context: StrategyContext;
  private readonly sample = new Float64Array(4);
  private openMs = 0;
  private closeMs = 0;
  private date = '';
  /** Minutes per base bar (1 for seconds bases and no bars: a sample each minute); 0 for day and week bases. */
  private sampleMinutes = 1;
  private readonly onBar = (store: SymbolStore, group: IndicatorGroup, index: number) =>
    this.barClosed(store, group, index);

  constructor(
    private readonly config: SessionConfig,
    modules: readonly StrategyModule[] = STRATEGY_MODULES,
  ) {
    this.store = emptyAnalysisStore(config);
    this.broker = new Broker(this.store, config.trading);
    const positions = this.store.positions;
    this.context = {
      quality: (symbol) => this.stores.get(symbol)?.metrics.quality ?? 100,
      position: (symbol) => positions.get(symbol)?.quantity ?? 0,
    };
    const session = { symbols: config.symbols };
    config.strategies.forEach((entry, index) => {
      if (!entry.enabled) return;
      const module = strategyModule(entry.module, modules);
      if (module === undefined) throw new Error(`no strategy module "${entry.module}"`);
      const strategy = module.create(entry.config, session, {
        indicator: (symbol, name, period, interval) => this.handle(symbol, name, period, interval),
      });
      this.running.push({
        record: this.store.strategies[index] as StrategyRecord,
        strategy,
        allowShort: entry.config.allow_short === true,
        symbols: new Set(strategy.subscriptions.map((s) => s.symbol)),
        made: [],
      });
    });
    this.active = this.running.length > 0;
    const base = config.baseInterval;
    const key = base === null ? null : readIntervalKey(base);
    if (key !== null && isDateInterval(base as string)) this.sampleMinutes = 0;
    else if (key !== null && key.unit !== 's') this.sampleMinutes = intervalSeconds(base as string) / 60;
  }

  private handle(symbol: string, name: string, period: number, interval: string): SeriesHandle {
    const info = sessionIndicatorInfo(name);
    const key = `${symbol} ${indicatorKey(name, info?.period === null ? 0 : period, interval)}`;
    let handle = this.handles.get(key);
    if (handle === undefined) {
      const needed = this.config.strategies.some((s) =>
        s.indicators.some((i) => `${i.symbol} ${i.spec.key}` === key),
      );
      if (!needed || info === undefined)
        throw new Error(`strategy reads ${key}, which its module's indicators() does not list`);
      handle = new SeriesHandle(info.outputs.length);
      this.handles.set(key, handle);
    }
    return handle;
  }

  /** A session opened: the strategies' handles follow its indicators, its bars are watched. */
  openSession(stores: readonly SymbolStore[], day: TradingDay): void {
    this.date = day.date;
    this.openMs = localToUtcMs(day.date, day.openMinute);
    this.closeMs = localToUtcMs(day.date, day.closeMinute);
    this.stores.clear();
    this.watchers.clear();
    this.intervalMs.clear();
    this.slots = stores.map((store) => ({
      position: this.store.positions.get(store.symbol) ?? null,
      base: store.baseBars,
      seen: 0,
      minuteFrom: 0,
    }));
    for (const store of stores) {
      this.stores.set(store.symbol, store);
      for (const series of [...store.indicators, ...store.hiddenIndicators]) {
        const handle = this.handles.get(`${store.symbol} ${series.spec.key}`);
        if (handle !== undefined) handle.series = series;
      }
      for (const group of store.indicatorGroups) {
        const watching = this.running.filter((r) =>
          r.strategy.subscriptions.some((s) => s.symbol === store.symbol && s.interval === group.interval),
        );
        if (watching.length === 0) continue;
        this.watchers.set(group, watching);
        this.intervalMs.set(group, intervalSeconds(group.interval) * 1000);
      }
    }
  }

  /** Session minute `minute` ended and its bars were built; `closing` at the session's last minute. */
  minuteEnded(feeds: readonly SymbolFeed[], minute: number, closing: boolean): void {
    const slots = this.slots;
    let changed = false;
    // 1. Fills at the open of each symbol's new base bars.
    for (let i = 0; i < feeds.length; i++) {
      const { store, day } = feeds[i] as SymbolFeed;
      const slot = slots[i] as SymbolSlot;
      const base = slot.base;
      let bars: BarColumns;
      let from: number;
      let to: number;
      if (base !== null) {
        bars = base;
        from = slot.seen;
        to = base.length;
      } else {
        // No bar stream: the market's one-minute bars stand for the base.
        bars = day.bars;
        from = day.barOfMinute[minute] as number;
        to = from < 0 ? from : from + 1;
      }
      if (slot.position !== null && from < to) {
        changed = this.broker.barsClosed(store.symbol, bars, from, to) || changed;
        markPosition(slot.position, bars.close[to - 1] as number);
        changed = true;
      }
      slot.minuteFrom = from < 0 ? to : from;
      slot.seen = to;
    }
    // 2. Indicators, and the strategies on each watched bar.
    for (let i = 0; i < feeds.length; i++) feedIndicators((feeds[i] as SymbolFeed).store, this.onBar);
    let placed = false;
    for (const running of this.running) {
      if (running.made.length === 0) continue;
      for (const order of running.made) this.broker.place(order);
      running.made.length = 0;
      placed = true;
    }
    // With a seconds base, a bar of this minute may open after an order made this minute was decided (a 30s
    // bar's signal at 09:30:30 fills at the 09:30:30 base bar's open): those fill now. With a 1m base every
    // bar of the minute opened before the minute's decisions, and none does.
    if (placed) {
      changed = true;
      for (let i = 0; i < feeds.length; i++) {
        const slot = slots[i] as SymbolSlot;
        if (slot.position === null || slot.base === null || slot.minuteFrom >= slot.seen) continue;
        const base = slot.base;
        if (this.broker.barsClosed((feeds[i] as SymbolFeed).store.symbol, base, slot.minuteFrom, slot.seen))
          // A fill changed the position: its unrealized P&L at the mark must follow.
          markPosition(slot.position, base.close[slot.seen - 1] as number);
      }
    }
    // 3. The account at the marks; 4. a sample when a base bar period ended.
    revalueAccount(this.store);
    const every = this.sampleMinutes;
    const ended = every === 0 ? closing : (minute + 1) % every === 0 || closing;
    if (ended) {
      const time =
        every === 0
          ? localToUtcMs(this.date, 0)
          : this.openMs + Math.floor(minute / every) * every * MS_PER_MINUTE;
      const { account } = this.store;
      const row = this.sample;
      // Sampled as exports write them, 12 significant digits (the account keeps exact sums): rounded once
      // here rather than at every export of the run's rows.
      row[0] = roundIndicator(account.cash);
      row[1] = roundIndicator(account.equity);
      row[2] = roundIndicator(account.realizedPnl);
      row[3] = roundIndicator(account.unrealizedPnl);
      this.store.equity.append(time, row);
      changed = true;
    }
    if (changed) this.store.version++;
  }

  /** The backtest ended at `time`: what is still pending is cancelled. */
  finish(time: number): void {
    if (this.broker.cancelAll(time)) this.store.version++;
  }

  private barClosed(store: SymbolStore, group: IndicatorGroup, index: number): void {
    const watching = this.watchers.get(group);
    if (watching === undefined) return;
    const { bars } = group;
    const bar = this.bar;
    bar.symbol = store.symbol;
    bar.interval = group.interval;
    bar.time = bars.time[index] as number;
    bar.open = bars.open[index] as number;
    bar.high = bars.high[index] as number;
    bar.low = bars.low[index] as number;
    bar.close = bars.close[index] as number;
    bar.volume = bars.volume[index] as number;
    // Decided at the bar's close; a day's or a week's bar (and the session's last, shorter one) at the close.
    const decidedAt = Math.min(bar.time + (this.intervalMs.get(group) as number), this.closeMs);
    for (const running of watching) {
      const signals = running.strategy.onBar(bar, this.context);
      for (const signal of signals) this.signal(running, signal, decidedAt);
    }
  }

  private signal(running: Running, signal: Signal, decidedAt: number): void {
    const { bar } = this;
    const { record } = running;
    record.signals.push({
      time: bar.time,
      symbol: signal.symbol,
      interval: bar.interval,
      action: signal.action,
      quantity: signal.quantity,
      price: bar.close,
      reason: signal.reason,
      decidedAt,
    });
    const id = this.store.nextOrderId++;
    const position = running.symbols.has(signal.symbol) ? this.store.positions.get(signal.symbol) : undefined;
    this.store.version++;
    if (position === undefined) {
      // A strategy may only trade the symbols it subscribes to: anything else is refused at once.
      record.orders.push({
        id,
        time: decidedAt,
        symbol: signal.symbol,
        side: signal.action,
        quantity: signal.quantity,
        status: 'refused',
        price: null,
        commission: 0,
        realizedPnl: null,
        signalTime: bar.time,
        reason: `${signal.symbol} is not a symbol this strategy subscribes to`,
      });
      return;
    }
    running.made.push({
      id,
      record,
      allowShort: running.allowShort,
      position,
      side: signal.action,
      quantity: signal.quantity,
      signalTime: bar.time,
      decidedAt,
      reason: signal.reason,
    });
  }
}
