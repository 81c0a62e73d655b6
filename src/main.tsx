import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { followAddress } from './address/follow-address';
import { createEngineClient } from './engine-client';
import { createBrowserStorage } from './persistence/browser-storage';
import { browserPrefs } from './persistence/prefs';
import { createAppStore } from './store';
import { AppStoreProvider } from './store/context';
import { keepInBrowser } from './store/keep-in-browser';
import { followOpenings } from './store/layout-slice';
import { watchLiveMirror } from './store/mirror-slice';
import { startSnapshotPolling } from './store/polling';
import './styles/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

// One engine worker and one store for the page's lifetime, created outside React so that StrictMode's
// double rendering cannot start a second worker.
const client = createEngineClient();
const storage = createBrowserStorage();
const prefs = browserPrefs();
const store = createAppStore(client, { storage, prefs });
startSnapshotPolling(store);
// The engine feeds the live charts' mirror worker directly (consumer `ui`); connect them, and again after a restart.
watchLiveMirror(store);
// Exports, the configuration applied last and imported data sets, kept in IndexedDB across reloads.
const kept = keepInBrowser(store, storage);
// The address keeps the export shown in the viewer or the replay: reopened once the history is back.
followAddress(store, kept.restored);
// What the user opens (an export in the viewer, a replay) brings its tool tab forward.
followOpenings(store);

createRoot(root).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App prefs={prefs} />
    </AppStoreProvider>
  </StrictMode>,
);
