// The live mirror slice against a scripted engine and a fake mirror worker: a complete export first, then
// deltas; a gap or a new session makes it take a complete export again and say so; its exports never enter
// the user's export history; a dead mirror worker stops it until restarted.
import { describe, expect, it } from 'vitest';
import type { ExportOptions, ExportPayload } from '../../workers/api/engine-api';
import type { EngineSnapshot } from '../../workers/engine/types';
import type { EngineClient } from '../engine-client';
import { type LiveOutcome, type MirrorClient, MirrorWorkerError, type Overview } from '../mirror-client';
import { createAppStore } from './index';
import { watchLiveMirror } from './mirror-slice';

interface EngineSide {
  sessionId: number;
  sequence: number;
}

function payload(options: ExportOptions, engine: EngineSide): ExportPayload {
  engine.sequence += 1;
  return {
    fileName: '',
    parts: [new Uint8Array([123, 125])],
    bytes: 2,
    lines: 1,
    rows: 0,
    durationMs: 1,
    metadata: {
      mode: options.complete ? 'complete' : 'delta',
      consumer: options.consumer ?? 'default',
      sequence: engine.sequence,
      previousSequence: options.complete ? null : engine.sequence - 1,
      sessionId: engine.sessionId,
      generatedAt: '2025-07-01T09:35:00-04:00',
      fileTimestamp: '20250701_093500',
      marketTime: '2025-07-01T09:35:00',
      changedPaths: [],
      excluded: [],
    },
  };
}

const snap = (overrides: Partial<EngineSnapshot> = {}): EngineSnapshot => ({
  sessionName: 'Example Trading Session',
  state: 'RUNNING',
  marketTime: '2025-07-01T09:31:00',
  sessionDate: '2025-07-01',
  sessionId: 1,
  speedMultiplier: 60,
  symbols: ['RIVN'],
  backtestWindow: { startDate: '2025-07-01', endDate: '2025-07-02' },
  sessionMinute: 1,
  sessionMinutes: 390,
  minutesProcessed: 1,
  barsProcessed: 1,
  ticksProcessed: 40,
  quotesProcessed: 40,
  ...overrides,
});

/**
 * The engine answers exports of the `ui` consumer; the fake mirror answers each applyLive with the next
 * scripted outcome (complete exports always apply) and an overview of what it "holds".
 */
function setup(script: LiveOutcome[] = []) {
  const engine: EngineSide = { sessionId: 1, sequence: 0 };
  const exports: ExportOptions[] = [];
  let release: (() => void) | null = null;
  let hold = false;
  const engineClient: EngineClient = {
    call: (async (method: string, ...args: unknown[]) => {
      if (method !== 'exportStatus') throw new Error(`unexpected call ${method}`);
      const options = args[0] as ExportOptions;
      exports.push(options);
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      return { ok: true, value: payload(options, engine) };
    }) as EngineClient['call'],
    restart: () => {},
    onFailure: () => () => {},
    dispose: () => {},
  };
  const applied: Uint8Array[][] = [];
  let dead: string | null = null;
  let failureListener: ((message: string) => void) | null = null;
  let restarts = 0;
  let resets = 0;
  const mirror = {
    async resetLive() {
      resets += 1;
    },
    async applyLive(parts: Uint8Array[]): Promise<LiveOutcome> {
      if (dead !== null) throw new MirrorWorkerError(dead);
      applied.push(parts);
      const mode = exports.at(-1)?.complete ? 'complete' : 'delta';
      if (mode === 'complete') return { kind: 'complete', sequence: engine.sequence };
      return script.shift() ?? { kind: 'delta', sequence: engine.sequence, rowsAdded: 3, changed: [] };
    },
    async overview(): Promise<Overview> {
      return {
        synced: true,
        sequence: engine.sequence,
        sessionId: engine.sessionId,
        sessionDate: engine.sessionId === 1 ? '2025-07-01' : '2025-07-02',
        rowsHeld: 100 * engine.sequence,
        symbols: [],
        sections: {},
      };
    },
    onFailure(listener: (message: string) => void) {
      failureListener = listener;
      return () => {};
    },
    restart() {
      restarts += 1;
      dead = null;
    },
  } as unknown as MirrorClient;
  const store = createAppStore(engineClient, { mirrorClient: mirror });
  return {
    store,
    engine,
    exports,
    applied,
    kill: (message: string) => {
      dead = message;
      failureListener?.(message);
    },
    holdExports: () => {
      hold = true;
    },
    releaseExport: () => {
      hold = false;
      release?.();
    },
    restarts: () => restarts,
    resets: () => resets,
  };
}

