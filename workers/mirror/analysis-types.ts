// What a session view reads of the exports' `analysis` section (docs/export-format.md section 10): the
// markers for the symbol shown, lined up with its bars, the equity line, the orders, positions and closed
// trades, and the summary figures. Plain data, so it crosses to the page as it is.

export type TradeSide = 'BUY' | 'SELL';

/** One marker on the price pane. */
export interface ChartMarker {
  /**
   * Chart time (local seconds, the clock of the bars): the shown bar the event belongs to. A signal sits on
   * the shown bar that holds the last instant of the bar it was made on (it is known at that bar's close);
   * a fill or a refusal on the shown bar that holds its time.
   */
  time: number;
  kind: 'signal' | 'fill' | 'refused';
  side: TradeSide;
  quantity: number;
  /** The signal's bar close, or the fill price; null for a refused order. */
  price: number | null;
  /** The strategy's module. */
  strategy: string;
  /** The signal's reason, or the refusal's. */
  text: string;
}

/** An order as the export wrote it. */
export interface OrderView {
  /** Exchange-local date-time as exported (`2025-07-01T09:40:00`). */
  time: string;
  strategy: string;
  symbol: string;
  side: TradeSide;
  quantity: number;
  status: string;
  price: number | null;
  commission: number;
  realizedPnl: number | null;
  signalTime: string | null;
  reason: string;
}

/** A closed trade, rebuilt from the filled orders by average cost (the engine's rule). */
export interface TradeRow {
  symbol: string;
  strategy: string;
  side: 'long' | 'short';
  quantity: number;
  entryTime: string;
  entryPrice: number;
  exitTime: string;
  exitPrice: number;
  pnl: number;
  /** The sum of the P&L of this trade and every trade before it. */
  runningPnl: number;
}

export interface PositionView {
  symbol: string;
  quantity: number;
  avgPrice: number;
  realizedPnl: number;
  unrealizedPnl: number;
  lastPrice: number | null;
}

export interface AnalysisSummary {
  startingEquity: number;
  equity: number;
  cash: number;
  realizedPnl: number;
  unrealizedPnl: number;
  /** Fractions: 0.012 is 1.2 %. */
  totalReturn: number;
  /** The largest fall from a running peak, as a fraction of the peak (0 when none). */
  maxDrawdown: number;
  /** Winning closed trades over closed trades; null with none. */
  winRate: number | null;
  trades: number;
  /** Annualized Sharpe ratio of the equity samples' returns; null with fewer than two or no deviation. */
  sharpe: number | null;
  /** Equity samples it was computed on. */
  samples: number;
}

export interface EquityLine {
  /** Chart time (local seconds) of each sample. */
  time: Float64Array;
  equity: Float64Array;
}

export interface AnalysisRead {
  strategies: { module: string; enabled: boolean }[];
  /** The shown symbol's markers, by time. */
  markers: ChartMarker[];
  equity: EquityLine;
  orders: OrderView[];
  positions: PositionView[];
  trades: TradeRow[];
  summary: AnalysisSummary;
}
