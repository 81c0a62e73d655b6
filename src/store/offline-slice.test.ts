// The offline replay slice against a fake mirror client (scripted answers, calls recorded), and once
// against the real mirror API called in the same thread with real exports.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { Result } from '../../workers/common/result';
import { backtestOf } from '../../workers/export/export.test-support';
import { Exporter } from '../../workers/export/exporter';
import { overviewIn } from '../../workers/mirror/live-link.test-support';
import { createMirrorApi, type OpenedSet, type OpenedStep } from '../../workers/mirror/mirror-api';
import type { ExportRecord } from '../export-record';
import { exportRecord } from './export-record.test-support';
import { createOfflineSlice } from './offline-slice';
import type { OfflineFile, OfflineMirror } from './offline-types';
import type { AppState } from './types';

const stepOf = (name: string, i: number): OpenedStep => ({
  name,
  notes: [],
  mode: i === 0 ? 'complete' : 'delta',
  sequence: i + 1,
  marketTime: `2025-07-01T09:3${i}:00`,
  generatedAt: `2025-07-01T14:0${i}:00-04:00`,
});

const setOf = (names: readonly string[]): OpenedSet => ({ steps: names.map(stepOf), cut: null });

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A mirror client whose answers the test scripts; every call is recorded with its arguments. */
function fakeMirror(
  script: {
    openFiles?: (files: OfflineFile[]) => Promise<Result<OpenedSet>>;
    showStep?: (index: number) => Promise<Result<number>>;
  } = {},
) {
  const calls: [string, unknown][] = [];
  let listener: ((message: string) => void) | undefined;
  const openFiles =
    script.openFiles ??
    (async (files: OfflineFile[]) => ({ ok: true as const, value: setOf(files.map((f) => f.name)) }));
  const showStep = script.showStep ?? (async (index: number) => ({ ok: true as const, value: index }));
  const client: OfflineMirror = {
    call: ((method: 'openFiles' | 'showStep', arg: never) => {
      calls.push([method, arg]);
      return method === 'openFiles' ? openFiles(arg) : showStep(arg);
    }) as OfflineMirror['call'],
    onFailure: (l) => {
      listener = l;
      return () => {};
    },
  };
  return { client, calls, crash: (message: string) => listener?.(message) };
}

/** A store of the offline slice alone, with an export history to replay from. */
function storeWith(client: OfflineMirror, exports: ExportRecord[] = [], restartMirror = async () => {}) {
  return createStore<AppState>()(
    (...args) => ({ exports, restartMirror, ...createOfflineSlice(client)(...args) }) as unknown as AppState,
  );
}

const files = (...names: string[]): OfflineFile[] =>
  names.map((name) => ({ name, blob: new Blob([`{"name":"${name}"}`]) }));

