// Reads an export file slice by slice into a structural index (never one string, never the whole document
// as values), checks that it is a status export, and sums it up. Reports progress after every slice and
// stops between slices when cancelled.

import type { Result } from '../common/result';
import { EXPORT_MODES, type ExportMode } from '../export/contract';
import type { ByteSource } from './byte-source';
import { ExportDocument, scalarOf } from './export-document';
import { JsonIndexer, type ObjectNode, type Slot } from './json-index';
import type { OpenProgress, ViewerSummary } from './types';

export const READ_SLICE_BYTES = 8 * 1024 * 1024;

export interface OpenOptions {
  sliceBytes?: number;
  onProgress?: (progress: OpenProgress) => void;
  /** Checked between slices: true stops the reading. */
  isCancelled?: () => boolean;
}

export const OPEN_CANCELLED = 'Opening the export was cancelled.';
const NOT_AN_EXPORT = 'This file is not a Session Tape export';

const fail = <T>(error: string): Result<T> => ({ ok: false, error });
const withThousands = (n: number) => n.toLocaleString('en-US');

/**
 * Why the start of the file shows it is not an export, or null while it may still be one. `_metadata` may
 * come anywhere (the original system writes it last), so only a file that is not a JSON object is refused
 * before it is read whole.
 */
function earlyRefusal(root: Slot | null): string | null {
  if (root === null) return null;
  if (root.kind !== 'object') return `${NOT_AN_EXPORT}: it is not a JSON object.`;
  return null;
}

/** `complete` / `delta` from `mode`, or from the original's `complete`, `delta` and `diff_mode` flags. */
function modeOf(field: (name: string) => unknown): ExportMode | undefined {
  const mode = field('mode');
  if (isExportMode(mode)) return mode;
  if (mode !== undefined && mode !== null) return undefined;
  if (field('complete') === true || field('diff_mode') === false || field('delta') === false)
    return 'complete';
  if (field('complete') === false || field('diff_mode') === true || field('delta') === true) return 'delta';
  return undefined;
}

export async function openExport(
  source: ByteSource,
  options: OpenOptions = {},
): Promise<Result<{ document: ExportDocument; summary: ViewerSummary }>> {
  const started = performance.now();
  const sliceBytes = options.sliceBytes ?? READ_SLICE_BYTES;
  if (source.size === 0) return fail('The file is empty.');
  const indexer = new JsonIndexer(0, source.size);
  for (let at = 0; at < source.size; at += sliceBytes) {
    if (options.isCancelled?.()) return fail(OPEN_CANCELLED);
    const bytes = await source.read(at, Math.min(source.size, at + sliceBytes));
    if (options.isCancelled?.()) return fail(OPEN_CANCELLED);
    const fine = indexer.push(bytes);
    const refusal = earlyRefusal(indexer.root);
    if (refusal) return fail(refusal);
    if (!fine) {
      const error = indexer.error as { message: string; offset: number };
      return fail(
        indexer.root === null
          ? `${NOT_AN_EXPORT}: it is not JSON (${error.message} at byte ${withThousands(error.offset)}).`
          : `The file is damaged: ${error.message} at byte ${withThousands(error.offset)}.`,
      );
    }
    options.onProgress?.({ bytesRead: Math.min(source.size, at + sliceBytes), bytesTotal: source.size });
  }
  const finished = indexer.finish();
  if (!finished.ok) {
    const { message, offset } = finished.error;
    return fail(`The file is damaged: ${message} (at byte ${withThousands(offset)}).`);
  }
  const refusal = earlyRefusal(finished.root);
  if (refusal) return fail(refusal);
  const document = new ExportDocument(source, finished.root as ObjectNode);
  const summary = await summarize(document, performance.now() - started);
  if (!summary.ok) return summary;
  return { ok: true, value: { document, summary: summary.value } };
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

async function summarize(document: ExportDocument, indexMs: number): Promise<Result<ViewerSummary>> {
  const root = document.root;
  const meta = document.child(root, '_metadata');
  if (meta?.kind !== 'object') return fail(`${NOT_AN_EXPORT}: it has no _metadata object.`);
  const field = (name: string) => scalarOf(document.child(meta, name));
  const version = field('version');
  if (typeof version !== 'string' || !version.startsWith('2.'))
    return fail(`${NOT_AN_EXPORT}: its format version is ${JSON.stringify(version ?? null)}, not 2.x.`);
  const mode = modeOf(field);
  if (mode === undefined) {
    const given = JSON.stringify(field('mode') ?? null);
    return fail(
      `${NOT_AN_EXPORT}: its mode is ${given}, not "complete" or "delta" (nor given by "complete" / "diff_mode").`,
    );
  }
  const sessionData = document.child(root, 'session_data');
  const symbols = sessionData?.kind === 'object' ? document.child(sessionData, 'symbols') : undefined;
  if (symbols?.kind !== 'object') return fail(`${NOT_AN_EXPORT}: it has no session_data.symbols.`);

  let streams = 0;
  let rows = 0;
  const countStreams = (data: Slot | undefined) => {
    if (data?.kind !== 'object') return;
    for (const block of data.slots) {
      const count = block.kind === 'object' ? scalarOf(document.child(block, 'count')) : undefined;
      if (typeof count !== 'number') continue;
      streams++;
      rows += count;
    }
  };
  for (const symbol of symbols.slots) {
    if (symbol.kind !== 'object') continue;
    for (const part of ['session', 'historical']) {
      const section = document.child(symbol, part);
      if (section?.kind === 'object') countStreams(document.child(section, 'data'));
    }
  }

  return {
    ok: true,
    value: {
      bytes: document.source.size,
      version,
      mode,
      generatedAt: text(field('generated_at')),
      consumer: text(field('consumer')),
      sequence: num(field('sequence')),
      sessionId: num(field('session_id')),
      marketTime: text(field('market_time')),
      symbols: symbols.keys.length,
      streams,
      rows,
      indexMs: Math.round(indexMs),
      root: await document.entries(root),
    },
  };
}

const isExportMode = (value: unknown): value is ExportMode =>
  typeof value === 'string' && (EXPORT_MODES as readonly string[]).includes(value);
