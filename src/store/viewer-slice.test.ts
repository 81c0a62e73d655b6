// The viewer slice with a scripted viewer client: opening with progress, cancelling, a refused file, a dead
// worker and its restart, and answers from an earlier open being dropped.
import { describe, expect, it } from 'vitest';
import type { OpenProgress, ViewerSummary } from '../../workers/viewer/types';
import type { EngineClient } from '../engine-client';
import { type ViewerClient, ViewerWorkerError } from '../viewer-client';
import { createAppStore } from './index';

const summary = (mode: 'complete' | 'delta' = 'complete'): ViewerSummary => ({
  bytes: 10,
  version: '2.0',
  mode,
  generatedAt: null,
  consumer: 'default',
  sequence: 1,
  sessionId: 1,
  marketTime: null,
  symbols: 3,
  streams: 21,
  rows: 100,
  notes: [],
  indexMs: 5,
  root: [],
});

type Answer = (...args: unknown[]) => Promise<unknown>;

function fakeViewer(answers: Record<string, Answer>) {
  const calls: string[] = [];
  const failures = new Set<(message: string) => void>();
  let restarts = 0;
  const client: ViewerClient = {
    call: ((method: string, ...args: unknown[]) => {
      calls.push(method);
      const answer = answers[method];
      return answer ? answer(...args) : Promise.resolve(undefined);
    }) as ViewerClient['call'],
    restart: () => {
      restarts++;
    },
    onFailure: (listener) => {
      failures.add(listener);
      return () => failures.delete(listener);
    },
    dispose: () => {},
  };
  return {
    client,
    calls,
    die: (m: string) => {
      for (const listener of failures) listener(m);
    },
    restarts: () => restarts,
  };
}

const engine = {
  call: () => new Promise(() => {}),
  restart: () => {},
  onFailure: () => () => {},
  dispose: () => {},
} as unknown as EngineClient;

const mirror = { call: () => new Promise(() => {}), restart() {}, onFailure: () => () => {}, dispose() {} };

function storeWith(viewer: ViewerClient) {
  return createAppStore(engine, { viewerClient: viewer, mirrorClient: mirror as never });
}

const file = (text = '{}') => new Blob([text]);

describe('viewer slice', () => {
  it('opens a file with progress, then shows its summary', async () => {
    let finish: (value: unknown) => void = () => {};
    let report: (p: OpenProgress) => void = () => {};
    const fake = fakeViewer({
      open: (_blob, onProgress) => {
        report = onProgress as typeof report;
        return new Promise((resolve) => (finish = resolve));
      },
    });
    const store = storeWith(fake.client);
    store.getState().openFileInViewer(file('0123456789'), 'x.json');
    expect(store.getState().viewer).toMatchObject({
      status: 'opening',
      fileName: 'x.json',
      progress: { bytesRead: 0, bytesTotal: 10 },
    });
    expect(store.getState().viewing).toBeNull();
    report({ bytesRead: 4, bytesTotal: 10 });
    expect(store.getState().viewer.progress).toEqual({ bytesRead: 4, bytesTotal: 10 });
    finish({ ok: true, value: { id: 'export-1', summary: summary() } });
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().viewer).toMatchObject({ status: 'open', documentId: 'export-1', progress: null });
    expect(store.getState().viewer.summary?.rows).toBe(100);
  });

  it('shows why a file was refused, and asks no questions of a closed viewer', async () => {
    const fake = fakeViewer({
      open: async () => ({ ok: false, error: 'This file is not a Session Tape export.' }),
    });
    const store = storeWith(fake.client);
    store.getState().openFileInViewer(file(), 'x.png');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().viewer).toMatchObject({ status: 'failed', workerDown: false, canRetry: false });
    expect(store.getState().viewer.error).toBe('This file is not a Session Tape export.');
    expect(await store.getState().viewerChildren([])).toEqual({
      ok: false,
      error: 'No export is open in the viewer.',
    });
  });

  it('cancels an open: the worker is told, and its late answer is closed, not shown', async () => {
    let finish: (value: unknown) => void = () => {};
    const fake = fakeViewer({ open: () => new Promise((resolve) => (finish = resolve)) });
    const store = storeWith(fake.client);
    store.getState().openFileInViewer(file(), 'big.json');
    store.getState().cancelViewerOpen();
    expect(store.getState().viewer.status).toBe('cancelled');
    expect(fake.calls).toContain('cancelOpen');
    finish({ ok: true, value: { id: 'export-7', summary: summary() } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().viewer.status).toBe('cancelled');
    expect(fake.calls.filter((c) => c === 'close')).toHaveLength(1);
  });

  it('turns a dead worker into a message with a restart, then opens the same file again', async () => {
    let dead = true;
    const fake = fakeViewer({
      open: async () => {
        if (dead) throw new ViewerWorkerError('The viewer worker failed to load or crashed.');
        return { ok: true, value: { id: 'export-2', summary: summary('delta') } };
      },
      children: async () => {
        throw new ViewerWorkerError('The viewer worker crashed: out of memory.');
      },
    });
    const store = storeWith(fake.client);
    store.getState().openFileInViewer(file(), 'd.json');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().viewer).toMatchObject({ status: 'failed', workerDown: true, canRetry: true });

    dead = false;
    store.getState().retryViewer();
    expect(fake.restarts()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().viewer).toMatchObject({ status: 'open', fileName: 'd.json' });

    // A question that finds the worker dead takes the whole viewer to its error.
    const answer = await store.getState().viewerChildren(['session_data']);
    expect(answer.ok).toBe(false);
    expect(store.getState().viewer).toMatchObject({ status: 'failed', workerDown: true });
    expect(store.getState().viewer.error).toBe('The viewer worker crashed: out of memory.');
  });

  it('hears a worker that dies between questions', async () => {
    const fake = fakeViewer({
      open: async () => ({ ok: true, value: { id: 'export-3', summary: summary() } }),
    });
    const store = storeWith(fake.client);
    store.getState().openFileInViewer(file(), 'c.json');
    await new Promise((resolve) => setTimeout(resolve, 0));
    fake.die('The viewer worker crashed: boom.');
    expect(store.getState().viewer).toMatchObject({ status: 'failed', workerDown: true });
  });

  it('opens an export of the history by id, and closing forgets it', async () => {
    const fake = fakeViewer({
      open: async () => ({ ok: true, value: { id: 'export-4', summary: summary() } }),
    });
    const store = storeWith(fake.client);
    const blob = file();
    store.setState({ exports: [{ id: 'e-1', fileName: 'a.json', blob } as never] });
    store.getState().openInViewer('e-1');
    expect(store.getState().viewing).toBe('e-1');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().viewer.status).toBe('open');
    store.getState().closeViewer();
    expect(store.getState().viewing).toBeNull();
    expect(store.getState().viewer.status).toBe('idle');
    expect(fake.calls.at(-1)).toBe('close');
    store.getState().openInViewer('missing');
    expect(store.getState().viewer.status).toBe('idle');
  });
});
