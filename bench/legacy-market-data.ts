// Bench only: the per-trade generator the engine used before issue 16, so that `npm run bench -- scale` can
// measure the bar-first generator (workers/engine/market-data.ts) against it. Every minute's bar was the
// aggregation of walked trades, so history walked every trade of every day. The day-level walk, the activity
// curve and the cents are the engine's own (unchanged by issue 16, the walk's levels to the bit): only the
// per-trade day generator is kept here, so the ratio compares the generators and nothing else.

import { localToUtcMs, MS_PER_MINUTE, type TradingDay } from '../workers/engine/calendar';
import { BarColumns, EXCHANGE_CODES, QuoteColumns, TickColumns } from '../workers/engine/columns';
import { activityAt, type MarketDataOptions } from '../workers/engine/market-data';
import { followingDay, openingLogLevel } from '../workers/engine/market-walk';
import { cents } from '../workers/engine/minute-trades';
import { hashSeed, Random } from '../workers/engine/random';
import { symbolProfile } from '../workers/engine/symbol-profile';

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
