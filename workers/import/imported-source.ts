// A market source where imported symbols replay their own bars and every other symbol keeps the
// generator: imported bars before the backtest window become history the same way.

import type { MarketSource } from '../engine/market-source';
import type { ImportedBars } from './imported-bars';

export function importedSource(
  base: MarketSource,
  imported: ReadonlyMap<string, ImportedBars>,
): MarketSource {
  return {
    day(symbol, day, scratch) {
      const bars = imported.get(symbol);
      return bars ? bars.dayData(day) : base.day(symbol, day, scratch);
    },
    describe: (symbol) => (imported.has(symbol) ? 'imported' : base.describe(symbol)),
    // An imported symbol's bars are its own: its history is loaded where they are, in the engine's thread.
    generatorOptions: (symbol) => (imported.has(symbol) ? undefined : base.generatorOptions?.(symbol)),
  };
}
