// What the analysis engine holds for the whole run (docs/export-format.md section 10): each strategy's
// signals and orders, the positions, the account and its equity samples. Unlike a session's streams it is
// not reset when a trading day opens: a position held overnight, and the equity curve, span the backtest.

import { SeriesColumns } from '../columns';

export type Side = 'BUY' | 'SELL';

export interface SignalRow {
  /** Epoch ms: the stamp (opening time) of the bar the signal was made on; it is made at that bar's close. */
  time: number;
  symbol: string;
  interval: string;
  action: Side;
  quantity: number;
  /** That bar's close. */
  price: number;
  reason: string;
}

export type OrderStatus = 'filled' | 'refused' | 'cancelled';

export interface OrderRow {
  /** Epoch ms: the open of the base bar it filled (or was refused) at; the backtest's end when cancelled. */
  time: number;
  symbol: string;
  side: Side;
  quantity: number;
  status: OrderStatus;
  /** The fill price; null unless filled. */
  price: number | null;
  commission: number;
  /** What this fill realized (0 when it only opens or adds); null unless filled. */
  realizedPnl: number | null;
  /** The time of the signal it came from (`SignalRow.time`). */
  signalTime: number;
  /** The signal's reason when filled; the refusal's or the cancellation's otherwise. */
  reason: string;
}

export interface PositionState {
  symbol: string;
  /** Signed: negative when short. */
  quantity: number;
  /** Average cost per share, commissions included; 0 when flat. */
  avgPrice: number;
  realizedPnl: number;
  unrealizedPnl: number;
  /** The mark: the symbol's last base bar close, NaN before any bar. */
  lastPrice: number;
  /** Epoch ms of the fill that opened the position from flat; NaN when flat. */
  openedAt: number;
}

export interface AccountState {
  startingCash: number;
  cash: number;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  /** Closed trades so far. */
  trades: number;
}

/** A fill that reduced a position: the part of it closed, entry to exit. */
export interface ClosedTrade {
  symbol: string;
  strategy: string;
  side: 'long' | 'short';
  quantity: number;
  /** Epoch ms the position was opened from flat. */
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  pnl: number;
}

/** A JSON value, as a strategy's resolved configuration holds them. */
export type ConfigValue =
  | string
  | number
  | boolean
  | null
  | readonly ConfigValue[]
  | { [key: string]: ConfigValue };

export interface StrategyRecord {
  /** The module name as configured (`strategies.examples.simple_ma_cross`). */
  module: string;
  enabled: boolean;
  /** The configuration the strategy runs with: defaults filled, in the module's parameter order. */
  config: { [key: string]: ConfigValue };
  signals: SignalRow[];
  orders: OrderRow[];
}

/** Equity sample columns after `time`, in export order. */
export const EQUITY_OUTPUTS = ['cash', 'equity', 'realized_pnl', 'unrealized_pnl'] as const;

export class AnalysisStore {
  readonly strategies: StrategyRecord[];
  /** Every symbol an enabled strategy trades, in the session's symbol order. */
  readonly positions = new Map<string, PositionState>();
  readonly account: AccountState;
  /** One row per sample: time (epoch ms, the base bar's stamp) and EQUITY_OUTPUTS, valued at its close. */
  readonly equity = new SeriesColumns(EQUITY_OUTPUTS.length, 512);
  readonly trades: ClosedTrade[] = [];
  /** Bumped on every change, so that a reader can tell an unchanged store at a glance. */
  version = 0;

  constructor(
    strategies: readonly { module: string; enabled: boolean; config: { [key: string]: ConfigValue } }[],
    symbols: readonly string[],
    startingCash: number,
  ) {
    this.strategies = strategies.map((s) => ({ ...s, signals: [], orders: [] }));
    for (const symbol of symbols)
      this.positions.set(symbol, {
        symbol,
        quantity: 0,
        avgPrice: 0,
        realizedPnl: 0,
        unrealizedPnl: 0,
        lastPrice: Number.NaN,
        openedAt: Number.NaN,
      });
    this.account = {
      startingCash,
      cash: startingCash,
      equity: startingCash,
      realizedPnl: 0,
      unrealizedPnl: 0,
      trades: 0,
    };
  }
}
