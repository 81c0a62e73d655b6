// Reads one-minute bars from CSV, slice by slice (files of 100 MB and more never sit in memory as one
// string), checking every row as it comes. Papaparse splits the lines into fields.

import Papa from 'papaparse';
import type { Result } from '../common/result';
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

/** Bytes read per step: large files are read slice by slice, never whole. */
export const CSV_SLICE_BYTES = 1 << 20;

/**
 * Reads CSV bars slice by slice: each slice is decoded (UTF-8, streaming across slice boundaries), cut
 * after its last complete line, and split into fields by Papaparse (quotes, delimiters); the rest of the
 * line carries over to the next slice. The same path runs in the worker and in Node.
 */
export async function importCsv(
  input: string | Blob,
  symbol: string,
  options: ImportOptions = {},
): Promise<Result<ImportOutcome>> {
  const blob = typeof input === 'string' ? new Blob([input]) : input;
  const decoder = new TextDecoder();
  let collector: BarCollector | null = null;
  let delimiter = '';
  let carry = '';
  let line = 0;
  const take = (text: string): string | null => {
    const rows = Papa.parse<string[]>(text, {
      header: false,
      skipEmptyLines: false,
      ...(delimiter ? { delimiter } : {}),
    });
    if (!delimiter) delimiter = rows.meta.delimiter;
    for (const row of rows.data) {
      line++;
      if (row.length === 1 && (row[0] ?? '').trim() === '') continue; // a blank line
      if (!collector) {
        const columns = recognizeColumns(row, options.mapping);
        if (!columns.ok) return `line ${line}: ${columns.error}`;
        collector = new BarCollector(symbol, columns.value);
        continue;
      }
      collector.add(row, line);
    }
    return null;
  };
  try {
    for (let start = 0; start < blob.size; start += CSV_SLICE_BYTES) {
      const end = Math.min(blob.size, start + CSV_SLICE_BYTES);
      const text =
        carry + decoder.decode(await blob.slice(start, end).arrayBuffer(), { stream: end < blob.size });
      const cut = end < blob.size ? text.lastIndexOf('\n') : text.length;
      carry = cut < 0 ? text : text.slice(cut + 1);
      if (cut >= 0) {
        const failure = take(text.slice(0, cut).replace(/\r$/, ''));
        if (failure) return { ok: false, error: failure };
      }
      options.onProgress?.(end / blob.size);
      if (options.isCancelled?.()) return { ok: false, error: 'import cancelled; nothing changed' };
    }
  } catch (error) {
    return {
      ok: false,
      error: `the file could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (!collector)
    return { ok: false, error: 'the file is empty (expected a header line and one-minute bars)' };
  return { ok: true, value: { report: reportOf(collector), bars: (collector as BarCollector).bars } };
}
