// Reads one-minute bars from CSV with Papaparse, chunk by chunk (a Blob is streamed, so files of 100 MB
// and more never sit in memory as one string), checking every row as it comes.

import Papa from 'papaparse';
import type { Result } from '../engine/types';
import { type BadRow, BarCollector } from './bar-collector';
import { type BarField, recognizeColumns } from './header';
import type { ImportedBars } from './imported-bars';

export interface ImportOptions {
  /** Headers named by hand for fields the usual names do not find. */
  mapping?: Partial<Record<BarField, string>>;
  /** Fraction of the input read so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
  isCancelled?: () => boolean;
}

export interface ImportReport {
  symbol: string;
  rowsRead: number;
  barsKept: number;
  badRowCount: number;
  /** The first bad rows, each with its line number and what is wrong. */
  badRows: BadRow[];
  /** Trading dates the kept bars cover, oldest first. */
  dates: string[];
}

export interface ImportOutcome {
  report: ImportReport;
  bars: ImportedBars;
}

export function reportOf(collector: BarCollector): ImportReport {
  return {
    symbol: collector.bars.symbol,
    rowsRead: collector.rowsRead,
    barsKept: collector.bars.bars,
    badRowCount: collector.badRowCount,
    badRows: collector.badRows,
    dates: [...collector.bars.days.keys()],
  };
}

export function importCsv(
  input: string | Blob,
  symbol: string,
  options: ImportOptions = {},
): Promise<Result<ImportOutcome>> {
  const size = typeof input === 'string' ? input.length : input.size;
  return new Promise((resolve) => {
    let collector: BarCollector | null = null;
    let line = 0;
    let failure: string | null = null;
    Papa.parse<string[]>(input as never, {
      header: false,
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk(results, parser) {
        for (const row of results.data) {
          line++;
          if (row.length === 1 && (row[0] ?? '').trim() === '') continue; // a blank line
          if (!collector) {
            const columns = recognizeColumns(row, options.mapping);
            if (!columns.ok) {
              failure = `line ${line}: ${columns.error}`;
              parser.abort();
              return;
            }
            collector = new BarCollector(symbol, columns.value);
            continue;
          }
          collector.add(row, line);
        }
        options.onProgress?.(size > 0 ? Math.min(1, results.meta.cursor / size) : 1);
        if (options.isCancelled?.()) {
          failure = 'import cancelled; nothing changed';
          parser.abort();
        }
      },
      complete() {
        if (failure) resolve({ ok: false, error: failure });
        else if (!collector)
          resolve({ ok: false, error: 'the file is empty (expected a header line and one-minute bars)' });
        else resolve({ ok: true, value: { report: reportOf(collector), bars: collector.bars } });
      },
      error(error: Error) {
        resolve({ ok: false, error: `the file could not be read: ${error.message}` });
      },
    });
  });
}
