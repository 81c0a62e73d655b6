// Where a symbol's market data comes from: the built-in generator, or bars the user imported (see
// workers/import/). The backtest and history ask this, so an imported symbol replays its own bars.

import type { TradingDay } from './calendar';
import { type DayData, type DayScratch, generateDay, type MarketDataOptions } from './market-data';

export interface MarketSource {
  /**
   * One trading day of a symbol: its bars, and its trades a minute at a time when asked. With `scratch`,
   * the day may live in that memory: valid only until the caller lends the same scratch again.
   */
  day(symbol: string, day: TradingDay, scratch?: DayScratch): DayData;
  /** Where a symbol's data comes from, for display. */
  describe(symbol: string): 'generated' | 'imported';
  /**
   * The built-in generator's options when `symbol`'s days are the generator's with them, else undefined.
   * The generator is deterministic, so such a symbol's history may be loaded by another thread from these
   * options alone (workers/engine/history-job.ts); a source that does not say keeps its symbols in the
   * engine's thread.
   */
  generatorOptions?(symbol: string): MarketDataOptions | undefined;
}

export function generatorSource(options: MarketDataOptions): MarketSource {
  return {
    day: (symbol, day, scratch) => generateDay(symbol, day, options, scratch ?? null),
    describe: () => 'generated',
    // A copy: the caller may send it to another thread or keep it; these options stay as they are.
    generatorOptions: () => ({ ...options }),
  };
}
