// What a session view reads of the analysis section (docs/export-format.md section 10.1): the shown
// symbol's signals and fills as markers lined up with the shown bars, the equity line, the orders, the
// positions, the closed trades rebuilt from the filled orders, and the summary figures.

import { intervalSeconds } from '../common/interval-key';
import type { MirrorAnalysis, MirrorStrategy } from './analysis-state';
import { summarize } from './analysis-summary';
import type {
  AnalysisRead,
  ChartMarker,
  OrderView,
  PositionView,
  TradeRow,
  TradeSide,
} from './analysis-types';
import { rowClose } from './indicator-lines';
import type { SymbolState } from './mirror';
import { localSeconds, type RowTable } from './row-table';
import type { Row } from './stream-block';

const DAY = 86_400;
/** A millisecond, in the seconds of the chart's clock: the last instant of a bar is its close less this. */
const INSTANT = 0.001;

/** A row's cell by column name (files may order their columns otherwise), or undefined. */
const cell = (columns: readonly string[], row: Row, name: string) => {
  const i = columns.indexOf(name);
  return i < 0 ? undefined : row[i];
};
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const sideOf = (v: unknown): TradeSide | null => (v === 'BUY' || v === 'SELL' ? v : null);

/** A row's time (a full local date-time) as chart seconds, or null when it is not one. */
function secondsOf(v: unknown): number | null {
  if (typeof v !== 'string' || v.length < 10) return null;
  try {
    const s = localSeconds(v, null);
    return Number.isNaN(s) ? null : s;
  } catch {
    return null;
  }
}

/**
 * The opening times of the bars a chart of `interval` shows (history, then session), searched without
 * copying them: for an instant, the shown bar that holds it.
 */
class ChartAxis {
  private readonly parts: Float64Array[];
  /** A week's bar holds the days after its stamp: an event on them belongs to it. */
  private readonly span: number;

  constructor(state: SymbolState | undefined, interval: string) {
    this.span = /^\d+w$/.test(interval) ? intervalSeconds(interval) : DAY;
    const tables = [state?.historical.get(interval)?.table, state?.streams.get(interval)];
    this.parts = tables
      .filter((t): t is RowTable => t !== undefined && t.length > 0 && t.names.length > 0)
      .map((t) => t.column(0));
  }

  /**
   * The time of the last shown bar opening at or before `t`, on the same day (in the same week on a weekly
   * chart); null when there is none.
   */
  barAt(t: number): number | null {
    for (let p = this.parts.length - 1; p >= 0; p--) {
      const times = this.parts[p] as Float64Array;
      let lo = 0;
      let hi = times.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((times[mid] as number) <= t) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) continue;
      const bar = times[lo - 1] as number;
      if (this.span > DAY) return t < Math.floor(bar / DAY) * DAY + this.span ? bar : null;
      return Math.floor(bar / DAY) === Math.floor(t / DAY) ? bar : null;
    }
    return null;
  }
}

/**
 * When a signal is known, less an instant: its `decided_at` as exported (the engine's decision time: a
 * week's bar decides at the week's last close), else its bar's close (capped at 16:00) from the stamp `t`.
 */
function signalInstant(t: number, decidedAt: number | null, interval: unknown): number {
  if (decidedAt !== null && decidedAt >= t) return decidedAt - INSTANT;
  const length = typeof interval === 'string' ? intervalSeconds(interval) : Number.NaN;
  if (!Number.isFinite(length) || length <= 0) return t;
  return rowClose(t, length) - INSTANT;
}

function signalMarkers(strategy: MirrorStrategy, symbol: string, axis: ChartAxis, out: Placed[]): void {
  const { columns, rows } = strategy.signals;
  for (const row of rows) {
    if (cell(columns, row, 'symbol') !== symbol) continue;
    const side = sideOf(cell(columns, row, 'action'));
    const t = secondsOf(cell(columns, row, 'timestamp'));
    if (side === null || t === null) continue;
    const decided = secondsOf(cell(columns, row, 'decided_at'));
    const instant = signalInstant(t, decided, cell(columns, row, 'interval'));
    const time = axis.barAt(instant);
    if (time === null) continue;
    out.push({
      instant,
      time,
      kind: 'signal',
      side,
      quantity: num(cell(columns, row, 'quantity')) ?? 0,
      price: num(cell(columns, row, 'price')),
      strategy: strategy.module,
      text: text(cell(columns, row, 'reason')) ?? '',
    });
  }
}

