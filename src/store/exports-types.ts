// The exports slice's shape: the export panel's settings, the export history and the export running.

import type { ExportPayload } from '../../workers/api/engine-api';
import type { ExportLayout, ExportProgress } from '../../workers/export/contract';
import type { ExportRecord, ExportSource } from '../export-record';

export interface ExportSettings {
  consumer: string;
  /** Empty for the contract's default name. */
  fileName: string;
  layout: ExportLayout;
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
  /** Set for "Save to a file…": the file being written (null until the user chose it, or for a download). */
  saving?: { fileName: string | null };
}

/** The last export saved to a file as it was made (not kept in the history: its bytes are in the file). */
export interface SavedFile {
  fileName: string;
  bytes: number;
  sequence: number;
  /** Written by the engine into the file the user chose, or downloaded by the browser (no save dialog). */
  how: 'file' | 'download';
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
  /** The last export saved to a file as it was made; cleared by the next export. */
  savedFile: SavedFile | null;
  loadExcludable(): Promise<void>;
  updateExportSettings(patch: Partial<ExportSettings>): void;
  /** Makes an export with the panel's settings; resolves to the new record, or null when refused. */
  exportNow(complete: boolean, source?: 'panel' | 'auto'): Promise<ExportRecord | null>;
  /** Files an export the engine produced (the console's), downloading it when the setting says so. */
  addExport(payload: ExportPayload, source: ExportSource): ExportRecord;
  /**
   * "Save to a file…": makes an export with the panel's settings and writes it to a file as it is made
   * (the browser's save dialog where there is one, a download otherwise). Never filed in the history.
   */
  saveExportToFile(complete: boolean): Promise<SavedFile | null>;
  cancelExport(): Promise<void>;
  downloadExport(id: string): Promise<void>;
  removeExport(id: string): void;
  dismissExportError(): void;
}
