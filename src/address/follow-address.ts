// Keeps the page's address in step with what the export viewer and the offline replay show, and opens
// what an address names once the export history is back from the browser's storage (view-address.ts).
// The address is replaced, not pushed: the back button leaves the app rather than stepping through it.
import type { StoreApi } from 'zustand';
import type { ExportRecord } from '../export-record';
import { linkKeyOf } from '../store/keep-exports';
import type { AppState } from '../store/types';
import { formatViewAddress, parseViewAddress, type ViewAddress } from './view-address';

/** What the page shows, as an address. */
export function addressOf(state: AppState): ViewAddress {
  const key = (id: string | null | undefined) => {
    const record = id ? state.exports.find((r) => r.id === id) : undefined;
    return record ? linkKeyOf(record) : null;
  };
  const { offline } = state;
  const replaying = offline.status === 'open' && offline.origin === 'history';
  return {
    view: state.viewer.status === 'idle' ? null : key(state.viewing),
    replay: replaying ? key(offline.historyIds[offline.current]) : null,
    symbol: replaying ? (offline.choice?.symbol ?? null) : null,
    interval: replaying ? (offline.choice?.interval ?? null) : null,
    ...liveChartPart(state),
  };
}

/**
 * The live chart's part of the address: nothing while it shows what a fresh page shows (the session's first
 * symbol at 1m, nothing compared), so an address stays empty until something is chosen.
 */
function liveChartPart(state: AppState): Pick<ViewAddress, 'chart' | 'chartInterval' | 'vs'> {
  const choice = state.liveChoice;
  const first = state.snapshot?.symbols[0] ?? null;
  const fresh =
    choice === null ||
    choice.symbol === null ||
    (choice.symbol === first && choice.interval === '1m' && choice.compare === null);
  if (fresh) return { chart: null, chartInterval: null, vs: null };
  return { chart: choice.symbol, chartInterval: choice.interval, vs: choice.compare };
}

const recordOf = (exports: readonly ExportRecord[], key: string) => exports.find((r) => linkKeyOf(r) === key);

/** Opens what `address` names; an export this browser no longer holds is said so by the part it was for. */
export function openAddress(store: StoreApi<AppState>, address: ViewAddress): void {
  const state = store.getState();
  if (address.view) {
    const record = recordOf(state.exports, address.view);
    if (record) state.openInViewer(record.id);
    else state.viewerLinkMissing();
  }
  if (address.replay) {
    const record = recordOf(state.exports, address.replay);
    const choice = address.interval ? { symbol: address.symbol, interval: address.interval } : undefined;
    // A missing one fails with the replay's own message ("no longer in the history").
    void state.openHistoryInReplay(record?.id ?? address.replay, choice);
  }
}

export interface AddressBar {
  readonly hash: string;
  replace(hash: string): void;
}

const windowBar = (): AddressBar => ({
  get hash() {
    return window.location.hash;
  },
  replace(hash) {
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
  },
});

/** Opens the address's view once `restored` settles, then writes every change of view into the address. */
export function followAddress(
  store: StoreApi<AppState>,
  restored: Promise<void>,
  bar: AddressBar = windowBar(),
): () => void {
  const asked = parseViewAddress(bar.hash);
  // The live chart opens on the address's choice: set before the page is drawn (the chart reads it once).
  if (asked.chart !== null)
    store
      .getState()
      .setLiveChoice({ symbol: asked.chart, interval: asked.chartInterval ?? '1m', compare: asked.vs });
  let following = false;
  let written = bar.hash;
  const write = (state: AppState) => {
    const hash = formatViewAddress(addressOf(state));
    if (hash === written) return;
    written = hash;
    bar.replace(hash);
  };
  const unsubscribe = store.subscribe((state) => {
    if (following) write(state);
  });
  void restored.then(() => {
    openAddress(store, asked);
    following = true;
    write(store.getState());
  });
  return unsubscribe;
}
