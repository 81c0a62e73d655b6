// The built-in market, bar first: each trading day's one-minute bars are drawn directly (a few random
// numbers a minute), and the trades and quotes of a minute are made afterwards, on demand, from their own
// seed, constrained to reproduce the bar already drawn (see minute-trades.ts and docs/market-data.md).
// Bars never depend on whether, or in what order, anyone asks for trades.

import { localToUtcMs, MS_PER_MINUTE, type TradingDay } from './calendar';
import { BarColumns, type QuoteColumns, type TickColumns } from './columns';
import { followingDay, openingLogLevel } from './market-walk';
import { appendMinuteTrades, cents, MEAN_TRADE_SIZE, SD_TRADE_SIZE } from './minute-trades';
import { exponentialAt, normalAt } from './quantile-draws';
import { fillUniforms, hashSeed, Random } from './random';
import { symbolProfile } from './symbol-profile';

export { openingLogLevel } from './market-walk';

export interface MarketDataOptions {
  seed: number;
  /** Probability in [0, 1) that a minute has no trades at all (shows up as a gap in the base bars). */
  gapRate: number;
}

export const DEFAULT_MARKET_OPTIONS: MarketDataOptions = { seed: 1, gapRate: 0 };

/**
 * Appends the trades and quotes of session minute `minute` to `ticks` and `quotes` (either may be null: it
 * is then left out); a gap minute appends nothing. Asking again gives the same rows.
 */
export type MinuteTradesWriter = (
  minute: number,
  ticks: TickColumns | null,
  quotes: QuoteColumns | null,
) => void;

export interface DayData {
  date: string;
  sessionMinutes: number;
  /** One-minute bars of the minutes that traded, in time order. */
  bars: BarColumns;
  /** For each session minute, the index of its bar in `bars`, or -1 for a gap. */
  barOfMinute: Int32Array;
  /** The trades of a minute, made when asked (replay, second bars); none for imported data. */
  appendTrades: MinuteTradesWriter;
  /**
   * The memory a generated day lives in: a caller done with this day may lend it for the next one (the
   * backtest does at each new session), which then overwrites this day.
   */
  memory?: DayScratch;
}

/**
 * Memory a reader that is done with one day before it asks for the next (history, a new session) lends the
 * generator: the day's bars are written there instead of into fresh arrays. Allocating them for each of
 * 40,000 days (1,000 symbols x 40) cost more than generating them, and fresh memory is slow to touch.
 */
export class DayScratch {
  readonly bars = new BarColumns(MAX_SESSION_MINUTES);
  readonly barOfMinute = new Int32Array(MAX_SESSION_MINUTES);
  readonly tradeCount = new Uint16Array(MAX_SESSION_MINUTES);
}

// The longest regular session (09:30-16:00).
const MAX_SESSION_MINUTES = 390;

/** Uniforms a minute draws from the day's main sequence (the gap sequence draws one). */
const DRAWS_PER_MINUTE = 6;
/**
 * The uniforms of the day being drawn: used up inside `generateDay`, so one pair serves every day (kept in
 * each day's scratch, they cost 22 KB a symbol of a session's memory).
 */
const dayUniforms = new Float64Array(DRAWS_PER_MINUTE * MAX_SESSION_MINUTES);
const dayGapUniforms = new Float64Array(MAX_SESSION_MINUTES);

/** Relative trading activity through the day: busy at the open and the close, quiet at midday (a U shape). */
export function activityAt(minute: number, sessionMinutes: number): number {
  const x = sessionMinutes > 1 ? minute / (sessionMinutes - 1) : 0.5;
  const u = 0.5 + 4 * (x - 0.5) ** 2;
  const openingBurst = 1.5 * Math.exp(-minute / 10);
  return (u + openingBurst) / 0.9;
}

/** exp(x) for the small moves inside one minute (|x| below a few percent): exact to about 1e-10. */
const expSmall = (x: number) => 1 + x * (1 + x * (0.5 + x * (1 / 6 + x / 24)));

const activityCache = new Map<number, Float64Array>();

