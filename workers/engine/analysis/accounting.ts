// Average-cost accounting of fills (docs/strategies.md "Accounting"). Commission is part of the cost: it
// raises a long's average price and lowers a short's average proceeds, so that at every moment
//   equity = cash + sum(quantity x mark) = starting cash + realized + unrealized
// and realized = the sum of the closed trades' pnl. Values are kept exact (no rounding); exports round.

import type { AnalysisStore, ClosedTrade, PositionState, Side } from './analysis-store';

const sideSign = (side: Side) => (side === 'BUY' ? 1 : -1);

/**
 * Applies a fill of `quantity` shares of `position.symbol` at `price` (commission `commission`) to the store:
 * cash, the position (a reduction first, then an opening with what is left, so a reversal is a close and an
 * open), realized P&L and the closed trade of a reduction. Returns the realized P&L of the fill.
 */
export function applyFill(
  store: AnalysisStore,
  position: PositionState,
  side: Side,
  quantity: number,
  price: number,
  commission: number,
  time: number,
  strategy: string,
): number {
  const sign = sideSign(side);
  const account = store.account;
  account.cash -= price * quantity * sign + commission;
  const held = position.quantity;
  // Shares that reduce the position (opposite sides), and those that open or add.
  const reducing = held !== 0 && Math.sign(held) !== sign ? Math.min(quantity, Math.abs(held)) : 0;
  const opening = quantity - reducing;
  // The commission is shared between the two parts by shares.
  const reduceCommission = (commission * reducing) / quantity;
  const openCommission = commission - reduceCommission;
  let realized = 0;
  if (reducing > 0) {
    const direction = Math.sign(held);
    realized = (price - position.avgPrice) * reducing * direction - reduceCommission;
    const trade: ClosedTrade = {
      symbol: position.symbol,
      strategy,
      side: direction > 0 ? 'long' : 'short',
      quantity: reducing,
      entryTime: position.openedAt,
      entryPrice: position.avgPrice,
      exitTime: time,
      exitPrice: price,
      pnl: realized,
    };
    store.trades.push(trade);
    account.trades++;
    position.quantity = held - direction * reducing;
    if (position.quantity === 0) {
      position.avgPrice = 0;
      position.openedAt = Number.NaN;
    }
  }
  if (opening > 0) {
    const size = Math.abs(position.quantity);
    if (size === 0) position.openedAt = time;
    // A long's cost includes the commission; a short's proceeds are net of it.
    position.avgPrice =
      (position.avgPrice * size + price * opening + sign * openCommission) / (size + opening);
    position.quantity += sign * opening;
  }
  position.realizedPnl += realized;
  account.realizedPnl += realized;
  return realized;
}

/** Revalues `position` at `mark`. */
export function markPosition(position: PositionState, mark: number): void {
  position.lastPrice = mark;
  position.unrealizedPnl = position.quantity === 0 ? 0 : (mark - position.avgPrice) * position.quantity;
}

/** Recomputes the account's equity and unrealized P&L from its cash and positions. */
export function revalueAccount(store: AnalysisStore): void {
  let value = 0;
  let unrealized = 0;
  for (const position of store.positions.values()) {
    if (position.quantity === 0) continue;
    value += position.quantity * position.lastPrice;
    unrealized += position.unrealizedPnl;
  }
  store.account.equity = store.account.cash + value;
  store.account.unrealizedPnl = unrealized;
}
