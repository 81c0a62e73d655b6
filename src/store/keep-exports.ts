// Keeps the export history in the browser: every export filed in the exports slice is stored with its bytes,
// every export removed from it (by the user, or past the history's limit) is deleted, and on start-up the
// exports kept before are put back in the history. The exports slice itself knows nothing of this: it is
// followed through the store's subscription.
import type { StoreApi } from 'zustand';
import type { ExportRecord } from '../export-record';
import { nextTask } from '../next-task';
import type { AppStorage, StoredExport } from '../persistence/storage';
import type { KeepState } from './import-types';
import type { AppState } from './types';

/** The storage key of an export: unique across page loads, where export ids start again at 1. */
export const exportKey = (record: Pick<ExportRecord, 'id' | 'createdAt'>): string =>
  `${record.createdAt}-${record.id}`;

/** Ids this page gave its exports; a restored export's id is its storage key already. */
const PAGE_ID = /^export-[0-9]+$/;

/**
 * The name of an export that outlives the page (its storage key), for the page's address. A key made
 * unique with `-2` (two exports in the same millisecond after a clock change) is not found again by it.
 */
export const linkKeyOf = (record: Pick<ExportRecord, 'id' | 'createdAt'>): string =>
  PAGE_ID.test(record.id) ? exportKey(record) : record.id;

/** A stored export as a record of the history: its id is its storage key. */
export function restoredRecord(stored: StoredExport): ExportRecord {
  const { key, ...record } = stored;
  return { ...record, id: key };
}

/** `current` and `restored` together, newest first, without repeating an id. */
export function mergeHistory(
  current: readonly ExportRecord[],
  restored: readonly ExportRecord[],
): ExportRecord[] {
  const ids = new Set(current.map((r) => r.id));
  return [...current, ...restored.filter((r) => !ids.has(r.id))].sort((a, b) => b.createdAt - a.createdAt);
}

export interface KeptExports {
  /** Settles once the exports kept before are back in the history. */
  restored: Promise<void>;
  stop(): void;
}

export function keepExports(store: StoreApi<AppState>, storage: AppStorage): KeptExports {
  /** Export id -> storage key, for every export of the history that is (or is being) stored. */
  const keys = new Map<string, string>();
  /** Saves still running, so a removal right after waits for its save before deleting. */
  const saving = new Map<string, Promise<unknown>>();

  const setKept = (id: string, kept: KeepState | null) =>
    store.setState((s) => {
      const keptExports = { ...s.storage.keptExports };
      if (kept === null) delete keptExports[id];
      else keptExports[id] = kept;
      return { storage: { ...s.storage, keptExports } };
    });

  const save = (record: ExportRecord) => {
    // Unique even if the clock went back since the kept exports were made.
    const used = new Set(keys.values());
    let key = exportKey(record);
    for (let n = 2; used.has(key); n++) key = `${exportKey(record)}-${n}`;
    keys.set(record.id, key);
    setKept(record.id, 'saving');
    // In a task of its own: the export that just arrived has cost this one enough (see next-task.ts).
    const run = nextTask()
      .then(() => storage.put('exports', { ...record, key }))
      .then((outcome) => {
        saving.delete(record.id);
        const kept = store.getState().noteSaveOutcome(`the export ${record.downloadName}`, outcome);
        if (keys.has(record.id)) setKept(record.id, kept);
      });
    saving.set(record.id, run);
  };

  const forget = (id: string) => {
    const key = keys.get(id);
    if (key === undefined) return;
    keys.delete(id);
    setKept(id, null);
    const remove = () => storage.delete('exports', [key]).then(() => store.getState().refreshStorage());
    const running = saving.get(id);
    void (running ? running.then(remove) : remove());
  };

  let previous = store.getState().exports;
  const unsubscribe = store.subscribe((state) => {
    if (state.exports === previous) return;
    previous = state.exports;
    const ids = new Set(state.exports.map((r) => r.id));
    for (const record of state.exports) if (!keys.has(record.id)) save(record);
    for (const id of [...keys.keys()]) if (!ids.has(id)) forget(id);
  });
  for (const record of previous) if (!keys.has(record.id)) save(record);

  const restored = storage.getAll('exports').then((stored) => {
    const records = stored.map(restoredRecord);
    for (const record of records) keys.set(record.id, record.id);
    store.setState((s) => ({
      exports: mergeHistory(s.exports, records),
      storage: {
        ...s.storage,
        keptExports: {
          ...s.storage.keptExports,
          ...Object.fromEntries(records.map((r) => [r.id, 'kept' as const])),
        },
      },
    }));
  });

  return { restored, stop: unsubscribe };
}
