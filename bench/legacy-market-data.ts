// Bench only: the per-trade generator the engine used before issue 16, kept as it was (imports aside) so that
// `npm run bench -- scale` can measure the bar-first generator (workers/engine/market-data.ts) against it.
// Every minute's bar was the aggregation of walked trades, so history walked every trade of every day.

import {
  localToUtcMs,
  nextTradingDay,
  TABLE_FIRST_YEAR,
  TABLE_LAST_YEAR,
  type TradingDay,
} from '../workers/engine/calendar';
import { BarColumns, EXCHANGE_CODES, QuoteColumns, TickColumns } from '../workers/engine/columns';
import { hashSeed, Random } from '../workers/engine/random';
import { symbolProfile } from '../workers/engine/symbol-profile';

export interface MarketDataOptions {
  seed: number;
  /** Probability in [0, 1) that a minute has no trades at all (shows up as a gap in the base bars). */
  gapRate: number;
}

export const DEFAULT_MARKET_OPTIONS: MarketDataOptions = { seed: 1, gapRate: 0 };

export interface DayData {
  date: string;
  sessionMinutes: number;
  /** One-minute bars of the minutes that traded, in time order. */
  bars: BarColumns;
  /** For each session minute, the index of its bar in `bars`, or -1 for a gap. */
  barOfMinute: Int32Array;
  ticks: TickColumns;
  /** Quotes are taken at each trade, so they share the ticks' per-minute ranges. */
  quotes: QuoteColumns;
  /** Ticks (and quotes) of minute m are the rows [tickEnd[m - 1] ?? 0, tickEnd[m]). */
  tickEnd: Int32Array;
}

const MS_PER_MINUTE = 60_000;
// Profiles give each symbol's level around the default backtest window (July 2025); the walk spreads from there.
const REFERENCE_DAY = Date.UTC(2025, 6, 1) / 86_400_000;
// The walk covers every day the calendar's tables do (2008-2028), so history may reach 3,650 trading days
// back from any session. Offsets are in days from the reference day, whose level is 0.
const FIRST_OFFSET = dayNumber(`${TABLE_FIRST_YEAR}-01-01`) - REFERENCE_DAY;
const LAST_OFFSET = dayNumber(`${TABLE_LAST_YEAR}-12-31`) - REFERENCE_DAY;
// The walk used to start 1,800 days before the reference day, and each day's step was seeded with its index
// in that array. Steps keep that number (negative before 2020-07-27) as their seed, so every level the
// shorter walk had, and with it every price generated from it, stays the same to the bit.
const SEED_INDEX_OF_REFERENCE_DAY = 1800;
// The days the old walk had (offsets -1800 to 1199) keep its plain random walk. Past them, levels are drawn
// back toward the reference level a little each day, so that fourteen years of history wander like a stock
// (a typical spread of about 0.5 in log price) instead of a pure random walk's (RIVN near $1,000 in 2009).
const OLD_FIRST_OFFSET = -SEED_INDEX_OF_REFERENCE_DAY;
const OLD_LAST_OFFSET = 1199;
const REVERSION_PER_DAY = 0.002;

function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

const walkCache = new Map<string, Float64Array>();

/**
 * The step seeded for the day `offset` days from the reference day: after the reference day it leads from
 * the day before to this one, before it from this day to the next (the walk has always been built so).
 */
function walkStep(symbol: string, seed: number, sigma: number, offset: number): number {
  const seedIndex = offset + SEED_INDEX_OF_REFERENCE_DAY;
  return sigma * new Random(hashSeed(`${symbol}:walk:${seedIndex}`, seed)).normal();
}

/** Levels by offset - FIRST_OFFSET, built outward from the reference day (forward, then backward). */
function buildWalk(symbol: string, seed: number): Float64Array {
  const sigma = symbolProfile(symbol).dailyVolatility;
  const walk = new Float64Array(LAST_OFFSET - FIRST_OFFSET + 1);
  const reference = -FIRST_OFFSET;
  const pull = (offset: number) =>
    offset < OLD_FIRST_OFFSET || offset > OLD_LAST_OFFSET ? 1 - REVERSION_PER_DAY : 1;
  for (let i = reference + 1; i < walk.length; i++) {
    const offset = i - reference;
    walk[i] = (walk[i - 1] as number) * pull(offset) + walkStep(symbol, seed, sigma, offset);
  }
  for (let i = reference - 1; i >= 0; i--) {
    const offset = i - reference;
    walk[i] = (walk[i + 1] as number) * pull(offset) - walkStep(symbol, seed, sigma, offset);
  }
  return walk;
}

/**
 * The log-price level a symbol opens each calendar day at: a random walk across days, so that consecutive
 * sessions connect (with an overnight gap) and history looks like one continuous series. Exported for the
 * tests that pin its values: every price the generator makes rests on them.
 */
export function openingLogLevel(symbol: string, date: string, seed: number): number {
  const key = `${symbol}|${seed}`;
  let walk = walkCache.get(key);
  if (!walk) {
    // Built on first use, once per symbol and seed: about 7,700 days.
    walk = buildWalk(symbol, seed);
    walkCache.set(key, walk);
  }
  const level = walk[dayNumber(date) - REFERENCE_DAY - FIRST_OFFSET];
  if (level === undefined) throw new RangeError(`market data: ${date} is outside the generator's range`);
  return level;
}

