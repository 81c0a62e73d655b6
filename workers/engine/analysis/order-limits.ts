// `trading_config`'s limits, checked when an order would fill, at its fill price (docs/strategies.md
// "Limits"). The first one that fails is the refusal's reason: one line naming the limit, the numbers and
// what is allowed.

import type { TradingLimits } from '../config-strategies';
import type { AnalysisStore, PositionState, Side } from './analysis-store';

/** Money and prices in a reason: up to 10 significant digits, no trailing zeros. */
export const shownMoney = (x: number) => String(Number(x.toPrecision(10)));

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
  const value = quantity * price;
  if (limits.maxPerTrade !== null && value > limits.maxPerTrade)
    return `max_per_trade: ${quantity} x ${shownMoney(price)} = ${shownMoney(value)} is above ${shownMoney(limits.maxPerTrade)} (allowed: at most ${Math.floor(limits.maxPerTrade / price)} shares at this price)`;
  const symbolValue = Math.abs(after) * price;
  if (limits.maxPerSymbol !== null && symbolValue > limits.maxPerSymbol && Math.abs(after) > Math.abs(held))
    return `max_per_symbol: ${symbol} would hold ${after} x ${shownMoney(price)} = ${shownMoney(symbolValue)}, above ${shownMoney(limits.maxPerSymbol)} (allowed: at most ${Math.floor(limits.maxPerSymbol / price)} shares at this price)`;
  const commission = quantity * limits.commissionPerShare;
  const cash = store.account.cash;
  if (side === 'BUY' && value + commission > cash)
    return `buying power: ${quantity} x ${shownMoney(price)} + commission ${shownMoney(commission)} = ${shownMoney(value + commission)} is above the cash ${shownMoney(cash)} (no margin)`;
  const gross = grossExposureExcept(store, position) + symbolValue;
  if (gross > limits.maxBuyingPower && Math.abs(after) > Math.abs(held))
    return `buying power: gross exposure after the fill ${shownMoney(gross)} is above max_buying_power ${shownMoney(limits.maxBuyingPower)}`;
  return null;
}
