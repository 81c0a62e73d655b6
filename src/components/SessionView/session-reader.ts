// Reads what a session view shows from the mirror worker, one read at a time: the overview, the selected
// symbol's quote, and its bars into the chart. A request that comes while a read is running replaces any
// other waiting one, so a fast live session never queues reads up. The chart is loaded whole only on the
// first read, another symbol or interval, a resync or another session (or an offline step back); otherwise
// only the bars after those shown are read (`series(..., from = total shown)`) and appended.
import type { MirrorClient, Overview, Quote, Source, SymbolRow } from '../../mirror-client';
import type { BarChart } from './bar-chart';

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
  /** How the chart was last changed: loaded whole, or appended to. */
  lastRead: 'load' | 'append' | 'clear';
}

type Chart = Pick<
  BarChart,
  'load' | 'append' | 'clear' | 'total' | 'candleCount' | 'historyCount' | 'gapCount'
>;

export function pickSymbol(overview: Overview, wanted: string | null): SymbolRow | null {
  return overview.symbols.find((s) => s.symbol === wanted) ?? overview.symbols[0] ?? null;
}

export function pickInterval(row: SymbolRow | null, wanted: string): string {
  if (!row || row.intervals.includes(wanted)) return wanted;
  return row.intervals.includes('1m') ? '1m' : (row.intervals[0] ?? wanted);
}

export class SessionReader {
  private waiting: ReadRequest | null = null;
  private running = false;
  private disposed = false;
  private shown: { key: string; sequence: number | null } | null = null;

  constructor(
    private readonly client: Pick<MirrorClient, 'overview' | 'quote' | 'series'>,
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
        try {
          await this.read(request);
        } catch (error) {
          // A dead mirror worker (or a bug): what is shown stays, and the next read loads whole.
          this.shown = null;
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
  }: ReadRequest): Promise<void> {
    const overview = await this.client.overview(source);
    const row = pickSymbol(overview, wanted);
    const symbol = row?.symbol ?? null;
    const interval = pickInterval(row, wantedInterval);
    const quote = symbol === null ? null : await this.client.quote(source, symbol);
    if (this.disposed) return;
    const key = [source, symbol, interval, epoch, overview.sessionId, overview.sessionDate].join('|');
    const follows =
      this.shown !== null && this.shown.key === key && (overview.sequence ?? 0) >= (this.shown.sequence ?? 0);
    let lastRead: ReadView['lastRead'] = 'clear';
    if (symbol === null) this.chart.clear();
    else if (follows) {
      const added = await this.client.series(source, symbol, interval, this.chart.total);
      if (this.disposed) return;
      if (added && this.chart.append(added)) lastRead = 'append';
      else lastRead = await this.load(source, symbol, interval);
    } else lastRead = await this.load(source, symbol, interval);
    if (this.disposed) return;
    this.shown = { key, sequence: overview.sequence };
    this.onView({
      overview,
      quote,
      symbol,
      interval,
      candles: this.chart.candleCount,
      historyCount: this.chart.historyCount,
      gaps: this.chart.gapCount,
      lastRead,
    });
  }

  private async load(source: Source, symbol: string, interval: string): Promise<ReadView['lastRead']> {
    const series = await this.client.series(source, symbol, interval);
    if (this.disposed) return 'clear';
    if (!series) {
      this.chart.clear();
      return 'clear';
    }
    await this.chart.load(series, interval);
    return 'load';
  }
}
