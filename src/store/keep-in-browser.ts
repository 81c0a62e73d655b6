// Start-up of what the browser keeps: the export history comes back, then the configuration applied last
// and the imported data sets are put back in the engine (with progress). A restarted engine starts from
// its default, so the same is done again after each restart.
import type { StoreApi } from 'zustand';
import type { AppStorage } from '../persistence/storage';
import { keepExports } from './keep-exports';
import type { AppState } from './types';

export interface KeptInBrowser {
  /** Settles once the export history kept before is back. */
  restored: Promise<void>;
  stop(): void;
}

export function keepInBrowser(store: StoreApi<AppState>, storage: AppStorage): KeptInBrowser {
  const exports = keepExports(store, storage);
  const state = store.getState();
  // The speed kept is re-applied once the configuration in force is back (it is kept per configuration).
  const restoreEngine = () =>
    store
      .getState()
      .restoreEngineData()
      .then(() => store.getState().reapplyKeptSpeed());
  void restoreEngine();
  void state.loadSavedConfigs();
  void exports.restored.then(() => store.getState().refreshStorage());

  let generation = state.generation;
  const unsubscribe = store.subscribe((s) => {
    if (s.generation === generation) return;
    generation = s.generation;
    // The new worker holds no imports: those kept come back through the restore, the others are gone.
    store.setState({ importedSets: [] });
    void restoreEngine();
  });
  return {
    restored: exports.restored,
    stop: () => {
      unsubscribe();
      exports.stop();
    },
  };
}
