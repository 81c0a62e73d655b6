import { describe, expect, it } from 'vitest';
import { ROLL_ROOM_DAYS } from '../engine/historical';
import { at, backtestOf, configJson, parsed, textOf } from './export.test-support';
import { EXPORT_CANCELLED, Exporter } from './exporter';

// 2025-12-03 14:15:30 in New York (EST, -05:00).
const DEC_3 = Date.UTC(2025, 11, 3, 19, 15, 30);

function setup(json = configJson()) {
  const backtest = backtestOf(json);
  const exporter = new Exporter(backtest, () => DEC_3);
  return { backtest, exporter };
}

const RIVN = 'session_data.symbols.RIVN';

interface AnalysisSection {
  strategies: Record<
    string,
    { signals: { count: number; data?: unknown[] }; orders: { count: number; data?: unknown[] } }
  >;
  equity: { count: number; data?: unknown[] };
}

/** The analysis section's stream blocks with their changed paths, in document order (section 10.1). */
function analysisBlocks(doc: Record<string, unknown>): [string, { count: number; data?: unknown[] }][] {
  const analysis = doc.analysis as AnalysisSection;
  return [
    ...Object.entries(analysis.strategies).flatMap(([module, s]) => [
      [`analysis.strategies.${module}.signals`, s.signals] as const,
      [`analysis.strategies.${module}.orders`, s.orders] as const,
    ]),
    ['analysis.equity', analysis.equity] as const,
  ].map(([path, block]) => [path, block]);
}

/** The changed paths a delta names for the built-in session's strategies: those of blocks with rows. */
const analysisPaths = (doc: Record<string, unknown>): string[] =>
  analysisBlocks(doc)
    .filter(([, block]) => block.count > 0)
    .map(([path]) => path);

