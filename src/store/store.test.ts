import { describe, expect, it } from 'vitest';
import type { EngineSnapshot } from '../../workers/engine/types';
import { type EngineClient, EngineWorkerError, engineClientOf } from '../engine-client';
import { createAppStore } from './index';

const snap = (overrides: Partial<EngineSnapshot> = {}): EngineSnapshot => ({
  sessionName: 'Example Trading Session',
  state: 'STOPPED',
  marketTime: null,
  sessionDate: null,
  sessionId: 1,
  speedMultiplier: 60,
  symbols: ['AAPL'],
  backtestWindow: { startDate: '2025-07-01', endDate: '2025-07-02' },
  sessionMinute: 0,
  sessionMinutes: 390,
  dayNumber: 0,
  dayCount: 2,
  minutesProcessed: 0,
  barsProcessed: 0,
  ticksProcessed: 0,
  quotesProcessed: 0,
  ...overrides,
});

/** A client whose answers the test scripts: `answers[method]` is called with the arguments. */
function fakeClient(answers: Record<string, (...args: unknown[]) => Promise<unknown>>) {
  const calls: string[] = [];
  let failureListener: ((message: string) => void) | undefined;
  let restarts = 0;
  const client: EngineClient = engineClientOf({
    call: ((method: string, ...args: unknown[]) => {
      calls.push(method);
      const answer = answers[method];
      return answer ? answer(...args) : Promise.reject(new Error(`unexpected call ${method}`));
    }) as EngineClient['call'],
    restart: () => {
      restarts += 1;
    },
    onFailure: (listener) => {
      failureListener = listener;
      return () => {};
    },
    dispose: () => {},
  });
  return { client, calls, fail: (m: string) => failureListener?.(m), restarts: () => restarts };
}

describe('app store', () => {
  it('shows how far start has loaded history, and clears it when start answers', async () => {
    const running = snap({ state: 'RUNNING' });
    let report: ((p: { symbolsDone: number; symbolsTotal: number }) => void) | undefined;
    let finish: (() => void) | undefined;
    const { client, calls } = fakeClient({
      start: (onProgress) =>
        new Promise((resolve) => {
          report = onProgress as typeof report;
          finish = () => resolve({ ok: true, value: running });
        }),
      cancelStart: async () => undefined,
    });
    const store = createAppStore(client);
    const starting = store.getState().start();
    report?.({ symbolsDone: 2, symbolsTotal: 3 });
    expect(store.getState().startProgress).toEqual({ symbolsDone: 2, symbolsTotal: 3 });
    await store.getState().cancelStart();
    expect(calls).toContain('cancelStart');
    finish?.();
    await starting;
    expect(store.getState().startProgress).toBeNull();
    expect(store.getState().snapshot?.state).toBe('RUNNING');
  });

  it('stores the snapshot a command returns', async () => {
    const running = snap({ state: 'RUNNING', marketTime: '2025-07-01T09:30:00' });
    const { client } = fakeClient({ start: async () => ({ ok: true, value: running }) });
    const store = createAppStore(client);
    await store.getState().start();
    expect(store.getState().snapshot).toBe(running);
    expect(store.getState().pendingAction).toBeNull();
    expect(store.getState().commandError).toBeNull();
  });

  it('keeps the snapshot and shows the reason when the engine refuses a command', async () => {
    const stopped = snap();
    const { client } = fakeClient({
      snapshot: async () => stopped,
      pause: async () => ({ ok: false, error: 'cannot pause: the system is STOPPED' }),
    });
    const store = createAppStore(client);
    await store.getState().refresh();
    await store.getState().pause();
    expect(store.getState().snapshot).toBe(stopped);
    expect(store.getState().commandError).toBe('cannot pause: the system is STOPPED');
    store.getState().dismissCommandError();
    expect(store.getState().commandError).toBeNull();
  });

  it('runs one command at a time', async () => {
    let finish: (value: unknown) => void = () => {};
    const { client, calls } = fakeClient({ step: () => new Promise((resolve) => (finish = resolve)) });
    const store = createAppStore(client);
    const first = store.getState().step();
    expect(store.getState().pendingAction).toBe('step');
    await store.getState().step();
    finish({ ok: true, value: snap({ sessionMinute: 1 }) });
    await first;
    expect(calls).toEqual(['step']);
    expect(store.getState().snapshot?.sessionMinute).toBe(1);
  });

  it('reports a dead worker, then restarts and ignores answers from the old one', async () => {
    let answerOld: (value: unknown) => void = () => {};
    let first = true;
    const fresh = snap({ sessionId: 2 });
    const fake = fakeClient({
      snapshot: () => {
        if (!first) return Promise.resolve(fresh);
        first = false;
        return new Promise((resolve) => (answerOld = resolve));
      },
      stop: () => Promise.reject(new EngineWorkerError('The engine worker crashed: boom.')),
    });
    const store = createAppStore(fake.client);
    const stale = store.getState().refresh();
    await store.getState().stop();
    expect(store.getState().workerError).toBe('The engine worker crashed: boom.');

    await store.getState().restartEngine();
    expect(fake.restarts()).toBe(1);
    expect(store.getState().workerError).toBeNull();
    expect(store.getState().snapshot).toBe(fresh);

    answerOld(snap({ sessionId: 1 }));
    await stale;
    expect(store.getState().snapshot).toBe(fresh);
  });

  it('shows a failure the client notices between calls', () => {
    const fake = fakeClient({});
    const store = createAppStore(fake.client);
    fake.fail('The engine worker crashed.');
    expect(store.getState().workerError).toBe('The engine worker crashed.');
  });
});
