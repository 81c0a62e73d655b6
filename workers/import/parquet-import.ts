// Reads one-minute bars from Parquet with hyparquet, row group by row group, through the same checks
// as CSV. A row's "line" is its row number (1 = the first data row).

import { type AsyncBuffer, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { Result } from '../common/result';
import { BarCollector, type Cell } from './bar-collector';
import { type ImportOptions, type ImportOutcome, reportOf } from './csv-import';
import { BAR_FIELDS, recognizeColumns } from './header';

/** A Blob read in slices: Parquet readers jump to the footer and the row groups they need. */
export function blobBuffer(blob: Blob): AsyncBuffer {
  return { byteLength: blob.size, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
}

export async function importParquet(
  input: Blob | ArrayBuffer,
  symbol: string,
  options: ImportOptions = {},
): Promise<Result<ImportOutcome>> {
  const file: AsyncBuffer = input instanceof ArrayBuffer ? input : blobBuffer(input);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `not a Parquet file (${detail})` };
  }
  const names = parquetSchema(metadata).children.map((c) => c.element.name);
  const columns = recognizeColumns(names, options.mapping);
  if (!columns.ok) return columns;
  const collector = new BarCollector(symbol, columns.value);
  const wanted = BAR_FIELDS.map((f) => names[columns.value[f]] as string);
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