describe('export document', () => {
  it('has the top-level sections in the contract order, session_config only in complete exports', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(1);
    expect(Object.keys(parsed(exporter.export({ complete: true })))).toEqual([
      '_metadata',
      'system_manager',
      'time_manager',
      'performance_metrics',
      'threads',
      'session_config',
      'session_data',
      'analysis',
    ]);
    expect(Object.keys(parsed(exporter.export({ complete: false })))).toEqual([
      '_metadata',
      'system_manager',
      'time_manager',
      'performance_metrics',
      'threads',
      'session_data',
      'analysis',
    ]);
  });

  it('writes every _metadata field in both modes', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(1);
    const complete = parsed(exporter.export({ complete: true }))._metadata;
    expect(complete).toEqual({
      generated_at: '2025-12-03T14:15:30-05:00',
      version: '2.0',
      mode: 'complete',
      delta: false,
      complete: true,
      diff_mode: false,
      last_update: null,
      changed_paths: [],
      consumer: 'default',
      sequence: 1,
      previous_sequence: null,
      session_id: 1,
      market_time: '2025-07-01T09:31:00',
      excluded: [],
    });
    // Key order too: toEqual alone would accept any order.
    expect(Object.keys(complete as object)).toEqual([
      'generated_at',
      'version',
      'mode',
      'delta',
      'complete',
      'diff_mode',
      'last_update',
      'changed_paths',
      'consumer',
      'sequence',
      'previous_sequence',
      'session_id',
      'market_time',
      'excluded',
    ]);
    backtest.advance(1);
    const deltaDoc = parsed(exporter.export({ complete: false }));
    const delta = deltaDoc._metadata;
    expect(delta).toEqual({
      generated_at: '2025-12-03T14:15:30-05:00',
      version: '2.0',
      mode: 'delta',
      delta: true,
      complete: false,
      diff_mode: true,
      last_update: '2025-12-03T14:15:30-05:00',
      // Each symbol's new rows: its streams', then the series of the built-in session's 1m indicator.
      changed_paths: ['RIVN', 'AAPL', 'TSLA']
        .flatMap((s) => [
          ...['1m', 'ticks', 'quotes'].map((k) => `session_data.symbols.${s}.session.data.${k}`),
          `session_data.symbols.${s}.indicators.vwap_1m.series`,
        ])
        .concat(analysisPaths(deltaDoc)),
      consumer: 'default',
      sequence: 2,
      previous_sequence: 1,
      session_id: 1,
      market_time: '2025-07-01T09:32:00',
      excluded: [],
    });
  });

  it('matches the seed example: one new bar is count 1, no new derived bar is count 0 without data', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(389);
    exporter.export({ complete: true });
    backtest.advance(1);
    const doc = parsed(exporter.export({ complete: false }));
    // A regular session has 390 one-minute bars; the seed's "391" cannot occur, the shape can.
    expect(at(doc, `${RIVN}.session.data.1m.count`)).toBe(1);
    expect(at(doc, `${RIVN}.session.data.1m.total_count`)).toBe(390);
    expect((at(doc, `${RIVN}.session.data.1m.data`) as unknown[]).length).toBe(1);
    backtest.advance(1); // the next day opens: no bar completes in this minute for 5m
    const next = parsed(exporter.export({ complete: false }));
    expect(at(next, `${RIVN}.session.data.5m`)).toEqual({
      count: 0,
      total_count: 0,
      generated: true,
      columns: ['timestamp', 'open', 'high', 'low', 'close', 'volume'],
    });
  });

  it('names the columns of every stream and marks derived intervals as generated', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(15);
    const doc = parsed(exporter.export({ complete: true }));
    const data = at(doc, `${RIVN}.session.data`) as Record<string, Record<string, unknown>>;
    expect(Object.keys(data)).toEqual(['1m', '5m', '15m', 'ticks', 'quotes']);
    expect(data['1m']?.generated).toBe(false);
    expect(data['5m']?.generated).toBe(true);
    expect(data['5m']?.columns).toEqual(['timestamp', 'open', 'high', 'low', 'close', 'volume']);
    expect(data.ticks?.columns).toEqual(['timestamp', 'price', 'size', 'exchange']);
    expect(data.quotes?.columns).toEqual(['timestamp', 'bid', 'ask', 'bid_size', 'ask_size']);
    expect(Object.keys(data.ticks ?? {})).toEqual(['count', 'total_count', 'columns', 'data', 'latest']);
    expect(Object.keys(data['1m'] ?? {})).toEqual(['count', 'total_count', 'generated', 'columns', 'data']);
    expect(at(doc, `${RIVN}.historical.data.1d.columns`)).toEqual([
      'date',
      'open',
      'high',
      'low',
      'close',
      'volume',
    ]);
    expect(data['5m']?.data).toHaveLength(3);
    expect(at(doc, `${RIVN}.session.data.5m.data.1.0`)).toBe('09:35:00');
  });

  it('sends history whole in a complete export and as data {} in a delta, date_range kept', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    const complete = parsed(exporter.export({ complete: true }));
    const history = at(complete, `${RIVN}.historical`) as Record<string, unknown>;
    expect(history.loaded).toBe(true);
    expect(history.date_range).toEqual({ start_date: '2025-05-16', end_date: '2025-06-30', days: 30 });
    const oneMinute = at(complete, `${RIVN}.historical.data.1m`) as {
      count: number;
      dates: string[];
      data: unknown[][];
    };
    expect(oneMinute.count).toBe(3900);
    expect(oneMinute.dates).toHaveLength(10);
    expect(oneMinute.data[0]?.[0]).toBe('2025-06-16T09:30:00');
    expect((at(complete, `${RIVN}.historical.data.1d.data`) as unknown[][])[29]?.[0]).toBe('2025-06-30');
    const delta = parsed(exporter.export({ complete: false }));
    expect(at(delta, `${RIVN}.historical`)).toEqual({ ...history, data: {} });
  });

  it('stamps history across a daylight-saving change in local exchange time', () => {
    const { backtest, exporter } = setup(
      configJson((c) => {
        c.backtest_config.start_date = '2025-03-12';
        c.backtest_config.end_date = '2025-03-12';
      }),
    );
    backtest.start();
    const doc = parsed(exporter.export({ complete: true }));
    const rows = at(doc, `${RIVN}.historical.data.1m.data`) as string[][];
    const opens = rows.filter((r) => r[0]?.endsWith('T09:30:00')).map((r) => r[0]);
    // Ten trading days before 2025-03-12 span the switch on Sunday 2025-03-09; every day opens at 09:30.
    expect(opens).toEqual([
      '2025-02-26T09:30:00',
      '2025-02-27T09:30:00',
      '2025-02-28T09:30:00',
      '2025-03-03T09:30:00',
      '2025-03-04T09:30:00',
      '2025-03-05T09:30:00',
      '2025-03-06T09:30:00',
      '2025-03-07T09:30:00',
      '2025-03-10T09:30:00',
      '2025-03-11T09:30:00',
    ]);
    expect(rows.at(-1)?.[0]).toBe('2025-03-11T15:59:00');
    backtest.advance(1);
    const bars = backtest.session?.symbols.get('RIVN')?.baseBars;
    const delta = parsed(exporter.export({ complete: false }));
    expect(at(delta, `${RIVN}.session.data.1m.data`)).toEqual([
      ['09:30:00', bars?.open[0], bars?.high[0], bars?.low[0], bars?.close[0], bars?.volume[0]],
    ]);
    expect(at(delta, 'time_manager.current_session.date')).toBe('2025-03-12');
  });

  it('writes generated_at with the real offset of its date', () => {
    const backtest = backtestOf();
    const summer = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 5));
    const meta = parsed(summer.export({ complete: false }))._metadata as Record<string, unknown>;
    expect(meta.generated_at).toBe('2025-07-01T14:00:05-04:00');
  });

  it('lays out one row per line, parses, and ends with a newline; compact is one line', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(30);
    const text = textOf(exporter.export({ complete: true }));
    expect(text.endsWith('}\n')).toBe(true);
    const rowLines = text.split('\n').filter((l) => /^\s*\["/.test(l));
    const doc = JSON.parse(text);
    const expectedRows = ['RIVN', 'AAPL', 'TSLA']
      .flatMap((s) =>
        Object.values(doc.session_data.symbols[s].session.data).concat(
          Object.values(doc.session_data.symbols[s].historical.data),
          // The built-in session's indicators: their series rows are rows too (section 9.1).
          Object.values(doc.session_data.symbols[s].indicators).map((i) => (i as { series: unknown }).series),
        ),
      )
      // The analysis section's rows (the built-in session's strategy): rows too (section 10.1).
      .concat(analysisBlocks(doc).map(([, block]) => block))
      .reduce((n: number, block) => n + ((block as { data?: unknown[] }).data?.length ?? 0), 0);
    expect(rowLines.length).toBe(expectedRows);
    for (const line of rowLines) expect(line).toMatch(/^ +\[("[^"]*"|[-0-9.e]+)(,("[^"]*"|[-0-9.e]+))*\],?$/);
    expect(text).toMatch(/\n {2}"_metadata": \{\n {4}"generated_at"/);
    // The session metrics share a line, as in the contract's example of section 3.
    expect(text).toMatch(
      /\n {10}"volume": \d+, "high": [\d.]+, "low": [\d.]+, "quality": [\d.]+,\n {10}"data": \{\n/,
    );
    // No line is wider than 140 columns: long lists (dates, changed paths) are wrapped.
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(140);
    const dates = text.split('\n').filter((l) => /^ +"\d{4}-\d\d-\d\d"(, "\d{4}-\d\d-\d\d")*,?$/.test(l));
    expect(dates.length).toBeGreaterThan(3);
    const compact = textOf(exporter.export({ complete: true, layout: 'compact' }));
    expect(compact.split('\n')).toHaveLength(2);
    expect(JSON.parse(compact).session_data).toEqual(JSON.parse(text).session_data);
  });

  it('writes prices exactly and short', () => {
    // Without indicators: their values are computed doubles, written exactly (12.590000000000002), not prices.
    const { backtest, exporter } = setup(
      configJson((c) => {
        delete c.session_data_config.indicators;
        // No strategy of the built-in session: these symbols and indicators are the test's own.
        delete c.session_data_config.strategies;
      }),
    );
    backtest.start();
    backtest.advance(60);
    const text = textOf(exporter.export({ complete: false, exclude: ['ticks', 'quotes'] }));
    expect(text).not.toMatch(/\d\.\d*0{4,}\d/);
    expect(text).not.toMatch(/\d\.\d*9{5,}\d/);
    const rows = at(JSON.parse(text), `${RIVN}.session.data.1m.data`) as number[][];
    const bars = backtest.session?.symbols.get('RIVN')?.baseBars;
    expect(rows.map((r) => r[4])).toEqual(Array.from(bars?.close.slice(0, 60) ?? []));
  });

  it('reports its size, lines, rows and time', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(10);
    const result = exporter.export({ complete: true });
    if (!result.ok) throw new Error(result.error);
    const text = textOf(result);
    expect(result.value.bytes).toBe(new TextEncoder().encode(text).length);
    expect(result.value.lines).toBe(text.split('\n').length - 1);
    let stored = 0;
    for (const store of backtest.session?.symbols.values() ?? []) {
      for (const bars of store.bars.values()) stored += bars.length;
      for (const h of store.historical.values()) stored += h.bars.length;
      stored += (store.ticks?.length ?? 0) + (store.quotes?.length ?? 0);
      for (const indicator of store.indicators) stored += indicator.series.length;
    }
    // The analysis section's rows (the built-in session's strategy, when it runs one).
    const { analysis } = backtest;
    stored += analysis.equity.length;
    for (const s of analysis.strategies) stored += s.signals.length + s.orders.length;
    expect(stored).toBeGreaterThan(3 * (3900 + 30 + 10 + 2));
    expect(result.value.rows).toBe(stored);
    expect(result.value.durationMs).toBeGreaterThan(0);
    const perf = parsed(exporter.export({ complete: false })).performance_metrics as Record<
      string,
      Record<string, unknown>
    >;
    expect(perf.last_complete_export?.bytes).toBe(result.value.bytes);
    expect(perf.counters?.exports_made).toBe(1);
  });
});

