// The `analysis` section in exports (docs/export-format.md sections 10 and 10.1), with an analysis store
// filled by hand (signals, orders and equity samples appended, positions and the account set), so that
// these tests pin the export alone, whatever the simulation does.

import { describe, expect, it } from 'vitest';
import type { AnalysisStore } from '../engine/analysis/analysis-store';
import {
  addEquity,
  addOrder,
  addSignal,
  at,
  backtestOf,
  configJson,
  type HandStrategy,
  handAnalysis,
  type Json,
  parsed,
  setAccount,
  setPosition,
  textOf,
} from './export.test-support';
import { Exporter } from './exporter';

const MA = 'strategies.examples.simple_ma_cross';
const RSI = 'rsi_strategy';

const json = configJson((c) => {
  c.session_data_config.symbols = ['RIVN', 'AAPL'];
  delete c.session_data_config.indicators;
  // No strategy of the built-in session: these symbols and indicators are the test's own.
  delete c.session_data_config.strategies;
  c.session_data_config.streams = ['1m', '5m'];
  delete c.session_data_config.historical;
});

/** Epoch ms of a New York wall-clock time on 2025-07-01 (UTC-4 in summer). */
const ny = (hour: number, minute: number, day = 1) => Date.UTC(2025, 6, day, hour + 4, minute);

function setup(
  strategies: HandStrategy[] = [
    { module: MA, config: { symbols: ['RIVN'], interval: '5m', fast_period: 10 } },
  ],
) {
  const backtest = backtestOf(json);
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const store = handAnalysis(backtest, strategies, ['RIVN'], 100_000);
  return { backtest, exporter, store };
}

/** A signal at 09:35 (5m bar), its fill at 09:40, and the position and account after it. */
function buyOnce(store: AnalysisStore) {
  addSignal(store, MA, {
    time: ny(9, 35),
    symbol: 'RIVN',
    interval: '5m',
    action: 'BUY',
    quantity: 100,
    price: 12.53,
    reason: 'sma 10 crossed above sma 20 (12.53 > 12.51)',
  });
  addOrder(store, MA, {
    time: ny(9, 40),
    symbol: 'RIVN',
    side: 'BUY',
    quantity: 100,
    status: 'filled',
    price: 12.53,
    commission: 0,
    realizedPnl: 0,
    signalTime: ny(9, 35),
    reason: 'sma 10 crossed above sma 20 (12.53 > 12.51)',
  });
  setPosition(store, 'RIVN', {
    quantity: 100,
    avgPrice: 12.53,
    unrealizedPnl: 4.000000000000004,
    lastPrice: 12.57,
  });
  setAccount(store, { cash: 98747.00000000001, equity: 100004, unrealizedPnl: 4 });
  // As the engine samples them: rounded to 12 significant digits (the property test of the simulation).
  addEquity(store, ny(9, 40), [98747, 100004, 0, 4]);
}

type Block = { count: number; total_count: number; columns: string[]; data?: unknown[][] };

/** A strategy's entry: its module name holds dots, so `at` cannot walk to it. */
const strategy = (doc: Json, module: string) =>
  (at(doc, 'analysis.strategies') as Record<string, Json & { signals: Block; orders: Block }>)[
    module
  ] as Json & { signals: Block; orders: Block };

