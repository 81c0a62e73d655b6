// What the view reads of the analysis section (docs/export-format.md section 10.1): markers lined up with the
// shown bars on 1m and 5m charts, the closed trades rebuilt by average cost with their running total, and
// the equity line.

import { describe, expect, it } from 'vitest';
import {
  addEquity,
  addOrder,
  addSignal,
  backtestOf,
  configJson,
  handAnalysis,
  parsed,
} from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import type { OrderView } from './analysis-types';
import { tradesOf } from './analysis-view';
import { readExport } from './export-doc';
import { Mirror } from './mirror';
import { localSeconds } from './row-table';
import { readView, viewBuffers } from './view';

const MA = 'strategies.examples.simple_ma_cross';
const ny = (hour: number, minute: number) => Date.UTC(2025, 6, 1, hour + 4, minute);
const chart = (time: string) => localSeconds(`2025-07-01T${time}`, null);

function mirrorWithTrades() {
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
  backtest.advance(20);
  const store = handAnalysis(backtest, [{ module: MA }], ['RIVN', 'AAPL']);
  // A signal on the 09:35 5m bar (known at 09:40), its fill at 09:40; a refusal at 09:41; a 1m signal at
  // 09:44 (known 09:45) and an AAPL fill that the RIVN chart does not show.
  addSignal(store, MA, {
    time: ny(9, 35),
    symbol: 'RIVN',
    interval: '5m',
    action: 'BUY',
    quantity: 100,
    price: 12.5,
    reason: 'up',
  });
  const order = { symbol: 'RIVN', quantity: 100, commission: 0, signalTime: ny(9, 35), realizedPnl: 0 };
  addOrder(store, MA, {
    ...order,
    time: ny(9, 40),
    side: 'BUY',
    status: 'filled',
    price: 12.5,
    reason: 'up',
  });
  addOrder(store, MA, {
    ...order,
    time: ny(9, 41),
    side: 'BUY',
    status: 'refused',
    price: null,
    realizedPnl: null,
    reason: 'max_open_positions 1',
  });
  addSignal(store, MA, {
    time: ny(9, 44),
    symbol: 'RIVN',
    interval: '1m',
    action: 'SELL',
    quantity: 100,
    price: 12.6,
    reason: 'down',
  });
  addOrder(store, MA, {
    ...order,
    time: ny(9, 45),
    side: 'SELL',
    status: 'filled',
    price: 12.6,
    realizedPnl: 10,
    reason: 'down',
  });
  addOrder(store, MA, {
    ...order,
    symbol: 'AAPL',
    time: ny(9, 42),
    side: 'BUY',
    status: 'filled',
    price: 200,
    reason: 'x',
  });
  addEquity(store, ny(9, 40), [100_000, 100_000, 0, 0]);
  addEquity(store, ny(9, 41), [100_000, 100_010, 0, 10]);
  const doc = readExport(parsed(exporter.export({ complete: true })));
  if (!doc.ok) throw new Error(doc.error);
  const mirror = new Mirror();
  mirror.apply(doc.value);
  return mirror;
}

