// What a session view shows besides the chart, as small plain data: the symbols with their figures, the
// always-whole sections, and a symbol's latest trade and quote.
//
// The live mirror holds rows only for the symbols the page shows; every symbol's figures come from the
// board that rides with each export of the live feed (docs/export-format.md section 4.7). A mirror of
// export files has no board: its symbols are those the files carry. The overview is made once per state
// of the mirror (its `version`), not once per read: at a thousand symbols a read every 250 ms would
// otherwise rebuild a thousand rows for nothing.

import type { SymbolBoard } from '../export/contract';
import type { Mirror, SymbolState } from './mirror';
import { chartIntervals } from './series';

export interface SymbolRow {
  symbol: string;
  lastPrice: number | null;
  volume: number;
  high: number | null;
  low: number | null;
  quality: number;
  /** Rows held per session stream (none for a symbol the mirror holds no rows of). */
  rows: Record<string, number>;
  intervals: string[];
  /** Whether the mirror holds this symbol's rows (the live mirror holds only the symbols shown). */
  held: boolean;
}

export interface Overview {
  synced: boolean;
  sequence: number | null;
  sessionId: number | null;
  sessionDate: string | null;
  rowsHeld: number;
  symbols: SymbolRow[];
  /** The always-whole sections of the last export applied (system_manager, threads, ...). */
  sections: Record<string, unknown>;
}

export interface Quote {
  tick: Record<string, string | number | null> | null;
  quote: Record<string, string | number | null> | null;
}

function lastPrice(state: SymbolState): number | null {
  const tick = state.latest.get('ticks');
  if (tick && typeof tick.price === 'number') return tick.price;
  const bars = state.streams.get('1m');
  if (bars && bars.length > 0) return bars.column(4)[bars.length - 1] ?? null;
  return null;
}

const rowsOf = (s: SymbolState): Record<string, number> =>
  Object.fromEntries([...s.streams].map(([name, t]) => [name, t.length]));

/** A board's NaN (no trade, no bar yet) as the row's null. */
const orNull = (x: number | undefined): number | null => (x === undefined || Number.isNaN(x) ? null : x);

/** The rows of a mirror of export files: every symbol they carry, from its rows. */
function heldRows(mirror: Mirror): SymbolRow[] {
  return [...mirror.symbols].map(([symbol, s]) => ({
    symbol,
    lastPrice: lastPrice(s),
    volume: s.volume,
    high: s.high,
    low: s.low,
    quality: s.quality,
    rows: rowsOf(s),
    intervals: chartIntervals(s),
    held: true,
  }));
}

/**
 * The rows of the live mirror: every symbol of the board, its figures from the board, its rows from the
 * mirror when held. A symbol not held has the intervals the held ones have: every symbol of a session has
 * the same streams and history.
 */
function boardRows(mirror: Mirror, board: SymbolBoard): SymbolRow[] {
  const first = mirror.symbols.values().next().value;
  const shared = first === undefined ? [] : chartIntervals(first);
  return board.symbols.map((symbol, i) => {
    const s = mirror.symbols.get(symbol);
    return {
      symbol,
      lastPrice: orNull(board.lastPrice[i]),
      volume: board.volume[i] ?? 0,
      high: orNull(board.high[i]),
      low: orNull(board.low[i]),
      quality: board.quality[i] ?? 100,
      rows: s ? rowsOf(s) : {},
      intervals: s ? chartIntervals(s) : shared,
      held: s !== undefined,
    };
  });
}

const made = new WeakMap<Mirror, { version: number; overview: Overview }>();

/** The mirror's overview, made again only when the mirror changed since the last one. */
export function overviewOf(mirror: Mirror): Overview {
  const held = made.get(mirror);
  if (held !== undefined && held.version === mirror.version) return held.overview;
  // A board of another session than the rows held (never sent so, but a board is plain data): rows only.
  const board = mirror.board !== null && mirror.board.sessionId === mirror.sessionId ? mirror.board : null;
  const overview: Overview = {
    synced: mirror.synced,
    sequence: mirror.sequence,
    sessionId: mirror.sessionId,
    sessionDate: mirror.sessionDate,
    rowsHeld: mirror.rowsHeld,
    symbols: board === null ? heldRows(mirror) : boardRows(mirror, board),
    sections: mirror.sections,
  };
  made.set(mirror, { version: mirror.version, overview });
  return overview;
}

export function quoteOf(state: SymbolState | undefined): Quote {
  return { tick: state?.latest.get('ticks') ?? null, quote: state?.latest.get('quotes') ?? null };
}
