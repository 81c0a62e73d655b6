// The analysis section as the readers take it (docs/export-format.md sections 10.1 and 11): the mirror
// holds after a complete export and its deltas what a complete export at the end gives (rows appended,
// positions and account replaced, enabled and config kept from the complete export), a damaged part is left
// out with a note, and a file without the section has no analysis.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalysisStore } from '../engine/analysis/analysis-store';
import {
  addEquity,
  addOrder,
  addSignal,
  backtestOf,
  configJson,
  handAnalysis,
  type Json,
  parsed,
  setAccount,
  setPosition,
} from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { readExport } from './export-doc';
import { Mirror } from './mirror';
import { readView } from './view';

const MA = 'strategies.examples.simple_ma_cross';

/** Epoch ms of a New York wall-clock time on 2025-07-01 (UTC-4 in summer). */
const ny = (hour: number, minute: number) => Date.UTC(2025, 6, 1, hour + 4, minute);

function setup() {
  const backtest = backtestOf(
    configJson((c) => {
      c.session_data_config.symbols = ['RIVN', 'AAPL'];
      c.session_data_config.streams = ['1m', '5m'];
      delete c.session_data_config.indicators;
      // No strategy of the built-in session: these symbols and indicators are the test's own.
      delete c.session_data_config.strategies;
      delete c.session_data_config.historical;
    }),
  );
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const store = handAnalysis(backtest, [{ module: MA, config: { interval: '5m', quantity: 100 } }], ['RIVN']);
  const raw = (complete: boolean, exclude: string[] = []) =>
    parsed(exporter.export({ complete, consumer: 'ui', exclude }));
  const read = (doc: Json) => {
    const result = readExport(doc);
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };
  return { backtest, store, raw, read };
}

function fill(store: AnalysisStore, minute: number, side: 'BUY' | 'SELL', price: number, pnl: number) {
  addSignal(store, MA, {
    time: ny(9, minute - 5),
    symbol: 'RIVN',
    interval: '5m',
    action: side,
    quantity: 100,
    price,
    reason: `${side} at ${minute - 5}`,
  });
  addOrder(store, MA, {
    time: ny(9, minute),
    symbol: 'RIVN',
    side,
    quantity: 100,
    status: 'filled',
    price,
    commission: 1,
    realizedPnl: pnl,
    signalTime: ny(9, minute - 5),
    reason: `${side} at ${minute - 5}`,
  });
}