/** `activityAt` for every minute of a session of `n` minutes, computed once per session length. */
function activityOf(n: number): Float64Array {
  let activity = activityCache.get(n);
  if (!activity) {
    activity = Float64Array.from({ length: n }, (_, minute) => activityAt(minute, n));
    activityCache.set(n, activity);
  }
  return activity;
}

/** What one day's minutes are drawn from: the symbol's profile, the day's levels, the random states. */
interface DayDraw {
  minutes: number;
  activity: Float64Array;
  ticksPerMinute: number;
  sigmaPerMinute: number;
  level: number;
  openMs: number;
  /** Log price (relative to `level`) of the day's open and of the next day's. */
  openingLog: number;
  closingLog: number;
  /** The day's uniforms, DRAWS_PER_MINUTE a minute in the order drawn, and one a minute for gaps. */
  uniforms: Float64Array;
  gapUniforms: Float64Array;
  gapRate: number;
}

/**
 * Draws the day's minutes into `bars` (at least `minutes` rows of room), `barOfMinute` and `tradeCount`,
 * from uniforms drawn beforehand (`fillUniforms`): seven calls a minute to the generator stayed calls in a
 * loop this size (the compiler's inlining budget), about a sixth of a bar's cost.
 */
function drawMinutes(day: DayDraw, bars: BarColumns, barOfMinute: Int32Array, tradeCount: Uint16Array): void {
  const { minutes: n, activity, ticksPerMinute, sigmaPerMinute, level, openMs, closingLog } = day;
  const { uniforms: u, gapUniforms, gapRate } = day;
  const { time, open: opens, high: highs, low: lows, close: closes, volume: volumes } = bars;
  let logPrice = day.openingLog;
  let row = 0;

  for (let minute = 0, k = 0; minute < n; minute++, k += DRAWS_PER_MINUTE) {
    const count = Math.max(
      1,
      Math.round(ticksPerMinute * (activity[minute] as number) * (0.7 + 0.6 * (u[k] as number))),
    );
    const isGap = gapRate > 0 && (gapUniforms[minute] as number) < gapRate;
    const sigmaPerTrade = sigmaPerMinute / Math.sqrt(count);
    // A bridge: each minute closes a share of the way still left to the day's closing level.
    const driftPerTrade = (closingLog - logPrice) / (n - minute) / count;
    // The minute's first trade is one step from the last trade before it; the other count - 1 steps lead
    // to its close. Between the two, the path's extremes are those of a Brownian bridge with that variance
    // (drawn from the bridge's exact distribution of the maximum and of the minimum).
    const steps = count - 1;
    // All in log price relative to the open: one exp a minute, the rest by a short series.
    const openLog = logPrice + driftPerTrade + sigmaPerTrade * normalAt(u[k + 1] as number);
    const variance = sigmaPerTrade * sigmaPerTrade * steps;
    const move = driftPerTrade * steps + Math.sqrt(variance) * normalAt(u[k + 2] as number);
    const up = (move + Math.sqrt(move * move + 2 * variance * exponentialAt(u[k + 3] as number))) / 2;
    const down = (move - Math.sqrt(move * move + 2 * variance * exponentialAt(u[k + 4] as number))) / 2;
    // The volume is the sum of `count` trade sizes, drawn as one number (their mean and spread), never
    // below one share a trade.
    const volumeDraw = normalAt(u[k + 5] as number);
    logPrice = openLog + move;
    if (isGap) continue;

    const openPrice = level * Math.exp(openLog);
    const open = cents(openPrice);
    const close = cents(openPrice * expSmall(move));
    const top = Math.max(open, close);
    const bottom = Math.min(open, close);
    let high = Math.max(top, cents(openPrice * expSmall(up)));
    let low = Math.min(bottom, cents(openPrice * expSmall(down)));
    // The trades between the first and the last must reach the extremes: two trades reach none beyond
    // open and close, three reach one (the farther one is kept).
    if (count <= 2) {
      high = top;
      low = bottom;
    } else if (count === 3 && high > top && low < bottom) {
      if (high - top >= bottom - low) low = bottom;
      else high = top;
    }
    const volume = Math.max(
      count,
      Math.round(count * MEAN_TRADE_SIZE + Math.sqrt(count) * SD_TRADE_SIZE * volumeDraw),
    );
    barOfMinute[minute] = row;
    tradeCount[minute] = count;
    time[row] = openMs + minute * MS_PER_MINUTE;
    opens[row] = open;
    highs[row] = high;
    lows[row] = low;
    closes[row] = close;
    volumes[row] = volume;
    row++;
  }
  bars.length = row;
}

