// The column names of a file about to be imported, and which of them the usual names recognize: the UI
// offers a manual mapping from these when the header is not recognized. Only the header is read (the first
// slice of a CSV, the footer of a Parquet file), never the rows.

import { parquetMetadataAsync } from 'hyparquet';
import Papa from 'papaparse';
import type { Result } from '../common/result';
import { BAR_FIELDS, type BarField, FIELD_NAMES } from './header';
import { blobBuffer, columnNames } from './parquet-import';

export interface FileColumns {
  /** The header's names, as written in the file. */
  columns: string[];
  /** The column the usual names find for each field (absent: none found). */
  recognized: Partial<Record<BarField, string>>;
  /** The usual names of each field, lower case. */
  names: Record<BarField, readonly string[]>;
}

/** Bytes read to find a CSV header: a header longer than this is not one. */
const HEADER_BYTES = 64 * 1024;

/** `.parquet` by name, or the `PAR1` magic at the start. */
export async function isParquetFile(file: Blob, fileName: string): Promise<boolean> {
  if (/\.parquet$/i.test(fileName)) return true;
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return String.fromCharCode(...head) === 'PAR1';
}

async function csvHeader(file: Blob): Promise<Result<string[]>> {
  const text = new TextDecoder().decode(await file.slice(0, HEADER_BYTES).arrayBuffer());
  const line = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .find((l) => l.trim() !== '');
  if (line === undefined) return { ok: false, error: 'the file has no header line' };
  const parsed = Papa.parse<string[]>(line, { header: false });
  const row = parsed.data[0] ?? [];
  return { ok: true, value: row.map((cell) => cell.trim()) };
}

async function parquetHeader(file: Blob): Promise<Result<string[]>> {
  try {
    const metadata = await parquetMetadataAsync(blobBuffer(file));
    return { ok: true, value: columnNames(metadata) };
  } catch (error) {
    return { ok: false, error: `not a Parquet file (${error instanceof Error ? error.message : error})` };
  }
}

export function recognizedColumns(columns: readonly string[]): Partial<Record<BarField, string>> {
  const lower = columns.map((c) => c.trim().toLowerCase().replace(/^"|"$/g, ''));
  const recognized: Partial<Record<BarField, string>> = {};
  for (const field of BAR_FIELDS) {
    const index = FIELD_NAMES[field].map((n) => lower.indexOf(n)).find((i) => i >= 0);
    const column = index === undefined ? undefined : columns[index];
    if (column !== undefined) recognized[field] = column;
  }
  return recognized;
}

export async function readFileColumns(file: Blob, fileName: string): Promise<Result<FileColumns>> {
  const header = (await isParquetFile(file, fileName)) ? await parquetHeader(file) : await csvHeader(file);
  if (!header.ok) return { ok: false, error: `${fileName}: ${header.error}` };
  return {
    ok: true,
    value: { columns: header.value, recognized: recognizedColumns(header.value), names: FIELD_NAMES },
  };
}
