// The IndexedDB storage in Node, on fake-indexeddb: save, load, replace and delete records of each store,
// and a full quota (simulated, and as Chrome reports it: the transaction aborted with a
// QuotaExceededError) that answers `quota` and leaves every record already stored as it was.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdbStorage, type IdbStorage } from './idb-storage';
import { recordSize, type StoredConfig, type StoredExport, type StoredImport } from './storage';

let opened: IdbStorage[] = [];
let count = 0;
function openStorage(options: Parameters<typeof createIdbStorage>[0] = {}): IdbStorage {
  const storage = createIdbStorage({ name: `test-${++count}`, storageManager: null, ...options });
  opened.push(storage);
  return storage;
}

afterEach(async () => {
  await Promise.all(opened.map((s) => s.close()));
  opened = [];
  vi.restoreAllMocks();
});

const config = (key: string, text: string): StoredConfig => ({
  key,
  kind: key === 'applied' ? 'applied' : 'saved',
  name: key,
  text,
  sessionName: 'S',
  savedAt: 1,
});

const dataSet = (symbol: string, body: string): StoredImport => ({
  key: symbol,
  symbol,
  fileName: `${symbol.toLowerCase()}.csv`,
  mapping: {},
  file: new Blob([body]),
  barsKept: 2,
  firstDate: '2025-07-01',
  lastDate: '2025-07-01',
  days: 1,
  savedAt: 2,
});

function exportRecord(id: string, body: string, createdAt = 3): StoredExport {
  return {
    key: `${createdAt}-${id}`,
    id,
    fileName: `${id}.json`,
    downloadName: `${id}.json`,
    gzip: false,
    createdAt,
    source: 'panel',
    mode: 'complete',
    consumer: 'default',
    sequence: 1,
    previousSequence: null,
    sessionId: 1,
    generatedAt: '2025-07-01T10:00:00',
    marketTime: '2025-07-01T09:35:00',
    bytes: body.length,
    lines: 1,
    rows: 1,
    durationMs: 1,
    changedPaths: [],
    excluded: [],
    blob: new Blob([body], { type: 'application/json' }),
  };
}

