// The system manager: owns the backtest clock and the session store, and runs the pipeline stages for
// every market minute. Deterministic: the same config and options always replay the same way.

import type { Result } from '../common/result';
import type { AnalysisStore } from './analysis/analysis-store';
import { AnalysisRunner } from './analysis/runner';
import {
  formatLocalDateTime,
  localToUtcMs,
  MS_PER_MINUTE,
  previousTradingDay,
  type TradingDay,
  tradingDay,
  tradingDaysBetween,
} from './calendar';
import type { SessionConfig } from './config';
import {
  type HistoryLoad,
  isShortOfRoom,
  loadHistorical,
  requestsFor,
  rollHistorical,
  startHistoryLoad,
  withRoom,
} from './historical';
import { type HistoryJob, sameMarket, sameRequests } from './history-job';
import { feedIndicators, openIndicators } from './indicators/runner';
import { isSpeed, MAX_ADVANCE_MINUTES, SPEED_RULE } from './limits';
import { type DayData, DEFAULT_MARKET_OPTIONS, dailyBarOf, type MarketDataOptions } from './market-data';
import { generatorSource, type MarketSource } from './market-source';
import { Pipeline } from './pipeline';
import { type SessionBarBuilder, sessionBarBuilder } from './session-bars';
import { type HistoricalSeries, SessionStore, type SymbolStore, strategyIntervals } from './session-store';
import { STRATEGY_MODULES } from './strategies/index';
import type { StrategyModule } from './strategies/strategy';
import type { EngineSnapshot, SystemState } from './types';
import { endsItsWeek, WeekBar, weekOf } from './weeks';

interface SymbolFeed {
  store: SymbolStore;
  day: DayData;
  /** One per bar stream, the base first. */
  builders: SessionBarBuilder[];
  /**
   * The week so far (its trading days up to this session; this one joins at the close), kept only when the
   * symbol streams or keeps weekly bars.
   */
  week: WeekBar | null;
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/**
 * The session's last minutes, in which series short of room get it even while an export reads (then in
 * fresh memory): before them, they wait for the export to end.
 */
export const ROOM_WAIT_MINUTES = 60;

export class Backtest {
  state: SystemState = 'STOPPED';
  speedMultiplier: number;
  readonly pipeline = new Pipeline();
  readonly tradingDays: string[];
  readonly market: MarketDataOptions;
  /** Where each symbol's data comes from; changes take effect at the next start. */
  source: MarketSource;
  /** The source taken at the last start: every day of a run replays from it. */
  private runSource: MarketSource;
  /** Wall-clock time the system was last started (epoch ms), null before. */
  startedAt: number | null = null;
  session: SessionStore | null = null;
  sessionDay: TradingDay | null = null;
  /** Market minutes of the open session already processed (0 at the open, sessionMinutes at the close). */
  minute = 0;
  private dayIndex = -1;
  /** History loaded ahead of `start` (symbol by symbol, with progress), for the first day only. */
  private preloaded = new Map<string, HistoricalSeries[]>();
  private preloadedDate: string | null = null;
  /** The source the preloaded history came from: an import since then makes it stale. */
  private preloadedSource: MarketSource | null = null;
  private lastSessionId = 0;
  private feeds: SymbolFeed[] = [];
  /**
   * Historical series of the open session that have no room left for the next day, given room again a few
   * a minute as the session runs (`withRoom`: in their own memory, or copied while an export reads): the
   * next day then moves every series on without a copy (copying 1,000 symbols' 40 days at once stalled the
   * day boundary for seconds).
   */
  private shortOfRoom: { store: SymbolStore; interval: string }[] = [];
  /** Exports going on: while one is, no history is moved in its memory (`readSession`). */
  private exportsReading = 0;
  /**
   * The session before the previous one, which nothing but an export can still read: its bars' memory
   * serves the next session when no export is going on.
   */
  private sessionBefore: SessionStore | null = null;
  /** Runs the strategies for the whole backtest; a new one at every start. */
  private runner: AnalysisRunner;
  /**
   * The analysis engine's run-long state: strategies' signals and orders, positions, account, equity.
   * Before the first start, the configured strategies with no rows.
   */
  analysis: AnalysisStore;

