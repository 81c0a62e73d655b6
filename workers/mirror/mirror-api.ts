// The mirror worker's verbs: the UI's live mirror (consumer `ui`) and the offline replay of export files,
// both answered as small plain data or transferred typed arrays, so the page never parses an export.

import type { Result } from '../common/result';
import { readExport } from './export-doc';
import { type NamedExport, orderExportSet } from './export-set';
import { type LinkPort, LiveLink } from './live-link';
import { Mirror, type SymbolState } from './mirror';
import { parseExportBytes } from './parse-export';
import { type BarSeries, barSeries, chartIntervals } from './series';

export type Source = 'live' | 'offline';

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

export interface OpenedStep {
  name: string;
  mode: 'complete' | 'delta';
  sequence: number | null;
  marketTime: string | null;
  generatedAt: string;
}

function lastPrice(state: SymbolState): number | null {
  const tick = state.latest.get('ticks');
  if (tick && typeof tick.price === 'number') return tick.price;
  const bars = state.streams.get('1m');
  if (bars && bars.length > 0) return bars.column(4)[bars.length - 1] ?? null;
  return null;
}

function overviewOf(mirror: Mirror): Overview {
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

export function createMirrorApi() {
  const live = new LiveLink();
  let offline = new Mirror();
  let opened: NamedExport[] = [];
  let shownStep = -1;

  const mirrorOf = (source: Source) => (source === 'live' ? live.mirror : offline);

  return {
    /**
     * Follows the engine's live feed: the engine posts its `ui` exports on `engine`, and what changed is
     * told on `page` (see live-link.ts). A new pair replaces the old one and drops the live mirror.
     */
    connectLive(engine: LinkPort, page: LinkPort): void {
      live.connect(engine, page);
    },

    /** Reads, checks and orders export files for offline replay; shows the first (complete) one. */
    async openFiles(files: { name: string; blob: Blob }[]): Promise<Result<OpenedStep[]>> {
      if (files.length === 0) return { ok: false, error: 'no files chosen' };
      const read: NamedExport[] = [];
      for (const file of files) {
        const value = await parseExportBytes(file.name, new Uint8Array(await file.blob.arrayBuffer()));
        if (!value.ok) return value;
        const doc = readExport(value.value);
        if (!doc.ok) return { ok: false, error: `${file.name}: ${doc.error}` };
        read.push({ name: file.name, doc: doc.value });
      }
      const ordered = orderExportSet(read);
      if (!ordered.ok) return ordered;
      opened = ordered.value;
      offline = new Mirror();
      shownStep = -1;
      const shown = this.showStep(0);
      if (!shown.ok) return shown;
      return {
        ok: true,
        value: opened.map(({ name, doc }) => ({
          name,
          mode: doc.meta.mode,
          sequence: doc.meta.sequence,
          marketTime: doc.meta.marketTime,
          generatedAt: doc.meta.generatedAt,
        })),
      };
    },

    /** Shows the offline replay as it stood after export `index` of the opened set. */
    showStep(index: number): Result<number> {
      if (!Number.isInteger(index) || index < 0 || index >= opened.length) {
        return { ok: false, error: `step ${index} is not among the ${opened.length} opened exports` };
      }
      // Forward steps apply the next deltas; going back replays from the complete export.
      if (index < shownStep || shownStep < 0) {
        offline = new Mirror();
        shownStep = -1;
      }
      for (let i = shownStep + 1; i <= index; i++) {
        const outcome = offline.apply((opened[i] as NamedExport).doc);
        if (outcome.kind === 'resync')
          return { ok: false, error: `${(opened[i] as NamedExport).name}: ${outcome.reason}` };
        shownStep = i;
      }
      return { ok: true, value: shownStep };
    },

    overview: (source: Source): Overview => overviewOf(mirrorOf(source)),

    /** Bars of a symbol's interval from index `from` of the whole series (history, then session). */
    series(source: Source, symbol: string, interval: string, from = 0): BarSeries | null {
      const state = mirrorOf(source).symbols.get(symbol);
      return state ? barSeries(state, interval, from) : null;
    },

    quote(source: Source, symbol: string): Quote {
      const state = mirrorOf(source).symbols.get(symbol);
      return { tick: state?.latest.get('ticks') ?? null, quote: state?.latest.get('quotes') ?? null };
    },
  };
}

export type MirrorApiObject = ReturnType<typeof createMirrorApi>;
