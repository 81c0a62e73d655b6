// The layout slice: the tool tab shown is remembered across page loads, and what the user opens brings its
// tab forward (an export in the viewer, a replay), wherever it was opened from.
import { describe, expect, it } from 'vitest';
import type { EngineClient } from '../engine-client';
import { memoryPrefs, type Prefs } from '../persistence/prefs';
import type { ViewerClient } from '../viewer-client';
import { createAppStore } from './index';
import { followOpenings, TAB_PREF } from './layout-slice';

const pending = () => new Promise<never>(() => {});
const worker = { call: pending, restart() {}, onFailure: () => () => {}, dispose() {} };

function storeWith(prefs: Prefs) {
  return createAppStore(worker as unknown as EngineClient, {
    prefs,
    viewerClient: worker as unknown as ViewerClient,
    mirrorClient: worker as never,
  });
}

describe('layout slice', () => {
  it('shows the Export tab first, and the tab last shown after a reload', () => {
    const prefs = memoryPrefs();
    const first = storeWith(prefs);
    expect(first.getState().tab).toBe('exports');
    first.getState().showTab('data');
    expect(first.getState().tab).toBe('data');
    // The next page load reads the same preferences.
    expect(storeWith(prefs).getState().tab).toBe('data');
  });

  it('ignores a remembered tab that is not one of the tabs', () => {
    const prefs = memoryPrefs();
    prefs.setItem(TAB_PREF, 'settings<script>');
    expect(storeWith(prefs).getState().tab).toBe('exports');
  });

  it('brings the History & viewer tab forward when an export opens in the viewer', () => {
    const store = storeWith(memoryPrefs());
    followOpenings(store);
    store.getState().showTab('data');
    store.getState().openFileInViewer(new Blob(['{}']), 'export.json');
    expect(store.getState().viewer.status).toBe('opening');
    expect(store.getState().tab).toBe('history');
  });

  it('brings the Open exports tab forward when a replay opens, and leaves the tab alone otherwise', () => {
    const store = storeWith(memoryPrefs());
    followOpenings(store);
    store.getState().showTab('data');
    store.getState().showTab('exports');
    expect(store.getState().tab).toBe('exports');
    void store.getState().openOfflineFiles([{ name: 'a.json', blob: new Blob(['{}']) }]);
    expect(store.getState().offline.status).toBe('opening');
    expect(store.getState().tab).toBe('replay');
  });
});