/**
 * Generates one trading day of one-minute bars for a symbol, O(minutes): per minute the number of trades,
 * the first and last trade's prices, the extremes of the path between them and the volume. The trades
 * themselves are made only when `appendTrades` is asked for a minute.
 */
export function generateDay(
  symbol: string,
  day: TradingDay,
  options: MarketDataOptions,
  scratch: DayScratch | null = null,
): DayData {
  const n = day.sessionMinutes;
  const profile = symbolProfile(symbol);
  const random = new Random(hashSeed(`${symbol}:${day.date}`, options.seed));
  // Sessions are never longer than MAX_SESSION_MINUTES; the check keeps a longer one correct all the same.
  const memory = n > MAX_SESSION_MINUTES ? null : (scratch ?? new DayScratch());
  const bars = memory ? memory.bars : new BarColumns(n);
  const barOfMinute = memory ? memory.barOfMinute.subarray(0, n).fill(-1) : new Int32Array(n).fill(-1);
  const tradeCount = memory ? memory.tradeCount : new Uint16Array(n);

  // The opening auction moves the price away from the overnight level: the overnight gap. The day then
  // drifts toward the next trading day's level, so that consecutive days (and history and session on one
  // chart) join up, with only that small gap between one close and the next open.
  const openingLog =
    openingLogLevel(symbol, day.date, options.seed) + 0.4 * profile.dailyVolatility * random.normal();
  // The minutes' draws go on from `random`: what `random.next()` would give, in the same order.
  const long = n > MAX_SESSION_MINUTES;
  const uniforms = long
    ? new Float64Array(DRAWS_PER_MINUTE * n)
    : dayUniforms.subarray(0, DRAWS_PER_MINUTE * n);
  fillUniforms(random.position, uniforms);
  // Gaps come from their own sequence so that the prices of the other minutes do not depend on the gap
  // rate (with none, nothing reads it).
  const gapUniforms = long ? new Float64Array(n) : dayGapUniforms.subarray(0, n);
  if (options.gapRate > 0) fillUniforms(hashSeed(`${symbol}:${day.date}:gaps`, options.seed), gapUniforms);
  drawMinutes(
    {
      minutes: n,
      activity: activityOf(n),
      ticksPerMinute: profile.ticksPerMinute,
      sigmaPerMinute: profile.dailyVolatility / Math.sqrt(390),
      level: profile.level,
      openMs: localToUtcMs(day.date, day.openMinute),
      openingLog,
      closingLog: openingLogLevel(symbol, followingDay(day.date), options.seed),
      uniforms,
      gapUniforms,
      gapRate: options.gapRate,
    },
    bars,
    barOfMinute,
    tradeCount,
  );

  const tradesSeed = hashSeed(`${symbol}:${day.date}:trades`, options.seed);
  const spreadBps = profile.spreadBps;
  return {
    date: day.date,
    sessionMinutes: n,
    bars,
    barOfMinute,
    ...(memory ? { memory } : {}),
    appendTrades(minute, ticks, quotes) {
      const bar = barOfMinute[minute];
      if (bar === undefined || bar < 0) return;
      appendMinuteTrades(
        bars,
        bar,
        tradeCount[minute] as number,
        new Random(hashSeed(`:${minute}`, tradesSeed)),
        spreadBps,
        ticks,
        quotes,
      );
    },
  };
}

export interface DailyBar {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** The day's bar: exactly the aggregation of its one-minute bars. */
export function dailyBarOf(data: DayData): DailyBar | null {
  const { bars } = data;
  if (bars.length === 0) return null;
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (let i = 0; i < bars.length; i++) {
    high = Math.max(high, bars.high[i] as number);
    low = Math.min(low, bars.low[i] as number);
    volume += bars.volume[i] as number;
  }
  return {
    date: data.date,
    open: bars.open[0] as number,
    high,
    low,
    close: bars.close[bars.length - 1] as number,
    volume,
  };
}
