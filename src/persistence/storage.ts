// What the app keeps in the browser, behind one small interface: three stores of records, each record keyed
// by its `key`. The IndexedDB implementation is `idb-storage.ts`; tests hand the store a fake or simulate a
// full quota through the same interface.
import type { ExportRecord } from '../export-record';

/** A configuration kept: the last one applied (key `applied`), or one saved by name (key `saved:<name>`). */
export interface StoredConfig {
  key: string;
  kind: 'applied' | 'saved';
  name: string;
  text: string;
  sessionName: string;
  savedAt: number;
}

/** An imported data set: the file itself and how it was read, re-imported and committed on reload. */
export interface StoredImport {
  /** The symbol: one data set per symbol, a newer import replaces the older. */
  key: string;
  symbol: string;
  fileName: string;
  mapping: Record<string, string>;
  file: Blob;
  barsKept: number;
  /** First and last trading date covered, and how many. */
  firstDate: string | null;
  lastDate: string | null;
  days: number;
  savedAt: number;
}

/** An export of the history with its bytes; `key` is unique across page loads (`<createdAt>-<id>`). */
export type StoredExport = ExportRecord & { key: string };

export interface StoredRecords {
  configs: StoredConfig;
  imports: StoredImport;
  exports: StoredExport;
}

export type StoreName = keyof StoredRecords;
export const STORE_NAMES = ['configs', 'imports', 'exports'] as const satisfies readonly StoreName[];

/**
 * How a save ended. `quota`: the browser's storage is full (the transaction was aborted, nothing stored and
 * nothing already stored changed); `unavailable`: no IndexedDB here (private mode, tests); `failed`: else.
 */
export type SaveOutcome =
  | { ok: true }
  | { ok: false; reason: 'quota' | 'unavailable' | 'failed'; message: string };

export interface StorageUsage {
  /** Bytes this origin uses and may use, as the browser estimates them. */
  usage: number;
  quota: number;
}

export interface AppStorage {
  put<S extends StoreName>(store: S, record: StoredRecords[S]): Promise<SaveOutcome>;
  /** Every record of the store (an empty list when storage is unavailable). */
  getAll<S extends StoreName>(store: S): Promise<StoredRecords[S][]>;
  /** Deletes the records `keys`; true when done (or nothing to do). */
  delete(store: StoreName, keys: readonly string[]): Promise<boolean>;
  /** The origin's usage and quota, or null when the browser does not say. */
  estimate(): Promise<StorageUsage | null>;
  /** Asks the browser not to evict this origin's data: true granted, false refused, null not supported. */
  persist(): Promise<boolean | null>;
  /** Whether persistence was granted already (null: not supported). */
  persisted(): Promise<boolean | null>;
}

/** Storage that keeps nothing: where IndexedDB is missing. Saves answer `unavailable`. */
export function unavailableStorage(message = 'this browser offers no IndexedDB here'): AppStorage {
  return {
    put: async () => ({ ok: false, reason: 'unavailable', message }),
    getAll: async () => [],
    delete: async () => true,
    estimate: async () => null,
    persist: async () => null,
    persisted: async () => null,
  };
}

/** Bytes a record takes, roughly: its Blobs' sizes plus its JSON text (used by the simulated quota). */
export function recordSize(record: unknown): number {
  let blobs = 0;
  const json = JSON.stringify(record, (_key, value: unknown) => {
    if (value instanceof Blob) {
      blobs += value.size;
      return null;
    }
    return value;
  });
  return blobs + (json?.length ?? 0);
}

export const isQuotaError = (error: unknown): boolean =>
  error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)
    ? (error as Error).name === 'QuotaExceededError' ||
      /quota/i.test((error as Error).message ?? '') ||
      // Firefox's old name.
      (error as Error).name === 'NS_ERROR_DOM_QUOTA_REACHED'
    : false;
