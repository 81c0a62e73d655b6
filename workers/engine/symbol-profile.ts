// Per-symbol character of the synthetic market: price level, volatility and liquidity. Well-known tickers
// get plausible levels so a demo looks familiar; any other symbol gets a stable profile from its hash.

import { hashSeed, Random } from './random';

export interface SymbolProfile {
  /** Typical price in dollars around the start of 2025. */
  level: number;
  /** Standard deviation of daily log returns. */
  dailyVolatility: number;
  /** Average trades per regular-hours minute. */
  ticksPerMinute: number;
  /** Typical bid/ask spread in basis points of the price. */
  spreadBps: number;
}

const KNOWN: Record<string, SymbolProfile> = {
  RIVN: { level: 12.5, dailyVolatility: 0.035, ticksPerMinute: 30, spreadBps: 8 },
  AAPL: { level: 210, dailyVolatility: 0.015, ticksPerMinute: 45, spreadBps: 1 },
  TSLA: { level: 300, dailyVolatility: 0.03, ticksPerMinute: 50, spreadBps: 1.5 },
  MSFT: { level: 440, dailyVolatility: 0.013, ticksPerMinute: 40, spreadBps: 1 },
  NVDA: { level: 150, dailyVolatility: 0.028, ticksPerMinute: 60, spreadBps: 1 },
  SPY: { level: 600, dailyVolatility: 0.009, ticksPerMinute: 60, spreadBps: 0.5 },
};

export function symbolProfile(symbol: string): SymbolProfile {
  const known = KNOWN[symbol];
  if (known) return known;
  const random = new Random(hashSeed(`profile:${symbol}`, 0));
  return {
    level: Math.round(10 + 390 * random.next() ** 2),
    dailyVolatility: 0.01 + 0.03 * random.next(),
    ticksPerMinute: random.int(10, 40),
    spreadBps: 1 + 9 * random.next(),
  };
}
