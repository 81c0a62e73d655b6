// The exports and console slices' shapes. Engine types are imported as types only: the UI never runs engine
// code, it receives plain data (and transferred bytes) through the engine client.
import type { ExportPayload } from '../../workers/api/engine-api';
import type { ExportMetadata, ExportProgress } from '../../workers/export/exporter';

/** Where an export was asked for. */
export type ExportSource = 'panel' | 'console' | 'auto';

/** One export made in this page's life. Its bytes are a Blob: never turned into a string on this thread. */
export interface ExportRecord
  extends Pick<
    ExportMetadata,
    'mode' | 'consumer' | 'sequence' | 'previousSequence' | 'sessionId' | 'generatedAt' | 'marketTime'
  > {
  id: string;
  /** The name the engine gave it (the contract's default, or the user's, made unique). */
  fileName: string;
  /** What it downloads as: `fileName`, plus `.gz` when it was made with gzip chosen. */
  downloadName: string;
  gzip: boolean;
  /** Wall-clock time it arrived (ms since the epoch). */
  createdAt: number;
  source: ExportSource;
  bytes: number;
  lines: number;
  rows: number;
  durationMs: number;
  changedPaths: string[];
  excluded: string[];
  blob: Blob;
}

export type ExportLayoutChoice = 'pretty' | 'compact';

export interface ExportSettings {
  consumer: string;
  /** Empty for the contract's default name. */
  fileName: string;
  layout: ExportLayoutChoice;
  /** Streams and sections to leave out (names from the engine's `excludable()`). */
  exclude: string[];
  /** Download each export as soon as it is made (panel, console and auto-export alike). */
  downloadEach: boolean;
  /** Download as `.json.gz`, compressed with the browser's CompressionStream. */
  gzip: boolean;
  /** Make a delta export every `autoSeconds` seconds. */
  autoExport: boolean;
  autoSeconds: number;
}

export interface RunningExport {
  source: ExportSource;
  complete: boolean | null;
  progress: ExportProgress | null;
}

export interface ExportsSlice {
  /** Newest first; at most EXPORT_HISTORY_LIMIT. */
  exports: ExportRecord[];
  exportSettings: ExportSettings;
  /** What the export panel may exclude; null until the engine answered. */
  excludable: string[] | null;
  /** The export in progress (from the panel, the console or the auto-export), if any. */
  runningExport: RunningExport | null;
  /** Why the last export (or download) failed, in one line; cleared by the next export. */
  exportError: string | null;
  loadExcludable(): Promise<void>;
  updateExportSettings(patch: Partial<ExportSettings>): void;
  /** Makes an export with the panel's settings; resolves to the new record, or null when refused. */
  exportNow(complete: boolean, source?: 'panel' | 'auto'): Promise<ExportRecord | null>;
  /** Files an export the engine produced (the console's), downloading it when the setting says so. */
  addExport(payload: ExportPayload, source: ExportSource): ExportRecord;
  cancelExport(): Promise<void>;
  downloadExport(id: string): Promise<void>;
  removeExport(id: string): void;
  dismissExportError(): void;
}

export interface ConsoleEntry {
  id: number;
  input: string;
  ok: boolean;
  message: string;
  /** The name of the export the command made, if any. */
  fileName?: string;
}

export interface ConsoleSlice {
  /** Oldest first; at most CONSOLE_ENTRY_LIMIT. */
  consoleEntries: ConsoleEntry[];
  /** Lines entered, oldest first, for ArrowUp/ArrowDown. */
  consoleHistory: string[];
  consoleBusy: boolean;
  runConsoleCommand(line: string): Promise<void>;
  clearConsole(): void;
}
