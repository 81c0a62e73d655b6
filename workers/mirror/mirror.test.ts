import { describe, expect, it } from 'vitest';
import { backtestOf, configJson, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { readExport } from './export-doc';
import { Mirror } from './mirror';
import { localSeconds, type RowTable } from './row-table';
import { barSeries, chartIntervals } from './series';

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const take = (complete: boolean, consumer = 'ui') => {
    const doc = readExport(parsed(exporter.export({ complete, consumer })));
    if (!doc.ok) throw new Error(doc.error);
    return doc.value;
  };
  return { backtest, take };
}

/** Everything a mirror holds, as plain values, for comparing two mirrors. */
function contents(mirror: Mirror) {
  const columns = (t: RowTable) => t.names.map((_, c) => Array.from(t.column(c)));
  return [...mirror.symbols].map(([symbol, s]) => ({
    symbol,
    metrics: [s.volume, s.high, s.low, s.quality],
    streams: [...s.streams].map(([name, t]) => [name, columns(t)]),
    latest: [...s.latest],
    historical: [...s.historical].map(([name, h]) => [name, h.dates, columns(h.table)]),
  }));
}

describe('mirror', () => {
  it('holds after a complete export and its deltas exactly what a complete export taken at the end holds', () => {
    const { backtest, take } = setup();
    backtest.advance(3);
    const mirror = new Mirror();
    expect(mirror.apply(take(true))).toEqual({ kind: 'complete', sequence: 1 });
    for (const minutes of [1, 5, 2, 17]) {
      backtest.advance(minutes);
      const outcome = mirror.apply(take(false));
      expect(outcome.kind).toBe('delta');
    }
    const end = new Mirror();
    end.apply(take(true, 'check'));
    expect(contents(mirror)).toEqual(contents(end));
    expect(mirror.symbols.get('RIVN')?.streams.get('1m')?.length).toBe(28);
    expect(mirror.rowsHeld).toBe(end.rowsHeld);
  });

  it('reports the rows each delta added, for incremental chart updates', () => {
    const { backtest, take } = setup();
    const mirror = new Mirror();
    mirror.apply(take(true));
    backtest.advance(5);
    const outcome = mirror.apply(take(false));
    if (outcome.kind !== 'delta') throw new Error(outcome.kind);
    expect(outcome.changed).toContainEqual({ symbol: 'RIVN', stream: '1m', from: 0, to: 5 });
    expect(outcome.changed).toContainEqual({ symbol: 'RIVN', stream: '5m', from: 0, to: 1 });
  });

  it('detects a missing delta and changes nothing', () => {
    const { backtest, take } = setup();
    const mirror = new Mirror();
    mirror.apply(take(true));
    backtest.advance(2);
    take(false); // lost on the way
    backtest.advance(2);
    const before = contents(mirror);
    expect(mirror.apply(take(false))).toEqual({
      kind: 'resync',
      reason: 'export #3 follows #2, but the last one applied is #1',
    });
    expect(contents(mirror)).toEqual(before);
  });

  it('asks for a complete export when a new session starts', () => {
    const { backtest, take } = setup();
    const mirror = new Mirror();
    mirror.apply(take(true));
    backtest.advance(391);
    const outcome = mirror.apply(take(false));
    expect(outcome).toEqual({ kind: 'resync', reason: 'a new session started (session 1 -> 2)' });
    expect(mirror.apply(take(true)).kind).toBe('complete');
    expect(mirror.sessionDate).toBe('2025-07-02');
    expect(mirror.symbols.get('RIVN')?.streams.get('1m')?.length).toBe(1);
  });

  it('refuses a delta before any complete export', () => {
    const { backtest, take } = setup();
    backtest.advance(1);
    expect(new Mirror().apply(take(false))).toEqual({
      kind: 'resync',
      reason: 'no complete export has been applied yet',
    });
  });

  it('places session times on the session date and history on its own dates, as exchange-local seconds', () => {
    const { backtest, take } = setup();
    backtest.advance(1);
    const mirror = new Mirror();
    mirror.apply(take(true));
    const rivn = mirror.symbols.get('RIVN');
    expect(rivn?.streams.get('1m')?.column(0)[0]).toBe(Date.UTC(2025, 6, 1, 9, 30) / 1000);
    expect(rivn?.historical.get('1m')?.table.column(0)[0]).toBe(Date.UTC(2025, 5, 16, 9, 30) / 1000);
    expect(rivn?.historical.get('1d')?.table.column(0)[29]).toBe(Date.UTC(2025, 5, 30) / 1000);
    expect(localSeconds('09:31:02.5', '2025-07-01')).toBe(Date.UTC(2025, 6, 1, 9, 31, 2, 500) / 1000);
    const ticks = rivn?.streams.get('ticks');
    expect(ticks?.text(ticks.column(3)[0] as number)).toMatch(/^[A-Z]$/);
  });
});

