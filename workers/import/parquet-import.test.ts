import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { importParquet } from './parquet-import';

const OPEN = Date.UTC(2025, 6, 1, 13, 30);

describe('Parquet import', () => {
  it('reads bars with timestamps as TIMESTAMP, checking rows like CSV', async () => {
    const times = [0, 1, 2, 2, 3].map((m) => new Date(OPEN + m * 60_000));
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'timestamp', data: times, type: 'TIMESTAMP' },
        { name: 'open', data: [10, 10.1, 10.2, 10.2, 10.3], type: 'DOUBLE' },
        { name: 'high', data: [10.5, 10.6, 10.7, 10.7, 10.1], type: 'DOUBLE' },
        { name: 'low', data: [9.9, 10, 10.1, 10.1, 10.2], type: 'DOUBLE' },
        { name: 'close', data: [10.1, 10.2, 10.3, 10.3, 10.2], type: 'DOUBLE' },
        { name: 'volume', data: [100n, 200n, 300n, 300n, 400n], type: 'INT64' },
      ],
    });
    const result = await importParquet(new Blob([buffer]), 'RIVN');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.report).toMatchObject({ rowsRead: 5, barsKept: 3, dates: ['2025-07-01'] });
    expect(result.value.report.badRows).toEqual([
      { line: 4, reason: '2025-07-01 09:32 repeats the time of line 3' },
      { line: 5, reason: 'high 10.1 is below low 10.2' },
    ]);
    expect(result.value.bars.days.get('2025-07-01')?.volume[2]).toBe(300);
  });

  it('refuses a file that is not Parquet, or lacks a column', async () => {
    expect(await importParquet(new Blob(['time,open\n']), 'RIVN')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^not a Parquet file/),
    });
    const buffer = parquetWriteBuffer({ columnData: [{ name: 'price', data: [1, 2], type: 'DOUBLE' }] });
    expect(await importParquet(buffer, 'RIVN')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^no column for timestamp/),
    });
  });
});
