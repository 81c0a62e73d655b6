// The rows of the positions, closed trades and orders tables, as the tables show them: every cell already
// formatted, the P&L's tone, newest first for the two long lists (the latest fill is what a person watching
// a replay looks for). Pure, for the tests; the tables only lay the rows out.
import type { OrderView, PositionView, TradeRow } from '../../../workers/mirror/analysis-types';
import { formatCount } from '../../format';
import { formatOrderTime, formatPnl, formatPrice, pnlTone } from './analysis-format';
import { strategyName } from './trade-markers';

export type Tone = 'up' | 'down' | 'flat';

export interface PositionCells {
  symbol: string;
  quantity: string;
  avgPrice: string;
  last: string;
  unrealized: string;
  unrealizedTone: Tone;
  realized: string;
  realizedTone: Tone;
}

export function positionCells(p: PositionView): PositionCells {
  return {
    symbol: p.symbol,
    quantity: formatCount(p.quantity),
    // A flat position has no average price worth showing.
    avgPrice: p.quantity === 0 ? '—' : formatPrice(p.avgPrice),
    last: formatPrice(p.lastPrice),
    unrealized: formatPnl(p.unrealizedPnl),
    unrealizedTone: pnlTone(p.unrealizedPnl),
    realized: formatPnl(p.realizedPnl),
    realizedTone: pnlTone(p.realizedPnl),
  };
}

export interface TradeCells {
  symbol: string;
  strategy: string;
  side: string;
  entry: string;
  entryPrice: string;
  exit: string;
  exitPrice: string;
  quantity: string;
  pnl: string;
  pnlTone: Tone;
  running: string;
  runningTone: Tone;
}

export function tradeCells(t: TradeRow): TradeCells {
  return {
    symbol: t.symbol,
    strategy: strategyName(t.strategy),
    side: t.side,
    entry: formatOrderTime(t.entryTime),
    entryPrice: formatPrice(t.entryPrice),
    exit: formatOrderTime(t.exitTime),
    exitPrice: formatPrice(t.exitPrice),
    quantity: formatCount(t.quantity),
    pnl: formatPnl(t.pnl),
    pnlTone: pnlTone(t.pnl),
    running: formatPnl(t.runningPnl),
    runningTone: pnlTone(t.runningPnl),
  };
}

export interface OrderCells {
  time: string;
  symbol: string;
  strategy: string;
  side: 'BUY' | 'SELL';
  quantity: string;
  status: string;
  price: string;
  reason: string;
  /** filled / refused / cancelled, for the row's look (anything else: plain). */
  tone: 'filled' | 'refused' | 'cancelled' | 'plain';
}

export function orderCells(o: OrderView): OrderCells {
  const status = o.status.toLowerCase();
  return {
    time: formatOrderTime(o.time),
    symbol: o.symbol,
    strategy: strategyName(o.strategy),
    side: o.side,
    quantity: formatCount(o.quantity),
    status: o.status,
    price: formatPrice(o.price),
    reason: o.reason,
    tone: status === 'filled' || status === 'refused' || status === 'cancelled' ? status : 'plain',
  };
}

/** Row `i` of a list shown newest first: the list keeps its order, only the index is turned round. */
export const newestFirst = <T>(list: readonly T[], i: number): T | undefined => list[list.length - 1 - i];

/** `3 filled, 1 refused` for an orders table's caption. */
export function orderStatusCounts(orders: readonly OrderView[]): string {
  const counts = new Map<string, number>();
  for (const o of orders) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${formatCount(n)} ${status}`).join(', ');
}

/**
 * Whether two reads' orders are the same list. Each read brings the list anew (every few frames at 600x);
 * within a run orders are only ever added, so the count and the last one tell a change, and the table is
 * not rendered again for a read that brought no order.
 */
export function sameOrders(a: readonly OrderView[], b: readonly OrderView[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.at(-1);
  const y = b.at(-1);
  if (!x || !y) return x === y;
  return x.time === y.time && x.status === y.status && x.reason === y.reason && x.price === y.price;
}

/** As `sameOrders`, for closed trades. */
export function sameTrades(a: readonly TradeRow[], b: readonly TradeRow[]): boolean {
  if (a.length !== b.length) return false;
  const x = a.at(-1);
  const y = b.at(-1);
  if (!x || !y) return x === y;
  return x.exitTime === y.exitTime && x.pnl === y.pnl && x.runningPnl === y.runningPnl;
}