describe('live mirror slice', () => {
  it('takes one complete export, then deltas, all compact and internal for consumer ui', async () => {
    const { store, exports, applied } = setup();
    expect(store.getState().liveMirror.status).toBe('waiting');
    await store.getState().syncLiveMirror();
    await store.getState().syncLiveMirror();
    await store.getState().syncLiveMirror();
    expect(exports).toEqual([
      { complete: true, consumer: 'ui', layout: 'compact', internal: true },
      { complete: false, consumer: 'ui', layout: 'compact', internal: true },
      { complete: false, consumer: 'ui', layout: 'compact', internal: true },
    ]);
    expect(applied).toHaveLength(3);
    expect(store.getState().liveMirror).toMatchObject({
      status: 'in-sync',
      sequence: 3,
      // The rows the complete export left (the mirror's count), plus each delta's rows.
      rowsHeld: 100 + 3 + 3,
      version: 3,
      epoch: 1,
      notice: null,
    });
    // The UI's own exports are not the user's: the history stays empty.
    expect(store.getState().exports).toEqual([]);
  });

  it('takes a complete export again after a gap, and says so', async () => {
    const { store, exports } = setup([
      { kind: 'resync', reason: 'export #4 follows #3, but the last one applied is #2' },
    ]);
    await store.getState().syncLiveMirror();
    await store.getState().syncLiveMirror();
    await store.getState().syncLiveMirror();
    // The second sync's delta did not apply: a complete export at once; the third is a delta again.
    expect(exports.map((e) => e.complete)).toEqual([true, false, true, false]);
    expect(store.getState().liveMirror).toMatchObject({
      status: 'in-sync',
      sequence: 4,
      epoch: 2,
      notice: 'Resynced after a gap (export #4 follows #3, but the last one applied is #2)',
    });
    expect(store.getState().exports).toEqual([]);
    store.getState().dismissMirrorNotice();
    expect(store.getState().liveMirror.notice).toBeNull();
  });

  it('takes a complete export when a new session starts, and names the new session', async () => {
    const { store, engine, exports } = setup([
      { kind: 'resync', reason: 'a new session started (session 1 -> 2)' },
    ]);
    await store.getState().syncLiveMirror();
    expect(store.getState().liveMirror.sessionDate).toBe('2025-07-01');
    engine.sessionId = 2;
    await store.getState().syncLiveMirror();
    expect(exports.map((e) => e.complete)).toEqual([true, false, true]);
    expect(store.getState().liveMirror).toMatchObject({
      status: 'in-sync',
      sessionId: 2,
      sessionDate: '2025-07-02',
      notice: 'New session 2025-07-02: resynced',
    });
  });

  it('folds the changes that come during a sync into one more delta', async () => {
    const { store, exports, holdExports, releaseExport } = setup();
    await store.getState().syncLiveMirror();
    holdExports();
    const first = store.getState().syncLiveMirror();
    await Promise.resolve();
    void store.getState().syncLiveMirror();
    void store.getState().syncLiveMirror();
    releaseExport();
    await first;
    expect(exports.map((e) => e.complete)).toEqual([true, false, false]);
  });

  it('stops when the mirror worker dies, and starts over with a complete export on restart', async () => {
    const { store, exports, kill, restarts } = setup();
    await store.getState().syncLiveMirror();
    kill('The mirror worker crashed: out of memory.');
    expect(store.getState().liveMirror).toMatchObject({
      status: 'failed',
      error: 'The mirror worker crashed: out of memory.',
    });
    await store.getState().syncLiveMirror();
    expect(exports).toHaveLength(1);
    await store.getState().restartMirror();
    expect(restarts()).toBe(1);
    expect(exports.map((e) => e.complete)).toEqual([true, true]);
    expect(store.getState().liveMirror).toMatchObject({ status: 'in-sync', error: null });
  });

  it('syncs after each snapshot that shows a change, and not before the session starts', async () => {
    const { store, exports } = setup();
    const stop = watchLiveMirror(store);
    store.setState({ snapshot: snap({ marketTime: null, state: 'STOPPED' }) });
    expect(exports).toHaveLength(0);
    store.setState({ snapshot: snap() });
    store.setState({ snapshot: snap() });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(exports).toHaveLength(1);
    store.setState({ snapshot: snap({ marketTime: '2025-07-01T09:32:00', barsProcessed: 2 }) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(exports.map((e) => e.complete)).toEqual([true, false]);
    stop();
  });

  it('forgets the live mirror when the engine is restarted, and takes a complete export after', async () => {
    const { store, exports, resets } = setup();
    const stop = watchLiveMirror(store);
    store.setState({ snapshot: snap() });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const { version, epoch } = store.getState().liveMirror;
    store.setState({ generation: 1, snapshot: null });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(resets()).toBe(1);
    expect(store.getState().liveMirror).toMatchObject({
      status: 'waiting',
      sequence: null,
      rowsHeld: 0,
      version: version + 1,
      epoch: epoch + 1,
    });
    store.setState({ snapshot: snap({ marketTime: '2025-07-01T09:30:00' }) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(exports.map((e) => e.complete)).toEqual([true, true]);
    stop();
  });
});
