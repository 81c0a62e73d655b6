// Reads what a session view shows from the mirror worker, one read at a time and one round trip a read
// (`view`): the overview, the selected symbol's quote, and its bars into the chart. A request that comes
// while a read is running replaces any other waiting one, so a fast live session never queues reads up.
// The chart is loaded whole only on the first read, another symbol or interval, a resync or another
// session (or an offline step back); otherwise the mirror sends only the bars after those shown, and they
// are appended. A series of the same symbol and interval read whole again (a new trading day or a resync:
// the mirror took a complete export) is appended to as well when it begins with the bars shown
// (`BarChart.extend`): a new day then costs its own few bars, not a load of thousands. The symbol's
// indicators come in the same read, and go to the chart with the bars; so do the strategies' markers and
// equity (the analysis), set on the chart once per read after the bars. A compare symbol's closes come in
// the same read too (the whole series first, then only those after the ones held), and go to the chart's
// overlay after the bars (compare-overlay.ts).
import type { AnalysisRead } from '../../../workers/mirror/analysis-types';
import type {
  BarSeries,
  ChartIndicator,
  MirrorClient,
  Overview,
  Quote,
  ShownSeries,
  Source,
  SymbolRow,
} from '../../mirror-client';
import type { BarChart } from './bar-chart';
import { MAX_UPDATES } from './chart-window';
import { type HeldCompare, takeCompare } from './compare-overlay';
import type { IndicatorInfo } from './indicator-layer';

/**
 * After a live read that set the chart's bars whole (a load, or more bars than MAX_UPDATES: a replay as fast
 * as possible brings a hundred or more a delta), the next read waits this long. Each such read costs the
 * page a pass over every bar held (lightweight-charts takes them all in again, and draws them all again);
 * the bars and rows that came meanwhile come in the next read, so the chart and the tables lag at most this
 * much behind, and the page does a quarter of the work at full speed. A new epoch is not held back: its
 * read replaces everything shown, and the bars shown until then are another session's, or a resynced one's.
 */
export const LIVE_REST_MS = 750;

export interface ReadRequest {
  source: Source;
  /** The symbol asked for; the first one when null or unknown. */
  symbol: string | null;
  /** The interval asked for; `1m` (or the first one) when the symbol has no such interval. */
  interval: string;
  /** Changes when everything must be read again (the live mirror took a complete export). */
  epoch: number;
  /** The owner's version of the mirror state: a new one is the signal to read again. */
  version: number;
  /** A second symbol to draw over the chart in percent (null or absent: none). */
  compare?: string | null;
}

export interface ReadView {
  overview: Overview;
  quote: Quote | null;
  symbol: string | null;
  interval: string;
  /** Candles the chart holds, and how many of them are history. */
  candles: number;
  historyCount: number;
  gaps: number;
  /** The symbol's session indicators the chart holds, in the mirror's order (the toggles list them). */
  indicators: IndicatorInfo[];
  /** The strategies' part of the read (null when the exports have none). */
  analysis: AnalysisRead | null;
  /** Strategy markers on the candles, and points of the equity line the chart holds. */
  tradeMarkers: number;
  equityPoints: number;
  /** How the chart was last changed: loaded whole, or appended to. */
  lastRead: 'load' | 'append' | 'clear';
  /** The owner's version this read was made for (the demo player waits for its step to be drawn). */
  version: number;
  /**
   * The compare overlay asked for, and whether the mirror holds the symbol's bars at this interval (the
   * live mirror holds them once the engine sends them); null without one.
   */
  compare: { symbol: string; held: boolean } | null;
}

type Chart = Pick<
  BarChart,
  | 'load'
  | 'extend'
  | 'append'
  | 'clear'
  | 'total'
  | 'candleCount'
  | 'historyCount'
  | 'gapCount'
  | 'indicatorList'
  | 'setAnalysis'
  | 'tradeMarkerCount'
  | 'equityPoints'
  | 'setCompare'
>;

/** The row of the symbol a view shows, if any. */
export function rowOf(overview: Overview, symbol: string | null): SymbolRow | null {
  return overview.symbols.find((s) => s.symbol === symbol) ?? null;
}

const EMPTY = new Float64Array(0);

/** What a request asks for, as one string (two requests asking the same have the same key). */
function requestKey({ source, symbol, interval, epoch, version, compare = null }: ReadRequest): string {
  return JSON.stringify([source, symbol, interval, epoch, version, compare]);
}

export class SessionReader {
  private waiting: ReadRequest | null = null;
  private running = false;
  private disposed = false;
  private shown: { epoch: number; key: string; sequence: number | null } | null = null;
  /** The source, symbol and interval the chart shows (kept across epochs, unlike `shown`). */
  private charted: string | null = null;
  /** The analysis last read and its key: the mirror sends it again only when it changed. */
  private analysis: { epoch: number; key: string; value: AnalysisRead } | null = null;
  /** The compare symbol's closes held (the mirror sends only those after them while the key holds). */
  private compare: HeldCompare | null = null;
  /**
   * The last request read, with the compare symbol as the read used it (null when it was not one of the
   * session's): a request asking the same again is not read (see `run`).
   */
  private settled: string | null = null;

  constructor(
    private readonly client: Pick<MirrorClient, 'view'>,
    private readonly chart: Chart,
    private readonly onView: (view: ReadView) => void,
    private readonly onError: (message: string) => void,
  ) {}

  request(request: ReadRequest): Promise<void> {
    this.waiting = request;
    return this.running ? Promise.resolve() : this.run();
  }

