// The offline replay: export files opened from disk (or from the export history) and stepped through in
// sequence order. The files go to the mirror worker as Blobs (posting a Blob does not copy its bytes);
// this thread never reads or parses them, and nothing leaves the browser. The worker holds the replayed
// state; this slice holds what the page shows about it: the steps, the one shown, and what went wrong.
import type { StateCreator } from 'zustand';
import { isMirrorWorkerError } from '../mirror-client';
import type { OfflineChoice, OfflineFile, OfflineMirror, OfflineSlice, OfflineState } from './offline-types';
import { replayChain } from './replay-chain';
import type { AppState } from './types';

export const IDLE_OFFLINE: OfflineState = {
  status: 'idle',
  origin: null,
  fileNames: [],
  steps: [],
  cut: null,
  current: -1,
  target: -1,
  error: null,
  workerDown: false,
  version: 0,
  generation: 0,
  historyIds: [],
  choice: null,
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const createOfflineSlice =
  (client: OfflineMirror): StateCreator<AppState, [], [], OfflineSlice> =>
  (set, get) => {
    /** Identifies the latest open; answers about earlier ones are dropped. */
    let token = 0;
    /** The files last asked for, kept for `retryOffline`. */
    let lastFiles: OfflineFile[] = [];
    let lastOrigin: 'files' | 'history' = 'files';
    let lastHistoryIds: string[] = [];
    /** The step last shown, where `retryOffline` starts again. */
    let lastShown = 0;
    /** The running catch-up of `current` to `target`, and the open it belongs to. */
    let stepping: { token: number; done: Promise<void> } | null = null;
    /**
     * Calls to the worker go one at a time: `openFiles` reads files asynchronously there, so two opens
     * sent together could finish in either order and leave the worker holding the older set.
     */
    let queue: Promise<unknown> = Promise.resolve();
    const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
      const turn = queue.then(work, work);
      queue = turn.catch(() => undefined);
      return turn;
    };

    const patch = (changes: Partial<OfflineState>) => set((s) => ({ offline: { ...s.offline, ...changes } }));

    const failWith = (error: string, workerDown = false) =>
      set((s) => ({
        offline: {
          ...s.offline,
          status: 'failed',
          steps: [],
          cut: null,
          current: -1,
          target: -1,
          error,
          workerDown,
          version: s.offline.version + 1,
        },
      }));

    // The worker holds the replayed state: when it dies, the replay is gone and must be opened again.
    client.onFailure((message) => {
      if (get().offline.status === 'idle') return;
      token++;
      failWith(`${message} The opened exports were lost with it.`, true);
    });

    /** Applies steps until the one shown is the one asked for (the target may move meanwhile). */
    const catchUp = async (mine: number) => {
      for (;;) {
        const { current, target, status } = get().offline;
        if (mine !== token || status !== 'open' || current === target) return;
        const result = await inTurn(() => client.call('showStep', target));
        if (mine !== token) return;
        if (!result.ok) {
          // An export that does not apply. The worker stopped at the last one that did: find it, walking
          // back from the step asked for (each refused step fails at once, the found one costs nothing),
          // stay there, and say why.
          let good = target - 1;
          for (; good > current; good--) {
            const back = await inTurn(() => client.call('showStep', good));
            if (mine !== token) return;
            if (back.ok) break;
          }
          if (good === current) {
            const back = await inTurn(() => client.call('showStep', current));
            if (mine !== token) return;
            if (!back.ok) {
              failWith(back.error);
              return;
            }
          }
          lastShown = good;
          set((s) => ({
            offline: {
              ...s.offline,
              current: good,
              target: good,
              error: result.error,
              version: s.offline.version + 1,
            },
          }));
          return;
        }
        lastShown = result.value;
        set((s) => ({
          offline: { ...s.offline, current: result.value, error: null, version: s.offline.version + 1 },
        }));
      }
    };

    const step = (mine: number): Promise<void> => {
      if (stepping?.token === mine) return stepping.done;
      const run = {
        token: mine,
        done: catchUp(mine)
          .catch((error: unknown) => {
            if (mine === token) failWith(messageOf(error), true);
          })
          .finally(() => {
            if (stepping === run) stepping = null;
          }),
      };
      stepping = run;
      return run.done;
    };

    /** Opens `files`; with `restartDead`, a dead mirror worker is restarted once and asked again. */
    async function open(
      files: readonly OfflineFile[],
      options: { origin?: 'files' | 'history'; startAt?: number; historyIds?: string[] },
      restartDead: boolean,
      choice: OfflineChoice | null = null,
    ): Promise<void> {
      const mine = ++token;
      const origin = options.origin ?? 'files';
      lastFiles = files.map(({ name, blob }) => ({ name, blob }));
      lastOrigin = origin;
      lastHistoryIds = options.historyIds ?? [];
      set((s) => ({
        offline: {
          ...IDLE_OFFLINE,
          status: 'opening',
          origin,
          fileNames: lastFiles.map((f) => f.name),
          version: s.offline.version + 1,
          generation: s.offline.generation + 1,
          historyIds: lastHistoryIds,
          choice,
        },
      }));
      try {
        const sent = lastFiles;
        const result = await inTurn(() =>
          mine === token ? client.call('openFiles', sent) : Promise.resolve(null),
        );
        if (mine !== token || result === null) return;
        if (!result.ok) {
          failWith(result.error);
          return;
        }
        const { steps, cut } = result.value;
        const last = steps.length - 1;
        const startAt = Math.min(Math.max(0, Math.trunc(options.startAt ?? 0)), last);
        lastShown = 0;
        set((s) => ({
          offline: {
            ...s.offline,
            status: 'open',
            steps,
            cut,
            current: 0,
            target: startAt,
            error: null,
            version: s.offline.version + 1,
          },
        }));
        await step(mine);
      } catch (error) {
        if (mine !== token) return;
        if (restartDead && isMirrorWorkerError(error)) {
          // The worker is still the dead one: start a fresh one (the live mirror resyncs in it) and
          // ask again, once.
          void get().restartMirror();
          return open(files, options, false, choice);
        }
        // A throw is the worker failing (dead, stuck, or a bug in it), not a bad file.
        failWith(messageOf(error), true);
      }
    }

    return {
      offline: IDLE_OFFLINE,

      openOfflineFiles: (files, options = {}) => open(files, options, false),

      async openHistoryInReplay(id, choice) {
        const chain = replayChain(get().exports, id);
        if (!chain.ok) {
          token++;
          lastFiles = [];
          set((s) => ({
            offline: {
              ...IDLE_OFFLINE,
              status: 'failed',
              origin: 'history',
              error: chain.error,
              version: s.offline.version + 1,
              generation: s.offline.generation + 1,
            },
          }));
          return;
        }
        const { records, index } = chain.value;
        const files = records.map((r) => ({ name: r.fileName, blob: r.blob }));
        await open(
          files,
          { origin: 'history', startAt: index, historyIds: records.map((r) => r.id) },
          false,
          choice ?? null,
        );
      },

      showOfflineStep(index) {
        const { status, steps } = get().offline;
        if (status !== 'open' || steps.length === 0) return Promise.resolve();
        const target = Math.min(Math.max(0, Math.trunc(index)), steps.length - 1);
        patch({ target });
        return step(token);
      },

      async retryOffline() {
        if (lastFiles.length === 0) return;
        await open(
          lastFiles,
          { origin: lastOrigin, startAt: lastShown, historyIds: lastHistoryIds },
          true,
          get().offline.choice,
        );
      },

      setOfflineChoice(choice) {
        const shown = get().offline.choice;
        if (shown?.symbol === choice.symbol && shown.interval === choice.interval) return;
        // The symbol and interval only: a view's compare overlay is not carried to the next set opened.
        patch({ choice: { symbol: choice.symbol, interval: choice.interval } });
      },

      closeOffline() {
        token++;
        lastFiles = [];
        set((s) => ({
          offline: { ...IDLE_OFFLINE, version: s.offline.version + 1, generation: s.offline.generation },
        }));
      },
    };
  };
