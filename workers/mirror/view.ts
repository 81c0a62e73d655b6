// One read of everything a session view draws after a change, in one round trip: the overview (symbol table,
// system panel), the symbol and interval to chart (the ones asked for, when the mirror has them), the
// symbol's quote, and its bars. When the chart already shows the same series, only the bars after those
// shown come back, to be appended; otherwise the whole series, to be loaded. The symbol's indicators come
// with the bars, lined up with them point for point (indicator-lines.ts), appended or whole like them.
// The analysis comes only when it changed since the one the reader holds (`analysisHeld`): it holds the
// whole equity line, orders and trades, and most reads follow no change of it.

import type { AnalysisRead } from './analysis-types';
import { analysisRead } from './analysis-view';
import { type ChartIndicator, indicatorLines } from './indicator-lines';
import type { Mirror, SymbolState } from './mirror';
import { type Overview, overviewOf, type Quote, quoteOf, type SymbolRow } from './overview';
import { type BarSeries, barSeries, chartIntervals, closeSeries } from './series';

/** What a chart shows: a series (its `key`), as of an export, up to `total` bars. */
export interface ShownSeries {
  key: string;
  sequence: number | null;
  total: number;
}

export interface ViewQuery {
  source: 'live' | 'offline';
  /** The symbol asked for; the first one when null or unknown. */
  symbol: string | null;
  /** The interval asked for; `1m` (or the first one) when the symbol has no such interval. */
  interval: string;
  /** What the chart shows now; null to read the whole series. */
  shown: ShownSeries | null;
  /**
   * The `analysisKey` of the analysis the reader holds: when it is still the mirror's, the read leaves the
   * analysis out (`analysisUnchanged`). Absent or null: the analysis always comes.
   */
  analysisHeld?: string | null;
  /**
   * A second symbol whose closes are drawn over the chart (the compare overlay), at the chart's interval,
   * and the part of its series the chart holds already (null: read it whole). Absent or null: none.
   */
  compare?: { symbol: string; shown: ShownSeries | null } | null;
}

/** The compare symbol's closes: bars [from, total) of its series at the chart's interval. */
export interface CompareRead {
  symbol: string;
  /** The series these closes belong to (source, symbol, interval, session): the reader sends it back. */
  key: string;
  /** Whether `time` and `close` hold only the bars after those shown (else the whole series). */
  appended: boolean;
  from: number;
  total: number;
  time: Float64Array;
  close: Float64Array;
}

export interface ViewRead {
  overview: Overview;
  symbol: string | null;
  interval: string;
  quote: Quote | null;
  /** The series `series` belongs to: symbol, interval, session and the indicators held. */
  key: string;
  /** Null when there is no symbol to chart. */
  series: BarSeries | null;
  /** Whether `series` holds only the bars after those shown (else the whole series). */
  appended: boolean;
  /** The symbol's session indicators, each lined up with `series`' bars (empty when there is none). */
  indicators: ChartIndicator[];
  /**
   * The analysis section (section 10.1): the shown symbol's markers on the shown interval, the equity line,
   * orders, positions, trades and summary. Null when the mirror holds no analysis section, and when it is
   * the one the reader holds (`analysisUnchanged`).
   */
  analysis: AnalysisRead | null;
  /** Names the analysis this read describes (null when there is none): the reader sends it back. */
  analysisKey: string | null;
  /** The analysis is the one the reader said it holds: keep it. */
  analysisUnchanged: boolean;
  /**
   * The compare symbol's closes, when one was asked for and the mirror holds its rows at this interval
   * (the live mirror holds a symbol's rows only once the engine was told it is shown).
   */
  compare: CompareRead | null;
}

export function pickSymbol(overview: Overview, wanted: string | null): SymbolRow | null {
  return overview.symbols.find((s) => s.symbol === wanted) ?? overview.symbols[0] ?? null;
}

export function pickInterval(row: SymbolRow | null, wanted: string): string {
  if (!row || row.intervals.includes(wanted)) return wanted;
  return row.intervals.includes('1m') ? '1m' : (row.intervals[0] ?? wanted);
}

