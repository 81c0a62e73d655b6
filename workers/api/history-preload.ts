// A session's history loaded before it opens, a trading day at a time (a ten-year history is long), for
// `start` and for the separate engine of `system save-demo`. Between days the caller may report progress,
// yield to the event loop, or stop.

import type { Backtest } from '../engine/backtest';

/** Where the loading stands: inside a symbol's history (`current`), or after `symbolsDone` symbols. */
export interface PreloadPoint {
  symbolsDone: number;
  current?: { symbol: string; daysDone: number; daysTotal: number };
}

/**
 * Loads every symbol's history into `backtest`, asking `goOn` after each trading day and each symbol;
 * false as soon as `goOn` says to stop (what was loaded is then the caller's to clear).
 */
export async function preloadHistory(
  backtest: Backtest,
  goOn: (point: PreloadPoint) => Promise<boolean>,
): Promise<boolean> {
  for (const [i, symbol] of backtest.config.symbols.entries()) {
    const load = backtest.historyLoad(symbol);
    while (load !== null && !load.advance(1)) {
      const current = { symbol, daysDone: load.daysDone, daysTotal: load.daysTotal };
      if (!(await goOn({ symbolsDone: i, current }))) return false;
    }
    if (load !== null) backtest.keepPreloaded(symbol, load);
    if (!(await goOn({ symbolsDone: i + 1 }))) return false;
  }
  return true;
}