describe('offline replay slice', () => {
  it('hands the files to the mirror worker as they are and shows the first step', async () => {
    const { client, calls } = fakeMirror();
    const store = storeWith(client);
    const chosen = files('c.json', 'd1.json.gz', 'd2.json');
    const opening = store.getState().openOfflineFiles(chosen);
    expect(store.getState().offline).toMatchObject({
      status: 'opening',
      fileNames: ['c.json', 'd1.json.gz', 'd2.json'],
    });
    await opening;
    const [[method, sent]] = calls as [[string, OfflineFile[]]];
    expect(method).toBe('openFiles');
    // The very Blobs chosen: nothing was read or copied on this side.
    expect(sent.map((f) => f.blob)).toEqual(chosen.map((f) => f.blob));
    expect(sent[0]?.blob).toBe(chosen[0]?.blob);
    const { offline } = store.getState();
    expect(offline).toMatchObject({ status: 'open', current: 0, target: 0, error: null, origin: 'files' });
    expect(offline.steps.map((s) => s.name)).toEqual(['c.json', 'd1.json.gz', 'd2.json']);
    expect(offline.version).toBeGreaterThan(0);
    expect(calls).toHaveLength(1);
  });

  it('shows the one-line refusal and no replay when the files are not a set', async () => {
    const refusal = 'd3.json (export #3) follows #2, not #1 (c.json): an export is missing';
    const { client } = fakeMirror({ openFiles: async () => ({ ok: false, error: refusal }) });
    const store = storeWith(client);
    await store.getState().openOfflineFiles(files('c.json', 'd3.json'));
    expect(store.getState().offline).toMatchObject({
      status: 'failed',
      error: refusal,
      workerDown: false,
      steps: [],
      current: -1,
    });
    // Stepping a failed replay asks nothing of the worker.
    await store.getState().showOfflineStep(1);
    expect(store.getState().offline.current).toBe(-1);
  });

  it('steps to the last position asked for, skipping the ones passed over while the worker was busy', async () => {
    const pending: Deferred<Result<number>>[] = [];
    let hold = true;
    const { client, calls } = fakeMirror({
      showStep: (index) => {
        if (!hold) return Promise.resolve({ ok: true, value: index });
        const answer = deferred<Result<number>>();
        pending.push(answer);
        return answer.promise.then(() => ({ ok: true as const, value: index }));
      },
    });
    const store = storeWith(client);
    await store.getState().openOfflineFiles(files('a', 'b', 'c', 'd', 'e'));
    const versionAtOpen = store.getState().offline.version;
    const first = store.getState().showOfflineStep(1);
    // The slider moves on while step 1 is being applied.
    const second = store.getState().showOfflineStep(2);
    const third = store.getState().showOfflineStep(4);
    expect(store.getState().offline).toMatchObject({ current: 0, target: 4 });
    await settle();
    expect(pending).toHaveLength(1);
    pending[0]?.resolve({ ok: true, value: 1 });
    await settle();
    expect(store.getState().offline.current).toBe(1);
    expect(pending).toHaveLength(2);
    pending[1]?.resolve({ ok: true, value: 4 });
    await Promise.all([first, second, third]);
    expect(calls.filter(([m]) => m === 'showStep').map(([, i]) => i)).toEqual([1, 4]);
    expect(store.getState().offline).toMatchObject({ current: 4, target: 4 });
    expect(store.getState().offline.version).toBe(versionAtOpen + 2);
    // Out of range asks for the nearest end.
    hold = false;
    await store.getState().showOfflineStep(99);
    expect(store.getState().offline.current).toBe(4);
    await store.getState().showOfflineStep(-3);
    expect(store.getState().offline.current).toBe(0);
  });

  it('stays at the last step that applied when a later one does not, and says why', async () => {
    const { client, calls } = fakeMirror({
      showStep: async (index) =>
        index >= 2 ? { ok: false, error: 'd2.json: the delta does not follow' } : { ok: true, value: index },
    });
    const store = storeWith(client);
    await store.getState().openOfflineFiles(files('c', 'd1', 'd2'));
    await store.getState().showOfflineStep(1);
    await store.getState().showOfflineStep(2);
    expect(store.getState().offline).toMatchObject({
      status: 'open',
      current: 1,
      target: 1,
      error: 'd2.json: the delta does not follow',
    });
    // The worker is asked to show step 1 again, in case it applied some of the way.
    expect(calls.at(-1)).toEqual(['showStep', 1]);
    await store.getState().showOfflineStep(0);
    expect(store.getState().offline.error).toBeNull();
  });

  it('lands on the last step that applied when the slider jumps past a broken one', async () => {
    const { client, calls } = fakeMirror({
      showStep: async (index) =>
        index >= 3
          ? { ok: false, error: 'd3.json: RIVN 1m: the delta starts at row 9 but 5 are held' }
          : { ok: true, value: index },
    });
    const store = storeWith(client);
    await store.getState().openOfflineFiles(files('c', 'd1', 'd2', 'd3', 'd4'));
    await store.getState().showOfflineStep(4);
    expect(calls.filter(([m]) => m === 'showStep').map(([, i]) => i)).toEqual([4, 3, 2]);
    expect(store.getState().offline).toMatchObject({
      status: 'open',
      current: 2,
      target: 2,
      error: 'd3.json: RIVN 1m: the delta starts at row 9 but 5 are held',
    });
  });

  it('starts at the step asked for, and lets only the newest of two opens through', async () => {
    const firstOpen = deferred<Result<OpenedSet>>();
    let opens = 0;
    const { client, calls } = fakeMirror({
      openFiles: (chosen) => {
        opens++;
        if (opens === 1) return firstOpen.promise;
        return Promise.resolve({ ok: true, value: setOf(chosen.map((f) => f.name)) });
      },
    });
    const store = storeWith(client);
    const older = store.getState().openOfflineFiles(files('old-c', 'old-d'));
    await settle();
    const newer = store.getState().openOfflineFiles(files('new-c', 'new-d1', 'new-d2'), { startAt: 2 });
    // The second set waits for the worker to finish reading the first: one open at a time there.
    await settle();
    expect(calls).toHaveLength(1);
    firstOpen.resolve({ ok: true, value: setOf(['old-c', 'old-d']) });
    await Promise.all([older, newer]);
    expect(calls.map(([m]) => m)).toEqual(['openFiles', 'openFiles', 'showStep']);
    const { offline } = store.getState();
    expect(offline.steps.map((s) => s.name)).toEqual(['new-c', 'new-d1', 'new-d2']);
    expect(offline).toMatchObject({ status: 'open', current: 2, target: 2 });
  });

  it('says when the mirror worker dies, and opens the same files again at the same step', async () => {
    const { client, calls, crash } = fakeMirror();
    const store = storeWith(client);
    const chosen = files('c', 'd1', 'd2');
    await store.getState().openOfflineFiles(chosen);
    await store.getState().showOfflineStep(2);
    crash('The mirror worker crashed: out of memory.');
    expect(store.getState().offline).toMatchObject({
      status: 'failed',
      workerDown: true,
      error: 'The mirror worker crashed: out of memory. The opened exports were lost with it.',
    });
    await store.getState().retryOffline();
    expect(store.getState().offline).toMatchObject({ status: 'open', current: 2, error: null });
    const reopened = calls.filter(([m]) => m === 'openFiles').at(-1)?.[1] as OfflineFile[];
    expect(reopened.map((f) => f.blob)).toEqual(chosen.map((f) => f.blob));
  });

  it('starts a fresh mirror worker when the retry finds the old one still dead', async () => {
    const dead = new Error('The mirror worker crashed: out of memory.');
    dead.name = 'MirrorWorkerError';
    let alive = true;
    const { client, calls, crash } = fakeMirror({
      openFiles: async (chosen) =>
        alive ? { ok: true, value: setOf(chosen.map((f) => f.name)) } : Promise.reject(dead),
    });
    let restarts = 0;
    const store = storeWith(client, [], async () => {
      restarts++;
      alive = true;
    });
    await store.getState().openOfflineFiles(files('c', 'd1'));
    await store.getState().showOfflineStep(1);
    alive = false;
    crash(dead.message);
    await store.getState().retryOffline();
    expect(restarts).toBe(1);
    expect(calls.filter(([m]) => m === 'openFiles')).toHaveLength(3);
    expect(store.getState().offline).toMatchObject({ status: 'open', current: 1, workerDown: false });
  });

  it('files a worker that throws as a worker failure', async () => {
    const dead = new Error('The mirror did not answer "openFiles" within 30 s and was stopped.');
    dead.name = 'MirrorWorkerError';
    const { client } = fakeMirror({ openFiles: () => Promise.reject(dead) });
    const store = storeWith(client);
    await store.getState().openOfflineFiles(files('c'));
    expect(store.getState().offline).toMatchObject({
      status: 'failed',
      workerDown: true,
      error: dead.message,
    });
  });

  it('closes: nothing shown, and a late answer changes nothing', async () => {
    const open = deferred<Result<OpenedSet>>();
    const { client } = fakeMirror({ openFiles: () => open.promise });
    const store = storeWith(client);
    const opening = store.getState().openOfflineFiles(files('c'));
    store.getState().closeOffline();
    open.resolve({ ok: true, value: setOf(['c']) });
    await opening;
    expect(store.getState().offline).toMatchObject({ status: 'idle', steps: [], error: null });
  });
});