export function readView(mirror: Mirror, query: ViewQuery): ViewRead {
  const overview = overviewOf(mirror);
  const row = pickSymbol(overview, query.symbol);
  const symbol = row?.symbol ?? null;
  const interval = pickInterval(row, query.interval);
  const state = symbol === null ? undefined : mirror.symbols.get(symbol);
  // An indicator that comes or goes changes the key: the chart then loads whole, so that no indicator is
  // drawn from the middle of the series. (A symbol without indicators keeps the key it always had.)
  const parts: unknown[] = [query.source, symbol, interval, overview.sessionId, overview.sessionDate];
  if (state && state.indicators.size > 0) parts.push([...state.indicators.keys()].join(','));
  const key = parts.join('|');
  const { shown } = query;
  const appended = shown !== null && shown.key === key && (overview.sequence ?? 0) >= (shown.sequence ?? 0);
  const series = state ? barSeries(state, interval, appended ? shown.total : 0) : null;
  const analysisKey = mirror.analysis ? analysisKeyOf(mirror, symbol, state, interval) : null;
  const analysisUnchanged = analysisKey !== null && query.analysisHeld === analysisKey;
  return {
    overview,
    symbol,
    interval,
    quote: state ? quoteOf(state) : null,
    key,
    series,
    appended,
    indicators: state && series ? indicatorLines(state, interval, series) : [],
    analysis:
      mirror.analysis && !analysisUnchanged ? analysisRead(mirror.analysis, symbol, state, interval) : null,
    analysisKey,
    analysisUnchanged,
    compare: query.compare ? compareRead(mirror, overview, query.source, query.compare, interval) : null,
  };
}

/**
 * The compare symbol's closes at `interval`: only those after the ones shown when the reader holds the same
 * series as of an export no later than this one, else the whole series. Null when the mirror holds none.
 */
function compareRead(
  mirror: Mirror,
  overview: Overview,
  source: ViewQuery['source'],
  compare: NonNullable<ViewQuery['compare']>,
  interval: string,
): CompareRead | null {
  const state = mirror.symbols.get(compare.symbol);
  if (!state || !chartIntervals(state).includes(interval)) return null;
  const key = [source, compare.symbol, interval, overview.sessionId, overview.sessionDate].join('|');
  const { shown } = compare;
  const appended = shown !== null && shown.key === key && (overview.sequence ?? 0) >= (shown.sequence ?? 0);
  // Only the two columns the overlay draws are copied, and only the bars the reader lacks.
  const { time, close, from, total } = closeSeries(state, interval, appended ? shown.total : 0);
  return { symbol: compare.symbol, key, appended, from, total, time, close };
}

/**
 * What an analysis read depends on: the mirror's analysis, the symbol and interval whose markers it
 * places, and the bars they are placed on (a marker whose bar is not held yet has none).
 */
function analysisKeyOf(
  mirror: Mirror,
  symbol: string | null,
  state: SymbolState | undefined,
  interval: string,
): string {
  const bars = `${state?.historical.get(interval)?.table.length ?? 0}/${state?.streams.get(interval)?.length ?? 0}`;
  return `${mirror.analysisVersion}|${symbol}|${interval}|${bars}`;
}

/**
 * The buffers of a read's bars and indicator lines, to transfer rather than copy: each is made fresh for
 * the read, so nothing the mirror holds is given away.
 */
export function viewBuffers(read: ViewRead): ArrayBuffer[] {
  const columns: Float64Array[] = [];
  if (read.series) {
    const { time, open, high, low, close, volume } = read.series;
    columns.push(time, open, high, low, close, volume, ...read.indicators.flatMap((i) => i.values));
  }
  // The equity line is copied out of the mirror for each read, so it is the read's to give away.
  if (read.analysis) columns.push(read.analysis.equity.time, read.analysis.equity.equity);
  // The compare symbol's columns are made fresh for the read too.
  if (read.compare) columns.push(read.compare.time, read.compare.close);
  return columns.map((c) => c.buffer as ArrayBuffer);
}