describe('IndexedDB storage', () => {
  it('saves, loads, replaces and deletes configs, data sets and exports with their bytes', async () => {
    const storage = openStorage();
    expect(await storage.put('configs', config('applied', '{"a":1}'))).toEqual({ ok: true });
    expect(await storage.put('configs', config('applied', '{"a":2}'))).toEqual({ ok: true });
    expect(await storage.put('configs', config('saved:x', '{"x":1}'))).toEqual({ ok: true });
    expect(await storage.put('imports', dataSet('RIVN', 'timestamp,open\n'))).toEqual({ ok: true });
    expect(await storage.put('exports', exportRecord('export-1', '{"e":1}'))).toEqual({ ok: true });

    const configs = await storage.getAll('configs');
    expect(configs.map((c) => [c.key, c.text])).toEqual([
      ['applied', '{"a":2}'],
      ['saved:x', '{"x":1}'],
    ]);
    const [rivn] = await storage.getAll('imports');
    expect(await rivn?.file.text()).toBe('timestamp,open\n');
    const [kept] = await storage.getAll('exports');
    expect(kept?.key).toBe('3-export-1');
    expect(await kept?.blob.text()).toBe('{"e":1}');

    expect(await storage.delete('configs', ['saved:x', 'not-there'])).toBe(true);
    expect((await storage.getAll('configs')).map((c) => c.key)).toEqual(['applied']);
    expect(await storage.delete('exports', ['3-export-1'])).toBe(true);
    expect(await storage.getAll('exports')).toEqual([]);
  });

  it('keeps the records across a reopening of the database', async () => {
    const name = `reopen-${++count}`;
    const first = createIdbStorage({ name, storageManager: null });
    await first.put('exports', exportRecord('export-1', 'abc'));
    await first.close();
    const second = openStorage({ name });
    const [kept] = await second.getAll('exports');
    expect(await kept?.blob.text()).toBe('abc');
  });

  it('answers quota when a save does not fit a simulated quota, and damages nothing stored', async () => {
    const storage = openStorage();
    const first = exportRecord('export-1', 'x'.repeat(100), 1);
    expect(await storage.put('exports', first)).toEqual({ ok: true });
    expect(await storage.put('configs', config('applied', '{"old":true}'))).toEqual({ ok: true });
    storage.simulateQuota('full');

    // A new record, and a replacement of one already kept (bigger than it), are both refused.
    const second = exportRecord('export-2', 'y'.repeat(100), 2);
    expect(await storage.put('exports', second)).toEqual({
      ok: false,
      reason: 'quota',
      message: 'the browser’s storage for this page is full',
    });
    expect((await storage.put('configs', config('applied', '{"new":"a longer text"}'))).ok).toBe(false);

    const kept = await storage.getAll('exports');
    expect(kept.map((r) => r.key)).toEqual(['1-export-1']);
    expect(await kept[0]?.blob.text()).toBe('x'.repeat(100));
    expect((await storage.getAll('configs'))[0]?.text).toBe('{"old":true}');

    // The estimate follows the simulation; a smaller record fits a numeric quota; deleting makes room.
    const used = recordSize(first) + recordSize(config('applied', '{"old":true}'));
    expect(await storage.estimate()).toEqual({ usage: used, quota: used });
    storage.simulateQuota(used + recordSize(second));
    expect(await storage.put('exports', second)).toEqual({ ok: true });
    storage.simulateQuota(null);
    expect((await storage.getAll('exports')).length).toBe(2);
  });

  it('answers quota when the browser aborts the transaction with a QuotaExceededError', async () => {
    const storage = openStorage();
    await storage.put('imports', dataSet('RIVN', 'old'));
    // As Chrome does when the disk quota is hit: the transaction is aborted after the write was queued.
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      const request = put.apply(this, args);
      const tx = this.transaction as IDBTransaction & { _abort(name: string): void };
      queueMicrotask(() => tx._abort('QuotaExceededError'));
      return request;
    });
    const outcome = await storage.put('imports', dataSet('RIVN', 'new and larger'));
    expect(outcome).toMatchObject({ ok: false, reason: 'quota' });
    vi.restoreAllMocks();
    const [kept] = await storage.getAll('imports');
    expect(await kept?.file.text()).toBe('old');
  });

  it('gives up on a transaction that never finishes, aborting it', async () => {
    const storage = openStorage({ saveTimeoutMs: 50 });
    await storage.put('configs', config('applied', 'kept'));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore) {
      // A transaction kept busy for ever (the write never comes through).
      const tx = this.transaction;
      let aborted = false;
      tx.addEventListener('abort', () => {
        aborted = true;
      });
      const spin = () => {
        if (!aborted) tx.objectStore(this.name).count().onsuccess = spin;
      };
      spin();
      return this.count() as unknown as IDBRequest<IDBValidKey>;
    });
    const outcome = await storage.put('configs', config('applied', 'lost'));
    expect(outcome.ok).toBe(false);
    vi.restoreAllMocks();
    expect((await storage.getAll('configs'))[0]?.text).toBe('kept');
  });

  it('answers unavailable without IndexedDB, and reads nothing', async () => {
    const saved = globalThis.indexedDB;
    // biome-ignore lint/suspicious/noExplicitAny: removing the global for this test only.
    delete (globalThis as any).indexedDB;
    try {
      const storage = openStorage();
      expect(await storage.put('configs', config('applied', '{}'))).toMatchObject({
        ok: false,
        reason: 'unavailable',
      });
      expect(await storage.getAll('exports')).toEqual([]);
    } finally {
      globalThis.indexedDB = saved;
    }
  });

  it('reads estimate and persistence from the storage manager', async () => {
    const manager = {
      estimate: async () => ({ usage: 10, quota: 100 }),
      persist: async () => true,
      persisted: async () => false,
    } as unknown as StorageManager;
    const storage = openStorage({ storageManager: manager });
    expect(await storage.estimate()).toEqual({ usage: 10, quota: 100 });
    expect(await storage.persist()).toBe(true);
    expect(await storage.persisted()).toBe(false);
    expect(await openStorage().estimate()).toBeNull();
  });
});