describe('the analysis view', () => {
  it('lines the markers up with the bars of a 1m chart', () => {
    const view = readView(mirrorWithTrades(), {
      source: 'live',
      symbol: 'RIVN',
      interval: '1m',
      shown: null,
    });
    expect(view.analysis?.markers.map((m) => [m.kind, m.side, m.time, m.price, m.text])).toEqual([
      // The 5m signal sits on the last 1m bar of its 5m bar: 09:39.
      ['signal', 'BUY', chart('09:39:00'), 12.5, 'up'],
      ['fill', 'BUY', chart('09:40:00'), 12.5, 'up'],
      ['refused', 'BUY', chart('09:41:00'), null, 'max_open_positions 1'],
      // A 1m signal sits on its own bar.
      ['signal', 'SELL', chart('09:44:00'), 12.6, 'down'],
      ['fill', 'SELL', chart('09:45:00'), 12.6, 'down'],
    ]);
    expect(view.analysis?.markers.every((m) => view.series?.time.includes(m.time))).toBe(true);
  });

  it('lines the markers up with the bars of a 5m chart', () => {
    const view = readView(mirrorWithTrades(), {
      source: 'live',
      symbol: 'RIVN',
      interval: '5m',
      shown: null,
    });
    expect(view.analysis?.markers.map((m) => [m.kind, m.time])).toEqual([
      ['signal', chart('09:35:00')],
      ['fill', chart('09:40:00')],
      ['refused', chart('09:40:00')],
      // The 09:44 1m bar is inside the 09:40 5m bar.
      ['signal', chart('09:40:00')],
      ['fill', chart('09:45:00')],
    ]);
    const other = readView(mirrorWithTrades(), {
      source: 'live',
      symbol: 'AAPL',
      interval: '5m',
      shown: null,
    });
    expect(other.analysis?.markers.map((m) => [m.kind, m.time])).toEqual([['fill', chart('09:40:00')]]);
  });

  it('gives the equity line in chart time, the orders by time and the trades with a running total', () => {
    const read = readView(mirrorWithTrades(), {
      source: 'live',
      symbol: 'RIVN',
      interval: '1m',
      shown: null,
    });
    const analysis = read.analysis;
    expect([...(analysis?.equity.time ?? [])]).toEqual([chart('09:40:00'), chart('09:41:00')]);
    expect([...(analysis?.equity.equity ?? [])]).toEqual([100_000, 100_010]);
    // The equity line is the read's own, so it is transferred with the bars (each buffer once).
    const buffers = viewBuffers(read);
    expect(buffers).toContain(analysis?.equity.time.buffer);
    expect(buffers).toContain(analysis?.equity.equity.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(analysis?.orders.map((o) => [o.time, o.symbol, o.status])).toEqual([
      ['2025-07-01T09:40:00', 'RIVN', 'filled'],
      ['2025-07-01T09:41:00', 'RIVN', 'refused'],
      ['2025-07-01T09:42:00', 'AAPL', 'filled'],
      ['2025-07-01T09:45:00', 'RIVN', 'filled'],
    ]);
    expect(analysis?.trades).toEqual([
      {
        symbol: 'RIVN',
        strategy: MA,
        side: 'long',
        quantity: 100,
        entryTime: '2025-07-01T09:40:00',
        entryPrice: 12.5,
        exitTime: '2025-07-01T09:45:00',
        exitPrice: 12.6,
        pnl: 10,
        runningPnl: 10,
      },
    ]);
  });

  it('rebuilds closed trades by average cost, commission in the cost, a reversal closing then opening', () => {
    const order = (time: string, side: 'BUY' | 'SELL', quantity: number, price: number, commission: number) =>
      ({
        time: `2025-07-01T${time}`,
        strategy: MA,
        symbol: 'RIVN',
        side,
        quantity,
        status: 'filled',
        price,
        commission,
        // Not given: the trades' P&L is rebuilt.
        realizedPnl: null,
        signalTime: null,
        reason: '',
      }) satisfies OrderView;
    const trades = tradesOf([
      // Long 100 at 10 + 1 commission: average 10.01. 100 more at 12 + 1: (1001 + 1201) / 200 = 11.01.
      order('09:40:00', 'BUY', 100, 10, 1),
      order('09:45:00', 'BUY', 100, 12, 1),
      // Sell 150 at 13: (13 - 11.01) x 150 - 1.5 = 297.
      order('09:50:00', 'SELL', 150, 13, 1.5),
      // Sell 100 at 9: closes 50 with half the commission, (9 - 11.01) x 50 - 0.5 = -101; opens a short of 50
      // whose proceeds are net of the other half: (9 x 50 - 0.5) / 50 = 8.99.
      order('09:55:00', 'SELL', 100, 9, 1),
      // Buy 50 at 8: the short gains (8.99 - 8) x 50 - 0.5 = 49.
      order('10:00:00', 'BUY', 50, 8, 0.5),
    ]);
    expect(trades.map((t) => [t.side, t.quantity, t.entryTime.slice(11), t.exitTime.slice(11)])).toEqual([
      ['long', 150, '09:40:00', '09:50:00'],
      ['long', 50, '09:40:00', '09:55:00'],
      ['short', 50, '09:55:00', '10:00:00'],
    ]);
    const numbers = trades.map((t) => [t.entryPrice, t.exitPrice, t.pnl, t.runningPnl]);
    const expected = [
      [11.01, 13, 297, 297],
      [11.01, 9, -101, 196],
      [8.99, 8, 49, 245],
    ];
    numbers.forEach((row, i) => {
      row.forEach((x, k) => {
        expect(x).toBeCloseTo(expected[i]?.[k] as number, 9);
      });
    });
  });
});