describe('offline replay from the export history', () => {
  it('sends the chain of the export chosen and starts at it', async () => {
    const history = [
      exportRecord({ id: 'd3', sequence: 3 }),
      exportRecord({ id: 'd2', sequence: 2 }),
      exportRecord({ id: 'c1', sequence: 1, mode: 'complete', previousSequence: null }),
    ];
    const { client, calls } = fakeMirror();
    const store = storeWith(client, history);
    await store.getState().openHistoryInReplay('d2');
    const sent = calls[0]?.[1] as OfflineFile[];
    expect(sent.map((f) => f.name)).toEqual(['c1.json', 'd2.json', 'd3.json']);
    expect(sent[1]?.blob).toBe(history[1]?.blob);
    expect(store.getState().offline).toMatchObject({ status: 'open', origin: 'history', current: 1 });
  });

  it('says in one line when the chain has no complete export left to start from, and asks nothing of the worker', async () => {
    const history = [
      exportRecord({ id: 'd3', sequence: 3 }),
      exportRecord({ id: 'c1', sequence: 1, mode: 'complete', previousSequence: null, consumer: 'other' }),
    ];
    const { client, calls } = fakeMirror();
    const store = storeWith(client, history);
    await store.getState().openHistoryInReplay('d3');
    expect(calls).toEqual([]);
    expect(store.getState().offline).toMatchObject({
      status: 'failed',
      error:
        'd3.json (export #3) follows export #2 of consumer "default", which is no longer in the history, and no complete export of that consumer before it is',
    });
  });
});

