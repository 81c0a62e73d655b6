import { createStore } from 'zustand/vanilla';
import { type SaveFile, saveBlob } from '../downloads';
import type { EngineClient } from '../engine-client';
import { createMirrorClient, type MirrorClient } from '../mirror-client';
import { memoryPrefs, type Prefs } from '../persistence/prefs';
import { type AppStorage, unavailableStorage } from '../persistence/storage';
import { createViewerClient, type ViewerClient } from '../viewer-client';
import { createCompareSlice } from './compare-slice';
import { createConfigSlice } from './config-slice';
import { createConsoleSlice } from './console-slice';
import { createDemoSlice } from './demo-slice';
import { createEngineSlice } from './engine-slice';
import { createExportsSlice } from './exports-slice';
import { createImportSlice } from './import-slice';
import { createIndicatorSlice } from './indicator-slice';
import { createLayoutSlice } from './layout-slice';
import { createMirrorSlice } from './mirror-slice';
import { createOfflineSlice } from './offline-slice';
import { createSessionSlice } from './session-slice';
import { createStorageSlice } from './storage-slice';
import type { AppState } from './types';
import { createViewerRecovery } from './viewer-recovery';
import { createViewerSlice } from './viewer-slice';

export type { ExportRecord } from '../export-record';
export { selectExport, selectExportBlob } from './exports-slice';
export type { ExportSettings } from './exports-types';
export type { WorkbenchTab } from './layout-types';
export type { SessionAction } from './session-types';
export type { AppState } from './types';

export interface AppStoreOptions {
  /** Starts a browser download (tests record instead). */
  saveFile?: SaveFile;
  now?: () => number;
  /** The export viewer's worker; a real one (started on first use) unless given. */
  viewerClient?: ViewerClient;
  /** The mirror worker (live mirror and offline replay); a real one (started on first use) unless given. */
  mirrorClient?: MirrorClient;
  /** Where configs, imported data sets and exports are kept; nothing is kept unless given. */
  storage?: AppStorage;
  /**
   * Where the layout (the tool tab shown), the export panel's options and the speed are remembered;
   * memory only unless given.
   */
  prefs?: Prefs;
}

/** One store made of slices. The engine client is passed in, so tests can hand it a fake. */
export function createAppStore(client: EngineClient, options: AppStoreOptions = {}) {
  let exportCount = 0;
  const prefs = options.prefs ?? memoryPrefs();
  const exportsDeps = {
    prefs,
    saveFile: options.saveFile ?? saveBlob,
    now: options.now ?? Date.now,
    newId: () => `export-${++exportCount}`,
  };
  // One mirror worker for the page: the live mirror and the offline replay are two sources in it.
  const mirrorClient = options.mirrorClient ?? createMirrorClient();
  const storage = options.storage ?? unavailableStorage();
  // One viewer worker: the viewer and the comparison open their exports in it.
  const viewerClient = options.viewerClient ?? createViewerClient();
  const viewerRecovery = createViewerRecovery(viewerClient);
  const store = createStore<AppState>()((...args) => ({
    ...createSessionSlice(client, prefs)(...args),
    ...createEngineSlice(client)(...args),
    ...createExportsSlice(client, exportsDeps)(...args),
    ...createDemoSlice(client, exportsDeps)(...args),
    ...createConsoleSlice(client)(...args),
    ...createViewerSlice(viewerClient, viewerRecovery)(...args),
    ...createCompareSlice(viewerClient, viewerRecovery)(...args),
    ...createOfflineSlice(mirrorClient)(...args),
    ...createMirrorSlice(client, mirrorClient)(...args),
    ...createConfigSlice(client, { storage, saveFile: exportsDeps.saveFile, now: exportsDeps.now })(...args),
    ...createImportSlice(client, { storage, now: exportsDeps.now })(...args),
    ...createStorageSlice(client, storage)(...args),
    ...createIndicatorSlice<AppState>()(...args),
    ...createLayoutSlice(prefs)(...args),
  }));
  // A worker can die between calls (an uncaught error while replaying): show it without waiting for a poll.
  client.onFailure((message) => store.setState({ workerError: message }));
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
