// The compare slice with the viewer's verbs run in this thread (no worker): "Compare with…" picks the export a
// history row follows and compares at once, two sides chosen by hand, an export gone from the history, a
// file that is not an export, and the path a comparison asks the viewer to show.
import { describe, expect, it } from 'vitest';
import { backtestOf, configJson, textOf } from '../../workers/export/export.test-support';
import { Exporter } from '../../workers/export/exporter';
import { createViewerApi } from '../../workers/viewer/viewer-api';
import type { EngineClient } from '../engine-client';
import type { ExportRecord } from '../export-record';
import { type ViewerClient, ViewerWorkerError } from '../viewer-client';
import { baseOf } from './compare-slice';
import { exportRecord } from './export-record.test-support';
import { createAppStore } from './index';

const engine = {
  call: () => new Promise(() => {}),
  restart: () => {},
  onFailure: () => () => {},
  dispose: () => {},
} as unknown as EngineClient;
const mirror = { call: () => new Promise(() => {}), restart() {}, onFailure: () => () => {}, dispose() {} };

/** A viewer client that runs the viewer's API in this thread, and records the verbs called. */
function inThreadViewer() {
  const fresh = () =>
    createViewerApi({ sliceBytes: 4096 }) as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
  let api = fresh();
  let restarts = 0;
  const calls: string[] = [];
  const client: ViewerClient = {
    call: ((method: string, ...args: unknown[]) => {
      calls.push(method);
      return Promise.resolve((api[method] as (...a: unknown[]) => unknown)(...args));
    }) as ViewerClient['call'],
    // Like a real restart: a fresh worker, with none of the old one's open exports.
    restart: () => {
      restarts++;
      api = fresh();
    },
    onFailure: () => () => {},
    dispose: () => {},
  };
  return { client, calls, restarts: () => restarts };
}

/** Three real exports of the default session, as the history holds them (newest first). */
/** A viewer whose worker is dead until restarted: every call fails as a dead worker's does till then. */
function deadViewer(viewer: ReturnType<typeof inThreadViewer>, onRestart: () => void) {
  let dead = true;
  const call = viewer.client.call as (method: string, ...args: unknown[]) => Promise<unknown>;
  const client: ViewerClient = {
    ...viewer.client,
    call: ((method: string, ...args: unknown[]) =>
      dead
        ? Promise.reject(new ViewerWorkerError('The viewer stopped.'))
        : call(method, ...args)) as ViewerClient['call'],
    restart: () => {
      onRestart();
      dead = false;
    },
  };
  return { client };
}

function history(): ExportRecord[] {
  const backtest = backtestOf(configJson(), 0);
  backtest.start();
  backtest.advance(5);
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 14));
  const record = (id: string, complete: boolean, createdAt: number) => {
    const result = exporter.export({ complete });
    const text = textOf(result);
    if (!result.ok) throw new Error(result.error);
    const { sequence, previousSequence } = result.value.metadata;
    return exportRecord({
      id,
      sequence,
      previousSequence,
      mode: complete ? 'complete' : 'delta',
      createdAt,
      blob: new Blob([text]),
    });
  };
  const first = record('e-1', true, 1);
  backtest.advance(1);
  const other = record('e-2', true, 2);
  backtest.advance(1);
  const delta = record('e-3', false, 3);
  return [delta, other, first];
}

