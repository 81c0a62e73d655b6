// Reads one-minute bars from CSV, slice by slice (files of 100 MB and more never sit in memory as one
// string), checking every row as it comes. csv-records.ts splits records and fields; Papaparse guesses the
// delimiter from the header.

import Papa from 'papaparse';
import type { Result } from '../common/result';
import { type BadRow, BarCollector } from './bar-collector';
import { type CsvRecord, splitFields, splitRecords } from './csv-records';
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

/** Why a record whose quote never closes is a bad row. */
export const BROKEN_QUOTE =
  'a quote opened here is never closed (reading goes on at the next line; quote a field as "...")';

/** The header, then every record as a bar or a bad row, with the line the record starts on. */
class CsvRows {
  collector: BarCollector | null = null;
  private delimiter = '';

  constructor(
    private readonly symbol: string,
    private readonly mapping: ImportOptions['mapping'],
  ) {}

  /** Takes one record; answers why the whole file is refused (a header it cannot read), or null. */
  take(record: CsvRecord): string | null {
    const { line, text } = record;
    if (text !== null && text.trim() === '') return null; // a blank line
    if (!this.collector) {
      if (text === null) return `line ${line}: ${BROKEN_QUOTE}`;
      // Papaparse guesses the delimiter (comma, semicolon, tab, ...) from the header.
      this.delimiter = Papa.parse<string[]>(text, { header: false }).meta.delimiter || ',';
      const columns = recognizeColumns(splitFields(text, this.delimiter), this.mapping);
      if (!columns.ok) return `line ${line}: ${columns.error}`;
      this.collector = new BarCollector(this.symbol, columns.value);
      return null;
    }
    if (text === null) this.collector.addBad(line, BROKEN_QUOTE);
    else this.collector.add(splitFields(text, this.delimiter), line);
    return null;
  }
}

/**
 * Reads CSV bars slice by slice: each slice is decoded (UTF-8, streaming across slice boundaries) and cut
 * into records after the last complete one (never inside a quoted field: see csv-records.ts); the
 * incomplete record carries over to the next slice. The same path runs in the worker and in Node.
 */
export async function importCsv(
  input: string | Blob,
  symbol: string,
  options: ImportOptions = {},
): Promise<Result<ImportOutcome>> {
  const blob = typeof input === 'string' ? new Blob([input]) : input;
  const decoder = new TextDecoder();
  const rows = new CsvRows(symbol, options.mapping);
  let carry = '';
  let line = 1;
  try {
    for (let start = 0; start < blob.size || start === 0; start += CSV_SLICE_BYTES) {
      const end = Math.min(blob.size, start + CSV_SLICE_BYTES);
      const final = end >= blob.size;
      const text = carry + decoder.decode(await blob.slice(start, end).arrayBuffer(), { stream: !final });
      const split = splitRecords(text, line, final);
      for (const record of split.records) {
        const failure = rows.take(record);
        if (failure) return { ok: false, error: failure };
      }
      carry = split.rest;
      line = split.restLine;
      options.onProgress?.(blob.size > 0 ? end / blob.size : 1);
      if (options.isCancelled?.()) return { ok: false, error: 'import cancelled; nothing changed' };
      if (final) break;
    }
  } catch (error) {
    return {
      ok: false,
      error: `the file could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const collector = rows.collector;
  if (!collector)
    return { ok: false, error: 'the file is empty (expected a header line and one-minute bars)' };
  return { ok: true, value: { report: reportOf(collector), bars: collector.bars } };
}
