// The page's address over a store with the real engine and mirror APIs in this thread and a storage kept
// in memory: what it says while a replay and the viewer show exports, and a "reload" (a second store over
// the same storage) opening the same step, symbol and interval again.
import { describe, expect, it } from 'vitest';
import { createMirrorApi } from '../../workers/mirror/mirror-api';
import type { MirrorClient } from '../mirror-client';
import { createAppStore } from '../store';
import { inProcessEngine, memoryStorage } from '../store/in-process-engine.test-support';
import { keepExports } from '../store/keep-exports';
import type { ViewerClient } from '../viewer-client';
import { type AddressBar, followAddress } from './follow-address';
import { NO_ADDRESS, parseViewAddress } from './view-address';

function inThreadMirror(): MirrorClient {
  const api = createMirrorApi();
  return {
    call: (method: keyof typeof api, ...args: unknown[]) =>
      Promise.resolve((api[method] as (...a: unknown[]) => unknown)(...args)),
    onFailure: () => () => {},
    restart() {},
    dispose() {},
  } as unknown as MirrorClient;
}

/** A viewer that never finishes opening: the address names what it is asked to show all the same. */
const idleViewer = {
  call: () => new Promise(() => {}),
  restart() {},
  onFailure: () => () => {},
  dispose() {},
} as unknown as ViewerClient;

function page(memory: ReturnType<typeof memoryStorage>, hash = '') {
  const engine = inProcessEngine();
  const store = createAppStore(engine.client, {
    storage: memory.storage,
    mirrorClient: inThreadMirror(),
    viewerClient: idleViewer,
    saveFile: () => {},
    now: () => 1_750_000_000_000,
  });
  store.getState().updateExportSettings({ downloadEach: false });
  const kept = keepExports(store, memory.storage);
  let shown = hash;
  const bar: AddressBar = {
    get hash() {
      return shown;
    },
    replace(next) {
      shown = next;
    },
  };
  const stop = followAddress(store, kept.restored, bar);
  return { ...engine, store, kept, bar, stop };
}

const until = async (test: () => boolean) => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(test()).toBe(true);
};

describe('the address of the replay and the viewer', () => {
  it('names the step shown, its symbol and interval, and a reload opens them again', async () => {
    const memory = memoryStorage();
    const first = page(memory);
    await first.kept.restored;
    await first.api.start();
    const complete = await first.store.getState().exportNow(true);
    first.api.step(2);
    const delta = await first.store.getState().exportNow(false);
    first.api.step(3);
    await first.store.getState().exportNow(false);
    if (!complete || !delta) throw new Error('no exports');
    await until(() => memory.stores.exports.size === 3);

    await first.store.getState().openHistoryInReplay(delta.id);
    first.store.getState().setOfflineChoice({ symbol: 'MSFT', interval: '5m' });
    const shown = parseViewAddress(first.bar.hash);
    expect(shown).toEqual({
      ...NO_ADDRESS,
      view: null,
      replay: `1750000000000-${delta.id}`,
      symbol: 'MSFT',
      interval: '5m',
    });
    await first.store.getState().showOfflineStep(0);
    expect(parseViewAddress(first.bar.hash).replay).toBe(`1750000000000-${complete.id}`);
    await first.store.getState().showOfflineStep(1);
    first.store.getState().openInViewer(complete.id);
    expect(parseViewAddress(first.bar.hash).view).toBe(`1750000000000-${complete.id}`);
    const address = first.bar.hash;
    first.stop();

    const second = page(memory, address);
    await until(() => second.store.getState().offline.status === 'open');
    const { offline, viewer, viewing } = second.store.getState();
    expect(offline.current).toBe(1);
    expect(offline.steps[offline.current]?.name).toBe(delta.fileName);
    expect(offline.choice).toEqual({ symbol: 'MSFT', interval: '5m' });
    expect(viewing).toBe(`1750000000000-${complete.id}`);
    expect(viewer.status).toBe('opening');
    // Opening again writes the same address back.
    expect(second.bar.hash).toBe(address);
  });

  it('keeps the live chart once it shows something else than a fresh page, and opens the page on it', async () => {
    const memory = memoryStorage();
    const first = page(memory);
    await first.kept.restored;
    await first.api.start();
    await first.store.getState().refresh();
    const symbols = first.store.getState().snapshot?.symbols ?? [];
    // What a fresh page shows writes nothing.
    first.store.getState().setLiveChoice({ symbol: symbols[0] ?? null, interval: '1m', compare: null });
    expect(first.bar.hash).toBe('');
    first.store.getState().setLiveChoice({ symbol: 'TSLA', interval: '5m', compare: 'AAPL' });
    expect(first.bar.hash).toBe('#chart=TSLA&chart_interval=5m&vs=AAPL');
    first.store.getState().setLiveChoice({ symbol: symbols[0] ?? null, interval: '15m', compare: null });
    expect(parseViewAddress(first.bar.hash)).toMatchObject({
      chart: symbols[0],
      chartInterval: '15m',
      vs: null,
    });

    // A reload: the choice is there before anything is drawn, for the chart to open on.
    const second = page(memory, '#chart=TSLA&chart_interval=5m&vs=AAPL');
    expect(second.store.getState().liveChoice).toEqual({ symbol: 'TSLA', interval: '5m', compare: 'AAPL' });
  });

  it('says so when the address names an export this browser does not hold, and clears it', async () => {
    const memory = memoryStorage();
    const missing = page(
      memory,
      '#view=1750000000000-export-9&replay=1750000000000-export-8&symbol=AAPL&interval=1m',
    );
    await until(() => missing.store.getState().offline.status === 'failed');
    expect(missing.store.getState().offline.error).toBe('That export is no longer in the history.');
    expect(missing.store.getState().viewer).toMatchObject({
      status: 'failed',
      error: 'The address names an export that is no longer in the history of this browser.',
    });
    expect(missing.bar.hash).toBe('');
  });
});
