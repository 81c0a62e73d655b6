// The exports and console slices against a scripted engine client: history, downloads, gzip, progress,
// refusals, the auto-export timer (fake timers) and the console.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandReply, ExportOptions, ExportPayload } from '../../workers/api/engine-api';
import type { ExportProgress } from '../../workers/export/contract';
import { type EngineClient, engineClientOf } from '../engine-client';
import { CONSOLE_ENTRY_LIMIT, rememberLine } from './console-slice';
import { clampAutoSeconds, exportOptions, selectExportBlob } from './exports-slice';
import { createAppStore } from './index';

const encoder = new TextEncoder();

function payload(mode: 'complete' | 'delta', text: string, overrides: Partial<ExportPayload> = {}) {
  const bytes = encoder.encode(text);
  const half = Math.floor(bytes.length / 2);
  const value: ExportPayload = {
    receipt: 1,
    fileName: `system_status_Example_Trading_Session_${mode}_20250701_093500.json`,
    parts: [bytes.slice(0, half), bytes.slice(half)],
    bytes: bytes.length,
    lines: text.split('\n').length - 1,
    rows: 3,
    durationMs: 4.2,
    metadata: {
      mode,
      consumer: 'default',
      sequence: 1,
      previousSequence: null,
      sessionId: 1,
      generatedAt: '2025-07-01T09:35:00-04:00',
      fileTimestamp: '20250701_093500',
      marketTime: '2025-07-01T09:35:00',
      changedPaths: mode === 'delta' ? ['session_data.symbols.RIVN.session.data.1m'] : [],
      excluded: [],
    },
    ...overrides,
  };
  return value;
}

type Answer = (...args: unknown[]) => Promise<unknown>;

/** A client whose answers the test scripts; records every call with its arguments. */
function setup(scripted: Record<string, Answer>) {
  // The page confirms each export it receives; the engine accepts unless a test says otherwise.
  const answers: Record<string, Answer> = {
    confirmExport: async () => ({ ok: true, value: {} }),
    ...scripted,
  };
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
  const store = createAppStore(client, {
    saveFile: (blob, name) => saved.push({ blob, name }),
    now: () => Date.UTC(2025, 6, 1, 13, 35),
  });
  return { store, calls, saved, exportCalls: () => calls.filter((c) => c.method === 'exportStatus') };
}

const okExport =
  (text = '{"a":1}\n') =>
  async (options: unknown) =>
    ({ ok: true, value: payload((options as ExportOptions).complete ? 'complete' : 'delta', text) }) as const;

afterEach(() => {
  vi.useRealTimers();
});

