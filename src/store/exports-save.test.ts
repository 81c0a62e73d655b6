// "Save to a file…" in the page: with a save dialog (a fake one handing a fake file handle to the real
// engine, in process), and without (the download fallback building a Blob of the chunks as they arrive).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportProgress } from '../../workers/export/contract';
import type { ChunkWriter } from '../../workers/export/stream-target';
import { ChunkCollector, type SaveFilePicker, saveExport } from './exports-save';
import { inProcessEngine } from './in-process-engine.test-support';
import { createAppStore } from './index';

async function started() {
  const engine = inProcessEngine();
  await engine.api.start();
  engine.api.step(5);
  return engine;
}

/** A save dialog answering a file whose writable records its chunks, and whether it was closed or aborted. */
function fakeDialog(name = 'chosen.json', failAt?: number) {
  const file = { chunks: [] as Uint8Array[], closed: false, aborted: false, asked: '' };
  const picker: SaveFilePicker = async (options) => {
    file.asked = options.suggestedName;
    return {
      name,
      async createWritable(): Promise<ChunkWriter> {
        return {
          async write(chunk) {
            if (file.chunks.length + 1 === failAt) throw new Error('disk full');
            file.chunks.push(chunk.slice());
          },
          async close() {
            file.closed = true;
          },
          async abort() {
            file.aborted = true;
          },
        };
      },
    };
  };
  return { picker, file };
}

const text = async (parts: BlobPart[]) => new Blob(parts).text();

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('saveExport', () => {
  it('asks the dialog with the default name, and the engine writes the chosen file as the export is made', async () => {
    const { api, client } = await started();
    const { picker, file } = fakeDialog();
    const seen: ExportProgress[] = [];
    const chosen: string[] = [];
    const outcome = await saveExport(
      client,
      { complete: true },
      { picker, onProgress: (p) => seen.push(p), onFileChosen: (n) => chosen.push(n) },
    );
    if (!outcome.ok) throw new Error('not saved');
    expect(outcome.how).toBe('file');
    expect(file.asked).toMatch(/^system_status_Example_Trading_Session_complete_\d{8}_\d{6}\.json$/);
    expect(chosen).toEqual(['chosen.json']);
    expect(file.closed && !file.aborted).toBe(true);
    const doc = JSON.parse(await text(file.chunks as Uint8Array<ArrayBuffer>[]));
    expect(doc._metadata).toMatchObject({ mode: 'complete', sequence: 1 });
    expect(outcome.saved).toMatchObject({ fileName: 'chosen.json', bytes: seen.at(-1)?.written });
    // Counted: the next delta follows it.
    const next = await api.exportStatus({ complete: false });
    expect(next.ok && next.value.metadata.previousSequence).toBe(1);
  });

  it('exports nothing when the dialog is dismissed, and refuses a bad name before asking', async () => {
    const { api, client, calls } = await started();
    const dismiss: SaveFilePicker = () => Promise.reject(new DOMException('closed', 'AbortError'));
    expect(await saveExport(client, { complete: true }, { picker: dismiss, onProgress: () => {} })).toEqual({
      ok: false,
      dismissed: true,
    });
    expect(calls).not.toContain('saveExportToFile');
    const { picker, file } = fakeDialog();
    const refused = await saveExport(
      client,
      { complete: true, fileName: 'a/b' },
      { picker, onProgress: () => {} },
    );
    expect(refused).toMatchObject({ ok: false, dismissed: false });
    expect(file.asked).toBe('');
    const first = await api.exportStatus({ complete: false });
    expect(first.ok && first.value.metadata.sequence).toBe(1);
  });

  it('reports a failed write; the partial file is aborted and nothing counts', async () => {
    const { api, client } = await started();
    const { picker, file } = fakeDialog('full.json', 2);
    const outcome = await saveExport(client, { complete: true }, { picker, onProgress: () => {} });
    expect(outcome).toMatchObject({ ok: false, dismissed: false });
    if (!outcome.ok && !outcome.dismissed) expect(outcome.error).toContain('disk full');
    expect(file.aborted && !file.closed).toBe(true);
    const first = await api.exportStatus({ complete: false });
    expect(first.ok && first.value.metadata.sequence).toBe(1);
  });

  it('without a dialog, collects the chunks into a Blob as they arrive and counts the export', async () => {
    const { api, client } = await started();
    const outcome = await saveExport(
      client,
      { complete: true, fileName: 'fallback' },
      { picker: null, onProgress: () => {} },
    );
    if (!outcome.ok || outcome.how !== 'download') throw new Error('not downloaded');
    expect(outcome.saved.fileName).toBe('fallback.json');
    expect(outcome.blob.size).toBe(outcome.saved.bytes);
    expect(outcome.blob.type).toBe('application/json');
    expect(JSON.parse(await outcome.blob.text())._metadata).toMatchObject({ mode: 'complete', sequence: 1 });
    const next = await api.exportStatus({ complete: false });
    expect(next.ok && next.value.metadata.previousSequence).toBe(1);
  });
});

describe('ChunkCollector', () => {
  it('keeps the bytes in order and counts them', async () => {
    const collector = new ChunkCollector();
    collector.add(new TextEncoder().encode('{"a":'));
    collector.add(new TextEncoder().encode('1}'));
    expect(collector.bytes).toBe(7);
    expect(await collector.blob().text()).toBe('{"a":1}');
  });
});

describe('the exports slice saving to a file', () => {
  it("uses the browser's save dialog when there is one, shows the saved file, and files nothing in the history", async () => {
    const { client } = await started();
    const { picker, file } = fakeDialog('mine.json');
    vi.stubGlobal('showSaveFilePicker', picker);
    const downloads: string[] = [];
    const store = createAppStore(client, { saveFile: (_blob, name) => downloads.push(name) });
    store.setState({ generation: 0, workerError: null });
    const saved = await store.getState().saveExportToFile(true);
    expect(saved).toMatchObject({ fileName: 'mine.json', how: 'file', sequence: 1 });
    expect(store.getState().savedFile).toEqual(saved);
    expect(store.getState().exports).toEqual([]);
    expect(store.getState().runningExport).toBeNull();
    expect(downloads).toEqual([]);
    expect(file.closed).toBe(true);
  });

  it('downloads the collected Blob where there is no save dialog (gzipped when asked)', async () => {
    const { client } = await started();
    const downloads: { name: string; blob: Blob }[] = [];
    const store = createAppStore(client, { saveFile: (blob, name) => downloads.push({ name, blob }) });
    store.getState().updateExportSettings({ fileName: 'plain' });
    const saved = await store.getState().saveExportToFile(true);
    expect(saved).toMatchObject({ fileName: 'plain.json', how: 'download' });
    expect(downloads.map((d) => d.name)).toEqual(['plain.json']);
    expect(downloads[0]?.blob.size).toBe(saved?.bytes);
    store.getState().updateExportSettings({ fileName: 'packed', gzip: true });
    const packed = await store.getState().saveExportToFile(true);
    expect(packed).toMatchObject({ fileName: 'packed.json.gz', how: 'download', sequence: 2 });
    expect(downloads.map((d) => d.name)).toEqual(['plain.json', 'packed.json.gz']);
  });

  it('shows a failed save and leaves no export running', async () => {
    const { client } = await started();
    vi.stubGlobal('showSaveFilePicker', fakeDialog('bad.json', 1).picker);
    const store = createAppStore(client, { saveFile: () => {} });
    expect(await store.getState().saveExportToFile(true)).toBeNull();
    expect(store.getState().exportError).toContain('disk full');
    expect(store.getState().runningExport).toBeNull();
  });
});
