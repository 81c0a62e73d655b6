import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readFileColumns, recognizedColumns } from './file-columns';
import { FIELD_NAMES } from './header';

const value = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('file columns', () => {
  it('reads a CSV header (quotes, a BOM, blank lines first) and says which columns are recognized', async () => {
    const csv = '\uFEFF\n"When";Open;Hi;Lo;Close;Qty\n2025-07-01 09:30;1;2;0.5;1.5;10\n';
    const found = value(await readFileColumns(new Blob([csv]), 'odd.csv'));
    expect(found.columns).toEqual(['When', 'Open', 'Hi', 'Lo', 'Close', 'Qty']);
    expect(found.recognized).toEqual({ open: 'Open', close: 'Close' });
    expect(found.names).toBe(FIELD_NAMES);
  });

  it('reads the column names of a Parquet file from its footer', async () => {
    const bytes = await readFile(new URL('../../samples/rivn-1m.parquet', import.meta.url));
    const found = value(await readFileColumns(new Blob([bytes]), 'rivn-1m.parquet'));
    expect(found.recognized).toEqual({
      timestamp: 'timestamp',
      open: 'open',
      high: 'high',
      low: 'low',
      close: 'close',
      volume: 'volume',
    });
  });

  it('answers one line for an empty file or a broken Parquet file', async () => {
    expect(await readFileColumns(new Blob(['\n\n']), 'empty.csv')).toEqual({
      ok: false,
      error: 'empty.csv: the file has no header line',
    });
    const broken = await readFileColumns(new Blob(['PAR1 nope']), 'x.parquet');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error).toMatch(/^x\.parquet: not a Parquet file/);
  });

  it('prefers the first usual name of a field', () => {
    expect(recognizedColumns(['t', 'Time', 'c', 'last'])).toEqual({ timestamp: 'Time', close: 'c' });
  });
});
