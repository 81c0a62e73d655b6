// The page's storage: IndexedDB, with a full quota simulated when the URL asks for it
// (`?storage-quota=full`, or a number of bytes) so the "storage is full" path can be tried by hand and in
// the browser tests. With the flag, `window.sessionTapeStorage.simulateQuota(...)` changes it on the fly.
import { createIdbStorage, type IdbStorage, type SimulatedQuota } from './idb-storage';

export const QUOTA_FLAG = 'storage-quota';

/** The simulated quota a URL's query asks for: `full`, a number of bytes, or none. */
export function simulatedQuotaOf(search: string): SimulatedQuota {
  const value = new URLSearchParams(search).get(QUOTA_FLAG);
  if (value === null) return null;
  if (value === 'full') return 'full';
  const bytes = Number(value);
  return Number.isFinite(bytes) && bytes >= 0 ? bytes : 'full';
}

declare global {
  interface Window {
    sessionTapeStorage?: Pick<IdbStorage, 'simulateQuota'>;
  }
}

export function createBrowserStorage(): IdbStorage {
  const simulatedQuota = simulatedQuotaOf(window.location.search);
  const storage = createIdbStorage({ simulatedQuota });
  if (new URLSearchParams(window.location.search).has(QUOTA_FLAG)) {
    window.sessionTapeStorage = { simulateQuota: (quota) => storage.simulateQuota(quota) };
  }
  return storage;
}
