// The live mirror slice against the real engine API and the real mirror API, in this thread: the page only
// joins the two (a MessageChannel between them), and never takes or relays an export; the mirror tells it
// what changed. A gap or a new session is resynced and said; a restarted engine or mirror is joined again.
import { describe, expect, it, vi } from 'vitest';
import { overviewIn } from '../../workers/mirror/live-link.test-support';
import { createMirrorApi } from '../../workers/mirror/mirror-api';
import { MIRROR_TIMEOUT_MS, type MirrorClient, MirrorWorkerError } from '../mirror-client';
import { inProcessEngine } from './in-process-engine.test-support';
import { createAppStore } from './index';
import { MIRROR_NOTICE_MS, watchLiveMirror } from './mirror-slice';
import type { LiveMirrorState } from './mirror-types';
import type { AppState } from './types';

/** The real mirror API behind the mirror client's interface; `kill` makes it die like a crashed worker. */
function inProcessMirror() {
  let api = createMirrorApi();
  let dead: string | null = null;
  let failureListener: ((message: string) => void) | null = null;
  let restarts = 0;
  const alive = () => {
    if (dead !== null) throw new MirrorWorkerError(dead);
    return api;
  };
  const client = {
    async connectLive(engine: MessagePort, page: MessagePort) {
      alive().connectLive(engine, page);
    },
    onFailure(listener: (message: string) => void) {
      failureListener = listener;
      return () => {};
    },
    restart() {
      restarts += 1;
      dead = null;
      api = createMirrorApi();
    },
  } as unknown as MirrorClient;
  return {
    client,
    overview: () => overviewIn(api, 'live'),
    kill(message: string) {
      dead = message;
      // A dead worker hears nothing more: its live link is dropped with it.
      const nowhere = new MessageChannel();
      api.connectLive(nowhere.port1, nowhere.port2);
      failureListener?.(message);
    },
    restarts: () => restarts,
  };
}

function setup() {
  const engine = inProcessEngine();
  const mirror = inProcessMirror();
  const store = createAppStore(engine.client, { mirrorClient: mirror.client });
  const stop = watchLiveMirror(store);
  return { store, engine, mirror, stop };
}

/** Resolves once the live mirror's state passes `test` (the mirror's messages arrive asynchronously). */
function until(
  store: { getState(): AppState; subscribe(listener: (s: AppState) => void): () => void },
  test: (live: LiveMirrorState) => boolean,
): Promise<LiveMirrorState> {
  return new Promise((resolve, reject) => {
    const check = (state: AppState) => {
      if (!test(state.liveMirror)) return false;
      unsubscribe();
      clearTimeout(timer);
      resolve(state.liveMirror);
      return true;
    };
    const unsubscribe = store.subscribe((state) => void check(state));
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`live mirror stayed ${JSON.stringify(store.getState().liveMirror)}`));
    }, 5_000);
    check(store.getState());
  });
}

