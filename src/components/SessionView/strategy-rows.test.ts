import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../../workers/mirror/analysis-types';
import {
  newestFirst,
  orderCells,
  orderStatusCounts,
  positionCells,
  sameOrders,
  tradeCells,
} from './strategy-rows';

const MODULE = 'strategies.examples.simple_ma_cross';

const order = (status: string, extra: Partial<OrderView> = {}): OrderView => ({
  time: '2025-07-01T09:40:00',
  strategy: MODULE,
  symbol: 'RIVN',
  side: 'BUY',
  quantity: 100,
  status,
  price: status === 'filled' ? 12.53 : null,
  commission: 0,
  realizedPnl: status === 'filled' ? 0 : null,
  signalTime: '2025-07-01T09:35:00',
  reason: 'sma 10 crossed above sma 20 (12.53 > 12.51)',
  ...extra,
});

describe('strategy table rows', () => {
  it('formats a position, with no average price when flat', () => {
    expect(
      positionCells({
        symbol: 'RIVN',
        quantity: 100,
        avgPrice: 12.53,
        realizedPnl: -3,
        unrealizedPnl: 4,
        lastPrice: 12.57,
      }),
    ).toEqual({
      symbol: 'RIVN',
      quantity: '100',
      avgPrice: '12.53',
      last: '12.57',
      unrealized: '+$4.00',
      unrealizedTone: 'up',
      realized: '-$3.00',
      realizedTone: 'down',
    });
    const flat = positionCells({
      symbol: 'TSLA',
      quantity: 0,
      avgPrice: 0,
      realizedPnl: 0,
      unrealizedPnl: 0,
      lastPrice: null,
    });
    expect([flat.avgPrice, flat.last, flat.unrealized, flat.unrealizedTone]).toEqual([
      '—',
      '—',
      '$0.00',
      'flat',
    ]);
  });

  it('formats a closed trade with its running total', () => {
    expect(
      tradeCells({
        symbol: 'RIVN',
        strategy: MODULE,
        side: 'long',
        quantity: 100,
        entryTime: '2025-07-01T09:40:00',
        entryPrice: 12.53,
        exitTime: '2025-07-01T11:05:00',
        exitPrice: 12.41,
        pnl: -12,
        runningPnl: 30.5,
      }),
    ).toEqual({
      symbol: 'RIVN',
      strategy: 'simple_ma_cross',
      side: 'long',
      entry: '2025-07-01 09:40',
      entryPrice: '12.53',
      exit: '2025-07-01 11:05',
      exitPrice: '12.41',
      quantity: '100',
      pnl: '-$12.00',
      pnlTone: 'down',
      running: '+$30.50',
      runningTone: 'up',
    });
  });

  it('formats orders, refused ones with their reason and no price', () => {
    expect(orderCells(order('filled'))).toMatchObject({
      time: '2025-07-01 09:40',
      side: 'BUY',
      quantity: '100',
      status: 'filled',
      price: '12.53',
      tone: 'filled',
    });
    const refused = orderCells(order('refused', { reason: 'long only: RIVN holds 0', side: 'SELL' }));
    expect(refused).toMatchObject({
      status: 'refused',
      price: '—',
      reason: 'long only: RIVN holds 0',
      tone: 'refused',
    });
    expect(orderCells(order('odd')).tone).toBe('plain');
    expect(orderStatusCounts([order('filled'), order('refused'), order('filled')])).toBe(
      '2 filled, 1 refused',
    );
    expect(orderStatusCounts([])).toBe('');
  });

  it('lists newest first without copying the list', () => {
    const list = ['a', 'b', 'c'];
    expect([0, 1, 2, 3].map((i) => newestFirst(list, i))).toEqual(['c', 'b', 'a', undefined]);
  });

  it('tells a read that brought no order from one that did', () => {
    const list = [order('filled'), order('refused')];
    expect(
      sameOrders(
        list,
        list.map((o) => ({ ...o })),
      ),
    ).toBe(true);
    expect(sameOrders(list, [...list, order('filled')])).toBe(false);
    expect(sameOrders(list, [list[0] as OrderView, order('cancelled')])).toBe(false);
    expect(sameOrders([], [])).toBe(true);
  });
});
