// The board of every symbol's figures that rides with each export of the live feed (docs/export-format.md
// section 4.7): the feed's exports carry rows only for the symbols the page shows, and the symbol table
// still needs every symbol's last price, volume, high, low and quality. Built straight from the session's
// stores, one pass over the symbols and a few numbers each: no row is read but each stream's last.

import type { Backtest } from '../engine/backtest';
import type { SymbolStore } from '../engine/session-store';
import type { SymbolBoard } from '../export/contract';

/** The last trade's price, else the base interval's last close (as the mirror's overview reads a symbol). */
function lastPriceOf(store: SymbolStore, baseInterval: string | null): number {
  const ticks = store.ticks;
  if (ticks && ticks.length > 0) return ticks.price[ticks.length - 1] as number;
  const bars = baseInterval === null ? undefined : store.bars.get(baseInterval);
  if (bars && bars.length > 0) return bars.close[bars.length - 1] as number;
  return Number.NaN;
}

/** Every symbol's figures as they stand now; null before the first session opens. */
export function boardOf(backtest: Backtest): SymbolBoard | null {
  const session = backtest.session;
  if (!session) return null;
  const n = session.symbols.size;
  const board: SymbolBoard = {
    sessionId: session.sessionId,
    symbols: [...session.symbols.keys()],
    lastPrice: new Float64Array(n),
    volume: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    quality: new Float64Array(n),
  };
  let i = 0;
  for (const store of session.symbols.values()) {
    const { metrics } = store;
    board.lastPrice[i] = lastPriceOf(store, backtest.config.baseInterval);
    board.volume[i] = metrics.volume;
    board.high[i] = metrics.high;
    board.low[i] = metrics.low;
    board.quality[i] = metrics.quality;
    i++;
  }
  return board;
}
