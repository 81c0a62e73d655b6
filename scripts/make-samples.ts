// Writes the small example bar files the README documents (samples/): one-minute RIVN bars for
// 2025-06-30 (history for the demo session) and 2025-07-01 to 2025-07-03, as CSV and as Parquet.
// Run with `npx tsx scripts/make-samples.ts`; the files are committed.
import { writeFileSync } from 'node:fs';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { formatIsoWithOffset, tradingDay } from '../workers/engine/calendar';
import { generateDay } from '../workers/engine/market-data';

const rows: { time: number; open: number; high: number; low: number; close: number; volume: number }[] = [];
for (const date of ['2025-06-30', '2025-07-01', '2025-07-02', '2025-07-03']) {
  // A different seed from the built-in market, so the imported prices are visibly not the generator's.
  const day = generateDay('RIVN', tradingDay(date), { seed: 2024, gapRate: 0.01 });
  for (let i = 0; i < day.bars.length; i++) {
    rows.push({
      time: day.bars.time[i] as number,
      open: day.bars.open[i] as number,
      high: day.bars.high[i] as number,
      low: day.bars.low[i] as number,
      close: day.bars.close[i] as number,
      volume: day.bars.volume[i] as number,
    });
  }
}

const csv = ['timestamp,open,high,low,close,volume'];
for (const r of rows)
  csv.push([formatIsoWithOffset(r.time), r.open, r.high, r.low, r.close, r.volume].join(','));
writeFileSync('samples/rivn-1m.csv', `${csv.join('\n')}\n`);

const parquet = parquetWriteBuffer({
  columnData: [
    { name: 'timestamp', data: rows.map((r) => new Date(r.time)), type: 'TIMESTAMP' },
    { name: 'open', data: rows.map((r) => r.open), type: 'DOUBLE' },
    { name: 'high', data: rows.map((r) => r.high), type: 'DOUBLE' },
    { name: 'low', data: rows.map((r) => r.low), type: 'DOUBLE' },
    { name: 'close', data: rows.map((r) => r.close), type: 'DOUBLE' },
    { name: 'volume', data: rows.map((r) => BigInt(r.volume)), type: 'INT64' },
  ],
});
writeFileSync('samples/rivn-1m.parquet', new Uint8Array(parquet));
console.log(`${rows.length} bars written to samples/rivn-1m.csv and samples/rivn-1m.parquet`);
