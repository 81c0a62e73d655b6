// The live mirror: the UI is a consumer of the engine's exports (consumer `ui`), but the page does not relay
// them. It hands the engine worker and the mirror worker the two ends of a MessageChannel; the engine then
// pushes each export's bytes to the mirror itself, a complete export first and a delta whenever the session
// changes, and the mirror tells the page what changed over a second channel. When a delta does not follow
// (another export of `ui` was taken elsewhere, or a new session began) the mirror asks the engine for a
// complete export, and the page says so. A restarted engine or mirror worker is connected again.
import { transfer } from 'comlink';
import type { StateCreator, StoreApi } from 'zustand';
import { type EngineClient, isEngineWorkerError } from '../engine-client';
import { isMirrorWorkerError, type LiveUpdate, MIRROR_TIMEOUT_MS, type MirrorClient } from '../mirror-client';
import type { LiveMirrorState, MirrorSlice } from './mirror-types';
import type { AppState } from './types';

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

/**
 * How long a resync notice stays on screen by itself: it says something that already happened (the charts
 * reloaded), and the badge says where the mirror stands. A notice the pointer or the focus is on stays until
 * it leaves (`holdMirrorNotice`), then for this long again.
 */
export const MIRROR_NOTICE_MS = 8_000;

/** The banner for a resync, in a few words. */
function resyncNotice(reason: string, sessionDate: string | null): string {
  return reason === 'new-session'
    ? `New session ${sessionDate ?? ''}: resynced`
    : `Resynced after a gap (${reason})`;
}

/** The live mirror's state after one update from the mirror worker. */
function applyUpdate(state: LiveMirrorState, update: LiveUpdate): LiveMirrorState {
  switch (update.kind) {
    case 'syncing':
      // The first complete export of a connection is a sync; any later one is a resync.
      return { ...state, status: state.sequence === null ? 'syncing' : 'resyncing' };
    case 'complete':
      return {
        status: 'in-sync',
        sequence: update.sequence,
        sessionId: update.sessionId,
        sessionDate: update.sessionDate,
        rowsHeld: update.rowsHeld,
        version: state.version + 1,
        epoch: state.epoch + 1,
        notice:
          update.resyncReason === null ? state.notice : resyncNotice(update.resyncReason, update.sessionDate),
        error: null,
      };
    case 'delta':
      // What the mirror holds follows from the delta itself: no need to ask it.
      return {
        ...state,
        status: 'in-sync',
        sequence: update.sequence,
        rowsHeld: state.rowsHeld + update.rowsAdded,
        version: state.version + 1,
        error: null,
      };
    case 'resyncing':
      return { ...state, status: 'resyncing' };
    case 'refused':
      // The bytes were refused (a bug, not a gap): the engine sends a complete export at the next change.
      return { ...state, status: 'failed', error: `The live mirror refused an export: ${update.reason}` };
    case 'failed':
      return { ...state, error: `Live mirror: ${update.reason}` };
    case 'reset':
      return { ...INITIAL, version: state.version + 1, epoch: state.epoch + 1 };
  }
}