describe('reading a file as an export', () => {
  it('says in one line why a file is not an export', () => {
    expect(readExport([1, 2])).toEqual({
      ok: false,
      error:
        'not a Session Tape export: the file does not hold a JSON object (expected a status export 2.0 JSON file with _metadata and session_data)',
    });
    expect(readExport({ _metadata: { mode: 'complete' } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('there is no session_data ('),
    });
    const broken = {
      _metadata: { mode: 'delta' },
      session_data: {
        symbols: {
          X: { session: { data: { '1m': { count: 2, total_count: 2, data: [[null, 1, 1, 1, 1, 1]] } } } },
        },
      },
    };
    expect(readExport(broken)).toMatchObject({
      ok: false,
      error: expect.stringContaining('says count 2 but holds 1 rows'),
    });
  });

  it('accepts the original system format without the 2.0 extensions', () => {
    const original = {
      _metadata: { generated_at: '2025-12-03T14:15:45-04:00', version: '2.0', delta: true, complete: false },
      time_manager: { current_session: { date: '2025-07-01' } },
      session_data: {
        symbols: {
          RIVN: {
            session: {
              volume: 10,
              high: 1.5,
              low: 1.2,
              quality: 100,
              data: { '1m': { count: 1, total_count: 1, data: [['09:30:00', 1.2, 1.5, 1.2, 1.4, 10]] } },
            },
          },
        },
      },
    };
    const doc = readExport(original);
    expect(doc).toMatchObject({
      ok: true,
      value: { meta: { mode: 'delta', sequence: null, sessionId: null } },
    });
  });
});

describe('every interval', () => {
  it('a session of second, minute, hour, day and week bars offers each one to chart, shortest first', () => {
    const backtest = backtestOf(
      configJson((c) => {
        c.backtest_config.start_date = '2025-07-03'; // closes early; its week ends that day (July 4 is a holiday)
        c.backtest_config.end_date = '2025-07-03';
        c.session_data_config.symbols = ['AAPL'];
        // The built-in strategy trades RIVN, which this session leaves out.
        delete c.session_data_config.strategies;
        c.session_data_config.streams = ['1w', '1d', '1h', '5m', '1m', '30s', 'ticks'];
        c.session_data_config.historical = {
          enabled: true,
          data: [
            { interval: '1s', trailing_days: 1 },
            { interval: '1d', trailing_days: 10 },
            { interval: '1w', trailing_days: 20 },
          ],
        };
      }),
    );
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 3, 18, 0, 0));
    backtest.start();
    backtest.advance(210);
    const doc = readExport(parsed(exporter.export({ complete: true, consumer: 'ui' })));
    if (!doc.ok) throw new Error(doc.error);
    const mirror = new Mirror();
    mirror.apply(doc.value);
    const aapl = mirror.symbols.get('AAPL');
    if (!aapl) throw new Error('no AAPL');
    expect(chartIntervals(aapl)).toEqual(['1s', '30s', '1m', '5m', '1h', '1d', '1w']);
    // The day's and the week's bar are there at the close, dated; history comes first on the chart.
    expect(aapl.streams.get('1d')?.length).toBe(1);
    expect(aapl.streams.get('1w')?.length).toBe(1);
    expect(aapl.streams.get('1h')?.length).toBe(4);
    expect(aapl.streams.get('30s')?.length).toBe(420);
    const weeks = barSeries(aapl, '1w');
    expect(weeks.historyCount).toBe(3); // the weeks of 06-09, 06-16 (holiday Thursday) and 06-23, whole
    expect(weeks.total).toBe(4);
    expect(weeks.time.at(-1)).toBe(localSeconds('2025-06-30', null));
  });
});
