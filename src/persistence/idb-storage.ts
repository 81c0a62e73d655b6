// The app's storage in IndexedDB, through `idb`. One database, three object stores keyed by `key`.
//
// Quota: when a write does not fit, Chrome aborts the whole transaction (its `error` is a
// QuotaExceededError), and the request's own promise may never settle. So a save waits on the
// transaction (`tx.done`, which rejects on abort), never on the request alone, and gives up after a time
// limit by aborting it. An aborted transaction changes nothing: records already stored stay as they were.
//
// A full quota can be simulated (`simulateQuota`): the limit then counts the bytes of the records in this
// database, and a save over it goes through the same path: the transaction is opened, written, then
// aborted, and the save answers `quota`.
import { type IDBPDatabase, openDB } from 'idb';
import {
  type AppStorage,
  isQuotaError,
  recordSize,
  type SaveOutcome,
  STORE_NAMES,
  type StorageUsage,
  type StoredRecords,
  type StoreName,
} from './storage';

export const DB_NAME = 'session-tape';
const DB_VERSION = 1;

/** A simulated quota: a number of bytes for this database's records, or `full` (nothing more fits). */
export type SimulatedQuota = number | 'full' | null;

export interface IdbStorageOptions {
  name?: string;
  /** The origin's storage manager, for estimate and persist; `navigator.storage` unless given. */
  storageManager?: StorageManager | null;
  /** How long a save may take before its transaction is aborted. */
  saveTimeoutMs?: number;
  simulatedQuota?: SimulatedQuota;
}

export interface IdbStorage extends AppStorage {
  /** Simulates a full (or small) quota from now on; null goes back to the browser's own. */
  simulateQuota(quota: SimulatedQuota): void;
  close(): Promise<void>;
}

export const QUOTA_MESSAGE = 'the browser’s storage for this page is full';

function settleWithin<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`no answer from IndexedDB within ${Math.round(ms / 1000)} s`));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createIdbStorage(options: IdbStorageOptions = {}): IdbStorage {
  const name = options.name ?? DB_NAME;
  const manager =
    options.storageManager === undefined ? (globalThis.navigator?.storage ?? null) : options.storageManager;
  const saveTimeoutMs = options.saveTimeoutMs ?? 60_000;
  let simulated: SimulatedQuota = options.simulatedQuota ?? null;
  let opening: Promise<IDBPDatabase<unknown>> | null = null;

  const open = (): Promise<IDBPDatabase<unknown>> => {
    // `idb` works on the global `indexedDB` (tests install fake-indexeddb's).
    if (typeof indexedDB === 'undefined')
      return Promise.reject(new Error('this browser offers no IndexedDB here'));
    opening ??= openDB(name, DB_VERSION, {
      upgrade(db) {
        for (const store of STORE_NAMES) {
          if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: 'key' });
        }
      },
      // Another tab wants a newer version: let it, and open again on the next call.
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        opening = null;
      },
      terminated() {
        opening = null;
      },
    }).catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };

  /** Bytes of every record, less the one `except` (a record about to be replaced). */
  const usedBytes = async (
    db: IDBPDatabase<unknown>,
    except?: { store: StoreName; key: string },
  ): Promise<number> => {
    let total = 0;
    for (const store of STORE_NAMES) {
      for (const record of (await db.getAll(store)) as { key: string }[]) {
        if (except && store === except.store && record.key === except.key) continue;
        total += recordSize(record);
      }
    }
    return total;
  };

  return {
    async put<S extends StoreName>(store: S, record: StoredRecords[S]): Promise<SaveOutcome> {
      let db: IDBPDatabase<unknown>;
      try {
        db = await open();
      } catch (error) {
        return { ok: false, reason: 'unavailable', message: messageOf(error) };
      }
      let overSimulated = false;
      if (simulated !== null) {
        const used = await usedBytes(db, { store, key: record.key });
        const limit = simulated === 'full' ? used : simulated;
        overSimulated = used + recordSize(record) > limit;
      }
      const tx = db.transaction(store, 'readwrite');
      // The request's failure aborts the transaction, and `tx.done` says so; the request itself may never
      // settle when the quota is exceeded, so it is not awaited.
      tx.store.put(record).catch(() => undefined);
      if (overSimulated) tx.abort();
      try {
        await settleWithin(tx.done, saveTimeoutMs, () => {
          try {
            tx.abort();
          } catch {
            // Finished meanwhile.
          }
        });
        return { ok: true };
      } catch (error) {
        if (overSimulated || isQuotaError(error) || isQuotaError(tx.error)) {
          return { ok: false, reason: 'quota', message: QUOTA_MESSAGE };
        }
        return { ok: false, reason: 'failed', message: messageOf(tx.error ?? error) };
      }
    },

    async getAll<S extends StoreName>(store: S): Promise<StoredRecords[S][]> {
      try {
        const db = await open();
        return (await db.getAll(store)) as StoredRecords[S][];
      } catch {
        return [];
      }
    },

    async delete(store, keys) {
      if (keys.length === 0) return true;
      try {
        const db = await open();
        const tx = db.transaction(store, 'readwrite');
        for (const key of keys) tx.store.delete(key).catch(() => undefined);
        await settleWithin(tx.done, saveTimeoutMs, () => tx.abort());
        return true;
      } catch {
        return false;
      }
    },

    async estimate(): Promise<StorageUsage | null> {
      if (simulated !== null) {
        try {
          const used = await usedBytes(await open());
          return { usage: used, quota: simulated === 'full' ? used : simulated };
        } catch {
          return null;
        }
      }
      if (!manager?.estimate) return null;
      try {
        const { usage, quota } = await manager.estimate();
        return usage === undefined || quota === undefined ? null : { usage, quota };
      } catch {
        return null;
      }
    },

    async persist() {
      if (!manager?.persist) return null;
      try {
        return await manager.persist();
      } catch {
        return false;
      }
    },

    async persisted() {
      if (!manager?.persisted) return null;
      try {
        return await manager.persisted();
      } catch {
        return null;
      }
    },

    simulateQuota(quota) {
      simulated = quota;
    },

    async close() {
      const pending = opening;
      opening = null;
      if (pending) (await pending.catch(() => null))?.close();
    },
  };
}
