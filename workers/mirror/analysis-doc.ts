// The `analysis` section of an export as a consumer reads it (docs/export-format.md sections 10.1 and 11):
// liberally. A file without it (the original's, an export that left it out) has no analysis; a strategy,
// stream block or position that is damaged is noted and left out, and the rest is read.

import { isObject } from '../common/is-object';
import { describeValue, EQUITY_COLUMNS, keyText, ORDER_COLUMNS, SIGNAL_COLUMNS } from '../export/contract';
import type { Row, StreamBlock } from './stream-block';

export interface StrategyDoc {
  /** From complete exports; null when the export does not say (deltas). */
  enabled: boolean | null;
  config: unknown;
  signals: StreamBlock;
  orders: StreamBlock;
}

export interface PositionDoc {
  quantity: number;
  avgPrice: number;
  realizedPnl: number;
  unrealizedPnl: number;
  /** Null before the symbol's first bar. */
  lastPrice: number | null;
}

export interface AccountDoc {
  cash: number;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  trades: number;
}

export interface AnalysisDoc {
  strategies: Record<string, StrategyDoc>;
  /** Null when the section gives none (or not an object): the held ones are kept. */
  positions: Record<string, PositionDoc> | null;
  account: AccountDoc | null;
  /** Null when the section has no equity block, or a damaged one (noted): nothing appended. */
  equity: StreamBlock | null;
}

/** Reads a stream block (the checks of section 11.2, item 8), given this section's columns when it names none. */
export type BlockReader = (
  block: unknown,
  where: string,
  columns: readonly string[],
) => { ok: true; value: StreamBlock } | { ok: false; error: string };

/** Where a damaged part goes: one note per part, grouped by the caller. */
export type DamageNote = (where: string, problem: string) => void;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const EMPTY = (columns: readonly string[]): StreamBlock => ({
  count: 0,
  total_count: 0,
  totalKnown: false,
  columns: [...columns],
});

function blockOf(
  block: unknown,
  where: string,
  columns: readonly string[],
  read: BlockReader,
  damaged: DamageNote,
): StreamBlock | null {
  if (block === undefined || block === null || (isObject(block) && Object.keys(block).length === 0))
    return EMPTY(columns);
  const result = read(block, where, columns);
  if (result.ok) return result.value;
  damaged(where, result.error);
  return null;
}

function strategyOf(
  entry: unknown,
  where: string,
  read: BlockReader,
  damaged: DamageNote,
): StrategyDoc | null {
  if (!isObject(entry)) {
    damaged(where, `${where} is ${describeValue(entry)}, not an object`);
    return null;
  }
  const signals = blockOf(entry.signals, `${where}.signals`, SIGNAL_COLUMNS, read, damaged);
  const orders = blockOf(entry.orders, `${where}.orders`, ORDER_COLUMNS, read, damaged);
  // A strategy's streams go together: half of one would leave its trades half built.
  if (!signals || !orders) return null;
  return {
    enabled: typeof entry.enabled === 'boolean' ? entry.enabled : null,
    config: entry.config ?? null,
    signals,
    orders,
  };
}

function positionOf(entry: unknown, where: string, damaged: DamageNote): PositionDoc | null {
  const quantity = isObject(entry) ? num(entry.quantity) : null;
  if (!isObject(entry) || quantity === null) {
    damaged(
      where,
      isObject(entry)
        ? `${where}.quantity is ${describeValue(entry.quantity)}, not a number`
        : `${where} is ${describeValue(entry)}, not an object`,
    );
    return null;
  }
  return {
    quantity,
    avgPrice: num(entry.avg_price) ?? 0,
    realizedPnl: num(entry.realized_pnl) ?? 0,
    unrealizedPnl: num(entry.unrealized_pnl) ?? 0,
    lastPrice: num(entry.last_price),
  };
}

function accountOf(account: unknown, damaged: DamageNote): AccountDoc | null {
  if (account === undefined || account === null) return null;
  const where = 'analysis.account';
  if (!isObject(account) || num(account.equity) === null) {
    damaged(
      where,
      isObject(account)
        ? `${where}.equity is ${describeValue(account.equity)}, not a number`
        : `${where} is ${describeValue(account)}, not an object`,
    );
    return null;
  }
  const equity = num(account.equity) as number;
  return {
    cash: num(account.cash) ?? equity,
    equity,
    realizedPnl: num(account.realized_pnl) ?? 0,
    unrealizedPnl: num(account.unrealized_pnl) ?? 0,
    trades: num(account.trades) ?? 0,
  };
}

/**
 * The section, or null when the file has none (`analysis` missing or null). One that is not an object is
 * noted and read as none.
 */
export function readAnalysis(section: unknown, read: BlockReader, damaged: DamageNote): AnalysisDoc | null {
  if (section === undefined || section === null) return null;
  if (!isObject(section)) {
    damaged('analysis', `analysis is ${describeValue(section)}, not an object`);
    return null;
  }
  const strategies: Record<string, StrategyDoc> = {};
  if (isObject(section.strategies)) {
    for (const [module, entry] of Object.entries(section.strategies)) {
      const doc = strategyOf(entry, `analysis.strategies.${keyText(module)}`, read, damaged);
      if (doc) strategies[module] = doc;
    }
  } else if (section.strategies !== undefined && section.strategies !== null)
    damaged(
      'analysis.strategies',
      `analysis.strategies is ${describeValue(section.strategies)}, not an object`,
    );
  let positions: Record<string, PositionDoc> | null = null;
  if (isObject(section.positions)) {
    positions = {};
    for (const [symbol, entry] of Object.entries(section.positions)) {
      const doc = positionOf(entry, `analysis.positions.${keyText(symbol)}`, damaged);
      if (doc) positions[symbol] = doc;
    }
  } else if (section.positions !== undefined && section.positions !== null)
    damaged('analysis.positions', `analysis.positions is ${describeValue(section.positions)}, not an object`);
  const equity =
    section.equity === undefined
      ? null
      : blockOf(section.equity, 'analysis.equity', EQUITY_COLUMNS, read, damaged);
  return { strategies, positions, account: accountOf(section.account, damaged), equity };
}

/** The rows of a block, as plain rows (signals and orders are few, and hold text). */
export const rowsOf = (block: StreamBlock): Row[] => block.data ?? [];
