// The mirror slice's shape: the live mirror of the running session, from which the live charts draw.
import type { MirrorClient } from '../mirror-client';

/**
 * `waiting`: nothing to mirror yet (the session has not started); `syncing`: applying the first complete
 * export; `in-sync`; `resyncing`: a delta could not be applied, a complete export is on its way;
 * `failed`: the mirror worker died or refused the bytes (see `error`).
 */
export type LiveMirrorStatus = 'waiting' | 'syncing' | 'in-sync' | 'resyncing' | 'failed';

export interface LiveMirrorState {
  status: LiveMirrorStatus;
  /** The `ui` consumer's sequence of the last export applied. */
  sequence: number | null;
  sessionId: number | null;
  sessionDate: string | null;
  /** Rows the mirror holds across every stream and history. */
  rowsHeld: number;
  /** Bumped after every export applied: the live charts re-read then. */
  version: number;
  /** Bumped after every complete export applied: the live charts reload instead of appending. */
  epoch: number;
  /**
   * The last resync, in a few words (`New session 2025-07-02: resynced`); it goes by itself after
   * MIRROR_NOTICE_MS, or when dismissed.
   */
  notice: string | null;
  error: string | null;
}

/** What the live chart shows: its symbol, interval and compare symbol (the page's address keeps them). */
export interface LiveChoice {
  symbol: string | null;
  interval: string;
  compare: string | null;
}

export interface MirrorSlice {
  /** The one mirror worker of the page: the live mirror and the offline replay of export files. */
  mirrorClient: MirrorClient;
  liveMirror: LiveMirrorState;
  /**
   * Connects the engine's live feed to the mirror worker (at start-up, and after either worker restarted):
   * from then on the engine pushes exports to the mirror, which tells the page what changed.
   */
  connectLiveMirror(): Promise<void>;
  /** Starts a fresh mirror worker after a failure and connects it: it then gets a complete export. */
  restartMirror(): Promise<void>;
  /**
   * The symbols the live charts show: the engine's feed then carries only their rows, and sends them at
   * once (a refusal is shown as the mirror's error). Said again to a restarted engine.
   */
  showLiveSymbols(symbols: string[]): Promise<void>;
  /**
   * The live chart's choice: told by the chart as it shows it, and set before the page is drawn from an
   * address, so that the chart opens on it (null: the session's first symbol at 1m).
   */
  liveChoice: LiveChoice | null;
  setLiveChoice(choice: LiveChoice): void;
  dismissMirrorNotice(): void;
  /**
   * The pointer or the keyboard's focus is on the notice (true) or has left it (false): a notice held stays;
   * let go, it goes by itself MIRROR_NOTICE_MS later.
   */
  holdMirrorNotice(held: boolean): void;
}