async function settled(store: ReturnType<typeof createAppStore>) {
  for (let i = 0; i < 100 && store.getState().compare.status === 'running'; i++)
    await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('compare slice', () => {
  it("takes a delta's base as A (not merely the export before it)", () => {
    const records = [
      exportRecord({ id: 'd', sequence: 3, previousSequence: 1, createdAt: 3 }),
      exportRecord({ id: 'c2', sequence: 2, mode: 'complete', previousSequence: null, createdAt: 2 }),
      exportRecord({ id: 'c1', sequence: 1, mode: 'complete', previousSequence: null, createdAt: 1 }),
    ];
    expect(baseOf(records, 'd')?.id).toBe('c1');
    expect(baseOf(records, 'c2')?.id).toBe('c1');
    expect(baseOf(records, 'c1')).toBeNull();
    expect(baseOf(records, 'gone')).toBeNull();
  });

  it('compares a history row with the export it follows at once, and lets the indexes go', async () => {
    const viewer = inThreadViewer();
    const store = createAppStore(engine, { viewerClient: viewer.client, mirrorClient: mirror as never });
    store.setState({ exports: history() });
    store.getState().compareWith('e-3');
    // The delta (#3) follows the complete export #2: its previous_sequence.
    expect(store.getState().compare).toMatchObject({
      a: { kind: 'export', id: 'e-2' },
      b: { kind: 'export', id: 'e-3' },
      summoned: 1,
    });
    await settled(store);
    const { compare } = store.getState();
    expect(compare.status).toBe('done');
    expect(compare.names).toEqual({ a: 'e-2.json', b: 'e-3.json' });
    expect(compare.result?.notes[0]).toMatch(/^B is the delta that follows A/);
    expect(compare.result?.addedRows).toBeGreaterThan(0);
    expect(viewer.calls.filter((c) => c === 'close')).toHaveLength(2);
  });

  it('says what is wrong, and compares nothing, when a side is missing, gone, or not an export', async () => {
    const viewer = inThreadViewer();
    const store = createAppStore(engine, { viewerClient: viewer.client, mirrorClient: mirror as never });
    store.setState({ exports: history() });
    const { chooseCompareSide, runCompare } = store.getState();
    chooseCompareSide('a', { kind: 'export', id: 'e-1' });
    await runCompare();
    expect(store.getState().compare.error).toBe('Choose two exports, A and B, to compare.');
    chooseCompareSide('b', { kind: 'export', id: 'e-9' });
    await runCompare();
    expect(store.getState().compare.error).toBe(
      'B: That export is no longer in the history: choose another.',
    );
    expect(viewer.calls).toEqual([]);
    chooseCompareSide('b', { kind: 'file', blob: new Blob(['[1, 2]']), fileName: 'list.json' });
    await runCompare();
    expect(store.getState().compare).toMatchObject({ status: 'failed', result: null });
    expect(store.getState().compare.error).toMatch(
      /^B \(list\.json\): This file is not a Session Tape export/,
    );
  });

  it('swaps the sides and compares again; a path is handed to the viewer for the side it is in', async () => {
    const viewer = inThreadViewer();
    const store = createAppStore(engine, { viewerClient: viewer.client, mirrorClient: mirror as never });
    store.setState({ exports: history() });
    store.getState().compareWith('e-2');
    await settled(store);
    const before = store.getState().compare.result?.addedRows;
    store.getState().swapCompareSides();
    await settled(store);
    expect(store.getState().compare).toMatchObject({
      a: { id: 'e-2' },
      b: { id: 'e-1' },
      names: { a: 'e-2.json', b: 'e-1.json' },
    });
    expect(store.getState().compare.result?.addedRows).toBe(0);
    expect(before).toBeGreaterThan(0);

    store.getState().showCompareInViewer('a', ['analysis', 'account']);
    expect(store.getState().viewing).toBe('e-2');
    expect(store.getState().takeViewerReveal()).toEqual(['analysis', 'account']);
    expect(store.getState().takeViewerReveal()).toBeNull();
  });

  it('says when the viewer worker died, and starts a fresh one for the next comparison', async () => {
    let restarts = 0;
    const { client } = deadViewer(inThreadViewer(), () => restarts++);
    const store = createAppStore(engine, { viewerClient: client, mirrorClient: mirror as never });
    store.setState({ exports: history() });
    store.getState().compareWith('e-2');
    await settled(store);
    expect(store.getState().compare).toMatchObject({ status: 'failed', error: 'The viewer stopped.' });
    expect(restarts).toBe(0);
    await store.getState().runCompare();
    expect(restarts).toBe(1);
    expect(store.getState().compare.status).toBe('done');
  });

  it("cancelling a comparison leaves the viewer's open at the same time going", async () => {
    const viewer = inThreadViewer();
    const store = createAppStore(engine, { viewerClient: viewer.client, mirrorClient: mirror as never });
    store.setState({ exports: history() });
    store.getState().openInViewer('e-1');
    store.getState().compareWith('e-3');
    expect(store.getState().compare.status).toBe('running');
    store.getState().cancelCompare();
    expect(store.getState().compare.error).toBe('The comparison was cancelled.');
    for (let i = 0; i < 100 && store.getState().viewer.status === 'opening'; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.getState().viewer).toMatchObject({ status: 'open', fileName: 'e-1.json' });
  });

  it('cancelling while the worker compares stops the comparison there, not only the wait for it', async () => {
    const viewer = inThreadViewer();
    let answer: Promise<unknown> | null = null;
    let store: ReturnType<typeof createAppStore> | null = null;
    const client: ViewerClient = {
      ...viewer.client,
      call: ((method: string, ...args: unknown[]) => {
        const reply = (viewer.client.call as (m: string, ...a: unknown[]) => Promise<unknown>)(
          method,
          ...args,
        );
        // Cancelled as soon as the comparison itself has started in the worker (its files are open).
        if (method === 'compare') {
          answer = reply;
          queueMicrotask(() => store?.getState().cancelCompare());
        }
        return reply;
      }) as ViewerClient['call'],
    };
    store = createAppStore(engine, { viewerClient: client, mirrorClient: mirror as never });
    store.setState({ exports: history() });
    store.getState().compareWith('e-3');
    for (let i = 0; i < 200 && answer === null; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await answer).toEqual({ ok: false, error: 'The comparison was cancelled.' });
    expect(viewer.calls).toContain('cancelCompare');
    expect(store.getState().compare).toMatchObject({
      status: 'failed',
      error: 'The comparison was cancelled.',
    });
  });

  it('a dead worker is restarted once: a comparison after the viewer retried keeps the export it shows', async () => {
    const viewer = inThreadViewer();
    const { client } = deadViewer(viewer, () => viewer.client.restart());
    const store = createAppStore(engine, { viewerClient: client, mirrorClient: mirror as never });
    store.setState({ exports: history() });
    store.getState().compareWith('e-2');
    await settled(store);
    store.getState().openInViewer('e-1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().viewer).toMatchObject({ status: 'failed', workerDown: true });

    store.getState().retryViewer();
    for (let i = 0; i < 100 && store.getState().viewer.status === 'opening'; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.getState().viewer.status).toBe('open');
    await store.getState().runCompare();
    expect(store.getState().compare.status).toBe('done');
    expect(viewer.restarts()).toBe(1);
    const children = await store.getState().viewerChildren([]);
    expect(children.ok).toBe(true);
    expect(store.getState().viewer.status).toBe('open');
  });

  it('a path of a file from disk opens it in the viewer once: a second path is revealed in the file shown', async () => {
    const viewer = inThreadViewer();
    const store = createAppStore(engine, { viewerClient: viewer.client, mirrorClient: mirror as never });
    const records = history();
    store.setState({ exports: records });
    const blob = (records[1] as ExportRecord).blob;
    store.getState().chooseCompareSide('a', { kind: 'file', blob, fileName: 'disk.json' });
    const opens = () => viewer.calls.filter((c) => c === 'open').length;
    const opened = async () => {
      for (let i = 0; i < 100 && store.getState().viewer.status === 'opening'; i++)
        await new Promise((resolve) => setTimeout(resolve, 5));
    };
    store.getState().showCompareInViewer('a', ['analysis']);
    // A second path while it is still being read, and another once it is open: neither reads it again.
    store.getState().showCompareInViewer('a', ['session_data']);
    await opened();
    store.getState().showCompareInViewer('a', ['performance_metrics']);
    expect(opens()).toBe(1);
    expect(store.getState().viewer).toMatchObject({ status: 'open', fileName: 'disk.json' });
    expect(store.getState().takeViewerReveal()).toEqual(['performance_metrics']);
    // Another export shown in between: the file is opened again.
    store.getState().openInViewer('e-1');
    await opened();
    store.getState().showCompareInViewer('a', ['analysis']);
    expect(opens()).toBe(3);
    await opened();
    expect(store.getState().viewer.fileName).toBe('disk.json');
  });
});
