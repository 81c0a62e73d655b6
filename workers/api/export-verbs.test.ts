// Exports saved as they are made: into a file the engine writes itself (a fake FileSystemFileHandle here),
// or to the page chunk by chunk. Each counts only once every byte is where it goes; a cancel or a writer's
// failure aborts the file and moves no cursor.
import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../export/contract';
import type { ChunkWriter } from '../export/stream-target';
import { createEngineApi } from './engine-api';
import type { WritableFileHandle } from './export-verbs';
import { createRuntime } from './runtime';

function value<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function engine(symbols = 3) {
  const names = Array.from({ length: symbols }, (_, i) => `SY${String.fromCharCode(65 + i)}`);
  const runtime = createRuntime({
    realtime: false,
    config: {
      session_name: 'Example Trading Session',
      mode: 'backtest',
      exchange_group: 'US_EQUITY',
      backtest_config: { start_date: '2025-07-01', end_date: '2025-07-01' },
      session_data_config: {
        symbols: names,
        streams: ['1m', '5m', 'ticks', 'quotes'],
        historical: { enabled: true, data: [{ interval: '1m', trailing_days: 2 }] },
      },
    },
  });
  const api = createEngineApi(runtime);
  await api.start();
  api.step(30);
  return { runtime, api };
}

const decode = (chunks: readonly Uint8Array[]) => {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
};

/** A file handle whose writable records what happens to it; `failAt` makes that write reject. */
function fakeFile(
  name: string,
  options: {
    failAt?: number;
    failClose?: boolean;
    onClose?: () => void;
    /** Each write waits for this before it is done (a slow disk). */
    writesWait?: Promise<void>;
  } = {},
) {
  const log = { chunks: [] as Uint8Array[], closed: false, aborted: false, kept: [] as Uint8Array[] };
  const handle: WritableFileHandle = {
    name,
    async createWritable(): Promise<ChunkWriter> {
      return {
        async write(chunk) {
          if (log.chunks.length + 1 === options.failAt) throw new Error('QuotaExceededError: disk full');
          log.chunks.push(chunk);
          await options.writesWait;
        },
        async close() {
          if (options.failClose) throw new Error('the file could not be replaced');
          options.onClose?.();
          log.closed = true;
          log.kept = log.chunks;
        },
        async abort() {
          log.aborted = true;
          log.chunks = [];
        },
      };
    },
  };
  return { handle, log };
}

