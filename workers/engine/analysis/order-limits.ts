// `trading_config`'s limits, checked when an order would fill, at its fill price (docs/strategies.md
// "Limits"). The first one that fails is the refusal's reason: one line naming the limit, the numbers and
// what is allowed.

import { shownNumber } from '../../common/shown-text';
import type { TradingLimits } from '../config-strategies';
import type { AnalysisStore, PositionState, Side } from './analysis-store';

/** Sum of |quantity| x mark over every position but `except`'s. */
function grossExposureExcept(store: AnalysisStore, except: PositionState): number {
  let gross = 0;
  for (const position of store.positions.values()) {
    if (position === except || position.quantity === 0) continue;
    gross += Math.abs(position.quantity) * position.lastPrice;
  }
  return gross;
}

function openPositions(store: AnalysisStore): number {
  let open = 0;
  for (const position of store.positions.values()) if (position.quantity !== 0) open++;
  return open;
}

/**
 * Why an order of `quantity` shares of `position.symbol` at `price` may not fill, or null when it may.
 * `allowShort`: whether its strategy may open or add to a short position.
 */
export function refusal(
  store: AnalysisStore,
  limits: TradingLimits,
  position: PositionState,
  side: Side,
  quantity: number,
  price: number,
  allowShort: boolean,
): string | null {
  const { symbol } = position;
  if (!Number.isInteger(quantity) || quantity < 1)
    return `quantity: ${quantity} is not a positive whole number of shares`;
  const held = position.quantity;
  const after = held + (side === 'BUY' ? quantity : -quantity);
  if (side === 'SELL' && after < 0 && !allowShort)
    return `long only: SELL ${quantity} ${symbol} but holds ${held} (allow_short is false: a SELL may only reduce a long position)`;
  if (held === 0 && limits.maxOpenPositions !== null) {
    const open = openPositions(store);
    if (open >= limits.maxOpenPositions)
      return `max_open_positions: ${open} positions are open, the limit is ${limits.maxOpenPositions} (a new position opens only below it)`;
  }
  // The size limits meet only an order that opens or adds to a position (on either side): one that only makes
  // a position smaller is allowed by them, so a position can be closed whatever the price did since.
  const opens = Math.abs(after) > Math.abs(held) || Math.sign(after) === -Math.sign(held);
  const value = quantity * price;
  if (opens && limits.maxPerTrade !== null && value > limits.maxPerTrade)
    return `max_per_trade: ${quantity} x ${shownNumber(price)} = ${shownNumber(value)} is above ${shownNumber(limits.maxPerTrade)} (allowed: an order of at most ${Math.floor(limits.maxPerTrade / price)} shares at this price)`;
  const symbolValue = Math.abs(after) * price;
  if (opens && limits.maxPerSymbol !== null && symbolValue > limits.maxPerSymbol) {
    const most = Math.floor(limits.maxPerSymbol / price);
    const more = Math.max(0, most - (Math.sign(after) === Math.sign(held) ? Math.abs(held) : 0));
    return `max_per_symbol: ${symbol} would hold ${after} x ${shownNumber(price)} = ${shownNumber(symbolValue)}, above ${shownNumber(limits.maxPerSymbol)} (allowed: a position of at most ${most} shares at this price, so at most ${more} more)`;
  }
  // Every BUY is paid in cash (no margin), covering a short too: cash falls short of that only when the
  // account's equity is below zero.
  const commission = quantity * limits.commissionPerShare;
  const cash = store.account.cash;
  if (side === 'BUY' && value + commission > cash)
    return `buying power: ${quantity} x ${shownNumber(price)} + commission ${shownNumber(commission)} = ${shownNumber(value + commission)} is above the cash ${shownNumber(cash)} (no margin)`;
  const gross = grossExposureExcept(store, position) + symbolValue;
  if (opens && gross > limits.maxBuyingPower)
    return `buying power: gross exposure after the fill ${shownNumber(gross)} is above max_buying_power ${shownNumber(limits.maxBuyingPower)}`;
  return null;
}
