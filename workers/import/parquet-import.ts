// Reads one-minute bars from Parquet with hyparquet, row group by row group, through the same checks
// as CSV. A row's "line" is its row number (1 = the first data row).
//
// A damaged file is one refusal, never a throw or a hang: the pages are checked first (parquet-guard.ts)
// because hyparquet decodes synchronously and trusts the counts it reads, so neither Cancel nor a timer
// could stop it once it loops; whatever hyparquet still throws is caught and refused the same way.

import {
  type AsyncBuffer,
  type FileMetaData,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
} from 'hyparquet';
import type { Result } from '../common/result';
import { BarCollector, type Cell } from './bar-collector';
import { type ImportOptions, type ImportOutcome, reportOf } from './csv-import';
import { BAR_FIELDS, type ColumnMap, recognizeColumns } from './header';
import { parquetDamage } from './parquet-guard';

/** A Blob read in slices: Parquet readers jump to the footer and the row groups they need. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

/** What the user reads when the file cannot be read: what is wrong, and what is accepted. */
const ACCEPTED = 'a Parquet file of one-minute bars (timestamp, open, high, low, close, volume) is accepted';
export const damagedParquet = (what: string) => `the Parquet file is damaged (${what}); ${ACCEPTED}`;

/** The names of the file's columns; a damaged footer can leave one without a name. */
export function columnNames(metadata: FileMetaData): string[] {
  return parquetSchema(metadata).children.map(({ element }) => {
    if (typeof element.name !== 'string') throw new Error('a column without a name');
    return element.name;
  });
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function importParquet(
  input: Blob | ArrayBuffer,
  symbol: string,
  options: ImportOptions = {},
): Promise<Result<ImportOutcome>> {
  const file: AsyncBuffer = input instanceof ArrayBuffer ? input : blobBuffer(input);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  let names: string[];
  try {
    metadata = await parquetMetadataAsync(file);
    names = columnNames(metadata);
  } catch (error) {
    // A file with Parquet's magic bytes is a damaged Parquet file; anything else is not one at all.
    const head = new Uint8Array(await file.slice(0, Math.min(4, file.byteLength)));
    if (String.fromCharCode(...head) === 'PAR1')
      return { ok: false, error: damagedParquet(messageOf(error)) };
    return { ok: false, error: `not a Parquet file (${messageOf(error)}); ${ACCEPTED}` };
  }
  const columns = recognizeColumns(names, options.mapping);
  if (!columns.ok) return columns;
  const wanted = BAR_FIELDS.map((f) => names[columns.value[f]] as string);
  const read = async (start: number, end: number) => file.slice(start, end);
  const damage = await parquetDamage(read, file.byteLength, metadata, [
    ...new Set(BAR_FIELDS.map((f) => columns.value[f])),
  ]);
  if (damage) return { ok: false, error: damagedParquet(damage) };
  try {
    return await readRows(file, metadata, names, wanted, symbol, columns.value, options);
  } catch (error) {
    return { ok: false, error: damagedParquet(messageOf(error)) };
  }
}

async function readRows(
  file: AsyncBuffer,
  metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>,
  names: readonly string[],
  wanted: string[],
  symbol: string,
  columnMap: ColumnMap,
  options: ImportOptions,
): Promise<Result<ImportOutcome>> {
  const collector = new BarCollector(symbol, columnMap);
  const total = Number(metadata.num_rows);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = (await parquetReadObjects({ file, metadata, columns: wanted, rowStart, rowEnd })) as Record<
      string,
      Cell
    >[];
    rows.forEach((row, i) => {
      collector.add(
        names.map((name) => row[name]),
        rowStart + i + 1,
      );
    });
    rowStart = rowEnd;
    options.onProgress?.(total > 0 ? rowStart / total : 1);
    if (options.isCancelled?.()) return { ok: false, error: 'import cancelled; nothing changed' };
  }
  return { ok: true, value: { report: reportOf(collector), bars: collector.bars } };
}
