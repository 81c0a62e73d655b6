import { describe, expect, it } from 'vitest';
import { alignRows, readIndicatorKey } from './indicator-lines';
import { Mirror, type MirrorIndicator, type SymbolState } from './mirror';
import { RowTable } from './row-table';
import { readView } from './view';

const OPEN = Date.UTC(2025, 6, 1, 9, 30) / 1000;
const BAR_COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];
const minute = (n: number) => OPEN + n * 60;

function bars(times: number[]): RowTable {
  const table = new RowTable(BAR_COLUMNS);
  table.append(
    times.map((t, i) => [t, 10 + i, 11 + i, 9 + i, 10.5 + i, 100]),
    null,
  );
  return table;
}

function indicator(key: string, interval: string | null, rows: [number, ...number[]][], outputs = ['value']) {
  const series = new RowTable(['timestamp', ...outputs]);
  series.append(rows, null);
  const held: MirrorIndicator = {
    key,
    name: null,
    type: null,
    interval,
    config: null,
    value: rows.at(-1)?.[1] ?? null,
    valid: true,
    lastUpdated: null,
    series,
  };
  return held;
}

/** A mirror holding one symbol with these streams, history and indicators. */
function mirrorOf(parts: {
  streams: Record<string, RowTable>;
  history?: Record<string, RowTable>;
  indicators: MirrorIndicator[];
}): Mirror {
  const mirror = new Mirror();
  const state: SymbolState = {
    volume: 0,
    high: null,
    low: null,
    quality: 100,
    streams: new Map(Object.entries(parts.streams)),
    latest: new Map(),
    historical: new Map(Object.entries(parts.history ?? {}).map(([k, table]) => [k, { table, dates: [] }])),
    historicalRange: null,
    indicators: new Map(parts.indicators.map((i) => [i.key, i])),
    historicalIndicators: new Map(),
  };
  mirror.symbols.set('AAPL', state);
  mirror.sessionDate = '2025-07-01';
  return mirror;
}

const read = (mirror: Mirror, interval: string, shown: { key: string; total: number } | null = null) =>
  readView(mirror, {
    source: 'offline',
    symbol: 'AAPL',
    interval,
    shown: shown && { ...shown, sequence: null },
  });

const valuesOf = (line: Float64Array | undefined) =>
  Array.from(line ?? [], (v) => (Number.isNaN(v) ? null : v));

