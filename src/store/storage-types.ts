// The storage slice's shape: what the browser keeps, how much room it takes, and the restore at start-up.
import type { SaveOutcome, StorageUsage } from '../persistence/storage';
import type { KeepState } from './import-types';

export interface RestoreState {
  active: boolean;
  /** What is being restored, in a few words (`Re-importing RIVN (rivn-1m.csv)`). */
  step: string;
  progress: number | null;
  /** What could not be restored, one line each. */
  problems: string[];
  /** What was restored, in one sentence, once done. */
  summary: string | null;
}

export interface StorageState {
  usage: StorageUsage | null;
  /** Persistent storage granted (true), refused (false), unknown (null). */
  persisted: boolean | null;
  /** Per export id: kept in the browser or not. */
  keptExports: Record<string, KeepState>;
  /** Something could not be kept (a full quota), one sentence; cleared on dismiss. */
  notice: string | null;
  /**
   * Why this browser keeps nothing for the page (no IndexedDB here: private mode, or a page opened from disk
   * in a browser that gives file:// no storage), once a save has found out; null while saves work.
   */
  unavailable: string | null;
  restore: RestoreState;
}

export interface StorageSlice {
  storage: StorageState;
  refreshStorage(): Promise<void>;
  requestPersistence(): Promise<void>;
  /** Removes exports made before `before` (ms since the epoch) from the history and the browser. */
  deleteExportsBefore(before: number): Promise<void>;
  /** Applies the last configuration and re-imports the kept data sets (at start-up, after a restart). */
  restoreEngineData(): Promise<void>;
  /** Re-imports the waiting data sets whose symbols the configuration in force has (after Apply). */
  restoreWaitingImports(): Promise<void>;
  /** Files the outcome of a save (a notice when it did not fit). */
  noteSaveOutcome(what: string, outcome: SaveOutcome): KeepState;
  dismissStorageNotice(): void;
}
