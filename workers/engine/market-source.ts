// Where a symbol's market data comes from: the built-in generator, or bars the user imported (see
// workers/import/). The backtest and history ask this, so an imported symbol replays its own bars.

import type { TradingDay } from './calendar';
import { type DayData, generateDay, type MarketDataOptions } from './market-data';

export interface MarketSource {
  /** One trading day of a symbol; `keepTrades: false` when only the bars are needed (history). */
  day(symbol: string, day: TradingDay, keepTrades: boolean): DayData;
  /** Where a symbol's data comes from, for display. */
  describe(symbol: string): 'generated' | 'imported';
}

export function generatorSource(options: MarketDataOptions): MarketSource {
  return {
    day: (symbol, day, keepTrades) => generateDay(symbol, day, options, keepTrades),
    describe: () => 'generated',
  };
}