  constructor(
    readonly config: SessionConfig,
    market: Partial<MarketDataOptions> = {},
    /** The strategy modules the configuration's strategies name (the built-in ones; tests add their own). */
    private readonly strategyModules: readonly StrategyModule[] = STRATEGY_MODULES,
  ) {
    this.runner = new AnalysisRunner(config, strategyModules);
    this.analysis = this.runner.store;
    this.speedMultiplier = config.speedMultiplier;
    this.market = { ...DEFAULT_MARKET_OPTIONS, ...market };
    this.source = generatorSource(this.market);
    this.runSource = this.source;
    this.tradingDays = tradingDaysBetween(config.startDate, config.endDate);
  }

  start(): Result<void> {
    if (this.state === 'RUNNING' || this.state === 'PAUSED') {
      return fail(`system start: the system is already ${this.state}; stop it first to start over`);
    }
    if (this.tradingDays.length === 0) {
      return fail(
        `system start: the backtest window ${this.config.startDate} to ${this.config.endDate} has no trading days`,
      );
    }
    // Start opens the first session or changes nothing: what opening it touches is put back if it fails
    // (a market source that cannot give a day, say), and the failure is a refusal, not a throw.
    const before = {
      startedAt: this.startedAt,
      runSource: this.runSource,
      session: this.session,
      sessionBefore: this.sessionBefore,
      sessionDay: this.sessionDay,
      minute: this.minute,
      dayIndex: this.dayIndex,
      feeds: this.feeds,
      lastSessionId: this.lastSessionId,
      runner: this.runner,
      analysis: this.analysis,
    };
    try {
      this.startedAt = Date.now();
      this.runSource = this.source;
      // The account, positions, orders and equity span the run: a start begins them again.
      this.runner = new AnalysisRunner(this.config, this.strategyModules);
      this.analysis = this.runner.store;
      this.openSession(0);
    } catch (error) {
      Object.assign(this, before);
      const why = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);
      return fail(`system start: the first session could not open (${why}); nothing changed`);
    }
    this.state = 'RUNNING';
    return ok(undefined);
  }

  pause(): Result<void> {
    if (this.state !== 'RUNNING')
      return fail(`system pause: only a RUNNING system can pause (it is ${this.state})`);
    this.state = 'PAUSED';
    return ok(undefined);
  }

  resume(): Result<void> {
    if (this.state !== 'PAUSED')
      return fail(`system resume: only a PAUSED system can resume (it is ${this.state})`);
    this.state = 'RUNNING';
    return ok(undefined);
  }

  /** Stops the replay; the session's data stays available for exports until the next start. */
  stop(): Result<void> {
    if (this.state !== 'RUNNING' && this.state !== 'PAUSED') {
      return fail(`system stop: the system is not running (it is ${this.state})`);
    }
    this.state = 'STOPPED';
    return ok(undefined);
  }

  setSpeed(multiplier: number): Result<void> {
    if (!isSpeed(multiplier)) {
      return fail(`system speed: "${multiplier}" is not a speed multiplier (expected ${SPEED_RULE})`);
    }
    this.speedMultiplier = multiplier;
    return ok(undefined);
  }