describe('indicator lines', () => {
  it('reads name and interval from a key', () => {
    expect(readIndicatorKey('sma_20_5m')).toEqual({ name: 'sma', interval: '5m' });
    expect(readIndicatorKey('vwap_1m')).toEqual({ name: 'vwap', interval: '1m' });
    expect(readIndicatorKey('volume_ratio_20_1m')).toEqual({ name: 'volume_ratio', interval: '1m' });
    expect(readIndicatorKey('custom')).toEqual({ name: 'custom', interval: null });
  });

  it('takes, for each bar, the last row closed by its close', () => {
    // 1m bars at 0..3, rows of 2m at 0 and 2: bar 1 (closes at 2) gets row 0, bar 3 gets row 2.
    expect(Array.from(alignRows([0, 60, 120, 180], 60, [0, 120], 120))).toEqual([-1, 0, 0, 1]);
    expect(Array.from(alignRows([], 60, [0], 60))).toEqual([]);
    expect(Array.from(alignRows([600], 60, [], 60))).toEqual([-1]);
  });

  it("counts a day's shorter last bar known at the close, and an early close's rows by the day's last bar", () => {
    const at = (day: number, h: number, m: number) => Date.UTC(2025, 6, day, h, m) / 1000;
    // 1h rows at 14:30 and 15:30 (30 minutes long) on 5m bars: the 15:30 one is known at 16:00.
    const fiveMinutes = [at(1, 15, 50), at(1, 15, 55)];
    expect(Array.from(alignRows(fiveMinutes, 300, [at(1, 14, 30), at(1, 15, 30)], 3600))).toEqual([0, 1]);
    // An early close (13:00): the 12:30 row shows on the day's last 1m bar, before the next day's first.
    const early = [at(3, 12, 58), at(3, 12, 59), at(7, 9, 30)];
    expect(Array.from(alignRows(early, 60, [at(3, 11, 30), at(3, 12, 30)], 3600))).toEqual([0, 1, 1]);
    // A day's bar (stamped at midnight) is known at that day's close, on its last bar.
    expect(Array.from(alignRows([at(1, 15, 58), at(1, 15, 59)], 60, [at(1, 0, 0)], 86_400))).toEqual([-1, 0]);
  });

  it('lines up an indicator of the same interval bar for bar', () => {
    const mirror = mirrorOf({
      streams: { '1m': bars([minute(0), minute(1), minute(2)]) },
      indicators: [indicator('sma_2_1m', '1m', [[minute(1), 5.5] as [number, number], [minute(2), 6.5]])],
    });
    const view = read(mirror, '1m');
    expect(view.indicators).toHaveLength(1);
    const [sma] = view.indicators;
    expect(sma).toMatchObject({ key: 'sma_2_1m', name: 'sma', interval: '1m', placement: 'price' });
    expect(sma?.outputs).toEqual(['value']);
    expect(valuesOf(sma?.values[0])).toEqual([null, 5.5, 6.5]);
  });

  it('steps a longer interval at its close on a shorter chart (no look-ahead)', () => {
    const mirror = mirrorOf({
      streams: { '1m': bars(Array.from({ length: 11 }, (_, i) => minute(i))) },
      indicators: [
        indicator('sma_20_5m', '5m', [
          [minute(0), 1],
          [minute(5), 2],
        ]),
      ],
    });
    const [sma] = read(mirror, '1m').indicators;
    // The 9:30 5m bar closes at 9:35: the 9:34 minute bar (closing at 9:35) is the first to have it.
    expect(valuesOf(sma?.values[0])).toEqual([null, null, null, null, 1, 1, 1, 1, 1, 2, 2]);
  });

  it("takes a shorter interval's value at the longer bar's last part", () => {
    const minutes = Array.from({ length: 10 }, (_, i) => [minute(i), i] as [number, number]);
    const mirror = mirrorOf({
      streams: { '5m': bars([minute(0), minute(5)]) },
      indicators: [indicator('vwap_1m', '1m', minutes)],
    });
    const [vwap] = read(mirror, '5m').indicators;
    expect(vwap?.placement).toBe('price');
    expect(valuesOf(vwap?.values[0])).toEqual([4, 9]);
  });

  it('gives every output, takes the interval from the key, and draws unknown names in a pane', () => {
    const mirror = mirrorOf({
      streams: { '1m': bars([minute(0), minute(1)]) },
      indicators: [
        indicator('macd_1m', null, [[minute(0), 1, 2, -1]], ['macd', 'signal', 'histogram']),
        indicator('mystery_3_1m', null, [[minute(1), 7]]),
      ],
    });
    const [macd, mystery] = read(mirror, '1m').indicators;
    expect(macd).toMatchObject({ name: 'macd', interval: '1m', placement: 'pane' });
    expect(macd?.outputs).toEqual(['macd', 'signal', 'histogram']);
    expect(macd?.values.map(valuesOf)).toEqual([
      [1, 1],
      [2, 2],
      [-1, -1],
    ]);
    expect(mystery).toMatchObject({ name: 'mystery', placement: 'pane' });
    expect(valuesOf(mystery?.values[0])).toEqual([null, 7]);
  });

  it('leaves the history part NaN and lines up the session after it', () => {
    const history = bars([minute(-60 * 24), minute(-60 * 24 + 1)]);
    const mirror = mirrorOf({
      streams: { '1m': bars([minute(0), minute(1)]) },
      history: { '1m': history },
      indicators: [
        indicator('rsi_14_1m', '1m', [
          [minute(0), 40],
          [minute(1), 45],
        ]),
      ],
    });
    const view = read(mirror, '1m');
    expect(view.series?.historyCount).toBe(2);
    const [rsi] = view.indicators;
    expect(valuesOf(rsi?.values[0])).toEqual([null, null, 40, 45]);
  });

  it('gives only the appended bars their values, and reads whole when the indicators change', () => {
    const session = bars([minute(0), minute(1)]);
    const sma = indicator('sma_2_1m', '1m', [
      [minute(0), 1],
      [minute(1), 2],
    ]);
    const mirror = mirrorOf({ streams: { '1m': session }, indicators: [sma] });
    const first = read(mirror, '1m');
    session.append(
      [
        [minute(2), 1, 1, 1, 1, 1],
        [minute(3), 1, 1, 1, 1, 1],
      ],
      null,
    );
    sma.series.append(
      [
        [minute(2), 3],
        [minute(3), 4],
      ],
      null,
    );
    const next = read(mirror, '1m', { key: first.key, total: 2 });
    expect(next.appended).toBe(true);
    expect(next.series?.from).toBe(2);
    expect(valuesOf(next.indicators[0]?.values[0])).toEqual([3, 4]);
    // A new indicator changes the series' key: the chart loads it whole, not from the middle.
    mirror.symbols.get('AAPL')?.indicators.set('vwap_1m', indicator('vwap_1m', '1m', [[minute(3), 9]]));
    const again = read(mirror, '1m', { key: next.key, total: 4 });
    expect(again.appended).toBe(false);
    expect(again.indicators.map((i) => valuesOf(i.values[0]))).toEqual([
      [1, 2, 3, 4],
      [null, null, null, 9],
    ]);
  });
});