export const createMirrorSlice =
  (engine: EngineClient, mirror: MirrorClient): StateCreator<AppState, [], [], MirrorSlice> =>
  (set, get) => {
    /** The page's end of the current connection's update channel. */
    let updates: MessagePort | null = null;
    let mirrorDown = false;
    /** What the live charts show, to tell a restarted engine (null: the engine's default, the first). */
    let shownSymbols: string[] | null = null;
    /**
     * While a complete export is being applied no call is pending, so a mirror worker stuck in it would
     * never be noticed: if the sync takes longer than a call may, the mirror is asked to answer (and a
     * stuck one is then stopped by its client, which the page shows with Restart mirror).
     */
    let watchdog: ReturnType<typeof setTimeout> | null = null;
    const watch = (update: LiveUpdate) => {
      if (watchdog !== null) clearTimeout(watchdog);
      watchdog = null;
      if (update.kind !== 'syncing' && update.kind !== 'resyncing') return;
      watchdog = setTimeout(() => {
        watchdog = null;
        mirror.ping().catch((error: unknown) => {
          if (isMirrorWorkerError(error)) down(error.message);
        });
      }, MIRROR_TIMEOUT_MS);
    };

    const patch = (p: Partial<LiveMirrorState>) => set((s) => ({ liveMirror: { ...s.liveMirror, ...p } }));

    /** The notice's own timer: it goes by itself MIRROR_NOTICE_MS after it came (or after it was let go). */
    let noticeTimer: ReturnType<typeof setTimeout> | null = null;
    /** The pointer or the focus is on the notice: it stays. */
    let noticeHeld = false;
    const clearNoticeTimer = () => {
      if (noticeTimer !== null) clearTimeout(noticeTimer);
      noticeTimer = null;
    };
    const timeNotice = () => {
      clearNoticeTimer();
      if (noticeHeld || get().liveMirror.notice === null) return;
      noticeTimer = setTimeout(() => {
        noticeTimer = null;
        patch({ notice: null });
      }, MIRROR_NOTICE_MS);
    };
    const down = (message: string) => {
      mirrorDown = true;
      patch({ status: 'failed', error: message });
    };
    // The worker can also die between calls (the offline replay shares it).
    mirror.onFailure(down);

    return {
      mirrorClient: mirror,
      liveMirror: INITIAL,

      async connectLiveMirror() {
        // A dead engine answers nothing; a dead mirror worker waits for `restartMirror`.
        if (get().workerError !== null || mirrorDown) return;
        updates?.close();
        const feed = new MessageChannel();
        const told = new MessageChannel();
        const port = told.port1;
        updates = port;
        // Only the current connection's updates count: an old port's late messages are dropped.
        port.onmessage = (event: MessageEvent<LiveUpdate>) => {
          if (updates !== port) return;
          watch(event.data);
          set((s) => ({ liveMirror: applyUpdate(s.liveMirror, event.data) }));
          // A resync said anew is timed anew; a reset took the notice away with the session.
          const update = event.data;
          if (update.kind === 'complete' && update.resyncReason !== null) timeNotice();
          else if (update.kind === 'reset') clearNoticeTimer();
        };
        // Whatever the mirror held came from the previous connection: start from nothing.
        clearNoticeTimer();
        set((s) => ({
          liveMirror: { ...INITIAL, version: s.liveMirror.version + 1, epoch: s.liveMirror.epoch + 1 },
        }));
        try {
          await mirror.connectLive(feed.port1, told.port2);
          await engine.call('connectMirror', transfer(feed.port2, [feed.port2]));
          // A restarted engine shows its first symbol: tell it what the charts show. A symbol the engine's
          // configuration no longer has is refused, and it keeps its first: nothing to say then.
          if (shownSymbols !== null) await engine.showSymbols(shownSymbols);
        } catch (error) {
          if (isEngineWorkerError(error)) get().reportError(error);
          else if (isMirrorWorkerError(error)) down(error.message);
          else {
            const message = error instanceof Error ? error.message : String(error);
            patch({ status: 'failed', error: `The live mirror failed: ${message}` });
          }
        }
      },

      async restartMirror() {
        mirror.restart();
        mirrorDown = false;
        patch({ status: 'waiting', error: null });
        await get().connectLiveMirror();
      },

      async showLiveSymbols(symbols) {
        try {
          const shown = await engine.showSymbols(symbols);
          // Only symbols the engine took are said again to a restarted one: a refused list stays refused.
          if (shown.ok) shownSymbols = [...symbols];
          else patch({ error: shown.error });
        } catch (error) {
          if (isEngineWorkerError(error)) get().reportError(error);
          else patch({ error: error instanceof Error ? error.message : String(error) });
        }
      },

      liveChoice: null,
      setLiveChoice(choice) {
        const shown = get().liveChoice;
        const same =
          shown !== null &&
          shown.symbol === choice.symbol &&
          shown.interval === choice.interval &&
          shown.compare === choice.compare;
        if (!same) set({ liveChoice: { ...choice } });
      },

      dismissMirrorNotice: () => {
        clearNoticeTimer();
        patch({ notice: null });
      },

      holdMirrorNotice(held) {
        noticeHeld = held;
        if (held) clearNoticeTimer();
        else timeNotice();
      },
    };
  };

/**
 * Connects the live mirror now and again after every engine restart (a fresh engine knows nothing of the
 * mirror). Returns the function that stops watching.
 */
export function watchLiveMirror(store: StoreApi<AppState>): () => void {
  let generation = store.getState().generation;
  void store.getState().connectLiveMirror();
  return store.subscribe((state) => {
    if (state.generation === generation) return;
    generation = state.generation;
    void state.connectLiveMirror();
  });
}
