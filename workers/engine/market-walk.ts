// The day-level walk of the built-in market: the log-price level each symbol opens each calendar day at.
// Every price the generator makes rests on these levels, so they stay the same to the bit whatever else
// changes (saved sessions, exports and fixtures were made with them).

import { nextTradingDay, TABLE_FIRST_YEAR, TABLE_LAST_YEAR } from './calendar';
import { hashSeed, Random } from './random';
import { symbolProfile } from './symbol-profile';

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

export function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

/**
 * One symbol's walk, built outward from the reference day only as far as asked: a session in 2025 with 40
 * days of history needs about 100 of the 7,700 levels, and building all of them cost 1.5 ms a symbol (1.5 s
 * at 1,000 symbols) and 62 KB of memory. Each level is computed from its neighbour toward the reference day
 * with the same arithmetic in the same order as building the whole walk at once: the same values to the bit.
 */
class Walk {
  /** Levels of the reference day and the days after it, then of the reference day and the days before. */
  private readonly forward = [0];
  private readonly backward = [0];
  private readonly sigma: number;

  constructor(
    private readonly symbol: string,
    private readonly seed: number,
  ) {
    this.sigma = symbolProfile(symbol).dailyVolatility;
  }

  /**
   * The step seeded for the day `offset` days from the reference day: after the reference day it leads
   * from the day before to this one, before it from this day to the next (the walk has always been built so).
   */
  private step(offset: number): number {
    const seedIndex = offset + SEED_INDEX_OF_REFERENCE_DAY;
    return this.sigma * new Random(hashSeed(`${this.symbol}:walk:${seedIndex}`, this.seed)).normal();
  }

  /** The level `offset` days from the reference day. */
  level(offset: number): number {
    const pull = (o: number) => (o < OLD_FIRST_OFFSET || o > OLD_LAST_OFFSET ? 1 - REVERSION_PER_DAY : 1);
    const { forward, backward } = this;
    while (forward.length <= offset) {
      const o = forward.length;
      forward.push((forward[o - 1] as number) * pull(o) + this.step(o));
    }
    while (backward.length <= -offset) {
      const o = -backward.length;
      backward.push((backward[-o - 1] as number) * pull(o) - this.step(o));
    }
    return (offset >= 0 ? forward[offset] : backward[-offset]) as number;
  }
}

const walks = new Map<string, Walk>();

/**
 * The log-price level a symbol opens each calendar day at: a random walk across days, so that consecutive
 * sessions connect (with an overnight gap) and history looks like one continuous series.
 */
export function openingLogLevel(symbol: string, date: string, seed: number): number {
  const offset = dayNumber(date) - REFERENCE_DAY;
  if (!(offset >= FIRST_OFFSET && offset <= LAST_OFFSET))
    throw new RangeError(`market data: ${date} is outside the generator's range`);
  const key = `${symbol}|${seed}`;
  let walk = walks.get(key);
  if (!walk) {
    walk = new Walk(symbol, seed);
    walks.set(key, walk);
  }
  return walk.level(offset);
}

/** The next trading day, whose opening level a day drifts toward; the day itself at the end of the calendar. */
export function followingDay(date: string): string {
  try {
    return nextTradingDay(date);
  } catch {
    return date;
  }
}
