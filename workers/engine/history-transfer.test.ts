import { describe, expect, it } from 'vitest';
import { tradingDay } from './calendar';
import { BarColumns } from './columns';
import { loadHistorical, rollHistorical } from './historical';
import { historyFromPlain, type PlainSeries, plainHistory } from './history-transfer';
import { generatorSource } from './market-source';
import type { HistoricalSeries } from './session-store';

const MARKET = { seed: 3, gapRate: 0.05 };
const REQUESTS = [
  { interval: '1m', trailingDays: 3, symbols: 'all' as const },
  { interval: '1d', trailingDays: 10, symbols: 'all' as const },
  { interval: '1w', trailingDays: 15, symbols: 'all' as const },
];
const load = (date = '2025-07-02') => loadHistorical('TSLA', date, REQUESTS, generatorSource(MARKET));

/** Every byte of every column, room included: what a copy or a lost capacity would change. */
const bytesOf = (bars: BarColumns) =>
  [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume].map((c) =>
    Array.from(new Uint8Array(c.buffer, c.byteOffset, bars.rowCapacity * 8)),
  );

/** The series as they arrive in another thread: structured-cloned with their buffers transferred. */
function crossed(series: HistoricalSeries[]): unknown {
  const { plain, transfer } = plainHistory(series);
  return structuredClone(plain, { transfer });
}