describe('offline replay slice with the real mirror API', () => {
  it('opens shuffled real exports and steps back and forth through them', async () => {
    const backtest = backtestOf();
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
    backtest.start();
    const take = (complete: boolean, name: string): OfflineFile => {
      const result = exporter.export({ complete, consumer: 'files' });
      if (!result.ok) throw new Error(result.error);
      return { name, blob: new Blob(result.value.chunks as Uint8Array<ArrayBuffer>[]) };
    };
    const chosen = [take(true, 'c.json')];
    for (let i = 1; i <= 3; i++) {
      backtest.advance(2);
      chosen.push(take(false, `d${i}.json`));
    }
    const api = createMirrorApi();
    const client: OfflineMirror = {
      call: ((method: 'openFiles' | 'showStep', arg: never) =>
        Promise.resolve(
          method === 'openFiles' ? api.openFiles(arg) : api.showStep(arg),
        )) as OfflineMirror['call'],
      onFailure: () => () => {},
    };
    const store = storeWith(client);
    await store.getState().openOfflineFiles([chosen[2], chosen[0], chosen[3], chosen[1]] as OfflineFile[], {
      startAt: 3,
    });
    expect(store.getState().offline.steps.map((s) => s.name)).toEqual([
      'c.json',
      'd1.json',
      'd2.json',
      'd3.json',
    ]);
    expect(store.getState().offline.current).toBe(3);
    expect(overviewIn(api, 'offline').symbols[0]?.rows['1m']).toBe(6);
    await store.getState().showOfflineStep(1);
    expect(overviewIn(api, 'offline').symbols[0]?.rows['1m']).toBe(2);

    // d1 missing: the replay opens c.json alone, and says why d2 and d3 are left out.
    await store.getState().openOfflineFiles([chosen[3], chosen[0], chosen[2]] as OfflineFile[]);
    expect(store.getState().offline).toMatchObject({
      status: 'open',
      error: null,
      cut: {
        message: 'Replaying export #1 of consumer "files"; #2 is missing, so #3-#4 are left out',
        leftOut: ['d2.json', 'd3.json'],
      },
    });
    expect(store.getState().offline.steps.map((s) => s.name)).toEqual(['c.json']);
    expect(overviewIn(api, 'offline').symbols[0]?.rows['1m']).toBe(0);

    // Replay from the history with d2 removed: the chain up to the gap opens, at its last export.
    const history = chosen.map((file, i) =>
      exportRecord({
        id: `e${i + 1}`,
        sequence: i + 1,
        fileName: file.name,
        blob: file.blob,
        consumer: 'files',
        mode: i === 0 ? 'complete' : 'delta',
        previousSequence: i === 0 ? null : i,
      }),
    );
    const fromHistory = storeWith(client, history.filter((r) => r.id !== 'e3').reverse());
    await fromHistory.getState().openHistoryInReplay('e4');
    expect(fromHistory.getState().offline).toMatchObject({
      status: 'open',
      origin: 'history',
      current: 1,
      error: null,
      cut: {
        message: 'Replaying exports #1-#2 of consumer "files"; #3 is missing, so #4 is left out',
        leftOut: ['d3.json'],
      },
    });
    expect(fromHistory.getState().offline.steps.map((s) => s.name)).toEqual(['c.json', 'd1.json']);
    expect(overviewIn(api, 'offline').symbols[0]?.rows['1m']).toBe(2);
  });
});