describe('the analysis section in the mirror', () => {
  it('applies deltas by rule 8: rows appended, positions and account replaced, config kept', () => {
    const { backtest, store, raw, read } = setup();
    backtest.advance(10);
    const mirror = new Mirror();
    expect(mirror.apply(read(raw(true)))).toMatchObject({ kind: 'complete' });
    expect(mirror.analysis?.strategies.get(MA)).toMatchObject({
      enabled: true,
      config: { interval: '5m', quantity: 100 },
    });
    // A delta that adds a signal, an order and an equity sample, and moves the position and account.
    fill(store, 40, 'BUY', 12.5, 0);
    setPosition(store, 'RIVN', { quantity: 100, avgPrice: 12.51, lastPrice: 12.6, unrealizedPnl: 9 });
    setAccount(store, { cash: 98749, equity: 100009, unrealizedPnl: 9 });
    addEquity(store, ny(9, 40), [98749, 100009, 0, 9]);
    const outcome = mirror.apply(read(raw(false)));
    expect(outcome).toMatchObject({ kind: 'delta', rowsAdded: 3, analysis: { rows: 3, orders: true } });
    const analysis = mirror.analysis;
    expect(analysis?.strategies.get(MA)?.orders.rows).toHaveLength(1);
    // The delta carries no config: the complete export's is kept.
    expect(analysis?.strategies.get(MA)?.config).toEqual({ interval: '5m', quantity: 100 });
    expect(analysis?.positions.get('RIVN')).toEqual({
      quantity: 100,
      avgPrice: 12.51,
      realizedPnl: 0,
      unrealizedPnl: 9,
      lastPrice: 12.6,
    });
    expect(analysis?.account).toEqual({
      cash: 98749,
      equity: 100009,
      realizedPnl: 0,
      unrealizedPnl: 9,
      trades: 0,
    });
    // What the mirror holds equals a complete export taken now.
    const end = new Mirror();
    end.apply(read(raw(true)));
    expect(JSON.stringify([...(mirror.analysis?.strategies ?? [])])).toBe(
      JSON.stringify([...(end.analysis?.strategies ?? [])]),
    );
    expect([...(mirror.analysis?.equity.column(2) ?? [])]).toEqual([
      ...(end.analysis?.equity.column(2) ?? []),
    ]);
    expect(mirror.rowsHeld).toBe(end.rowsHeld);
  });

  it('gives each read the orders, trades and markers as of the last delta, built again only when orders come', () => {
    const { backtest, store, raw, read } = setup();
    backtest.advance(45);
    const mirror = new Mirror();
    mirror.apply(read(raw(true)));
    const view = () =>
      readView(mirror, { source: 'live', symbol: 'RIVN', interval: '1m', shown: null }).analysis;
    fill(store, 40, 'BUY', 12.5, 0);
    mirror.apply(read(raw(false)));
    const first = view();
    expect(first?.orders.map((o) => o.side)).toEqual(['BUY']);
    expect(first?.markers.map((m) => m.kind)).toEqual(['signal', 'fill']);
    // A delta with an equity sample and no order: the same orders and trades, not built again.
    addEquity(store, ny(9, 46), [98749, 100009, 0, 9]);
    backtest.advance(1);
    mirror.apply(read(raw(false)));
    const second = view();
    expect(second?.orders).toBe(first?.orders);
    expect(second?.trades).toBe(first?.trades);
    expect(second?.equity.time).toHaveLength(1);
    // An order comes: the trades are built again and hold the round trip.
    fill(store, 45, 'SELL', 12.7, 19);
    mirror.apply(read(raw(false)));
    const third = view();
    expect(third?.orders.map((o) => o.side)).toEqual(['BUY', 'SELL']);
    expect(third?.trades.map((t) => [t.side, t.pnl])).toEqual([['long', 19]]);
    expect(third?.markers.map((m) => m.kind)).toEqual(['signal', 'fill', 'signal', 'fill']);
  });

  it('keeps what it holds through a delta that left the section out, and resyncs on a missing row', () => {
    const { store, raw, read } = setup();
    const mirror = new Mirror();
    mirror.apply(read(raw(true)));
    addEquity(store, ny(9, 31), [100_000, 100_000, 0, 0]);
    expect(mirror.apply(read(raw(false, ['analysis'])))).toMatchObject({ kind: 'delta', rowsAdded: 0 });
    expect(mirror.analysis?.equity.length).toBe(0);
    // The excluded delta's cursor stayed: the next delta carries the sample.
    expect(mirror.apply(read(raw(false)))).toMatchObject({ kind: 'delta', analysis: { rows: 1 } });
    expect(mirror.analysis?.equity.length).toBe(1);
    // A delta whose equity rows do not start where the held ones end is not applied.
    addEquity(store, ny(9, 32), [100_000, 100_000, 0, 0]);
    const doc = raw(false);
    (doc.analysis as { equity: { total_count: number } }).equity.total_count = 5;
    const resync = mirror.apply(read(doc));
    expect(resync).toEqual({
      kind: 'resync',
      reason: 'analysis equity: the delta starts at row 4 but 1 are held',
    });
  });

  it('has no analysis for a file without the section, or a complete export that left it out', () => {
    const { raw, read } = setup();
    const doc = raw(true);
    delete doc.analysis;
    const mirror = new Mirror();
    mirror.apply(read(doc));
    expect(mirror.analysis).toBeNull();
    expect(
      readView(mirror, { source: 'offline', symbol: null, interval: '1m', shown: null }).analysis,
    ).toBeNull();
    mirror.apply(read(raw(true, ['analysis'])));
    expect(mirror.analysis).toBeNull();
  });

  it('leaves out a damaged strategy, block or position with a note, and reads the rest', () => {
    const { store, raw, read } = setup();
    fill(store, 40, 'BUY', 12.5, 0);
    addEquity(store, ny(9, 40), [98749, 100009, 0, 9]);
    const doc = raw(true);
    const analysis = doc.analysis as {
      strategies: Record<string, Json>;
      positions: Record<string, unknown>;
      equity: Json;
    };
    // A second strategy whose orders say 2 rows but hold 1; a position that is not an object.
    analysis.strategies.other = {
      ...(analysis.strategies[MA] as Json),
      orders: { ...((analysis.strategies[MA] as Json).orders as Json), count: 2 },
    };
    analysis.positions.AAPL = 'long';
    const read1 = read(doc);
    expect(Object.keys(read1.analysis?.strategies ?? {})).toEqual([MA]);
    expect(Object.keys(read1.analysis?.positions ?? {})).toEqual(['RIVN']);
    expect(read1.notes).toEqual(['2 parts of the analysis section are damaged: left out']);
    // One damaged part is named; a block without columns takes this app's.
    const one = raw(true);
    const part = one.analysis as { equity: Json; strategies: Record<string, Json> };
    delete part.equity.columns;
    (part.strategies[MA] as Json).signals = {
      count: 1,
      total_count: 1,
      columns: ['timestamp'],
      data: [['09:35:00']],
    };
    const read2 = read(one);
    expect(read2.notes).toEqual([
      "analysis.equity has no columns: this app's columns for that stream are assumed",
      // A key quoted from a file is cut to 24 characters (section 11.2, item 5).
      'analysis.strategies.strategies.examples.sim….signals.data[0][0]: "09:35:00" has no date (the file gives no session date): left out',
    ]);
    expect(read2.analysis?.strategies).toEqual({});
    expect(read2.analysis?.equity?.columns).toEqual([
      'timestamp',
      'cash',
      'equity',
      'realized_pnl',
      'unrealized_pnl',
    ]);
    // Not an object at all: noted, no analysis.
    const three = raw(true);
    three.analysis = [1, 2];
    const read3 = read(three);
    expect(read3.analysis).toBeNull();
    expect(read3.notes).toEqual(['analysis is a list, not an object: left out']);
  });

  it('reads the original layouts liberally: members missing, null or {}', () => {
    const { raw, read } = setup();
    const doc = raw(true);
    doc.analysis = { strategies: { [MA]: { signals: null, orders: {} } }, positions: null };
    const result = read(doc);
    expect(result.notes).toEqual([]);
    expect(result.analysis).toMatchObject({
      strategies: { [MA]: { enabled: null, signals: { count: 0 }, orders: { count: 0 } } },
      positions: null,
      account: null,
      equity: null,
    });
    const mirror = new Mirror();
    mirror.apply(result);
    const view = readView(mirror, { source: 'offline', symbol: 'RIVN', interval: '1m', shown: null });
    expect(view.analysis).toMatchObject({
      strategies: [{ module: MA, enabled: true }],
      markers: [],
      orders: [],
      trades: [],
      summary: { samples: 0, trades: 0, winRate: null, sharpe: null },
    });
  });

  it('never throws on any value in any place of the section: it is read, applied and viewed, or refused', () => {
    const { store, raw, read } = setup();
    fill(store, 40, 'BUY', 12.5, 0);
    addEquity(store, ny(9, 40), [98749, 100009, 0, 9]);
    const base = raw(true);
    const delta = raw(false);
    const places = [
      [],
      ['strategies'],
      ['strategies', MA],
      ['strategies', MA, 'signals'],
      ['strategies', MA, 'orders', 'data'],
      ['strategies', MA, 'orders', 'columns'],
      ['positions'],
      ['positions', 'RIVN'],
      ['account'],
      ['equity'],
      ['equity', 'data'],
      ['equity', 'columns'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...places), fc.anything(), fc.boolean(), (path, value, complete) => {
        const doc = structuredClone(complete ? base : delta);
        if (path.length === 0) doc.analysis = value;
        else {
          let node = doc.analysis as Json;
          for (const key of path.slice(0, -1)) node = node[key] as Json;
          node[path[path.length - 1] as string] = value;
        }
        const result = readExport(doc);
        if (!result.ok) return;
        const mirror = new Mirror();
        mirror.apply(read(base));
        mirror.apply(result.value);
        readView(mirror, { source: 'offline', symbol: 'RIVN', interval: '5m', shown: null });
      }),
      { numRuns: 300 },
    );
  });
});
