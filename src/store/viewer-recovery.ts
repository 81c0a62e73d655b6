// The viewer and Compare share one viewer worker, so only one place decides when to start a fresh one: a
// worker is restarted once after it died, whichever slice asks first, and never again while it is fine
// (a second restart would wipe the document the other slice has open in the fresh worker).
import type { ViewerClient } from '../viewer-client';

export interface ViewerRecovery {
  /** Counts restarts: a failure met by a call begun before the latest restart is about the old worker. */
  readonly epoch: number;
  /** A call begun at `epoch` found the worker dead. */
  markDown(epoch: number): void;
  /** Starts a fresh worker if the current one died; does nothing to a worker that is fine. */
  recover(): void;
}

export function createViewerRecovery(client: ViewerClient): ViewerRecovery {
  let epoch = 0;
  let down = false;
  // Crashes and timeouts of the current worker (a restart is not reported here).
  client.onFailure(() => {
    down = true;
  });
  return {
    get epoch() {
      return epoch;
    },
    markDown(at) {
      if (at === epoch) down = true;
    },
    recover() {
      if (!down) return;
      down = false;
      epoch++;
      client.restart();
    },
  };
}