describe('export panel actions', () => {
  it('exports with the panel settings, files the export newest first and downloads it', async () => {
    const env = setup({ exportStatus: okExport('{"big":true}\n') });
    const { store } = env;
    store.getState().updateExportSettings({
      consumer: ' ui ',
      fileName: 'mine',
      layout: 'compact',
      exclude: ['ticks', 'quotes'],
    });
    const first = await store.getState().exportNow(true);
    expect(env.exportCalls()[0]?.args[0]).toEqual({
      complete: true,
      consumer: 'ui',
      layout: 'compact',
      exclude: ['ticks', 'quotes'],
      fileName: 'mine',
    });
    const second = await store.getState().exportNow(false);
    expect(store.getState().exports.map((r) => r.id)).toEqual([second?.id, first?.id]);
    expect(second).toMatchObject({ mode: 'delta', bytes: 13, rows: 3, source: 'panel', gzip: false });
    // Each download starts in a task of its own, after the export was filed.
    await vi.waitFor(() => expect(env.saved.map((s) => s.name)).toEqual([first?.fileName, second?.fileName]));
    // The bytes are the parts, joined as they are.
    expect(await env.saved[0]?.blob.text()).toBe('{"big":true}\n');
    expect(store.getState().runningExport).toBeNull();
  });

  it('only files the export when "download each" is off, and downloads it again on request', async () => {
    const { store, saved } = setup({ exportStatus: okExport() });
    store.getState().updateExportSettings({ downloadEach: false });
    const record = await store.getState().exportNow(true);
    expect(saved).toEqual([]);
    await store.getState().downloadExport(record?.id ?? '');
    expect(saved.map((s) => s.name)).toEqual([record?.fileName]);
  });

  it('downloads gzip as .json.gz that decompresses to the same bytes', async () => {
    const { store, saved } = setup({ exportStatus: okExport('{"x":[1,2,3]}\n') });
    store.getState().updateExportSettings({ gzip: true });
    const record = await store.getState().exportNow(false);
    expect(record?.downloadName).toBe(`${record?.fileName}.gz`);
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    const file = saved[0];
    expect(file?.name).toMatch(/\.json\.gz$/);
    const plain = await new Response(file?.blob.stream().pipeThrough(new DecompressionStream('gzip'))).text();
    expect(JSON.parse(plain)).toEqual({ x: [1, 2, 3] });
    // The history keeps the JSON itself, for the viewer.
    expect(await record?.blob.text()).toBe('{"x":[1,2,3]}\n');
  });

  it('removes an export from the history', async () => {
    const { store } = setup({ exportStatus: okExport() });
    const a = await store.getState().exportNow(true);
    const b = await store.getState().exportNow(false);
    store.getState().removeExport(a?.id ?? '');
    expect(store.getState().exports.map((r) => r.id)).toEqual([b?.id]);
    expect(selectExportBlob(a?.id ?? '')(store.getState())).toBeNull();
    expect(selectExportBlob(b?.id ?? '')(store.getState())).toBeInstanceOf(Blob);
  });

  it('shows a refusal in one line and files nothing', async () => {
    const { store, saved } = setup({
      exportStatus: async () => ({ ok: false, error: 'consumer "a b" is not accepted' }),
    });
    expect(await store.getState().exportNow(true)).toBeNull();
    expect(store.getState().exportError).toBe('consumer "a b" is not accepted');
    expect(store.getState().exports).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('confirms each export it receives, and files nothing when the engine no longer counts it', async () => {
    const refused =
      'export receipt 1 is unknown or was not confirmed within 30 s; that export was not counted (take it again)';
    const env = setup({
      exportStatus: okExport(),
      confirmExport: async () => ({ ok: false, error: refused }),
    });
    expect(await env.store.getState().exportNow(false)).toBeNull();
    expect(env.calls.map((c) => [c.method, c.method === 'confirmExport' ? c.args[0] : null])).toEqual([
      ['exportStatus', null],
      ['confirmExport', 1],
    ]);
    expect(env.store.getState().exportError).toBe(refused);
    expect(env.store.getState().exports).toEqual([]);
    expect(env.saved).toEqual([]);
  });

  it('shows progress while an export runs, refuses a second one meanwhile, and can cancel', async () => {
    let report: (p: ExportProgress) => void = () => {};
    let finish: (value: unknown) => void = () => {};
    const env = setup({
      exportStatus: (_options, onProgress) => {
        report = onProgress as (p: ExportProgress) => void;
        return new Promise((resolve) => (finish = resolve));
      },
      cancelExport: async () => undefined,
    });
    const { store } = env;
    const running = store.getState().exportNow(true);
    expect(store.getState().runningExport).toEqual({ source: 'panel', complete: true, progress: null });
    report({ symbolsDone: 1, symbolsTotal: 3, bytes: 1_000 });
    expect(store.getState().runningExport?.progress).toEqual({
      symbolsDone: 1,
      symbolsTotal: 3,
      bytes: 1_000,
    });
    expect(await store.getState().exportNow(false)).toBeNull();
    await store.getState().cancelExport();
    expect(env.calls.map((c) => c.method)).toEqual(['exportStatus', 'cancelExport']);
    finish({ ok: false, error: 'system export-status: export cancelled; nothing changed' });
    await running;
    expect(store.getState().runningExport).toBeNull();
    expect(store.getState().exportError).toMatch(/cancelled/);
  });

  it('turns the panel settings into engine options', () => {
    const settings = store0().exportSettings;
    expect(exportOptions(settings, false, true)).toEqual({
      complete: false,
      consumer: 'default',
      layout: 'pretty',
    });
    expect(exportOptions({ ...settings, consumer: '  ', fileName: 'x' }, true, false)).toEqual({
      complete: true,
      consumer: 'default',
      layout: 'pretty',
    });
    expect(clampAutoSeconds(0)).toBe(1);
    expect(clampAutoSeconds(2.6)).toBe(3);
    expect(clampAutoSeconds(Number.NaN)).toBe(10);
    expect(clampAutoSeconds(1e9)).toBe(3600);
  });
});

const store0 = () => setup({}).store.getState();

describe('auto-export', () => {
  it('makes a delta every N seconds while on, with the default name, and stops when turned off', async () => {
    vi.useFakeTimers();
    const env = setup({ exportStatus: okExport() });
    const { store } = env;
    store.getState().updateExportSettings({ fileName: 'given', autoExport: true, autoSeconds: 10 });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(env.exportCalls()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(env.exportCalls()).toHaveLength(1);
    expect(env.exportCalls()[0]?.args[0]).toEqual({ complete: false, consumer: 'default', layout: 'pretty' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(env.exportCalls()).toHaveLength(3);
    expect(store.getState().exports.every((r) => r.source === 'auto' && r.mode === 'delta')).toBe(true);
    // The last download starts in a task of its own, after its export was filed.
    await vi.waitFor(() => expect(env.saved).toHaveLength(3));

    // A new period takes effect at once.
    store.getState().updateExportSettings({ autoSeconds: 2 });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(env.exportCalls()).toHaveLength(5);

    store.getState().updateExportSettings({ autoExport: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(env.exportCalls()).toHaveLength(5);
  });

  it('skips a tick while an export is still running', async () => {
    vi.useFakeTimers();
    let finish: (value: unknown) => void = () => {};
    const env = setup({ exportStatus: () => new Promise((resolve) => (finish = resolve)) });
    env.store.getState().updateExportSettings({ autoExport: true, autoSeconds: 5 });
    await vi.advanceTimersByTimeAsync(5_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(env.exportCalls()).toHaveLength(1);
    finish({ ok: true, value: payload('delta', '{}\n') });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(env.exportCalls()).toHaveLength(2);
  });

  it('stops and says why when the engine refuses an auto-export', async () => {
    vi.useFakeTimers();
    const env = setup({ exportStatus: async () => ({ ok: false, error: 'consumer "x y" is not accepted' }) });
    env.store.getState().updateExportSettings({ autoExport: true, autoSeconds: 1 });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(env.exportCalls()).toHaveLength(1);
    expect(env.store.getState().exportSettings.autoExport).toBe(false);
    expect(env.store.getState().exportError).toBe('Auto-export stopped: consumer "x y" is not accepted');
  });
});

describe('command console', () => {
  it('runs a line, keeps the answer and files the export it made under its own name', async () => {
    const reply: CommandReply = {
      ok: true,
      message: 'exported delta #1 for consumer default: ... -> console.json',
      export: payload('delta', '{"d":1}\n', { fileName: 'console.json' }),
    };
    const env = setup({ runCommand: async () => reply, snapshot: async () => null });
    await env.store.getState().runConsoleCommand('  system export-status complete=false console.json ');
    expect(env.calls[0]?.args[0]).toBe('system export-status complete=false console.json');
    const state = env.store.getState();
    expect(state.consoleEntries).toEqual([
      {
        id: 1,
        input: 'system export-status complete=false console.json',
        ok: true,
        message: reply.message,
        fileName: 'console.json',
      },
    ]);
    expect(state.exports[0]).toMatchObject({ fileName: 'console.json', source: 'console' });
    await vi.waitFor(() => expect(env.saved.map((s) => s.name)).toEqual(['console.json']));
    expect(env.calls.map((c) => c.method)).toEqual([
      'runCommand',
      'confirmExport',
      'recycleExportChunks',
      'snapshot',
    ]);
    expect(state.consoleBusy).toBe(false);
  });

  it('keeps a refused command as an error entry and remembers every line', async () => {
    const env = setup({
      runCommand: async () => ({ ok: false, message: 'system: unknown subcommand "frobnicate"' }),
      snapshot: async () => null,
    });
    await env.store.getState().runConsoleCommand('system frobnicate');
    await env.store.getState().runConsoleCommand('system frobnicate');
    await env.store.getState().runConsoleCommand('   ');
    const state = env.store.getState();
    expect(state.consoleEntries.map((e) => [e.ok, e.message])).toEqual([
      [false, 'system: unknown subcommand "frobnicate"'],
      [false, 'system: unknown subcommand "frobnicate"'],
    ]);
    expect(state.consoleHistory).toEqual(['system frobnicate']);
    expect(state.exports).toEqual([]);
  });

  it('keeps only the newest entries', async () => {
    const env = setup({ runCommand: async () => ({ ok: true, message: 'ok' }), snapshot: async () => null });
    for (let i = 0; i < CONSOLE_ENTRY_LIMIT + 5; i++)
      await env.store.getState().runConsoleCommand(`help ${i}`);
    const entries = env.store.getState().consoleEntries;
    expect(entries).toHaveLength(CONSOLE_ENTRY_LIMIT);
    expect(entries[entries.length - 1]?.input).toBe(`help ${CONSOLE_ENTRY_LIMIT + 4}`);
  });

  it('remembers lines without repeating the newest', () => {
    expect(rememberLine(['a', 'b'], 'b')).toEqual(['a', 'b']);
    expect(rememberLine(['a', 'b'], 'a')).toEqual(['a', 'b', 'a']);
    expect(rememberLine(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
  });
});
