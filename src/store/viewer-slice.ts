// The viewer slice: which export the viewer shows, how far opening it has got, and the two questions the
// tree asks (children, rows). The file goes to the viewer worker as a Blob (posting a Blob does not copy
// its bytes); this thread never reads it.
import type { StateCreator } from 'zustand';
import type { Result } from '../../workers/common/result';
import type { RowQuery, ViewerPath } from '../../workers/viewer/types';
import { isViewerWorkerError, type ViewerClient, ViewerWorkerError } from '../viewer-client';
import type { AppState } from './types';
import type { ViewerRecovery } from './viewer-recovery';
import type { ViewerSlice, ViewerState } from './viewer-types';

export const IDLE_VIEWER: ViewerState = {
  status: 'idle',
  fileName: null,
  bytes: 0,
  progress: null,
  documentId: null,
  summary: null,
  error: null,
  workerDown: false,
  canRetry: false,
  generation: 0,
};

interface Source {
  blob: Blob;
  fileName: string;
  /** The history entry it came from; null for a file from disk. */
  exportId: string | null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createViewerSlice =
  (client: ViewerClient, recovery: ViewerRecovery): StateCreator<AppState, [], [], ViewerSlice> =>
  (set, get) => {
    let source: Source | null = null;
    /** Identifies the latest open; answers to earlier ones are dropped (and their documents closed). */
    let token = 0;
    /** The open in progress in the worker, by its ticket: cancelling stops that one (never Compare's). */
    let opening: string | null = null;
    const cancelOpening = () => {
      if (opening !== null) client.call('cancelOpen', opening).catch(() => undefined);
      opening = null;
    };

    const patch = (changes: Partial<ViewerState>) => set((s) => ({ viewer: { ...s.viewer, ...changes } }));

    const closeDocument = () => {
      const id = get().viewer.documentId;
      if (id !== null) client.call('close', id).catch(() => undefined);
    };

    const failWith = (error: unknown, epoch = recovery.epoch) => {
      if (isViewerWorkerError(error)) recovery.markDown(epoch);
      patch({
        status: 'failed',
        error: messageOf(error),
        workerDown: isViewerWorkerError(error),
        canRetry: true,
        progress: null,
        documentId: null,
      });
    };

    // A worker can die between questions: say so at once, whatever is shown.
    client.onFailure((message) => {
      if (get().viewer.status !== 'idle') failWith(new ViewerWorkerError(message));
    });

    const open = async (next: Source) => {
      const mine = ++token;
      const previous = get().viewer;
      closeDocument();
      cancelOpening();
      const ticket = `viewer-${mine}`;
      opening = ticket;
      source = next;
      set({
        viewing: next.exportId,
        viewer: {
          ...IDLE_VIEWER,
          status: 'opening',
          fileName: next.fileName,
          bytes: next.blob.size,
          progress: { bytesRead: 0, bytesTotal: next.blob.size },
          generation: previous.generation + 1,
        },
      });
      const epoch = recovery.epoch;
      try {
        const result = await client.call(
          'open',
          next.blob,
          (progress) => {
            if (mine === token) patch({ progress });
          },
          ticket,
        );
        if (mine !== token) {
          if (result.ok) client.call('close', result.value.id).catch(() => undefined);
          return;
        }
        if (result.ok)
          patch({
            status: 'open',
            documentId: result.value.id,
            summary: result.value.summary,
            progress: null,
          });
        // A file refused (not an export, damaged) gives the same answer every time: no retry offered.
        else patch({ status: 'failed', error: result.error, progress: null, canRetry: false });
      } catch (error) {
        if (mine === token) failWith(error, epoch);
      } finally {
        if (opening === ticket) opening = null;
      }
    };

    /** Asks the open document a question; a dead worker turns the whole viewer into its error. */
    const ask = async <T>(question: (id: string) => Promise<Result<T>>): Promise<Result<T>> => {
      const { documentId, generation } = get().viewer;
      if (documentId === null) return { ok: false, error: 'No export is open in the viewer.' };
      const epoch = recovery.epoch;
      try {
        return await question(documentId);
      } catch (error) {
        if (get().viewer.generation === generation) failWith(error, epoch);
        return { ok: false, error: messageOf(error) };
      }
    };

    return {
      viewing: null,
      viewer: IDLE_VIEWER,

      openInViewer(id) {
        const record = get().exports.find((r) => r.id === id);
        if (!record) return;
        void open({ blob: record.blob, fileName: record.fileName, exportId: id });
      },

      viewerLinkMissing() {
        token++;
        set((s) => ({
          viewing: null,
          viewer: {
            ...IDLE_VIEWER,
            status: 'failed',
            error: 'The address names an export that is no longer in the history of this browser.',
            generation: s.viewer.generation + 1,
          },
        }));
      },

      openFileInViewer(file, fileName) {
        void open({ blob: file, fileName, exportId: null });
      },

      cancelViewerOpen() {
        if (get().viewer.status !== 'opening') return;
        token++;
        cancelOpening();
        patch({
          status: 'cancelled',
          progress: null,
          error: 'Opening the export was cancelled.',
          canRetry: true,
        });
      },

      closeViewer() {
        token++;
        cancelOpening();
        closeDocument();
        source = null;
        set((s) => ({ viewing: null, viewer: { ...IDLE_VIEWER, generation: s.viewer.generation + 1 } }));
      },

      retryViewer() {
        if (!source) return;
        // Restarts a dead worker once, whether the viewer or Compare found it dead (viewer-recovery.ts).
        recovery.recover();
        void open(source);
      },

      viewerChildren: (path: ViewerPath) => ask((id) => client.call('children', id, [...path])),
      viewerRows: (path: ViewerPath, offset: number, limit: number) =>
        ask((id) => client.call('rows', id, [...path], offset, limit)),
      viewerSearch: (query: string) => ask((id) => client.call('search', id, query)),
      viewerValueText: (path: ViewerPath) => ask((id) => client.call('valueText', id, [...path])),
      viewerRowView: (path: ViewerPath, query: RowQuery, offset: number, limit: number) =>
        ask((id) => client.call('rowView', id, [...path], query, offset, limit)),
      viewerRawText: (path: ViewerPath) => ask((id) => client.call('rawText', id, [...path])),
    };
  };
