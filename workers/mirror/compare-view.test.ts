// The compare overlay's part of a view read: a second symbol's closes at the chart's interval, whole, then
// only those after the ones the reader holds; none for a symbol the mirror does not hold.
import { describe, expect, it } from 'vitest';
import { backtestOf, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { readExport } from './export-doc';
import { handFed } from './live-link.test-support';
import { Mirror } from './mirror';
import { createMirrorApi } from './mirror-api';
import { readView, viewBuffers } from './view';

async function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const api = createMirrorApi();
  const feed = handFed(api);
  const sync = async (complete: boolean) => {
    const result = exporter.export({ complete, consumer: 'ui' });
    if (!result.ok) throw new Error(result.error);
    await feed.send(result.value);
  };
  return { backtest, api, sync };
}

describe('compare read', () => {
  it("gives the compare symbol's closes at the chart's interval, then only the new ones", async () => {
    const { backtest, api, sync } = await setup();
    backtest.advance(4);
    await sync(true);
    const first = api.view({
      source: 'live',
      symbol: 'RIVN',
      interval: '1m',
      shown: null,
      compare: { symbol: 'AAPL', shown: null },
    });
    const aapl = api.view({ source: 'live', symbol: 'AAPL', interval: '1m', shown: null }).series;
    expect(first.symbol).toBe('RIVN');
    expect(first.compare).toMatchObject({ symbol: 'AAPL', appended: false, from: 0, total: aapl?.total });
    expect(Array.from(first.compare?.close ?? [])).toEqual(Array.from(aapl?.close ?? []));
    expect(Array.from(first.compare?.time ?? [])).toEqual(Array.from(aapl?.time ?? []));
    // Its columns are the read's own, transferred with the rest.
    const buffers = viewBuffers(first);
    expect(buffers).toContain(first.compare?.close.buffer);
    expect(buffers).toContain(first.compare?.time.buffer);
    backtest.advance(2);
    await sync(false);
    const shown = { key: first.compare?.key ?? '', sequence: 1, total: first.compare?.total ?? 0 };
    const next = api.view({
      source: 'live',
      symbol: 'RIVN',
      interval: '1m',
      shown: null,
      compare: { symbol: 'AAPL', shown },
    });
    expect(next.compare).toMatchObject({ appended: true, from: shown.total, total: shown.total + 2 });
    expect(next.compare?.close.length).toBe(2);
    // At another interval the key differs: the whole series at that interval.
    const fives = api.view({
      source: 'live',
      symbol: 'RIVN',
      interval: '5m',
      shown: null,
      compare: { symbol: 'AAPL', shown },
    });
    expect(fives.compare).toMatchObject({ appended: false, from: 0 });
    // Not asked, or not held: none.
    expect(api.view({ source: 'live', symbol: 'RIVN', interval: '1m', shown: null }).compare).toBeNull();
    const unknown = api.view({
      source: 'live',
      symbol: 'RIVN',
      interval: '1m',
      shown: null,
      compare: { symbol: 'NOPE', shown: null },
    });
    expect(unknown.compare).toBeNull();
  });

  it("copies only the compare symbol's times and closes, whole and then only the new ones", () => {
    const backtest = backtestOf();
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
    backtest.start();
    backtest.advance(4);
    const mirror = new Mirror();
    const take = (complete: boolean) => {
      const doc = readExport(parsed(exporter.export({ complete, consumer: 'ui' })));
      if (!doc.ok) throw new Error(doc.error);
      mirror.apply(doc.value);
    };
    take(true);
    // Which columns of AAPL's 1m bars (its history's and its session's) a read copies: the overlay draws
    // time (0) and close (4); open, high, low and volume are not its to copy.
    const read = new Set<number>();
    const aapl = mirror.symbols.get('AAPL');
    const tables = [aapl?.historical.get('1m')?.table, aapl?.streams.get('1m')];
    expect(tables.every((t) => t !== undefined)).toBe(true);
    for (const table of tables) {
      if (!table) continue;
      const column = table.column.bind(table);
      table.column = (index: number) => {
        read.add(index);
        return column(index);
      };
    }
    const query = { source: 'live', symbol: 'RIVN', interval: '1m', shown: null } as const;
    const first = readView(mirror, { ...query, compare: { symbol: 'AAPL', shown: null } }).compare;
    expect([...read].sort()).toEqual([0, 4]);
    expect(Object.keys(first ?? {}).sort()).toEqual([
      'appended',
      'close',
      'from',
      'key',
      'symbol',
      'time',
      'total',
    ]);
    // Each column the read's own, just long enough for its bars: nothing else rides along in its buffer.
    expect(first?.close.buffer.byteLength).toBe((first?.total ?? 0) * 8);
    expect(first?.time.buffer.byteLength).toBe((first?.total ?? 0) * 8);
    // The next read, after a delta of one minute, copies one bar of the same two columns.
    backtest.advance(1);
    take(false);
    read.clear();
    const shown = { key: first?.key ?? '', sequence: 1, total: first?.total ?? 0 };
    const next = readView(mirror, { ...query, compare: { symbol: 'AAPL', shown } }).compare;
    expect([...read].sort()).toEqual([0, 4]);
    expect(next).toMatchObject({ appended: true, from: shown.total, total: shown.total + 1 });
    expect(next?.close.buffer.byteLength).toBe(8);
    expect(next?.time.buffer.byteLength).toBe(8);
  });
});