describe('prepare and commit', () => {
  const metadataOf = (result: { chunks: Uint8Array[] }) =>
    JSON.parse(Buffer.concat(result.chunks).toString('utf8'))._metadata;

  it('changes nothing until commit: an uncounted export takes no sequence and moves no cursor', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(1);
    exporter.export({ complete: false });
    backtest.advance(1);
    const before = exporter.cursorFingerprint();
    const stats = JSON.stringify(exporter.stats);
    const dropped = exporter.prepare({ complete: false });
    expect(dropped.ok).toBe(true);
    expect(exporter.cursorFingerprint()).toBe(before);
    expect(JSON.stringify(exporter.stats)).toBe(stats);
    // The same rows again, under the same sequence, now counted.
    const pending = exporter.prepare({ complete: false });
    if (!pending.ok) throw new Error(pending.error);
    expect(metadataOf(pending.value.result)).toMatchObject({ sequence: 2, previous_sequence: 1 });
    expect(pending.value.commit().ok).toBe(true);
    expect(exporter.cursorFingerprint()).not.toBe(before);
  });

  it('refuses to count an export once the consumer moved since it was produced', () => {
    const { backtest, exporter } = setup();
    backtest.start();
    backtest.advance(1);
    const stale = exporter.prepare({ complete: false });
    if (!stale.ok) throw new Error(stale.error);
    expect(exporter.export({ complete: false }).ok).toBe(true);
    const after = exporter.cursorFingerprint();
    expect(stale.value.commit()).toEqual({
      ok: false,
      error:
        'system export-status: consumer "default" moved while export #1 was being saved; it was not counted (take it again)',
    });
    expect(exporter.cursorFingerprint()).toBe(after);
  });
});

