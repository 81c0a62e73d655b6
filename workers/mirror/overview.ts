// What a session view shows besides the chart, as small plain data: the symbols with their figures, the
// always-whole sections, and a symbol's latest trade and quote.

import type { Mirror, SymbolState } from './mirror';
import { chartIntervals } from './series';

export interface SymbolRow {
  symbol: string;
  lastPrice: number | null;
  volume: number;
  high: number | null;
  low: number | null;
  quality: number;
  /** Rows held per session stream. */
  rows: Record<string, number>;
  intervals: string[];
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

export function overviewOf(mirror: Mirror): Overview {
  return {
    synced: mirror.synced,
    sequence: mirror.sequence,
    sessionId: mirror.sessionId,
    sessionDate: mirror.sessionDate,
    rowsHeld: mirror.rowsHeld,
    symbols: [...mirror.symbols].map(([symbol, s]) => ({
      symbol,
      lastPrice: lastPrice(s),
      volume: s.volume,
      high: s.high,
      low: s.low,
      quality: s.quality,
      rows: Object.fromEntries([...s.streams].map(([name, t]) => [name, t.length])),
      intervals: chartIntervals(s),
    })),
    sections: mirror.sections,
  };
}

export function quoteOf(state: SymbolState | undefined): Quote {
  return { tick: state?.latest.get('ticks') ?? null, quote: state?.latest.get('quotes') ?? null };
}