function orderMarkers(strategy: MirrorStrategy, symbol: string, axis: ChartAxis, out: Placed[]): void {
  const { columns, rows } = strategy.orders;
  for (const row of rows) {
    if (cell(columns, row, 'symbol') !== symbol) continue;
    const status = cell(columns, row, 'status');
    // A cancelled order never reached the market: it has no place on the chart.
    const kind = status === 'filled' ? 'fill' : status === 'refused' ? 'refused' : null;
    const side = sideOf(cell(columns, row, 'side'));
    const t = secondsOf(cell(columns, row, 'timestamp'));
    if (kind === null || side === null || t === null) continue;
    const time = axis.barAt(t);
    if (time === null) continue;
    out.push({
      instant: t,
      time,
      kind,
      side,
      quantity: num(cell(columns, row, 'quantity')) ?? 0,
      price: kind === 'fill' ? num(cell(columns, row, 'price')) : null,
      strategy: strategy.module,
      text: text(cell(columns, row, 'reason')) ?? '',
    });
  }
}

/** A marker and the moment of its event, which orders the markers of one bar. */
type Placed = ChartMarker & { instant: number };

/** The shown symbol's markers, by bar, then by the moment each event happened (strategy order at a tie). */
export function markersOf(
  analysis: MirrorAnalysis,
  symbol: string | null,
  state: SymbolState | undefined,
  interval: string,
): ChartMarker[] {
  if (symbol === null) return [];
  const axis = new ChartAxis(state, interval);
  const placed: Placed[] = [];
  for (const strategy of analysis.strategies.values()) {
    signalMarkers(strategy, symbol, axis, placed);
    orderMarkers(strategy, symbol, axis, placed);
  }
  // Stable: at the same bar and moment, the order above stays.
  placed.sort((a, b) => a.time - b.time || a.instant - b.instant);
  return placed.map(({ instant: _, ...marker }) => marker);
}

/**
 * Every strategy's orders, by time, and at the same time by `id` (the order they were made in, which is the
 * order the engine filled them in); without ids, in the strategies' order.
 */
export function ordersOf(analysis: MirrorAnalysis): OrderView[] {
  const orders: { at: number; id: number; view: OrderView }[] = [];
  for (const strategy of analysis.strategies.values()) {
    const { columns, rows } = strategy.orders;
    for (const row of rows) {
      const time = text(cell(columns, row, 'timestamp')) ?? '';
      orders.push({
        at: secondsOf(time) ?? Number.POSITIVE_INFINITY,
        id: num(cell(columns, row, 'id')) ?? 0,
        view: {
          time,
          strategy: strategy.module,
          symbol: text(cell(columns, row, 'symbol')) ?? '',
          side: sideOf(cell(columns, row, 'side')) ?? 'BUY',
          quantity: num(cell(columns, row, 'quantity')) ?? 0,
          status: text(cell(columns, row, 'status')) ?? '',
          price: num(cell(columns, row, 'price')),
          commission: num(cell(columns, row, 'commission')) ?? 0,
          realizedPnl: num(cell(columns, row, 'realized_pnl')),
          signalTime: text(cell(columns, row, 'signal_timestamp')),
          reason: text(cell(columns, row, 'reason')) ?? '',
        },
      });
    }
  }
  return orders.sort((a, b) => a.at - b.at || a.id - b.id).map((o) => o.view);
}

/** A symbol's position while trades are rebuilt: signed quantity, average cost, when it opened from flat. */
interface Holding {
  quantity: number;
  avg: number;
  openedAt: string;
}

/**
 * The closed trades, rebuilt from the filled orders in time order by average cost, commission in the cost
 * (the engine's rule, docs/strategies.md): a fill that adds raises a long's average by its commission per
 * share and lowers a short's; a fill against the position closes up to its size (one trade, with its share
 * of the commission) and opens the rest the other way. A trade's P&L is the order's `realized_pnl` when the
 * export gives it (the engine's figure, rounded; a fill realizes only its closing part), else the rebuilt one.
 */
