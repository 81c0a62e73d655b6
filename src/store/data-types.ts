// The shapes of the config, import and storage slices ("bring your own data, and keep it"). Engine types
// are imported as types only.
import type { ConfigView, PendingImport } from '../../workers/api/engine-api';
import type { FileColumns } from '../../workers/import/file-columns';
import type { BarField } from '../../workers/import/header';
import type { SaveOutcome, StorageUsage } from '../persistence/storage';
import type { ConfigCheck } from './config-editor';

export interface ConfigEditorState {
  /** The editor's text. */
  text: string;
  /** The configuration in force, as the engine answered; null before its first answer. */
  inForce: ConfigView | null;
  check: ConfigCheck;
  /** Where the text came from, in a few words (`in force`, a file name, `the default`, a saved name). */
  origin: string;
  applying: boolean;
  /** The last action's outcome, one sentence. */
  notice: { ok: boolean; text: string } | null;
}

export interface SavedConfigSummary {
  key: string;
  name: string;
  sessionName: string;
  savedAt: number;
}

export interface ConfigSlice {
  config: ConfigEditorState;
  /** Configurations kept in this browser by name, newest first. */
  savedConfigs: SavedConfigSummary[];
  /** Puts the configuration in force in the editor (at start-up, and after a restart). */
  loadConfiguration(): Promise<void>;
  /** The user typed: the text is checked once typing pauses. */
  editConfig(text: string, origin?: string): void;
  loadConfigFile(file: Blob, fileName: string): Promise<void>;
  /** Downloads the editor's text as JSON. */
  saveConfigFile(): void;
  /** Puts the editor's text in force; true when the engine took it. */
  applyConfig(): Promise<boolean>;
  /** The built-in default configuration in the editor (applied with Apply). */
  resetConfigToDefault(): Promise<void>;
  /** The text of the configuration in force back in the editor. */
  revertConfig(): void;
  keepConfig(name: string): Promise<void>;
  openSavedConfig(key: string): Promise<void>;
  deleteSavedConfig(key: string): Promise<void>;
  loadSavedConfigs(): Promise<void>;
  dismissConfigNotice(): void;
}

export type ImportPhase = 'idle' | 'reading' | 'review' | 'committing';

export type ImportMapping = Partial<Record<BarField, string>>;

export interface ImportState {
  phase: ImportPhase;
  file: Blob | null;
  fileName: string;
  symbol: string;
  mapping: ImportMapping;
  /** The file's header and what the usual names recognize; null until read. */
  columns: FileColumns | null;
  /** Fraction of the file read, while reading. */
  progress: number | null;
  /** The checked import waiting for Import or Cancel. */
  pending: PendingImport | null;
  error: string | null;
  /** The last outcome, one sentence. */
  notice: string | null;
}

/** Whether something is kept in the browser: being written, kept, or not (quota, no IndexedDB). */
export type KeepState = 'saving' | 'kept' | 'not-kept';

export interface ImportedDataSet {
  symbol: string;
  fileName: string;
  barsKept: number;
  firstDate: string | null;
  lastDate: string | null;
  days: number;
  kept: KeepState;
  /**
   * Kept in this browser for a symbol that the configuration in force does not have: it does not replay
   * now, and is imported again when a configuration with the symbol is applied.
   */
  waiting: boolean;
}

export interface ImportSlice {
  importing: ImportState;
  /** Symbols replaying imported bars, with what was imported. */
  importedSets: ImportedDataSet[];
  importChooseFile(file: Blob, fileName: string): Promise<void>;
  importSetSymbol(symbol: string): void;
  /** Names the column for a field by hand; '' goes back to recognition. */
  importSetMapping(field: BarField, column: string): void;
  /** Reads and checks the file (nothing changes yet). */
  importRead(): Promise<void>;
  /** Stops the reading in progress. */
  importStopReading(): Promise<void>;
  /** Keeps the good rows: the symbol replays them from the next start. */
  importCommit(): Promise<void>;
  /** Drops the checked import: nothing changes. */
  importCancel(): Promise<void>;
  /** The symbol goes back to generated data; a waiting data set is deleted from the browser. */
  importDrop(symbol: string): Promise<void>;
  /** Re-reads which symbols replay imported bars (after a new configuration). */
  importRefresh(): Promise<void>;
  importClear(): void;
}

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