describe('an export made in slices while the replay goes on', () => {
  it('writes the history of the moment it began, though the days that pass meanwhile move every series on', async () => {
    const { backtest, exporter } = setup(
      configJson((json) => {
        json.backtest_config.end_date = '2025-08-29';
        // Little history, so that its room runs out (and series move) within the days that pass.
        json.session_data_config.historical = {
          enabled: true,
          data: [
            { interval: '1m', trailing_days: 3 },
            { interval: '1d', trailing_days: 30 },
          ],
        };
      }),
    );
    backtest.start();
    backtest.advance(30);
    const atOnce = exporter.prepare({ complete: true });
    if (!atOnce.ok) throw new Error(atOnce.error);
    const expected = textOf({ ok: true, value: atOnce.value.result });
    const startDate = backtest.session?.date;
    let passed = 0;
    const sliced = await exporter.prepareInSlices(
      { complete: true },
      {
        sliceMs: 0,
        // Between the export's first slices, ten trading days go by.
        onProgress: () => {
          for (; passed < 10; passed++) backtest.advance(backtest.sessionMinutes - backtest.minute + 1);
        },
      },
    );
    if (!sliced.ok) throw new Error(sliced.error);
    expect(passed).toBe(10);
    expect(backtest.session?.date).not.toBe(startDate);
    expect(textOf({ ok: true, value: sliced.value.result })).toBe(expected);
    // The export done, the days go on moving history back in its own memory, and the export after them
    // is whole.
    expectHistoryKeptInPlace(backtest);
    expect(textOf(exporter.export({ complete: true }))).toContain('"mode": "complete"');
  });

  it('lets history move in its own memory again once an export is cancelled or fails', async () => {
    const { backtest, exporter } = setup(
      configJson((json) => (json.backtest_config.end_date = '2025-10-31')),
    );
    backtest.start();
    backtest.advance(30);
    let cancelled = false;
    const cancel = await exporter.prepareInSlices(
      { complete: true },
      { sliceMs: 0, isCancelled: () => cancelled, onProgress: () => (cancelled = true) },
    );
    expect(cancel).toEqual({ ok: false, error: EXPORT_CANCELLED });
    expectHistoryKeptInPlace(backtest);
    const failing = exporter.prepareInSlices(
      { complete: true },
      {
        sliceMs: 0,
        drain: () => Promise.reject(new Error('the disk is full')),
      },
    );
    await expect(failing).rejects.toThrow('the disk is full');
    expectHistoryKeptInPlace(backtest);
  });
});

/**
 * Replays past the history's room (ROLL_ROOM_DAYS and one) and expects every series still in the memory
 * it was in: moved back in place, as when no export reads, not copied.
 */
function expectHistoryKeptInPlace(backtest: ReturnType<typeof setup>['backtest']): void {
  const buffers = () =>
    [...(backtest.session?.symbols.values() ?? [])].flatMap((store) =>
      [...store.historical.values()].map((s) => s.bars.time.buffer),
    );
  const before = buffers();
  for (let day = 0; day <= ROLL_ROOM_DAYS; day++)
    backtest.advance(backtest.sessionMinutes - backtest.minute + 1);
  expect(buffers().filter((buffer, i) => buffer !== before[i])).toEqual([]);
}