describe('live mirror slice', () => {
  it('follows the engine by itself: the page makes no export, and the history stays the user’s', async () => {
    const { store, engine, mirror, stop } = setup();
    expect(store.getState().liveMirror.status).toBe('waiting');
    const statuses: string[] = [];
    const unwatch = store.subscribe((s) => {
      if (statuses.at(-1) !== s.liveMirror.status) statuses.push(s.liveMirror.status);
    });
    await store.getState().start();
    const first = await until(store, (live) => live.status === 'in-sync');
    unwatch();
    // The badge of a first sync: syncing, never resyncing.
    expect(statuses).toEqual(['waiting', 'syncing', 'in-sync']);
    expect(first).toMatchObject({ sequence: 1, sessionDate: '2025-07-01', notice: null });
    expect(first.rowsHeld).toBe(mirror.overview().rowsHeld);

    await store.getState().step(3);
    const after = await until(store, (live) => live.sequence === 2);
    // The delta's rows: three one-minute bars of the symbol shown (the first until the page says), with
    // their ticks and quotes.
    expect(after.rowsHeld).toBe(mirror.overview().rowsHeld);
    expect(after.version).toBe(first.version + 1);
    expect(after.epoch).toBe(first.epoch);
    // The page asked the engine for no export: the engine pushed them to the mirror.
    expect(engine.calls).not.toContain('exportStatus');
    expect(engine.calls).toContain('connectMirror');
    expect(store.getState().exports).toEqual([]);
    stop();
  });

  it('asks the engine for the symbols the charts show, says a refusal, and tells a restarted engine', async () => {
    const { store, engine, mirror, stop } = setup();
    await store.getState().start();
    const first = await until(store, (live) => live.status === 'in-sync');
    const held = () =>
      mirror
        .overview()
        .symbols.filter((s) => s.held)
        .map((s) => s.symbol);
    expect(held()).toEqual(['RIVN']);
    await store.getState().showLiveSymbols(['TSLA']);
    // Sent complete at once, with no change of the session: the charts reload TSLA.
    await until(store, (live) => live.epoch === first.epoch + 1);
    expect(held()).toEqual(['TSLA']);
    expect(mirror.overview().symbols.map((s) => s.symbol)).toEqual(['RIVN', 'AAPL', 'TSLA']);

    await store.getState().showLiveSymbols(['XYZ']);
    expect(store.getState().liveMirror.error).toBe(
      'show symbols: XYZ is not a symbol of this session (accepted: RIVN, AAPL, TSLA)',
    );
    expect(held()).toEqual(['TSLA']);
    // A restarted engine is told the last symbols it took, not the refused ones.
    const told = vi.spyOn(engine.api, 'showSymbols');
    await store.getState().restartEngine();
    await until(store, (live) => live.status === 'in-sync');
    expect(told.mock.calls).toEqual([[['TSLA']]]);
    told.mockRestore();

    await store.getState().showLiveSymbols(['AAPL']);
    await store.getState().restartEngine();
    // The last symbols asked for are said again after the engine is joined again.
    await until(store, (live) => live.status === 'in-sync');
    const calls = engine.calls;
    expect(calls.lastIndexOf('showSymbols')).toBeGreaterThan(calls.lastIndexOf('connectMirror'));
    expect(engine.api.shownSymbols()).toEqual(['AAPL']);
    stop();
  });

  it('resyncs after an export of ui taken in the console, and says so', async () => {
    const { store, stop } = setup();
    await store.getState().start();
    const synced = await until(store, (live) => live.status === 'in-sync');
    await store.getState().runConsoleCommand('system export-status complete=false consumer=ui');
    await store.getState().step(1);
    const resynced = await until(store, (live) => live.notice !== null);
    // A complete export was applied again: the charts reload (a new epoch) instead of appending.
    expect(resynced).toMatchObject({ status: 'in-sync', sequence: 4, epoch: synced.epoch + 1 });
    expect(resynced.notice).toMatch(
      /^Resynced after a gap \(export #3 follows #2, but the last one applied is #1\)$/,
    );
    store.getState().dismissMirrorNotice();
    expect(store.getState().liveMirror.notice).toBeNull();
    stop();
  });

  it('names the new session when a trading day ends and the next one opens', async () => {
    const { store, stop } = setup();
    await store.getState().start();
    await until(store, (live) => live.status === 'in-sync');
    await store.getState().step(391);
    const next = await until(store, (live) => live.sessionDate === '2025-07-02');
    expect(next).toMatchObject({ status: 'in-sync', notice: 'New session 2025-07-02: resynced' });
    stop();
  });

  it('lets a resync notice go by itself after a few seconds, but not while it is held (issue 17)', async () => {
    const { store, stop } = setup();
    await store.getState().start();
    await until(store, (live) => live.status === 'in-sync');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    /**
     * Lets messages arrive (setImmediate and the clock are not faked) and the feed's period pass (its timer
     * is), until `test` holds or 10 s have passed.
     */
    const settle = async (test: () => boolean) => {
      const deadline = Date.now() + 10_000;
      for (let i = 0; Date.now() < deadline && !test(); i++) {
        await new Promise((resolve) => setImmediate(resolve));
        if (i % 20 === 19) vi.advanceTimersByTime(50);
      }
      expect(test(), JSON.stringify(store.getState().liveMirror)).toBe(true);
    };
    const notice = () => store.getState().liveMirror.notice;
    try {
      // Across the close into the next trading day: the mirror resyncs, and says so.
      await store.getState().step(391);
      await settle(() => notice() === 'New session 2025-07-02: resynced');
      vi.advanceTimersByTime(MIRROR_NOTICE_MS - 400);
      expect(notice()).not.toBeNull();
      vi.advanceTimersByTime(400);
      expect(notice()).toBeNull();

      // Held (the pointer or the focus on it), it stays; let go, it goes MIRROR_NOTICE_MS later.
      await store.getState().step(390);
      await settle(() => notice() === 'New session 2025-07-03: resynced');
      store.getState().holdMirrorNotice(true);
      vi.advanceTimersByTime(3 * MIRROR_NOTICE_MS);
      expect(notice()).toBe('New session 2025-07-03: resynced');
      store.getState().holdMirrorNotice(false);
      vi.advanceTimersByTime(MIRROR_NOTICE_MS - 1);
      expect(notice()).not.toBeNull();
      vi.advanceTimersByTime(1);
      expect(notice()).toBeNull();
    } finally {
      vi.useRealTimers();
      stop();
    }
  });

  it('stops when the mirror worker dies, and is joined again with a complete export on restart', async () => {
    const { store, mirror, stop } = setup();
    await store.getState().start();
    await until(store, (live) => live.status === 'in-sync');
    mirror.kill('The mirror worker crashed: out of memory.');
    expect(store.getState().liveMirror).toMatchObject({
      status: 'failed',
      error: 'The mirror worker crashed: out of memory.',
    });
    await store.getState().restartMirror();
    expect(mirror.restarts()).toBe(1);
    const back = await until(store, (live) => live.status === 'in-sync');
    expect(back).toMatchObject({ error: null, sessionDate: '2025-07-01' });
    expect(mirror.overview().synced).toBe(true);
    stop();
  });

  it('starts from nothing after an engine restart, and joins the new engine', async () => {
    const { store, engine, stop } = setup();
    await store.getState().start();
    const before = await until(store, (live) => live.status === 'in-sync');
    const joins = engine.calls.filter((c) => c === 'connectMirror').length;
    await store.getState().restartEngine();
    expect(store.getState().liveMirror).toMatchObject({
      status: 'waiting',
      sequence: null,
      rowsHeld: 0,
      epoch: before.epoch + 1,
    });
    expect(engine.calls.filter((c) => c === 'connectMirror').length).toBe(joins + 1);
    // This engine double keeps its session across the restart: joined again, it sends it whole.
    const back = await until(store, (live) => live.status === 'in-sync');
    expect(back).toMatchObject({ sessionDate: '2025-07-01', epoch: before.epoch + 2 });
    stop();
  });

  it('notices a mirror worker stuck in a sync, and offers to restart it', async () => {
    const engine = inProcessEngine();
    let page: MessagePort | null = null;
    let pings = 0;
    let failureListener: ((message: string) => void) | null = null;
    // A mirror that takes the ports, says it is syncing, then never answers again.
    const stuck = {
      async connectLive(_engine: MessagePort, told: MessagePort) {
        page = told;
      },
      async ping(): Promise<true> {
        pings++;
        const message = 'The mirror did not answer "ping" within 30 s and was stopped.';
        failureListener?.(message);
        throw new MirrorWorkerError(message);
      },
      onFailure(listener: (message: string) => void) {
        failureListener = listener;
        return () => {};
      },
      restart() {},
    } as unknown as MirrorClient;
    /** Lets messages arrive (setImmediate is not faked here), until `test` holds. */
    const settle = async (test: () => boolean) => {
      for (let i = 0; i < 1000 && !test(); i++) await new Promise((resolve) => setImmediate(resolve));
      expect(test()).toBe(true);
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const store = createAppStore(engine.client, { mirrorClient: stuck });
      const stop = watchLiveMirror(store);
      await settle(() => page !== null);
      (page as unknown as MessagePort).postMessage({ kind: 'syncing' });
      await settle(() => store.getState().liveMirror.status === 'syncing');
      vi.advanceTimersByTime(MIRROR_TIMEOUT_MS - 1);
      expect(pings).toBe(0);
      vi.advanceTimersByTime(1);
      await settle(() => store.getState().liveMirror.status === 'failed');
      expect(pings).toBe(1);
      expect(store.getState().liveMirror.error).toMatch(/did not answer "ping"/);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