  /**
   * Moves the clock `minutes` market minutes, processing everything due. At the close the session stays
   * as it is; the next minute opens the next trading day. Returns the minutes actually advanced (fewer
   * when the backtest reaches its end).
   */
  advance(minutes: number): Result<number> {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_ADVANCE_MINUTES) {
      return fail(
        `system advance: "${minutes}" is not a number of minutes (expected a whole number 1-${MAX_ADVANCE_MINUTES})`,
      );
    }
    if (this.state !== 'RUNNING' && this.state !== 'PAUSED') {
      return fail(
        this.state === 'FINISHED'
          ? 'system advance: the backtest is FINISHED; use system start to replay it again'
          : 'system advance: the system is STOPPED; use system start first',
      );
    }
    let advanced = 0;
    while (advanced < minutes && !this.finished) {
      if (this.minute === this.sessionMinutes) this.openSession(this.dayIndex + 1);
      this.processMinute();
      advanced++;
    }
    return ok(advanced);
  }

  /**
   * The source this run replays from (taken at the last start): a second backtest of the same configuration
   * given it replays the same minutes, imports included (the demo writer's separate engine).
   */
  get replaySource(): MarketSource {
    return this.runSource;
  }

  /** Index in `tradingDays` of the open session; -1 before the first start. */
  get sessionIndex(): number {
    return this.dayIndex;
  }

  get finished(): boolean {
    return this.state === 'FINISHED';
  }

  get sessionMinutes(): number {
    return this.sessionDay?.sessionMinutes ?? 0;
  }

  /** The backtest clock in epoch ms, null before the first start. */
  get marketTimeMs(): number | null {
    if (!this.sessionDay) return null;
    return localToUtcMs(this.sessionDay.date, this.sessionDay.openMinute) + this.minute * MS_PER_MINUTE;
  }

  snapshot(): EngineSnapshot {
    const time = this.marketTimeMs;
    const counters = this.pipeline.counters;
    return {
      sessionName: this.config.sessionName,
      state: this.state,
      marketTime: time === null ? null : formatLocalDateTime(time),
      sessionDate: this.sessionDay?.date ?? null,
      sessionId: this.session?.sessionId ?? 0,
      speedMultiplier: this.speedMultiplier,
      symbols: [...this.config.symbols],
      backtestWindow: { startDate: this.config.startDate, endDate: this.config.endDate },
      sessionMinute: this.minute,
      sessionMinutes: this.sessionMinutes,
      dayNumber: this.dayIndex + 1,
      dayCount: this.tradingDays.length,
      minutesProcessed: counters.minutesProcessed,
      barsProcessed: counters.barsProcessed,
      ticksProcessed: counters.ticksProcessed,
      quotesProcessed: counters.quotesProcessed,
    };
  }

  /**
   * Marks the open session as read until the returned function is called: an export that yields between
   * its slices, while the replay goes on, reads the session it began with, and the history memory that
   * session shares with the ones before it must stay as it is until then.
   */
  readSession(): () => void {
    this.exportsReading++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.exportsReading--;
    };
  }

  /**
   * Loads one symbol's history for the first session ahead of `start`, so that a host can load many
   * symbols in slices, report progress and let the user cancel; `start` then uses what was loaded.
   */
  preloadHistory(symbol: string): void {
    const load = this.historyLoad(symbol);
    if (load === null) return;
    load.advance(load.daysTotal);
    this.keepPreloaded(symbol, load);
  }

  /** A load of one symbol's history for the first session, to advance a day at a time; null without one. */
  historyLoad(symbol: string): HistoryLoad | null {
    const date = this.tradingDays[0];
    if (date === undefined) return null;
    this.preloadFor(date);
    return startHistoryLoad(symbol, date, this.config.historical, this.source);
  }

  /** Keeps a finished `historyLoad` for `start`, unless the source changed while it loaded. */
  keepPreloaded(symbol: string, load: HistoryLoad): void {
    // The load's own source, not the preload's stamp: another thread's series kept meanwhile stamp the
    // source current then, which an import while this load ran would make pass for this load's too.
    if (load.source !== this.source) return;
    const date = this.tradingDays[0];
    if (date === undefined) return;
    this.preloadFor(date);
    this.preloaded.set(symbol, load.series());
  }

  /**
   * The symbols whose first-session history another thread may load, with the plain inputs it needs: those
   * whose days are the generator's and that have history to load. The others (imported symbols) are loaded
   * in this thread with `historyLoad`.
   */
  historyJobs(): HistoryJob[] {
    const date = this.tradingDays[0];
    if (date === undefined) return [];
    const jobs: HistoryJob[] = [];
    for (const symbol of this.config.symbols) {
      const market = this.source.generatorOptions?.(symbol);
      // Already the symbol's own requests: their lists of symbols, which may name hundreds, would only
      // weigh down every message to a helper.
      const requests = requestsFor(symbol, this.config.historical).map((r) => ({
        ...r,
        symbols: 'all' as const,
      }));
      if (market !== undefined && requests.length > 0)
        jobs.push({ symbol, sessionDate: date, requests, market });
    }
    return jobs;
  }

  /**
   * Keeps for `start`, beside what `keepPreloaded` keeps, a symbol's history that another thread loaded for
   * `job` (one of `historyJobs`), if it was made from what the first session will run on; otherwise refuses
   * with the reason and keeps nothing (the caller then loads the symbol here).
   */
  keepLoadedElsewhere(job: HistoryJob, series: HistoricalSeries[]): Result<void> {
    const why = this.whyNotKept(job, series);
    if (why !== null) return fail(`history of ${job.symbol} loaded elsewhere was not kept: ${why}`);
    this.preloadFor(job.sessionDate);
    this.preloaded.set(job.symbol, series);
    return ok(undefined);
  }

  private whyNotKept(job: HistoryJob, series: readonly HistoricalSeries[]): string | null {
    const date = this.tradingDays[0];
    if (!this.config.symbols.includes(job.symbol)) return 'it is not a symbol of this session';
    if (date === undefined) return 'the backtest window has no trading days';
    if (job.sessionDate !== date) return `it leads up to ${job.sessionDate}, the first session is ${date}`;
    // The source the session will run on, asked now: an import since the job was made changes the answer.
    const market = this.source.generatorOptions?.(job.symbol);
    if (market === undefined) return 'its days no longer come from the generator';
    if (!sameMarket(market, job.market)) return 'it was generated with other market options';
    const requests = requestsFor(job.symbol, this.config.historical);
    if (!sameRequests(job.requests, requests)) return 'it answers other history requests';
    const intervals = series.map((s) => s.interval);
    if (intervals.join() !== requests.map((r) => r.interval).join())
      return `its series (${intervals.join(', ') || 'none'}) are not the intervals requested`;
    return null;
  }

  /** Starts preloading for the first session on `date`, dropping what was loaded for another date or source. */
  private preloadFor(date: string): void {
    if (this.preloadedDate !== date || this.preloadedSource !== this.source) this.clearPreloadedHistory();
    this.preloadedDate = date;
    this.preloadedSource = this.source;
  }

  clearPreloadedHistory(): void {
    this.preloaded.clear();
    this.preloadedDate = null;
    this.preloadedSource = null;
  }

  private historyOf(symbol: string, date: string): HistoricalSeries[] {
    const fresh = this.preloadedDate === date && this.preloadedSource === this.runSource;
    const ready = fresh ? this.preloaded.get(symbol) : undefined;
    this.preloaded.delete(symbol);
    return ready ?? loadHistorical(symbol, date, this.config.historical, this.runSource);
  }

  /** Opens trading day `index` of the window: new streams, a new session id, history moved forward. */
  private openSession(index: number): void {
    const date = this.tradingDays[index];
    if (date === undefined) throw new Error(`no trading day ${index} in the backtest window`);
    const day = tradingDay(date);
    this.pipeline.time('session_coordinator', () => {
      this.dayIndex = index;
      this.sessionDay = day;
      this.minute = 0;
      const earlier = this.exportsReading === 0 ? this.sessionBefore : null;
      this.sessionBefore = this.session;
      this.session = new SessionStore(++this.lastSessionId, date, this.config, day.sessionMinutes, earlier);
      // The day before, if it was this run's previous session: its history moves on by that day.
      const before = new Map(index > 0 ? this.feeds.map((feed) => [feed.store.symbol, feed]) : []);
      this.feeds = [...this.session.symbols.values()].map((store) => {
        const prior = before.get(store.symbol);
        const finishedWeek = prior?.week && endsItsWeek(prior.day.date) ? prior.week : null;
        const history =
          (prior &&
            rollHistorical(
              store.symbol,
              date,
              this.config.historical,
              prior.store.historical,
              prior.day,
              finishedWeek,
            )) ??
          this.historyOf(store.symbol, date);
        for (const series of history) store.historical.set(series.interval, series);
        openIndicators(store, this.config, date);
        const week = this.weekSoFar(store.symbol, date, prior);
        // Last of all: the finished day is done with once history has moved on by it and the week has read
        // it, and its memory then serves the new day (which overwrites the finished day's bars).
        const feed: SymbolFeed = {
          store,
          day: this.runSource.day(store.symbol, day, prior?.day.memory),
          builders: [],
          week,
        };
        // The streams first (the base leads), then the intervals only indicators read.
        feed.builders = [...store.bars, ...store.indicatorBars].map(([interval, out]) =>
          sessionBarBuilder(interval, date, day.openMinute, out, () =>
            endsItsWeek(date) ? feed.week : null,
          ),
        );
        return feed;
      });
      this.shortOfRoom = [];
      for (const { store } of this.feeds)
        for (const series of store.historical.values())
          if (isShortOfRoom(series)) this.shortOfRoom.push({ store, interval: series.interval });
      if (this.runner.active) this.runner.openSession([...this.session.symbols.values()], day);
      this.pipeline.counters.sessionsOpened++;
    });
  }

  /**
   * The week `date` is in, up to the day before it, for a symbol that streams, keeps or reads weekly bars: carried
   * on from the previous session of the run when that was the day before in the same week, else read from
   * the source (at most the four trading days before `date` in its week).
   */
  private weekSoFar(symbol: string, date: string, prior: SymbolFeed | undefined): WeekBar | null {
    // Weekly bars built for an indicator or a strategy alone need the week too.
    const weekly =
      this.config.barIntervals.includes('1w') ||
      this.config.indicators.session.some((spec) => spec.interval === '1w') ||
      strategyIntervals(this.config, symbol).includes('1w') ||
      requestsFor(symbol, this.config.historical).some((r) => r.interval === '1w');
    if (!weekly) return null;
    const week = weekOf(date);
    if (prior?.week?.week === week && prior.week.dates.at(-1) === prior.day.date) return prior.week;
    const earlier: string[] = [];
    for (let d = previousTradingDay(date); weekOf(d) === week; d = previousTradingDay(d)) earlier.unshift(d);
    const bar = new WeekBar(week);
    for (const d of earlier) bar.add(d, dailyBarOf(this.runSource.day(symbol, tradingDay(d))));
    return bar;
  }

  /** Gives room to its share of the series short of it, `minutesLeft` minutes (this one included) before the close. */
  private makeRoom(minutesLeft: number): void {
    // While an export reads, room would be fresh memory: the series wait for the export (the live feed's
    // complete export at a new day takes a few slices), unless the close is near. The rest then share the
    // minutes left.
    if (this.exportsReading > 0 && minutesLeft > ROOM_WAIT_MINUTES) return;
    const due = Math.ceil(this.shortOfRoom.length / minutesLeft);
    for (let k = 0; k < due; k++) {
      const job = this.shortOfRoom.pop();
      const series = job?.store.historical.get(job.interval);
      // Moved back in its own memory unless an export still reads a session (section 4.7's live feed
      // included): the sessions before this one are views over that memory.
      if (job && series) job.store.historical.set(job.interval, withRoom(series, this.exportsReading === 0));
    }
  }

  /**
   * Runs the four stages for the next minute of the open session. Each stage is a function made once (a
   * field), not a closure made each minute: V8 optimized each minute's new closures again, about a tenth of
   * the replay's CPU on a background thread at 300 symbols.
   */
  private processMinute(): void {
    const minute = this.minute;
    const last = this.lastMinute;
    const { pipeline } = this;
    pipeline.time('session_coordinator', this.makeTrades);
    pipeline.time('data_processor', this.buildBars);
    pipeline.time('data_quality_manager', this.checkQuality);
    pipeline.time('analysis_engine', this.analyse);
    // Not in the first minute, which opening the day already burdens.
    if (minute > 0) this.makeRoom(this.sessionMinutes - minute);
    this.minute = minute + 1;
    pipeline.counters.minutesProcessed++;
    if (last) this.state = 'FINISHED';
  }

  /** True in the session's last minute. */
  private get closing(): boolean {
    return this.minute + 1 === this.sessionMinutes;
  }

  /** True in the backtest's last minute: the last session's close. */
  private get lastMinute(): boolean {
    return this.closing && this.dayIndex === this.tradingDays.length - 1;
  }

  /** The minute's trades are made now, straight into the store: no day of trades is held beside it. */
  private readonly makeTrades = (): void => {
    const minute = this.minute;
    const counters = this.pipeline.counters;
    for (const { store, day } of this.feeds) {
      const { ticks, quotes } = store;
      const ticksBefore = ticks?.length ?? 0;
      const quotesBefore = quotes?.length ?? 0;
      if (ticks || quotes) day.appendTrades(minute, ticks, quotes);
      counters.ticksProcessed += (ticks?.length ?? 0) - ticksBefore;
      counters.quotesProcessed += (quotes?.length ?? 0) - quotesBefore;
      if ((day.barOfMinute[minute] as number) >= 0) counters.barsProcessed++;
    }
  };

  /** The minute's bar ends every stream's and the day's figures; at the close, the session's bars. */
  private readonly buildBars = (): void => {
    const minute = this.minute;
    const counters = this.pipeline.counters;
    const closing = this.closing;
    for (const feed of this.feeds) {
      const { store, day, builders } = feed;
      if (closing) feed.week?.add(day.date, dailyBarOf(day));
      for (let index = 0; index < builders.length; index++) {
        const builder = builders[index] as SessionBarBuilder;
        const before = builder.out.length;
        builder.minuteEnded(day, minute);
        if (closing) builder.sessionClosed(day);
        if (index > 0 && index < store.bars.size)
          counters.derivedBarsProcessed += builder.out.length - before;
      }
      const bar = day.barOfMinute[minute] as number;
      const bars = day.bars;
      if (bar >= 0)
        store.metrics.addBar(bars.high[bar] as number, bars.low[bar] as number, bars.volume[bar] as number);
    }
  };

  private readonly checkQuality = (): void => {
    const expected = this.minute + 1;
    for (const { store } of this.feeds) store.metrics.expectedBars = expected;
  };

  /** The VWAP, the indicators, and the strategies (which feed the indicators themselves, bar by bar). */
  private readonly analyse = (): void => {
    const minute = this.minute;
    const runner = this.runner;
    for (const { store, day } of this.feeds) {
      const bar = day.barOfMinute[minute] as number;
      if (bar >= 0) store.metrics.addToVwap(day.bars.close[bar] as number, day.bars.volume[bar] as number);
      if (!runner.active) feedIndicators(store);
    }
    // The strategies' stage feeds the indicators itself, so that each watched bar is seen as it closes.
    if (runner.active) {
      const closing = this.closing;
      runner.minuteEnded(this.feeds, minute, closing);
      const day = this.sessionDay;
      if (this.lastMinute && day !== null) runner.finish(localToUtcMs(day.date, day.closeMinute));
    }
  };
}
