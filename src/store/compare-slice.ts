// The compare slice: two exports (of the history, or files from disk) opened in the viewer worker and
// compared there (workers/viewer/compare.ts). This thread holds their Blobs and the capped answer only.
import type { StateCreator } from 'zustand';
import type { ExportRecord } from '../export-record';
import { isViewerWorkerError, type ViewerClient } from '../viewer-client';
import type { CompareChoice, CompareSideName, CompareSlice, CompareState } from './compare-types';
import type { AppState } from './types';
import type { ViewerRecovery } from './viewer-recovery';

export const IDLE_COMPARE: CompareState = {
  a: null,
  b: null,
  status: 'idle',
  progress: null,
  result: null,
  names: null,
  error: null,
  summoned: 0,
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The export `id` follows: a delta's base (same consumer and session), else the next older in the history. */
export function baseOf(exports: readonly ExportRecord[], id: string): ExportRecord | null {
  const at = exports.findIndex((r) => r.id === id);
  const record = exports[at];
  if (record === undefined) return null;
  if (record.mode === 'delta' && record.previousSequence !== null) {
    const base = exports.find(
      (r) =>
        r.consumer === record.consumer &&
        r.sessionId === record.sessionId &&
        r.sequence === record.previousSequence &&
        r.createdAt <= record.createdAt,
    );
    if (base) return base;
  }
  // The history is newest first.
  return exports[at + 1] ?? null;
}

export const createCompareSlice =
  (client: ViewerClient, recovery: ViewerRecovery): StateCreator<AppState, [], [], CompareSlice> =>
  (set, get) => {
    /** Identifies the latest comparison; answers to earlier ones are dropped. */
    let token = 0;
    /** The file from disk last shown in the viewer, and the viewer's generation then (another file bumps it). */
    let shownFile: { blob: Blob; generation: number } | null = null;
    /**
     * The comparison's step in progress in the worker (an open, or the comparison itself) and its ticket:
     * cancelling stops that one only (the viewer may be opening an export in the same worker).
     */
    let working: { cancel: 'cancelOpen' | 'cancelCompare'; ticket: string } | null = null;
    const patch = (changes: Partial<CompareState>) => set((s) => ({ compare: { ...s.compare, ...changes } }));

    const sourceOf = (choice: CompareChoice): { blob: Blob; fileName: string } | string => {
      if (choice.kind === 'file') return { blob: choice.blob, fileName: choice.fileName };
      const record = get().exports.find((r) => r.id === choice.id);
      return record
        ? { blob: record.blob, fileName: record.fileName }
        : 'That export is no longer in the history: choose another.';
    };

    const run = async () => {
      const { a, b } = get().compare;
      if (a === null || b === null) {
        patch({ status: 'failed', error: 'Choose two exports, A and B, to compare.', result: null });
        return;
      }
      const sources = { a: sourceOf(a), b: sourceOf(b) };
      for (const side of ['a', 'b'] as const) {
        const source = sources[side];
        if (typeof source === 'string') {
          patch({ status: 'failed', error: `${side.toUpperCase()}: ${source}`, result: null });
          return;
        }
      }
      const mine = ++token;
      // A worker that died (found by the viewer or by an earlier comparison) is restarted once, in one place.
      recovery.recover();
      const epoch = recovery.epoch;
      const files = sources as { a: { blob: Blob; fileName: string }; b: { blob: Blob; fileName: string } };
      patch({ status: 'running', error: null, result: null, names: null, progress: null });
      const ids: string[] = [];
      try {
        for (const side of ['a', 'b'] as const) {
          const ticket = `compare-${mine}-${side}`;
          working = { cancel: 'cancelOpen', ticket };
          const opened = await client.call(
            'open',
            files[side].blob,
            (progress) => {
              if (mine === token) patch({ progress: { side, ...progress } });
            },
            ticket,
          );
          if (working?.ticket === ticket) working = null;
          if (!opened.ok) {
            if (mine === token)
              patch({
                status: 'failed',
                progress: null,
                error: `${side.toUpperCase()} (${files[side].fileName}): ${opened.error}`,
              });
            return;
          }
          ids.push(opened.value.id);
          if (mine !== token) return;
        }
        const ticket = `compare-${mine}`;
        working = { cancel: 'cancelCompare', ticket };
        const result = await client.call('compare', ids[0] as string, ids[1] as string, undefined, ticket);
        if (working?.ticket === ticket) working = null;
        if (mine !== token) return;
        if (result.ok)
          patch({
            status: 'done',
            progress: null,
            result: result.value,
            names: { a: files.a.fileName, b: files.b.fileName },
          });
        else patch({ status: 'failed', progress: null, error: result.error });
      } catch (error) {
        if (isViewerWorkerError(error)) recovery.markDown(epoch);
        if (mine === token) patch({ status: 'failed', progress: null, error: messageOf(error) });
      } finally {
        // The answer holds all the page needs: the indexes are let go at once.
        for (const id of ids) client.call('close', id).catch(() => undefined);
      }
    };

    return {
      compare: IDLE_COMPARE,
      viewerRevealWanted: null,

      takeViewerReveal() {
        const path = get().viewerRevealWanted;
        if (path !== null) set({ viewerRevealWanted: null });
        return path;
      },

      chooseCompareSide(side, choice) {
        patch({ [side]: choice });
      },

      swapCompareSides() {
        const { a, b, status } = get().compare;
        patch({ a: b, b: a });
        if (status === 'done') void run();
      },

      compareWith(id) {
        const base = baseOf(get().exports, id);
        patch({
          a: base ? { kind: 'export', id: base.id } : null,
          b: { kind: 'export', id },
          summoned: get().compare.summoned + 1,
          status: 'idle',
          result: null,
          error: null,
        });
        if (base) void run();
      },

      runCompare: run,

      cancelCompare() {
        if (get().compare.status !== 'running') return;
        token++;
        // Stops the comparison's own work only: the viewer may be opening an export in the same worker.
        if (working !== null) client.call(working.cancel, working.ticket).catch(() => undefined);
        working = null;
        patch({ status: 'failed', progress: null, error: 'The comparison was cancelled.' });
      },

      showCompareInViewer(side: CompareSideName, path) {
        const choice = get().compare[side];
        if (choice === null) return;
        const { viewing, viewer } = get();
        // Shown (or being opened) already: the tree reveals the path at once, or once it is open; the export
        // is not read again.
        const shownOrOpening = viewer.status === 'open' || viewer.status === 'opening';
        if (choice.kind === 'export') {
          if (viewing !== choice.id || !shownOrOpening) get().openInViewer(choice.id);
        } else if (
          !shownOrOpening ||
          shownFile?.blob !== choice.blob ||
          shownFile.generation !== viewer.generation
        ) {
          get().openFileInViewer(choice.blob, choice.fileName);
          shownFile = { blob: choice.blob, generation: get().viewer.generation };
        }
        set({ viewerRevealWanted: path });
      },
    };
  };
