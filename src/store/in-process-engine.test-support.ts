// For unit tests of the slices: the real engine API called in the same thread, behind the engine client's
// interface (no worker, no Comlink), and a storage kept in memory that can be told its quota is full.
import { createEngineApi } from '../../workers/api/engine-api';
import { createRuntime } from '../../workers/api/runtime';
import { type EngineClient, engineClientOf } from '../engine-client';
import type { AppStorage, SaveOutcome, StoredRecords, StoreName } from '../persistence/storage';

export function inProcessEngine() {
  const api = createEngineApi(createRuntime({ realtime: false }));
  const calls: string[] = [];
  const client: EngineClient = engineClientOf({
    call: (async (method: keyof typeof api, ...args: unknown[]) => {
      calls.push(method);
      return (api[method] as (...a: unknown[]) => unknown)(...args);
    }) as EngineClient['call'],
    restart: () => {},
    onFailure: () => () => {},
    dispose: () => {},
  });
  return { api, client, calls };
}

/** Records in Maps; `full = true` makes every save answer `quota` and change nothing. */
export function memoryStorage() {
  const stores: { [S in StoreName]: Map<string, StoredRecords[S]> } = {
    configs: new Map(),
    imports: new Map(),
    exports: new Map(),
  };
  const state = { full: false };
  const storage: AppStorage = {
    async put<S extends StoreName>(store: S, record: StoredRecords[S]): Promise<SaveOutcome> {
      if (state.full) return { ok: false, reason: 'quota', message: 'full' };
      (stores[store] as Map<string, StoredRecords[S]>).set(record.key, record);
      return { ok: true };
    },
    getAll: async <S extends StoreName>(store: S) => [
      ...(stores[store] as Map<string, StoredRecords[S]>).values(),
    ],
    async delete(store, keys) {
      for (const key of keys) stores[store].delete(key);
      return true;
    },
    estimate: async () => ({ usage: 1, quota: 100 }),
    persist: async () => true,
    persisted: async () => false,
  };
  return { storage, stores, state };
}
