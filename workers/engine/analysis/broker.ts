// Market orders: a strategy's signal waits until the symbol's first base bar that opens at or after the
// signal's decision time (the close of the bar it was made on), and fills at that bar's open, within the
// limits; a refused order is kept with its reason. Orders fill in the order they were made. What is still
// pending when the backtest ends is cancelled. No look-ahead: the fill price is a price after the decision.

import type { BarColumns } from '../columns';
import type { TradingLimits } from '../config-strategies';
import { applyFill } from './accounting';
import type { AnalysisStore, PositionState, Side, StrategyRecord } from './analysis-store';
import { refusal } from './order-limits';

export interface PendingOrder {
  record: StrategyRecord;
  allowShort: boolean;
  position: PositionState;
  side: Side;
  quantity: number;
  /** The signal's time (its bar's stamp). */
  signalTime: number;
  /** Epoch ms the signal was made: its bar's close, capped at the session's close. */
  decidedAt: number;
  reason: string;
}

export const CANCELLED_REASON = 'the backtest ended before the next bar opened';

export class Broker {
  /** In the order they were made. */
  readonly pending: PendingOrder[] = [];

  constructor(
    private readonly store: AnalysisStore,
    private readonly limits: TradingLimits,
  ) {}

  place(order: PendingOrder): void {
    this.pending.push(order);
  }

  /**
   * Fills (or refuses) the pending orders of `symbol` whose first base bar at or after their decision time is
   * among bars [from, to) of `bars` (the bars that closed this minute). Returns whether anything changed.
   */
  barsClosed(symbol: string, bars: BarColumns, from: number, to: number): boolean {
    const pending = this.pending;
    if (pending.length === 0 || from >= to) return false;
    let kept = 0;
    let changed = false;
    for (let k = 0; k < pending.length; k++) {
      const order = pending[k] as PendingOrder;
      const bar = order.position.symbol === symbol ? firstAtOrAfter(bars, from, to, order.decidedAt) : -1;
      if (bar < 0) {
        pending[kept++] = order;
        continue;
      }
      this.execute(order, bars.time[bar] as number, bars.open[bar] as number);
      changed = true;
    }
    pending.length = kept;
    return changed;
  }

  /** Cancels every pending order at `time` (the backtest's end). */
  cancelAll(time: number): boolean {
    for (const order of this.pending) {
      order.record.orders.push({
        time,
        symbol: order.position.symbol,
        side: order.side,
        quantity: order.quantity,
        status: 'cancelled',
        price: null,
        commission: 0,
        realizedPnl: null,
        signalTime: order.signalTime,
        reason: CANCELLED_REASON,
      });
    }
    const changed = this.pending.length > 0;
    this.pending.length = 0;
    return changed;
  }

  private execute(order: PendingOrder, time: number, price: number): void {
    const { position, side, quantity } = order;
    const why = refusal(this.store, this.limits, position, side, quantity, price, order.allowShort);
    const base = { time, symbol: position.symbol, side, quantity, signalTime: order.signalTime };
    if (why !== null) {
      order.record.orders.push({
        ...base,
        status: 'refused',
        price: null,
        commission: 0,
        realizedPnl: null,
        reason: why,
      });
      return;
    }
    const commission = quantity * this.limits.commissionPerShare;
    const realized = applyFill(
      this.store,
      position,
      side,
      quantity,
      price,
      commission,
      time,
      order.record.module,
    );
    order.record.orders.push({
      ...base,
      status: 'filled',
      price,
      commission,
      realizedPnl: realized,
      reason: order.reason,
    });
  }
}

/** Index of the first bar in [from, to) opening at or after `time`, or -1. */
function firstAtOrAfter(bars: BarColumns, from: number, to: number, time: number): number {
  for (let i = from; i < to; i++) if ((bars.time[i] as number) >= time) return i;
  return -1;
}