/** The next trading day, whose opening level a day drifts toward; the day itself at the end of the calendar. */
function followingDay(date: string): string {
  try {
    return nextTradingDay(date);
  } catch {
    return date;
  }
}

/** Relative trading activity through the day: busy at the open and the close, quiet at midday (a U shape). */
export function activityAt(minute: number, sessionMinutes: number): number {
  const x = sessionMinutes > 1 ? minute / (sessionMinutes - 1) : 0.5;
  const u = 0.5 + 4 * (x - 0.5) ** 2;
  const openingBurst = 1.5 * Math.exp(-minute / 10);
  return (u + openingBurst) / 0.9;
}

const cents = (x: number) => Math.max(0.01, Math.round(x * 100) / 100);

function tradeSize(random: Random): number {
  // Mostly round lots with a long tail, some odd lots.
  if (random.next() < 0.2) return random.int(1, 99);
  return 100 * Math.ceil(-Math.log(1 - random.next()) * 3);
}

// Weighted venue choice: Nasdaq and NYSE carry most of the tape.
const EXCHANGE_WEIGHTS = [0.3, 0.2, 0.15, 0.1, 0.08, 0.07, 0.05, 0.05];

function exchangeIndex(random: Random): number {
  let r = random.next();
  for (let i = 0; i < EXCHANGE_WEIGHTS.length; i++) {
    r -= EXCHANGE_WEIGHTS[i] as number;
    if (r < 0) return i;
  }
  return EXCHANGE_CODES.length - 1;
}

/**
 * Generates one trading day of ticks, quotes and one-minute bars for a symbol. History needs only the
 * bars: `keepTrades: false` still walks every trade (so the bars are the same) but stores none.
 */
export function generateDay(
  symbol: string,
  day: TradingDay,
  options: MarketDataOptions,
  keepTrades = true,
): DayData {
  const n = day.sessionMinutes;
  const profile = symbolProfile(symbol);
  const random = new Random(hashSeed(`${symbol}:${day.date}`, options.seed));
  // Gaps come from their own sequence so that the prices of the other minutes do not depend on the gap rate.
  const gaps = new Random(hashSeed(`${symbol}:${day.date}:gaps`, options.seed));
  const openMs = localToUtcMs(day.date, day.openMinute);
  const sigmaPerMinute = profile.dailyVolatility / Math.sqrt(390);
  const expectedTicks = Math.ceil(n * profile.ticksPerMinute * 1.2);

  const bars = new BarColumns(n);
  const ticks = new TickColumns(keepTrades ? expectedTicks : 1);
  const quotes = new QuoteColumns(keepTrades ? expectedTicks : 1);
  const barOfMinute = new Int32Array(n).fill(-1);
  const tickEnd = new Int32Array(n);

  // The opening auction moves the price away from the overnight level: the overnight gap. The day then
  // drifts toward the next trading day's level, so that consecutive days (and history and session on one
  // chart) join up, with only that small gap between one close and the next open.
  let logPrice =
    openingLogLevel(symbol, day.date, options.seed) + 0.4 * profile.dailyVolatility * random.normal();
  const closingLevel = openingLogLevel(symbol, followingDay(day.date), options.seed);

  for (let minute = 0; minute < n; minute++) {
    const count = Math.max(
      1,
      Math.round(profile.ticksPerMinute * activityAt(minute, n) * (0.7 + 0.6 * random.next())),
    );
    const isGap = gaps.next() < options.gapRate;
    const sigmaPerTick = sigmaPerMinute / Math.sqrt(count);
    // A bridge: each minute closes a share of the way still left to the day's closing level.
    const driftPerTick = (closingLevel - logPrice) / (n - minute) / count;
    const minuteStart = openMs + minute * MS_PER_MINUTE;
    // Evenly spread trade times with jitter, strictly inside the minute and in order.
    const spacing = MS_PER_MINUTE / count;
    let open = 0;
    let high = 0;
    let low = 0;
    let close = 0;
    let volume = 0;
    for (let k = 0; k < count; k++) {
      logPrice += driftPerTick + sigmaPerTick * random.normal();
      const price = cents(profile.level * Math.exp(logPrice));
      const size = tradeSize(random);
      const venue = exchangeIndex(random);
      const time = minuteStart + Math.floor(k * spacing + random.next() * spacing * 0.9);
      const halfSpread = Math.max(0.005, (price * profile.spreadBps) / 20_000);
      let bid = cents(price - halfSpread);
      if (bid >= price) bid = cents(price - 0.01);
      const ask = Math.max(cents(price + halfSpread), cents(bid + 0.01));
      const bidSize = 100 * random.int(1, 20);
      const askSize = 100 * random.int(1, 20);
      if (isGap) continue;
      if (keepTrades) {
        ticks.append(time, price, size, venue);
        quotes.append(time, bid, ask, bidSize, askSize);
      }
      if (k === 0) {
        open = price;
        high = price;
        low = price;
      }
      if (price > high) high = price;
      if (price < low) low = price;
      close = price;
      volume += size;
    }
    tickEnd[minute] = ticks.length;
    if (!isGap) {
      barOfMinute[minute] = bars.length;
      bars.append(minuteStart, open, high, low, close, volume);
    }
  }
  return { date: day.date, sessionMinutes: n, bars, barOfMinute, ticks, quotes, tickEnd };
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
