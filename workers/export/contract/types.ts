// What an export is, as plain data: what a consumer asks for, what it gets back, and how it describes
// itself (docs/export-format.md sections 1, 2 and 7). The exporter, the API, the command language, the
// command line, the readers and the UI (with `import type`) all speak these types.

import type { Result } from '../../common/result';

export const EXPORT_MODES = ['complete', 'delta'] as const;
export type ExportMode = (typeof EXPORT_MODES)[number];

/** Pretty: one row per line (the default); compact: the whole document on one line (section 5). */
export const EXPORT_LAYOUTS = ['pretty', 'compact'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];

/** `_metadata.version` of every export this app writes. */
export const FORMAT_VERSION = '2.0';

/** What a consumer asks for: `system export-status` and the export panel say the same things. */
export interface ExportRequest {
  complete: boolean;
  /** Defaults to `default` (see `DEFAULT_CONSUMER`). */
  consumer?: string;
  /** Regenerate a delta from this earlier export of the consumer (delta only). */
  since?: number;
  /** Streams (`ticks`, `5m`, ...) or sections (`historical`, `threads`, ...) to leave out. */
  exclude?: readonly string[];
  /**
   * Only these symbols' rows (section 4.4): the others are left out of `session_data.symbols` and keep
   * their cursors. Every symbol when not given.
   */
  symbols?: readonly string[];
  layout?: ExportLayout;
  /** Whether the export counts in `performance_metrics` (default true; false for the UI's own mirror). */
  record?: boolean;
}

/** `_metadata` as the code sees it (camel case); the document writes the contract's snake-case keys. */
export interface ExportMetadata {
  mode: ExportMode;
  consumer: string;
  sequence: number;
  previousSequence: number | null;
  sessionId: number;
  generatedAt: string;
  /** generated_at's exchange-local time as `YYYYMMDD_HHMMSS`, for file names. */
  fileTimestamp: string;
  marketTime: string | null;
  changedPaths: string[];
  excluded: string[];
  /** The symbols asked for with `symbols=`, in the session's order; absent when every symbol is carried. */
  symbols?: string[];
}

/** An export produced whole: its bytes as chunks (never one string, which a large export would outgrow) and what it is. */
export interface ExportResult {
  chunks: Uint8Array[];
  bytes: number;
  lines: number;
  rows: number;
  durationMs: number;
  metadata: ExportMetadata;
}

/**
 * An export produced whole but not yet counted: its consumer's cursor and sequence move only at `commit`.
 * The command line writes the file first and commits once the file is closed, so an export whose file
 * could not be written takes no sequence and moves no cursor (section 4, rule 4).
 */
export interface PendingExport {
  readonly result: ExportResult;
  /** Counts the export: moves the cursor, takes the sequence. Refused if another export was counted since. */
  commit(): Result<ExportResult>;
}

/** How far an export has got; reported between symbols. */
export interface ExportProgress {
  symbolsDone: number;
  symbolsTotal: number;
  /** Bytes made so far. */
  bytes: number;
  /** For an export saved as it is made (to a file, to the page): the bytes already where they go. */
  written?: number;
}