describe('history crossing threads', () => {
  it('arrives with the same rows, dates, length and room, and leaves nothing behind with the sender', () => {
    const sent = load();
    const expected = load();
    const received = historyFromPlain(crossed(sent));
    expect(received.ok).toBe(true);
    if (!received.ok) return;
    expect(received.value.map((s) => s.interval)).toEqual(['1m', '1d', '1w']);
    received.value.forEach((series, i) => {
      const want = expected[i] as HistoricalSeries;
      expect(series.dates).toEqual(want.dates);
      expect(series.bars.length).toBe(want.bars.length);
      expect(series.bars.rowCapacity).toBe(want.bars.rowCapacity);
      // Weekly series are made at exact size (they are always copied); the others with room for days to come.
      if (series.interval !== '1w') expect(series.bars.room).toBeGreaterThan(0);
      expect(bytesOf(series.bars)).toEqual(bytesOf(want.bars));
    });
    // Transferred, not copied: the sender's columns are detached.
    for (const { bars } of sent) expect(bars.time.byteLength).toBe(0);
  });

  it('moves on to the next day in the room it arrived with, without a copy', () => {
    const received = historyFromPlain(crossed(load('2025-07-02')));
    if (!received.ok) throw new Error(received.error);
    const previous = new Map(received.value.map((s) => [s.interval, s]));
    const finished = generatorSource(MARKET).day('TSLA', tradingDay('2025-07-02'));
    const rolled = rollHistorical('TSLA', '2025-07-03', REQUESTS, previous, finished);
    expect(rolled).not.toBeNull();
    const fresh = load('2025-07-03');
    rolled?.forEach((series, i) => {
      const want = fresh[i] as HistoricalSeries;
      expect(series.dates).toEqual(want.dates);
      expect(bytesOf(series.bars).map((c) => c.slice(0, series.bars.length * 8))).toEqual(
        bytesOf(want.bars).map((c) => c.slice(0, want.bars.length * 8)),
      );
    });
    // The minute series is a view over the received memory: the room was kept across the boundary.
    expect(rolled?.[0]?.bars.time.buffer).toBe(previous.get('1m')?.bars.time.buffer);
  });

  it('owns the memory of a fresh load it received, not of columns packed in one buffer', () => {
    const received = historyFromPlain(crossed(load()));
    if (!received.ok) throw new Error(received.error);
    // Each column a whole buffer of its own: its rows may later move back in that memory (withRoom).
    expect(received.value.map((s) => s.bars.ownsMemory)).toEqual([true, true, true]);
    // Six columns in one buffer (a view of streams opened together) are taken, but not as owned memory.
    const [shared] = BarColumns.inOneBuffer([8]) as [BarColumns];
    shared.append(1, 1, 1, 1, 1, 1);
    const { plain, transfer } = plainHistory([{ interval: '1m', bars: shared, dates: ['2025-07-01'] }]);
    const packed = historyFromPlain(structuredClone(plain, { transfer }));
    if (!packed.ok) throw new Error(packed.error);
    expect(packed.value[0]?.bars.ownsMemory).toBe(false);
    // Two series whose columns are the same buffers: neither owns them.
    const one = plainHistory(load()).plain[0] as PlainSeries;
    const twice = historyFromPlain([one, { ...one, interval: '5m' }]);
    if (!twice.ok) throw new Error(twice.error);
    expect(twice.value.map((s) => s.bars.ownsMemory)).toEqual([false, false]);
  });

  it('sends a view and columns sharing one buffer, naming each buffer once', () => {
    const [shared] = BarColumns.inOneBuffer([8]) as [BarColumns];
    for (let i = 0; i < 6; i++) shared.append(i, i + 1, i + 2, i, i + 1, 100 * i);
    const tail = shared.tailFrom(2);
    const { plain, transfer } = plainHistory([{ interval: '1m', bars: tail, dates: ['2025-07-01'] }]);
    expect(transfer).toHaveLength(1);
    const received = historyFromPlain(structuredClone(plain, { transfer }));
    if (!received.ok) throw new Error(received.error);
    const bars = received.value[0]?.bars as BarColumns;
    expect([bars.length, bars.rowCapacity]).toEqual([4, 6]);
    expect(Array.from(bars.volume.subarray(0, bars.length))).toEqual([200, 300, 400, 500]);
  });

  it('refuses what it did not make, naming the series and the fault, and makes no series', () => {
    const columnsOf = (make: () => Float64Array) =>
      Object.fromEntries(['time', 'open', 'high', 'low', 'close', 'volume'].map((name) => [name, make()]));
    /** One good series whose close column is its open column. */
    const aliased = () => {
      const series = good()[0] as PlainSeries;
      return { ...series, columns: { ...series.columns, close: series.columns.open } };
    };
    const overlapping = () => {
      const buffer = new ArrayBuffer(8 * 5);
      const columns = columnsOf(() => new Float64Array(4));
      columns.time = new Float64Array(buffer, 0, 4);
      columns.open = new Float64Array(buffer, 8, 4);
      return columns;
    };
    const good = (): PlainSeries[] => plainHistory(load()).plain;
    const cases: [unknown, string][] = [
      [{}, 'received history is not a list of series'],
      [[null], 'series 1 is not an object'],
      [[{ ...good()[0], interval: 7 }], 'series 1 has no interval'],
      [[good()[0], { ...good()[1], dates: [1] }], 'series 2 (1d) has no list of dates'],
      [
        [{ ...good()[0], columns: { ...good()[0]?.columns, low: [1, 2] } }],
        'series 1 (1m) has no low column of 64-bit floats',
      ],
      [
        [{ ...good()[0], columns: { ...good()[0]?.columns, close: new Float64Array(3) } }],
        'series 1 (1m) has columns of different lengths',
      ],
      [[{ ...good()[0], length: 1e9 }], 'series 1 (1m) says it holds 1000000000 rows in columns of'],
      [[{ ...good()[0], length: 2.5 }], 'series 1 (1m) says it holds 2.5 rows'],
      [
        [{ ...good()[0], length: 0, columns: columnsOf(() => new Float64Array(0)) }],
        'series 1 (1m) has columns with no room for a row',
      ],
      [[aliased()], 'series 1 (1m) has its open and close columns over the same memory'],
      [
        // Two views of one buffer, the second a row into the first.
        [{ ...good()[0], length: 1, columns: overlapping() }],
        'series 1 (1m) has its time and open columns over the same memory',
      ],
      [
        [
          {
            ...good()[0],
            length: 1,
            columns: columnsOf(() => new Float64Array(new SharedArrayBuffer(8 * 4))),
          },
        ],
        'series 1 (1m) has its time column in shared memory',
      ],
    ];
    for (const [plain, message] of cases) {
      const result = historyFromPlain(plain);
      expect(result.ok, message).toBe(false);
      if (!result.ok) expect(result.error).toContain(message);
    }
  });
});
