// The mirror worker's verbs: the UI's live mirror (consumer `ui`) and the offline replay of export files,
// both answered as small plain data or transferred typed arrays, so the page never parses an export.

import type { Result } from '../common/result';
import type { ExportMode, FeedPort } from '../export/contract';
import { readExport } from './export-doc';
import { chainUpToGap, type NamedExport, type SetCut } from './export-set';
import { LiveLink } from './live-link';
import { Mirror } from './mirror';
import { parseExportBytes } from './parse-export';
import { readView, type ViewQuery, type ViewRead } from './view';

export type Source = 'live' | 'offline';

export type { ChartIndicator } from './indicator-lines';
export type { Overview, Quote, SymbolRow } from './overview';
export type { CompareRead, ShownSeries, ViewQuery, ViewRead } from './view';

export interface OpenedStep {
  name: string;
  /** What the file held that could not be used, or had to be assumed (the original's files). */
  notes: string[];
  mode: ExportMode;
  sequence: number | null;
  marketTime: string | null;
  generatedAt: string;
}

export type { SetCut } from './export-set';

/** An opened set: the steps replayed, and where the chain stopped short of the files given, if it did. */
export interface OpenedSet {
  steps: OpenedStep[];
  cut: SetCut | null;
}

/** Applies an ordered set to a mirror of its own: the first export that does not apply, with why. */
function firstRefused(set: readonly NamedExport[]): { name: string; why: string } | null {
  const mirror = new Mirror();
  for (const { name, doc } of set) {
    const outcome = mirror.apply(doc);
    if (outcome.kind === 'resync') return { name, why: outcome.reason };
  }
  return null;
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
    connectLive(engine: FeedPort, page: FeedPort): void {
      live.connect(engine, page);
    },

    /**
     * Reads, checks and orders export files for offline replay; shows the first (complete) one. A chain
     * with a gap is opened up to the last export before it, and the cut says what was left out.
     */
    async openFiles(files: { name: string; blob: Blob }[]): Promise<Result<OpenedSet>> {
      if (files.length === 0) return { ok: false, error: 'no files chosen' };
      const read: NamedExport[] = [];
      for (const file of files) {
        const value = await parseExportBytes(file.name, new Uint8Array(await file.blob.arrayBuffer()));
        if (!value.ok) return value;
        const doc = readExport(value.value);
        if (!doc.ok) return { ok: false, error: `${file.name}: ${doc.error}` };
        read.push({ name: file.name, doc: doc.value });
      }
      const chain = chainUpToGap(read);
      if (!chain.ok) return chain;
      const { kept, cut } = chain.value;
      // The chain kept is applied aside first: a damaged export in it refuses the set (damage is not a gap)
      // and the replay that was open stays as it was (section 11.2, item 8).
      const refused = firstRefused(kept);
      if (refused) return { ok: false, error: `${refused.name}: ${refused.why}` };
      opened = kept;
      offline = new Mirror();
      shownStep = -1;
      const shown = this.showStep(0);
      if (!shown.ok) return shown;
      return {
        ok: true,
        value: {
          steps: opened.map(({ name, doc }) => ({
            name,
            notes: doc.notes,
            mode: doc.meta.mode,
            sequence: doc.meta.sequence,
            marketTime: doc.meta.marketTime,
            generatedAt: doc.meta.generatedAt,
          })),
          cut,
        },
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

    /** Answers at once unless the worker is stuck (the page's watchdog asks while a sync takes long). */
    ping: (): true => true,

    /** Everything a session view draws after a change, in one answer (see view.ts). */
    view: (query: ViewQuery): ViewRead => readView(mirrorOf(query.source), query),
  };
}

export type MirrorApiObject = ReturnType<typeof createMirrorApi>;