  dispose(): void {
    this.disposed = true;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting && !this.disposed) {
        const request = this.waiting;
        this.waiting = null;
        // Nothing new to read: the owner's view dropped a stale compare symbol the read had dropped already
        // (the first read tells it the session's symbols), or a view back in sight asks for what it drew.
        if (requestKey(request) === this.settled) continue;
        try {
          const heavy = await this.read(request);
          // A new epoch waiting (another session, a resync, or a mirror emptied by a new configuration) is
          // read at once: resting would leave the previous session's bars on the chart meanwhile.
          const next = this.waiting as ReadRequest | null;
          if (heavy && request.source === 'live' && next && next.epoch === request.epoch && !this.disposed)
            await new Promise((resolve) => setTimeout(resolve, LIVE_REST_MS));
        } catch (error) {
          // A dead mirror worker (or a bug): what is shown stays, and the next read loads whole.
          this.shown = null;
          this.analysis = null;
          this.charted = null;
          this.compare = null;
          this.settled = null;
          if (!this.disposed) this.onError(error instanceof Error ? error.message : String(error));
        }
      }
    } finally {
      this.running = false;
    }
  }

  private async read({
    source,
    symbol: wanted,
    interval: wantedInterval,
    epoch,
    version,
    compare: asked = null,
  }: ReadRequest): Promise<boolean> {
    // A compare symbol that is not one of the session's (a stale address, a symbol taken out of the
    // configuration) is no overlay at all: no percent scale, no empty line (checked again on the read's
    // overview below, which is the session's list).
    let compareSymbol = asked;
    // A new epoch (a complete export applied) reloads the chart whatever the series.
    const shown: ShownSeries | null =
      this.shown !== null && this.shown.epoch === epoch
        ? { key: this.shown.key, sequence: this.shown.sequence, total: this.chart.total }
        : null;
    const analysisHeld = this.analysis?.epoch === epoch ? this.analysis.key : null;
    const held = this.compare;
    let compare =
      compareSymbol === null
        ? null
        : {
            symbol: compareSymbol,
            shown:
              held !== null && held.epoch === epoch && held.symbol === compareSymbol
                ? { key: held.key, sequence: held.sequence, total: held.time.length }
                : null,
          };
    let read = await this.client.view({
      source,
      symbol: wanted,
      interval: wantedInterval,
      shown,
      analysisHeld,
      compare,
    });
    if (this.disposed) return false;
    // Nor is the symbol charted (the mirror's first symbol, when none was asked for, may be it).
    if (
      compareSymbol !== null &&
      (compareSymbol === read.symbol || !read.overview.symbols.some((s) => s.symbol === compareSymbol))
    ) {
      compareSymbol = null;
      compare = null;
      read = { ...read, compare: null };
    }
    let lastRead: ReadView['lastRead'] = 'clear';
    const charted = this.charted;
    this.charted = null;
    if (read.series === null) this.chart.clear();
    else if (read.appended && this.chart.append(read.series, read.indicators)) lastRead = 'append';
    else {
      // Bars that do not follow those shown (they moved on meanwhile): read the whole series.
      if (read.appended)
        read = await this.client.view({
          source,
          symbol: wanted,
          interval: wantedInterval,
          shown: null,
          analysisHeld,
          compare,
        });
      if (this.disposed) return false;
      const same = charted === `${source}|${read.symbol}|${read.interval}`;
      if (same && read.series && (await this.chart.extend(read.series, read.indicators))) lastRead = 'append';
      else lastRead = await this.load(read.series, read.interval, read.indicators);
    }
    if (this.disposed) return false;
    if (lastRead !== 'clear') this.charted = `${source}|${read.symbol}|${read.interval}`;
    const analysis = read.analysisUnchanged ? (this.analysis?.value ?? null) : read.analysis;
    this.analysis =
      analysis !== null && read.analysisKey !== null
        ? { epoch, key: read.analysisKey, value: analysis }
        : null;
    this.chart.setAnalysis(analysis);
    // The compare overlay after the bars (its points are the compare closes at the chart's bar times).
    const taken = read.compare ? takeCompare(held, read.compare, read.overview.sequence, epoch) : null;
    // Closes that do not follow those held: read again, whole (this read's bars are shown meanwhile).
    const request = {
      source,
      symbol: wanted,
      interval: wantedInterval,
      epoch,
      version,
      compare: compareSymbol,
    };
    if (taken === 'mismatch' && !this.waiting) this.waiting = request;
    this.compare = taken === 'mismatch' ? null : taken;
    if (taken !== 'mismatch')
      this.chart.setCompare(
        compareSymbol === null
          ? null
          : {
              symbol: compareSymbol,
              time: taken?.time ?? EMPTY,
              close: taken?.close ?? EMPTY,
            },
      );
    this.shown = { epoch, key: read.key, sequence: read.overview.sequence };
    // A read whose compare closes must be read whole again is not settled: the same request follows.
    this.settled = taken === 'mismatch' ? null : requestKey(request);
    this.onView({
      overview: read.overview,
      quote: read.quote,
      symbol: read.symbol,
      interval: read.interval,
      candles: this.chart.candleCount,
      historyCount: this.chart.historyCount,
      gaps: this.chart.gapCount,
      indicators: this.chart.indicatorList,
      analysis,
      tradeMarkers: this.chart.tradeMarkerCount,
      equityPoints: this.chart.equityPoints,
      lastRead,
      version,
      compare: compareSymbol === null ? null : { symbol: compareSymbol, held: read.compare !== null },
    });
    // Whether the chart took its bars whole (see LIVE_REST_MS).
    return lastRead === 'load' || (read.series?.time.length ?? 0) > MAX_UPDATES;
  }

  private async load(
    series: BarSeries | null,
    interval: string,
    indicators: readonly ChartIndicator[],
  ): Promise<ReadView['lastRead']> {
    if (!series) {
      this.chart.clear();
      return 'clear';
    }
    await this.chart.load(series, interval, indicators);
    return 'load';
  }
}
