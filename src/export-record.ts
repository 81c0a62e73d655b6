// One export of the history as the page keeps it: what the engine said of it, and its bytes as a Blob
// (never turned into a string on this thread). The store files these; src/persistence/ keeps them.
import type { ExportMetadata } from '../workers/export/contract';

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
