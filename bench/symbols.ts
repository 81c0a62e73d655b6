import { Backtest } from '../workers/engine/backtest';
import { parseSessionConfig } from '../workers/engine/config';
import type { ExportResult } from '../workers/export/contract';
import { configJson } from '../workers/export/export.test-support';
import { Exporter } from '../workers/export/exporter';
/** `count` distinct upper-case ticker-like names (AAAA, AAAB, ...), for benchmarks with many symbols. */
export function syntheticSymbols(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    let name = '';
    let n = i;
    for (let k = 0; k < 4; k++) {
      name = String.fromCharCode(65 + (n % 26)) + name;
      n = Math.floor(n / 26);
    }
    return name;
  });
}

/**
 * A complete export of about 110 MB: 84 symbols, a whole day of bars, ticks and quotes, and 10 days of
 * minute history. The viewer's benchmark and its Playwright test open it.
 */
export const LARGE_EXPORT_SYMBOLS = 84;

export function largeCompleteExport(): ExportResult {
  return largeSession().exportAt(390);
}

/**
 * The large export's session, started (each call a run of its own, with its own start time; another
 * `seed`, other prices): `exportAt(minute)` replays it on to that minute of the day and exports it whole.
 */
export function largeSession(seed = 1): { exportAt(minute: number): ExportResult } {
  const symbols = syntheticSymbols(LARGE_EXPORT_SYMBOLS);
  const config = parseSessionConfig(
    configJson((json) => {
      json.session_data_config.symbols = symbols;
      // The built-in strategy trades RIVN, which is not among these symbols: here it trades the first one.
      const strategies = json.session_data_config.strategies as { config: { symbols?: string[] } }[];
      for (const strategy of strategies) strategy.config.symbols = symbols.slice(0, 1);
    }),
  );
  if (!config.ok) throw new Error(config.error);
  const backtest = new Backtest(config.value, { seed, gapRate: 0 });
  backtest.start();
  const exporter = new Exporter(backtest);
  let minute = 0;
  return {
    exportAt(at: number) {
      backtest.advance(at - minute);
      minute = at;
      const result = exporter.export({ complete: true });
      if (!result.ok) throw new Error(result.error);
      return result.value;
    },
  };
}
