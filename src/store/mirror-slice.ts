// The live mirror: the UI is a consumer of its own exports (consumer `ui`). It takes one complete export,
// then a delta whenever the engine's state changed, and hands the bytes (transferred, never parsed here) to
// the mirror worker, from which the live charts draw. When the mirror cannot apply a delta (a gap: another
// export of `ui` was taken elsewhere; or a new session) it takes a complete export again and says so.
// These exports are the UI's own: they are not added to the user's export history and take no file name.
import type { StateCreator, StoreApi } from 'zustand';
import type { ExportOptions } from '../../workers/api/engine-api';
import { type EngineClient, isEngineWorkerError } from '../engine-client';
import { isMirrorWorkerError, type MirrorClient } from '../mirror-client';
import type { LiveMirrorState, MirrorSlice } from './mirror-types';
import type { AppState } from './types';

export const LIVE_CONSUMER = 'ui';

const INITIAL: LiveMirrorState = {
  status: 'waiting',
  sequence: null,
  sessionId: null,
  sessionDate: null,
  rowsHeld: 0,
  version: 0,
  epoch: 0,
  notice: null,
  error: null,
};

/** The options of the live mirror's exports: compact (nothing to read by eye), internal, consumer `ui`. */
export const liveExportOptions = (complete: boolean): ExportOptions => ({
  complete,
  consumer: LIVE_CONSUMER,
  layout: 'compact',
  internal: true,
});

export const createMirrorSlice =
  (engine: EngineClient, mirror: MirrorClient): StateCreator<AppState, [], [], MirrorSlice> =>
  (set, get) => {
    let needComplete = true;
    /** Why the next complete export is taken, once it is applied: becomes the notice. */
    let resyncReason: string | null = null;
    let engineGeneration: number | null = null;
    let running = false;
    let again = false;
    let mirrorDown = false;

    const patch = (p: Partial<LiveMirrorState>) => set((s) => ({ liveMirror: { ...s.liveMirror, ...p } }));
    const down = (message: string) => {
      mirrorDown = true;
      needComplete = true;
      patch({ status: 'failed', error: message });
    };
    // The worker can also die between calls (the offline replay shares it).
    mirror.onFailure(down);

    /** One export taken and applied. Returns true when another one should follow at once (a resync). */
    async function step(): Promise<boolean> {
      const { generation } = get();
      if (engineGeneration !== generation) {
        // A restarted engine knows nothing of the `ui` consumer: start over with a complete export.
        if (engineGeneration !== null) needComplete = true;
        engineGeneration = generation;
      }
      const complete = needComplete;
      if (complete) patch({ status: get().liveMirror.version === 0 ? 'syncing' : 'resyncing' });
      const result = await engine.call('exportStatus', liveExportOptions(complete));
      if (get().generation !== generation) return false;
      if (!result.ok) {
        patch({ error: `Live mirror: ${result.error}` });
        return false;
      }
      const { sessionId } = result.value.metadata;
      const outcome = await mirror.applyLive(result.value.parts);
      switch (outcome.kind) {
        case 'resync': {
          const previous = get().liveMirror.sessionId;
          needComplete = true;
          resyncReason = previous !== null && sessionId !== previous ? 'new-session' : outcome.reason;
          patch({ status: 'resyncing' });
          return true;
        }
        case 'error':
          // The bytes were refused (a bug, not a gap): retry with a complete export at the next change.
          needComplete = true;
          patch({ status: 'failed', error: `The live mirror refused an export: ${outcome.reason}` });
          return false;
        case 'delta':
          // What the mirror holds follows from the delta itself: no need to ask it.
          set((s) => ({
            liveMirror: {
              ...s.liveMirror,
              status: 'in-sync',
              sequence: outcome.sequence,
              rowsHeld: s.liveMirror.rowsHeld + outcome.rowsAdded,
              version: s.liveMirror.version + 1,
              error: null,
            },
          }));
          return false;
        case 'complete': {
          needComplete = false;
          const overview = await mirror.overview('live');
          const reason = resyncReason;
          resyncReason = null;
          set((s) => ({
            liveMirror: {
              status: 'in-sync',
              sequence: overview.sequence,
              sessionId: overview.sessionId,
              sessionDate: overview.sessionDate,
              rowsHeld: overview.rowsHeld,
              version: s.liveMirror.version + 1,
              epoch: s.liveMirror.epoch + 1,
              notice:
                reason === null
                  ? s.liveMirror.notice
                  : reason === 'new-session'
                    ? `New session ${overview.sessionDate ?? ''}: resynced`
                    : `Resynced after a gap (${reason})`,
              error: null,
            },
          }));
          return false;
        }
      }
    }

    return {
      mirrorClient: mirror,
      liveMirror: INITIAL,

      async syncLiveMirror() {
        // One sync at a time; changes that come meanwhile are folded into one more round.
        if (running) {
          again = true;
          return;
        }
        // A dead engine answers nothing; a dead mirror worker waits for `restartMirror`.
        if (get().workerError !== null || mirrorDown) return;
        running = true;
        try {
          do {
            again = false;
            while (await step()) {}
          } while (again);
        } catch (error) {
          again = false;
          if (isEngineWorkerError(error)) get().reportError(error);
          else if (isMirrorWorkerError(error)) down(error.message);
          else {
            // A bug on either side: say so, and start over with a complete export at the next change.
            needComplete = true;
            const message = error instanceof Error ? error.message : String(error);
            patch({ status: 'failed', error: `The live mirror failed: ${message}` });
          }
        } finally {
          running = false;
        }
      },

      async restartMirror() {
        mirror.restart();
        mirrorDown = false;
        needComplete = true;
        patch({ status: 'syncing', error: null });
        await get().syncLiveMirror();
      },

      async forgetLiveMirror() {
        needComplete = true;
        resyncReason = null;
        set((s) => ({
          liveMirror: { ...INITIAL, version: s.liveMirror.version + 1, epoch: s.liveMirror.epoch + 1 },
        }));
        if (mirrorDown) return;
        try {
          await mirror.resetLive();
        } catch (error) {
          if (isMirrorWorkerError(error)) down(error.message);
        }
      },

      dismissMirrorNotice: () => patch({ notice: null }),
    };
  };

/** What of a snapshot means the engine's state changed (and a delta may carry something). */
function changeKey(state: AppState): string | null {
  const s = state.snapshot;
  if (s === null || s.marketTime === null) return null;
  return [
    state.generation,
    s.sessionId,
    s.state,
    s.marketTime,
    s.barsProcessed,
    s.ticksProcessed,
    s.quotesProcessed,
  ].join('|');
}

/**
 * Keeps the live mirror following the engine: after each snapshot (the poller's, or a command's answer)
 * that shows a change, one sync. Returns the function that stops watching.
 */
export function watchLiveMirror(store: StoreApi<AppState>): () => void {
  let last: string | null = null;
  let generation = store.getState().generation;
  const check = (state: AppState) => {
    if (state.generation !== generation) {
      // A restarted engine starts from nothing: so does the live mirror, until the session starts again.
      generation = state.generation;
      void state.forgetLiveMirror();
    }
    const key = changeKey(state);
    if (key === null || key === last) return;
    last = key;
    void state.syncLiveMirror();
  };
  check(store.getState());
  return store.subscribe(check);
}
