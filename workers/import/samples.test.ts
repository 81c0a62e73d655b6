// The example files the README documents import cleanly, as CSV and as Parquet, to the same bars.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCsv } from './csv-import';
import { importParquet } from './parquet-import';

describe('the sample files', () => {
  it('import without a bad row, the same bars from CSV and Parquet', async () => {
    const csv = await importCsv(readFileSync('samples/rivn-1m.csv', 'utf8'), 'RIVN');
    const buffer = readFileSync('samples/rivn-1m.parquet');
    const parquet = await importParquet(new Blob([buffer]), 'RIVN');
    if (!csv.ok || !parquet.ok) throw new Error('import failed');
    expect(csv.value.report.badRowCount).toBe(0);
    expect(csv.value.report.dates).toEqual(['2025-06-30', '2025-07-01', '2025-07-02', '2025-07-03']);
    expect(parquet.value.report).toEqual(csv.value.report);
    const a = csv.value.bars.days.get('2025-07-01');
    const b = parquet.value.bars.days.get('2025-07-01');
    expect(Array.from(b?.close.slice(0, b.length) ?? [])).toEqual(
      Array.from(a?.close.slice(0, a.length) ?? []),
    );
  });
});
