// The layout slice: the tool tab shown beside the chart, remembered across reloads (prefs), and brought
// forward by what the user opens: an export in the viewer shows the History & viewer tab, a replay the
// Offline replay tab, wherever the click came from (an address being reopened after a reload included).
import type { StateCreator, StoreApi } from 'zustand';
import type { Prefs } from '../persistence/prefs';
import { type LayoutSlice, WORKBENCH_TABS, type WorkbenchTab } from './layout-types';
import type { AppState } from './types';

export const TAB_PREF = 'session-tape:tab';

const isTab = (value: string | null): value is WorkbenchTab =>
  value !== null && (WORKBENCH_TABS as readonly string[]).includes(value);

export const createLayoutSlice =
  (prefs: Prefs): StateCreator<AppState, [], [], LayoutSlice> =>
  (set) => {
    const kept = prefs.getItem(TAB_PREF);
    return {
      tab: isTab(kept) ? kept : 'exports',
      showTab(tab) {
        set({ tab });
        prefs.setItem(TAB_PREF, tab);
      },
    };
  };

/** Shows the tab of what has just been opened: the viewer's export, or a replay. */
export function followOpenings(store: StoreApi<AppState>): () => void {
  return store.subscribe((state, before) => {
    const viewerOpened =
      state.viewer.status === 'opening' &&
      (before.viewer.status !== 'opening' || state.viewer.generation !== before.viewer.generation);
    const replayOpened =
      state.offline.status === 'opening' &&
      (before.offline.status !== 'opening' || state.offline.generation !== before.offline.generation);
    if (viewerOpened && state.tab !== 'history') state.showTab('history');
    else if (replayOpened && state.tab !== 'replay') state.showTab('replay');
  });
}