describe('saving an export to a file in the engine', () => {
  it('writes the whole document chunk by chunk, and counts it only once the file is closed', async () => {
    const { runtime, api } = await engine();
    const before = runtime.exporter.cursorFingerprint();
    const seen: ExportProgress[] = [];
    let cursorAtClose = '';
    const { handle, log } = fakeFile('mine.json', {
      onClose: () => {
        cursorAtClose = runtime.exporter.cursorFingerprint();
      },
    });
    const saved = value(await api.saveExportToFile(handle, { complete: true }, (p) => seen.push(p)));
    expect(cursorAtClose).toBe(before);
    expect(runtime.exporter.cursorFingerprint()).not.toBe(before);
    expect(log.closed && !log.aborted).toBe(true);
    expect(log.kept.length).toBeGreaterThan(1);
    expect(saved.fileName).toBe('mine.json');
    expect(saved.bytes).toBe(log.kept.reduce((n, c) => n + c.length, 0));
    const doc = JSON.parse(decode(log.kept));
    expect(doc._metadata).toMatchObject({ mode: 'complete', sequence: 1 });
    expect(Object.keys(doc.session_data.symbols)).toEqual(['SYA', 'SYB', 'SYC']);
    expect(seen.map((p) => p.symbolsDone)).toEqual([1, 2, 3, 3]);
    expect(seen.at(-1)).toMatchObject({ symbolsTotal: 3, bytes: saved.bytes, written: saved.bytes });
    // The next delta follows the saved export.
    const delta = value(await api.exportStatus({ complete: false }));
    expect(delta.metadata).toMatchObject({ sequence: 2, previousSequence: 1 });
  });

  it('aborts the file and moves no cursor when cancelled mid-way', async () => {
    const { runtime, api } = await engine();
    const before = runtime.exporter.cursorFingerprint();
    const { handle, log } = fakeFile('cancelled.json');
    const result = await api.saveExportToFile(handle, { complete: true }, (p) => {
      if (p.symbolsDone === 1) api.cancelExport();
    });
    expect(result).toEqual({ ok: false, error: 'system export-status: export cancelled; nothing changed' });
    expect(log.aborted).toBe(true);
    expect(log.closed).toBe(false);
    expect(runtime.exporter.cursorFingerprint()).toBe(before);
  });

  it('discards the file and moves no cursor when Cancel comes after the last chunk, while the disk catches up', async () => {
    const { runtime, api } = await engine();
    const before = runtime.exporter.cursorFingerprint();
    let diskCaughtUp = () => {};
    const writesWait = new Promise<void>((resolve) => {
      diskCaughtUp = resolve;
    });
    const { handle, log } = fakeFile('slow.json', { writesWait });
    const saving = api.saveExportToFile(handle, { complete: true });
    // Every chunk handed to the disk, the document's last one included; none written yet.
    const ended = () => new TextDecoder().decode(log.chunks.at(-1)?.slice(-2)) === '}\n';
    while (!ended()) await new Promise((resolve) => setTimeout(resolve, 1));
    api.cancelExport();
    diskCaughtUp();
    expect(await saving).toEqual({
      ok: false,
      error: 'system export-status: export cancelled; nothing changed',
    });
    expect(log.aborted && !log.closed).toBe(true);
    expect(runtime.exporter.cursorFingerprint()).toBe(before);
  });

  it('aborts the file and moves no cursor when a write fails', async () => {
    const { runtime, api } = await engine();
    const before = runtime.exporter.cursorFingerprint();
    const { handle, log } = fakeFile('full.json', { failAt: 2 });
    const result = await api.saveExportToFile(handle, { complete: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/could not be written \(.*disk full\); nothing was counted/);
    expect(log.aborted && !log.closed).toBe(true);
    expect(runtime.exporter.cursorFingerprint()).toBe(before);
    // Nothing was counted: the next export is still the first.
    const next = value(await api.exportStatus({ complete: false }));
    expect(next.metadata.sequence).toBe(1);
  });

  it('moves no cursor when the file cannot be closed', async () => {
    const { runtime, api } = await engine(1);
    const before = runtime.exporter.cursorFingerprint();
    const { handle, log } = fakeFile('unclosed.json', { failClose: true });
    const result = await api.saveExportToFile(handle, { complete: true });
    expect(result).toEqual({
      ok: false,
      error:
        'system export-status: the export could not be written (Error: the file could not be replaced); nothing was counted',
    });
    expect(log.aborted).toBe(true);
    expect(runtime.exporter.cursorFingerprint()).toBe(before);
    // Nothing was counted: the next export is still the first.
    expect(value(await api.exportStatus({ complete: false })).metadata.sequence).toBe(1);
  });

  it('refuses a file it cannot open, exporting nothing', async () => {
    const { runtime, api } = await engine(1);
    const before = runtime.exporter.cursorFingerprint();
    const handle: WritableFileHandle = {
      name: 'locked.json',
      createWritable: () => Promise.reject(new Error('NotAllowedError: permission denied')),
    };
    expect(await api.saveExportToFile(handle, { complete: true })).toEqual({
      ok: false,
      error:
        'could not open locked.json for writing (Error: NotAllowedError: permission denied); nothing was exported',
    });
    expect(runtime.exporter.cursorFingerprint()).toBe(before);
  });
});

describe('streaming an export to the page', () => {
  it('hands over the chunks as they are made; the export counts once the page took them all', async () => {
    const { runtime, api } = await engine();
    const before = runtime.exporter.cursorFingerprint();
    const chunks: Uint8Array[] = [];
    let cursorWhileStreaming = '';
    const saved = value(
      await api.streamExport({ complete: true, fileName: 'page' }, (chunk) => {
        cursorWhileStreaming = runtime.exporter.cursorFingerprint();
        chunks.push(chunk);
      }),
    );
    expect(cursorWhileStreaming).toBe(before);
    expect(runtime.exporter.cursorFingerprint()).not.toBe(before);
    expect(saved.fileName).toBe('page.json');
    expect(chunks.length).toBeGreaterThan(1);
    expect(saved.bytes).toBe(chunks.reduce((n, c) => n + c.length, 0));
    expect(JSON.parse(decode(chunks))._metadata).toMatchObject({ mode: 'complete', sequence: 1 });
  });

  it('counts nothing when the page fails to take a chunk, or refuses a bad name first', async () => {
    const { runtime, api } = await engine();
    const before = runtime.exporter.cursorFingerprint();
    const failed = await api.streamExport({ complete: true }, () => Promise.reject(new Error('gone')));
    expect(failed).toEqual({
      ok: false,
      error: 'system export-status: the export could not be written (Error: gone); nothing was counted',
    });
    expect(runtime.exporter.cursorFingerprint()).toBe(before);
    let called = false;
    const refused = await api.streamExport({ complete: true, fileName: '../up.json' }, () => {
      called = true;
    });
    expect(refused.ok).toBe(false);
    expect(called).toBe(false);
  });

  it('suggests the name an export would get now', async () => {
    const { api } = await engine(1);
    expect(value(api.suggestedExportName({ complete: true }))).toMatch(
      /^system_status_Example_Trading_Session_complete_\d{8}_\d{6}\.json$/,
    );
    expect(value(api.suggestedExportName({ complete: true, fileName: 'x' }))).toBe('x.json');
    expect(api.suggestedExportName({ complete: true, fileName: 'a/b' }).ok).toBe(false);
  });
});
