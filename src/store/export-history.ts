// Pure helpers of the export history: building a record from what the engine sent, adding, removing and
// comparing sizes. No DOM, no engine code; tested in Node.
import type { ExportPayload } from '../../workers/api/engine-api';
import { gzipName } from '../downloads';
import type { ExportRecord, ExportSource } from '../export-record';

/** Oldest exports beyond this many are dropped from the history (their files are already downloaded). */
export const EXPORT_HISTORY_LIMIT = 200;

export interface RecordInfo {
  id: string;
  createdAt: number;
  source: ExportSource;
  gzip: boolean;
}

/**
 * The record of an export. Its parts become one Blob as they are: never decoded, parsed or cloned here.
 * The parts' buffers were transferred from the worker, so they are plain `ArrayBuffer`s.
 */
export function recordFromPayload(payload: ExportPayload, info: RecordInfo): ExportRecord {
  const metadata = payload.metadata;
  const parts = payload.parts as Uint8Array<ArrayBuffer>[];
  return {
    id: info.id,
    fileName: payload.fileName,
    downloadName: info.gzip ? gzipName(payload.fileName) : payload.fileName,
    gzip: info.gzip,
    createdAt: info.createdAt,
    source: info.source,
    mode: metadata.mode,
    consumer: metadata.consumer,
    sequence: metadata.sequence,
    previousSequence: metadata.previousSequence,
    sessionId: metadata.sessionId,
    generatedAt: metadata.generatedAt,
    marketTime: metadata.marketTime,
    bytes: payload.bytes,
    lines: payload.lines,
    rows: payload.rows,
    durationMs: payload.durationMs,
    changedPaths: metadata.changedPaths,
    excluded: metadata.excluded,
    blob: new Blob(parts, { type: 'application/json' }),
  };
}

/** The history with `record` as its newest entry, keeping at most `limit` entries. */
export function addToHistory(
  history: readonly ExportRecord[],
  record: ExportRecord,
  limit = EXPORT_HISTORY_LIMIT,
): ExportRecord[] {
  return [record, ...history].slice(0, Math.max(1, limit));
}

/** The history without the export `id` (the same array when it is not there). */
export function removeFromHistory(history: ExportRecord[], id: string): ExportRecord[] {
  return history.some((r) => r.id === id) ? history.filter((r) => r.id !== id) : history;
}

export interface SizeComparison {
  deltaBytes: number;
  completeBytes: number;
  /** How many times smaller the delta is (complete / delta). */
  ratio: number;
}

/** The newest delta against the newest complete export, or null when the history lacks either. */
export function compareSizes(history: readonly ExportRecord[]): SizeComparison | null {
  const delta = history.find((r) => r.mode === 'delta');
  const complete = history.find((r) => r.mode === 'complete');
  if (!delta || !complete || delta.bytes <= 0) return null;
  return { deltaBytes: delta.bytes, completeBytes: complete.bytes, ratio: complete.bytes / delta.bytes };
}

/** The last dotted part of a changed path: `session_data.symbols.RIVN.session.data.1m` -> `RIVN 1m`. */
export function describeChangedPath(path: string): string {
  const match = /^session_data\.symbols\.([^.]+)\.session\.data\.(.+)$/.exec(path);
  return match ? `${match[1]} ${match[2]}` : path;
}

/** `last delta 3.2 KB — 340× smaller than the last complete export (1.1 MB)`. */
export function describeComparison(
  c: SizeComparison,
  format: {
    bytes: (n: number) => string;
    ratio: (r: number) => string;
  },
): string {
  const head = `Last delta ${format.bytes(c.deltaBytes)}`;
  const complete = `the last complete export (${format.bytes(c.completeBytes)})`;
  if (c.ratio >= 1.05) return `${head} — ${format.ratio(c.ratio)} smaller than ${complete}`;
  if (c.ratio > 0.95) return `${head} — about the size of ${complete}`;
  return `${head} — larger than ${complete}`;
}