export function tradesOf(orders: readonly OrderView[]): TradeRow[] {
  const holdings = new Map<string, Holding>();
  const trades: TradeRow[] = [];
  let running = 0;
  for (const o of orders) {
    if (o.status !== 'filled' || o.price === null || o.quantity <= 0) continue;
    const sign = o.side === 'BUY' ? 1 : -1;
    const h = holdings.get(o.symbol) ?? { quantity: 0, avg: 0, openedAt: o.time };
    holdings.set(o.symbol, h);
    const reducing =
      h.quantity !== 0 && Math.sign(h.quantity) !== sign ? Math.min(o.quantity, Math.abs(h.quantity)) : 0;
    const opening = o.quantity - reducing;
    const reduceCommission = (o.commission * reducing) / o.quantity;
    if (reducing > 0) {
      const direction = Math.sign(h.quantity);
      const rebuilt = (o.price - h.avg) * reducing * direction - reduceCommission;
      // What a fill realizes is its closing part's P&L: this trade's, as the engine computed it.
      const pnl = o.realizedPnl ?? rebuilt;
      running += pnl;
      trades.push({
        symbol: o.symbol,
        strategy: o.strategy,
        side: direction > 0 ? 'long' : 'short',
        quantity: reducing,
        entryTime: h.openedAt,
        entryPrice: h.avg,
        exitTime: o.time,
        exitPrice: o.price,
        pnl,
        runningPnl: running,
      });
      h.quantity -= direction * reducing;
      if (h.quantity === 0) h.avg = 0;
    }
    if (opening > 0) {
      const size = Math.abs(h.quantity);
      if (size === 0) h.openedAt = o.time;
      h.avg =
        (h.avg * size + o.price * opening + sign * (o.commission - reduceCommission)) / (size + opening);
      h.quantity += sign * opening;
    }
  }
  return trades;
}

function positionsOf(analysis: MirrorAnalysis): PositionView[] {
  return [...analysis.positions].map(([symbol, p]) => ({ symbol, ...p }));
}

/** The equity line: each sample's chart time and equity, in fresh arrays (they are transferred). */
function equityLine(analysis: MirrorAnalysis): { time: Float64Array; equity: Float64Array } {
  const table = analysis.equity;
  const column = table.names.indexOf('equity');
  // A file's block may name no columns at all (`[]`, with no rows): no line.
  if (table.names.length === 0) return { time: new Float64Array(0), equity: new Float64Array(0) };
  return {
    time: table.column(0).slice(),
    equity: column < 0 ? new Float64Array(table.length).fill(Number.NaN) : table.column(column).slice(),
  };
}

/** What a view read of an analysis built from its signals and orders, kept until more come (its `version`). */
interface Computed {
  version: number;
  orders: OrderView[];
  trades: TradeRow[];
  markersKey: string;
  markers: ChartMarker[];
}

/**
 * The parts of a read that cost a pass over the run's rows (orders sorted and parsed, trades rebuilt,
 * markers placed), by the analysis they came from: a view is read every 250 ms while the session runs, and
 * most reads follow no new signal or order. The equity line is copied for every read (it is transferred),
 * and the summary, which moves with every equity sample, is computed for every read.
 */
const computed = new WeakMap<MirrorAnalysis, Computed>();

function computedFor(
  analysis: MirrorAnalysis,
  symbol: string | null,
  state: SymbolState | undefined,
  interval: string,
): Computed {
  // Markers also move with the bars shown (a marker whose bar is not shown yet has none).
  const shown = `${state?.historical.get(interval)?.table.length ?? 0}/${state?.streams.get(interval)?.length ?? 0}`;
  const markersKey = `${symbol}|${interval}|${shown}`;
  let held = computed.get(analysis);
  if (held === undefined || held.version !== analysis.version) {
    const orders = ordersOf(analysis);
    held = { version: analysis.version, orders, trades: tradesOf(orders), markersKey: '', markers: [] };
    computed.set(analysis, held);
  }
  if (held.markersKey !== markersKey) {
    held.markers = markersOf(analysis, symbol, state, interval);
    held.markersKey = markersKey;
  }
  return held;
}

/** What the view reads of the analysis the mirror holds, for the symbol and interval shown. */
export function analysisRead(
  analysis: MirrorAnalysis,
  symbol: string | null,
  state: SymbolState | undefined,
  interval: string,
): AnalysisRead {
  const { orders, trades, markers } = computedFor(analysis, symbol, state, interval);
  const equity = equityLine(analysis);
  const last = equity.equity.length - 1;
  const table = analysis.equity;
  const sample = (name: string) => {
    const c = table.names.indexOf(name);
    return c < 0 || last < 0 ? 0 : (table.column(c)[last] as number);
  };
  // The account the exports gave, else its last equity sample (a file without one).
  const account = analysis.account ?? {
    cash: sample('cash'),
    equity: sample('equity'),
    realizedPnl: sample('realized_pnl'),
    unrealizedPnl: sample('unrealized_pnl'),
    trades: trades.length,
  };
  return {
    strategies: [...analysis.strategies.values()].map((s) => ({
      module: s.module,
      // A strategy the exports list without saying (a chain of deltas only) runs: disabled ones have no rows.
      enabled: s.enabled ?? true,
    })),
    markers,
    equity,
    orders,
    positions: positionsOf(analysis),
    trades,
    summary: summarize(
      account,
      equity.time,
      equity.equity,
      trades.map((t) => t.pnl),
    ),
  };
}