describe('the analysis section', () => {
  it('is written after session_data in a complete export, exactly as section 10.1 shows', () => {
    const { exporter, store } = setup();
    buyOnce(store);
    const doc = parsed(exporter.export({ complete: true }));
    expect(Object.keys(doc).slice(-2)).toEqual(['session_data', 'analysis']);
    expect(doc.analysis).toEqual({
      strategies: {
        [MA]: {
          enabled: true,
          config: { symbols: ['RIVN'], interval: '5m', fast_period: 10 },
          signals: {
            count: 1,
            total_count: 1,
            columns: [
              'timestamp',
              'decided_at',
              'symbol',
              'interval',
              'action',
              'quantity',
              'price',
              'reason',
            ],
            data: [
              [
                '2025-07-01T09:35:00',
                // The 5m bar's close, when the signal was made.
                '2025-07-01T09:40:00',
                'RIVN',
                '5m',
                'BUY',
                100,
                12.53,
                'sma 10 crossed above sma 20 (12.53 > 12.51)',
              ],
            ],
          },
          orders: {
            count: 1,
            total_count: 1,
            columns: [
              'timestamp',
              'id',
              'symbol',
              'side',
              'quantity',
              'status',
              'price',
              'commission',
              'realized_pnl',
              'signal_timestamp',
              'reason',
            ],
            data: [
              [
                '2025-07-01T09:40:00',
                1,
                'RIVN',
                'BUY',
                100,
                'filled',
                12.53,
                0,
                0,
                '2025-07-01T09:35:00',
                'sma 10 crossed above sma 20 (12.53 > 12.51)',
              ],
            ],
          },
        },
      },
      // Money to 12 significant digits: the engine's binary leftovers are not written.
      positions: {
        RIVN: { quantity: 100, avg_price: 12.53, realized_pnl: 0, unrealized_pnl: 4, last_price: 12.57 },
      },
      account: { cash: 98747, equity: 100004, realized_pnl: 0, unrealized_pnl: 4, trades: 0 },
      equity: {
        count: 1,
        total_count: 1,
        columns: ['timestamp', 'cash', 'equity', 'realized_pnl', 'unrealized_pnl'],
        data: [['2025-07-01T09:40:00', 98747, 100004, 0, 4]],
      },
    });
  });

  it('lays out its rows one per line in the pretty layout, and on one line in the compact one', () => {
    const { exporter, store } = setup();
    buyOnce(store);
    const text = textOf(exporter.export({ complete: true }));
    const section = text.slice(text.indexOf('\n  "analysis"'));
    expect(section).toBe(
      [
        '',
        '  "analysis": {',
        '    "strategies": {',
        `      "${MA}": {`,
        '        "enabled": true,',
        '        "config": {"symbols":["RIVN"],"interval":"5m","fast_period":10},',
        '        "signals": {',
        '          "count": 1, "total_count": 1, "columns": ["timestamp","decided_at","symbol","interval","action","quantity","price","reason"],',
        '          "data": [',
        '            ["2025-07-01T09:35:00","2025-07-01T09:40:00","RIVN","5m","BUY",100,12.53,"sma 10 crossed above sma 20 (12.53 > 12.51)"]',
        '          ]',
        '        },',
        '        "orders": {',
        '          "count": 1, "total_count": 1,',
        '          "columns": ["timestamp","id","symbol","side","quantity","status","price","commission","realized_pnl","signal_timestamp","reason"],',
        '          "data": [',
        '            ["2025-07-01T09:40:00",1,"RIVN","BUY",100,"filled",12.53,0,0,"2025-07-01T09:35:00","sma 10 crossed above sma 20 (12.53 > 12.51)"]',
        '          ]',
        '        }',
        '      }',
        '    },',
        '    "positions": {"RIVN":{"quantity":100,"avg_price":12.53,"realized_pnl":0,"unrealized_pnl":4,"last_price":12.57}},',
        '    "account": {"cash":98747,"equity":100004,"realized_pnl":0,"unrealized_pnl":4,"trades":0},',
        '    "equity": {',
        '      "count": 1, "total_count": 1, "columns": ["timestamp","cash","equity","realized_pnl","unrealized_pnl"],',
        '      "data": [',
        '        ["2025-07-01T09:40:00",98747,100004,0,4]',
        '      ]',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const compact = textOf(exporter.export({ complete: true, layout: 'compact' }));
    expect(compact.split('\n')).toHaveLength(2);
    expect(JSON.parse(compact).analysis).toEqual(JSON.parse(text).analysis);
  });

  it('is present with empty members when no strategy is configured', () => {
    const backtest = backtestOf(json);
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
    // Before the first start as after it: the backtest's store holds no strategy.
    for (const complete of [true, false]) {
      const doc = parsed(exporter.export({ complete }));
      expect(doc.analysis).toEqual({
        strategies: {},
        positions: {},
        account: { cash: 100_000, equity: 100_000, realized_pnl: 0, unrealized_pnl: 0, trades: 0 },
        equity: {
          count: 0,
          total_count: 0,
          columns: ['timestamp', 'cash', 'equity', 'realized_pnl', 'unrealized_pnl'],
        },
      });
    }
    backtest.start();
    backtest.advance(3);
    const text = textOf(exporter.export({ complete: false }));
    expect(text).toContain('\n  "analysis": {\n    "strategies": {},\n    "positions": {},\n');
  });

  it('writes last_price null before any bar, and a position per traded symbol', () => {
    const { exporter } = setup();
    const doc = parsed(exporter.export({ complete: true }));
    expect(at(doc, 'analysis.positions')).toEqual({
      RIVN: { quantity: 0, avg_price: 0, realized_pnl: 0, unrealized_pnl: 0, last_price: null },
    });
  });

  it('sends in a delta only the rows after the cursor, positions and account whole, no enabled or config', () => {
    const { exporter, store } = setup();
    buyOnce(store);
    exporter.export({ complete: true });
    // Nothing new: empty blocks on one line each, the whole parts as they are.
    const quiet = parsed(exporter.export({ complete: false }));
    expect(strategy(quiet, MA)).toEqual({
      signals: { count: 0, total_count: 1, columns: expect.any(Array) },
      orders: { count: 0, total_count: 1, columns: expect.any(Array) },
    });
    expect(at(quiet, 'analysis.account')).toMatchObject({ cash: 98747, equity: 100004 });
    expect(at(quiet, 'analysis.equity')).toMatchObject({ count: 0, total_count: 1 });
    expect(
      (at(quiet, '_metadata.changed_paths') as string[]).filter((p) => p.startsWith('analysis')),
    ).toEqual([]);
    // A sell fills: one new order, one new equity sample, the position flat, a trade closed.
    addOrder(store, MA, {
      time: ny(9, 45),
      symbol: 'RIVN',
      side: 'SELL',
      quantity: 100,
      status: 'filled',
      price: 12.61,
      commission: 0,
      realizedPnl: 8.000000000000007,
      signalTime: ny(9, 40),
      reason: 'sma 10 crossed below sma 20 (12.5 < 12.52)',
    });
    setPosition(store, 'RIVN', {
      quantity: 0,
      avgPrice: 0,
      realizedPnl: 8,
      unrealizedPnl: 0,
      lastPrice: 12.61,
    });
    setAccount(store, { cash: 100008, equity: 100008, realizedPnl: 8, unrealizedPnl: 0, trades: 1 });
    addEquity(store, ny(9, 45), [100008, 100008, 8, 0]);
    const delta = parsed(exporter.export({ complete: false }));
    const entry = strategy(delta, MA);
    expect(Object.keys(entry)).toEqual(['signals', 'orders']);
    expect(entry.signals).toMatchObject({ count: 0, total_count: 1 });
    expect(entry.orders).toMatchObject({
      count: 1,
      total_count: 2,
      data: [
        [
          '2025-07-01T09:45:00',
          2,
          'RIVN',
          'SELL',
          100,
          'filled',
          12.61,
          0,
          8,
          '2025-07-01T09:40:00',
          'sma 10 crossed below sma 20 (12.5 < 12.52)',
        ],
      ],
    });
    expect(at(delta, 'analysis.positions')).toEqual({
      RIVN: { quantity: 0, avg_price: 0, realized_pnl: 8, unrealized_pnl: 0, last_price: 12.61 },
    });
    expect(at(delta, 'analysis.account')).toEqual({
      cash: 100008,
      equity: 100008,
      realized_pnl: 8,
      unrealized_pnl: 0,
      trades: 1,
    });
    expect(at(delta, 'analysis.equity')).toMatchObject({
      count: 1,
      total_count: 2,
      data: [['2025-07-01T09:45:00', 100008, 100008, 8, 0]],
    });
    expect(at(delta, '_metadata.changed_paths')).toEqual(
      expect.arrayContaining([`analysis.strategies.${MA}.orders`, 'analysis.equity']),
    );
    expect((at(delta, '_metadata.changed_paths') as string[]).slice(-2)).toEqual([
      `analysis.strategies.${MA}.orders`,
      'analysis.equity',
    ]);
  });

  it('keeps the strategies in the configuration order, a disabled one included', () => {
    const { exporter, store } = setup([
      { module: RSI, config: { period: 14 } },
      { module: MA, enabled: false, config: {} },
    ]);
    addSignal(store, RSI, {
      time: ny(9, 30),
      symbol: 'RIVN',
      interval: '5m',
      action: 'SELL',
      quantity: 10,
      price: 12.5,
      reason: 'rsi 14 rose above 70 (71.2)',
    });
    const doc = parsed(exporter.export({ complete: true }));
    expect(Object.keys(at(doc, 'analysis.strategies') as Json)).toEqual([RSI, MA]);
    expect(strategy(doc, MA)).toMatchObject({ enabled: false, config: {} });
    const delta = parsed(exporter.export({ complete: false, consumer: 'other' }));
    expect(at(delta, '_metadata.changed_paths')).toEqual([`analysis.strategies.${RSI}.signals`]);
  });

  it('exclude=analysis leaves the section out; in a delta its cursors stay', () => {
    const { exporter, store } = setup();
    buyOnce(store);
    exporter.export({ complete: true });
    addEquity(store, ny(9, 41), [98747, 100005, 0, 5]);
    const excluded = parsed(exporter.export({ complete: false, exclude: ['analysis'] }));
    expect(excluded.analysis).toBeUndefined();
    expect(at(excluded, '_metadata.excluded')).toEqual(['analysis']);
    expect((at(excluded, '_metadata.changed_paths') as string[]).some((p) => p.startsWith('analysis'))).toBe(
      false,
    );
    // The row the excluded delta did not carry comes with the next one.
    const next = parsed(exporter.export({ complete: false }));
    expect(at(next, 'analysis.equity')).toMatchObject({
      count: 1,
      total_count: 2,
      data: [['2025-07-01T09:41:00', 98747, 100005, 0, 5]],
    });
  });

  it('exclude=analysis in a complete export puts its cursors back to the start', () => {
    const { exporter, store } = setup();
    buyOnce(store);
    exporter.export({ complete: true });
    const complete = parsed(exporter.export({ complete: true, exclude: ['analysis'] }));
    expect(complete.analysis).toBeUndefined();
    const next = parsed(exporter.export({ complete: false }));
    expect(strategy(next, MA).signals).toMatchObject({ count: 1, total_count: 1 });
    expect(strategy(next, MA).orders).toMatchObject({ count: 1, total_count: 1 });
    expect(at(next, 'analysis.equity')).toMatchObject({ count: 1, total_count: 1 });
  });

  it('regenerates with since= exactly the rows added since that export', () => {
    const { exporter, store } = setup();
    const first = parsed(exporter.export({ complete: true }));
    buyOnce(store);
    exporter.export({ complete: false });
    addEquity(store, ny(9, 41), [98747, 100005, 0, 5]);
    exporter.export({ complete: false });
    const again = parsed(
      exporter.export({ complete: false, since: at(first, '_metadata.sequence') as number }),
    );
    expect(strategy(again, MA).signals).toMatchObject({ count: 1, total_count: 1 });
    expect((at(again, 'analysis.equity') as Block).data).toEqual([
      ['2025-07-01T09:40:00', 98747, 100004, 0, 4],
      ['2025-07-01T09:41:00', 98747, 100005, 0, 5],
    ]);
  });

  it('sends the run-long rows again after reset-indices and in the first delta of a new session', () => {
    const { backtest, exporter, store } = setup();
    buyOnce(store);
    exporter.export({ complete: true });
    exporter.resetIndices();
    const reset = parsed(exporter.export({ complete: false }));
    expect(at(reset, '_metadata.previous_sequence')).toBeNull();
    expect(at(reset, 'analysis.equity')).toMatchObject({ count: 1, total_count: 1 });
    // To the next trading day: every cursor goes back to zero (rule 7), the run's rows come again.
    backtest.advance(backtest.sessionMinutes - backtest.minute + 1);
    addEquity(store, ny(9, 30, 2), [98747, 100010, 0, 10]);
    const next = parsed(exporter.export({ complete: false }));
    expect(at(next, '_metadata.session_id')).toBe(2);
    expect(at(next, '_metadata.previous_sequence')).toBeNull();
    expect(strategy(next, MA).orders).toMatchObject({ count: 1, total_count: 1 });
    expect((at(next, 'analysis.equity') as Block).data).toEqual([
      ['2025-07-01T09:40:00', 98747, 100004, 0, 4],
      ['2025-07-02T09:30:00', 98747, 100010, 0, 10],
    ]);
  });

  it('counts its rows in the export rows', () => {
    const { exporter, store } = setup();
    exporter.export({ complete: true });
    const before = exporter.export({ complete: false });
    buyOnce(store);
    const after = exporter.export({ complete: false });
    if (!before.ok || !after.ok) throw new Error('export failed');
    expect(after.value.rows - before.value.rows).toBe(3);
  });
});
