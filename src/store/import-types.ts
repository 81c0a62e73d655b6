// The import slice's shape: bars brought from a CSV or Parquet file, checked, then replayed.
import type { PendingImport } from '../../workers/api/engine-api';
import type { FileColumns } from '../../workers/import/file-columns';
import type { BarField } from '../../workers/import/header';

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
