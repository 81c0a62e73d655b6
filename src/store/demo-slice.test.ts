// Save demo and the console's `system save-demo` against a scripted engine client: the request made of the
// panel's settings, progress and Cancel, the download of the transferred bytes, one line on failure.
import { describe, expect, it, vi } from 'vitest';
import type { DemoPayload, DemoProgressListener } from '../../workers/api/engine-api';
import {
  DEFAULT_DEMO_EVERY,
  type DemoProgress,
  type DemoSummary,
  MAX_DEMO_EVERY,
  MIN_DEMO_EVERY,
} from '../../workers/export/contract';
import { type EngineClient, engineClientOf } from '../engine-client';
import { clampDemoEvery, DEMO_EVERY_DEFAULT, DEMO_EVERY_MAX, DEMO_EVERY_MIN } from './demo-slice';
import { createAppStore } from './index';

const SUMMARY: DemoSummary = {
  fileName: 'session_tape_Example_Trading_Session_20250701_100509.html',
  bytes: 12,
  steps: 391,
  tradingDays: 1,
  firstMarketTime: '2025-07-01T09:30:00',
  lastMarketTime: '2025-07-01T16:00:00',
  every: 1,
  excluded: [],
  exportBytes: 100,
  tapeBytes: 110,
  gzipBytes: 9,
  base64Chars: 12,
};

const demo = (fileName = SUMMARY.fileName): DemoPayload => ({
  fileName,
  bytes: new TextEncoder().encode('<html>demo</html>').buffer as ArrayBuffer,
  summary: { ...SUMMARY, fileName },
});

const progress = (stepsDone: number, marketTime: string): DemoProgress => ({
  stepsDone,
  stepsTotal: 391,
  marketTime,
  endMarketTime: '2025-07-01T16:00:00',
  phase: 'replaying',
});

type Answer = (...args: unknown[]) => Promise<unknown>;

function setup(answers: Record<string, Answer>) {
  const calls: { method: string; args: unknown[] }[] = [];
  const client: EngineClient = engineClientOf({
    call: ((method: string, ...args: unknown[]) => {
      calls.push({ method, args });
      const answer = answers[method];
      return answer ? answer(...args) : Promise.reject(new Error(`unexpected call ${method}`));
    }) as EngineClient['call'],
    restart: () => {},
    onFailure: () => () => {},
    dispose: () => {},
  });
  const saved: { blob: Blob; name: string }[] = [];
  const store = createAppStore(client, { saveFile: (blob, name) => saved.push({ blob, name }) });
  return { store, calls, saved };
}

describe('Save demo', () => {
  it("asks the engine with the step and the export panel's Leave out, shows progress, and downloads the page", async () => {
    let report: DemoProgressListener = () => {};
    let answer: (value: unknown) => void = () => {};
    const env = setup({
      saveDemo: (_request, onProgress) => {
        report = onProgress as DemoProgressListener;
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
    });
    env.store.getState().setDemoEvery(5);
    env.store.getState().updateExportSettings({ exclude: ['ticks', 'quotes'] });
    const done = env.store.getState().saveDemo();
    expect(env.calls[0]?.args[0]).toEqual({ every: 5, exclude: ['ticks', 'quotes'] });
    expect(env.store.getState().runningDemo).toEqual({ source: 'panel', progress: null });
    report(progress(72, '2025-07-01T10:41:00'));
    expect(env.store.getState().runningDemo?.progress).toMatchObject({
      stepsDone: 72,
      marketTime: '2025-07-01T10:41:00',
    });
    answer({ ok: true, value: demo() });
    await done;
    expect(env.saved.map((s) => [s.name, s.blob.type])).toEqual([[SUMMARY.fileName, 'text/html']]);
    expect(await env.saved[0]?.blob.text()).toBe('<html>demo</html>');
    expect(env.store.getState()).toMatchObject({ runningDemo: null, demoError: null, lastDemo: SUMMARY });
  });

  it('shows a refusal as one line, downloads nothing, and Cancel asks the engine to stop', async () => {
    const env = setup({
      saveDemo: async () => ({ ok: false, error: 'system save-demo: cancelled; no demo was written' }),
      cancelDemo: async () => undefined,
    });
    const done = env.store.getState().saveDemo();
    await env.store.getState().cancelDemo();
    await done;
    expect(env.calls.map((c) => c.method)).toEqual(['saveDemo', 'cancelDemo']);
    expect(env.store.getState()).toMatchObject({
      runningDemo: null,
      demoError: 'system save-demo: cancelled; no demo was written',
      lastDemo: null,
    });
    expect(env.saved).toEqual([]);
    // Cancel with nothing running asks nothing.
    await env.store.getState().cancelDemo();
    expect(env.calls).toHaveLength(2);
  });

  it('keeps the step within 1..390, as the contract does', () => {
    expect([DEMO_EVERY_MIN, DEMO_EVERY_MAX, DEMO_EVERY_DEFAULT]).toEqual([
      MIN_DEMO_EVERY,
      MAX_DEMO_EVERY,
      DEFAULT_DEMO_EVERY,
    ]);
    expect([0, 1, 2.4, 390, 391, Number.NaN].map(clampDemoEvery)).toEqual([1, 1, 2, 390, 390, 1]);
  });
});

describe("the console's system save-demo", () => {
  it('shows its progress where Save demo does, downloads the demo and names it in the entry', async () => {
    const seen: unknown[] = [];
    const env = setup({
      runCommand: async (_line, _onProgress, onDemoProgress) => {
        (onDemoProgress as DemoProgressListener)(progress(3, '2025-07-01T09:33:00'));
        seen.push(env.store.getState().runningDemo);
        return {
          ok: true,
          message: 'demo made: mine.html (1 KB, 4 steps over 1 trading day)',
          demo: demo('mine.html'),
        };
      },
      refresh: async () => null,
      snapshot: async () => null,
    });
    await env.store.getState().runConsoleCommand('system save-demo mine');
    expect(seen).toEqual([{ source: 'console', progress: progress(3, '2025-07-01T09:33:00') }]);
    await vi.waitFor(() => expect(env.saved.map((s) => s.name)).toEqual(['mine.html']));
    expect(env.store.getState().consoleEntries.at(-1)).toMatchObject({
      ok: true,
      message: 'demo made: mine.html (1 KB, 4 steps over 1 trading day)',
      fileName: 'mine.html',
    });
    expect(env.store.getState().runningDemo).toBeNull();
  });
});
