import type { AppStore } from './index';

export const SNAPSHOT_POLL_MS = 250;

/**
 * Asks the engine for a snapshot every `intervalMs` so the market clock visibly ticks. Skips a beat while
 * the previous answer is outstanding, while the worker is dead, and while the page is hidden.
 * Returns the function that stops polling.
 */
export function startSnapshotPolling(store: AppStore, intervalMs = SNAPSHOT_POLL_MS): () => void {
  let inFlight = false;
  const tick = async () => {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (inFlight || hidden || store.getState().workerError !== null) return;
    inFlight = true;
    try {
      await store.getState().refresh();
    } finally {
      inFlight = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  return () => clearInterval(timer);
}
