// The offline replay slice's shape. Mirror types are imported as types only: the page never parses an
// export, the mirror worker answers small questions about it.

import type { OpenedStep, SetCut } from '../../workers/mirror/mirror-api';
import type { MirrorApi } from '../../workers/mirror.worker';

/** What the slice needs of the mirror client (the real one is `src/mirror-client.ts`). */
export interface OfflineMirror {
  call<M extends 'openFiles' | 'showStep'>(
    method: M,
    ...args: Parameters<MirrorApi[M]>
  ): Promise<Awaited<ReturnType<MirrorApi[M]>>>;
  onFailure(listener: (message: string) => void): () => void;
}

export interface OfflineFile {
  name: string;
  blob: Blob;
}

export type OfflineStatus = 'idle' | 'opening' | 'open' | 'failed';

export interface OfflineState {
  status: OfflineStatus;
  /** Where the files came from. */
  origin: 'files' | 'history' | null;
  /** The names of the files opened (or being opened), as given. */
  fileNames: string[];
  /** The opened exports in the order they apply: the complete one first. */
  steps: OpenedStep[];
  /**
   * Where the opened chain stopped short of the files given (an export missing, or one that does not
   * apply), with the files left out; null when every file is replayed.
   */
  cut: SetCut | null;
  /** The step shown: every export up to and including it is applied. */
  current: number;
  /** The step asked for (the slider's position); `current` catches up with it. */
  target: number;
  /** Why opening or stepping failed, in one line. */
  error: string | null;
  /** The failure is the mirror worker's (it died or stopped answering): opening again may work. */
  workerDown: boolean;
  /** Bumped whenever the replayed state changes, so views of it read it again. */
  version: number;
  /** Bumped by every open: a view of the replay starts afresh for another set of files. */
  generation: number;
  /** For a chain of the export history: each step's export id (the address names the one shown). */
  historyIds: string[];
  /** The symbol and interval the replay's view shows (null until it says, or as an address asked). */
  choice: OfflineChoice | null;
}

export interface OfflineChoice {
  symbol: string | null;
  interval: string;
}

export interface OfflineSlice {
  offline: OfflineState;
  /** Reads, checks and orders the files in the mirror worker, then shows step `startAt` (default the first). */
  openOfflineFiles(
    files: readonly OfflineFile[],
    options?: { origin?: 'files' | 'history'; startAt?: number; historyIds?: string[] },
  ): Promise<void>;
  /**
   * Replays export `id` of the history with the exports it chains to, starting at that export, showing
   * `choice` (an address's symbol and interval) when given.
   */
  openHistoryInReplay(id: string, choice?: OfflineChoice): Promise<void>;
  /** What the replay's view shows, as it tells. */
  setOfflineChoice(choice: OfflineChoice): void;
  /** Shows the replay as it stood after step `index`; quick successive calls only apply the last. */
  showOfflineStep(index: number): Promise<void>;
  /** Opens the last files again (after a failure of the mirror worker). */
  retryOffline(): Promise<void>;
  closeOffline(): void;
}
