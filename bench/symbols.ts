import type { ExportResult } from '../workers/export/contract';
import { backtestOf, configJson } from '../workers/export/export.test-support';
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
  const symbols = syntheticSymbols(LARGE_EXPORT_SYMBOLS);
  const backtest = backtestOf(
    configJson((json) => {
      json.session_data_config.symbols = symbols;
      // The built-in strategy trades RIVN, which is not among these symbols: here it trades the first one.
      const strategies = json.session_data_config.strategies as { config: { symbols?: string[] } }[];
      for (const strategy of strategies) strategy.config.symbols = symbols.slice(0, 1);
    }),
  );
  backtest.start();
  backtest.advance(390);
  const result = new Exporter(backtest).export({ complete: true });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
