// Reads an export file slice by slice into a structural index (never one string, never the whole document
// as values), then has it checked and summed up (summarize.ts). Reports progress after every slice and
// stops between slices when cancelled.

import type { Result } from '../common/result';
import type { ByteSource } from './byte-source';
import { ExportDocument } from './export-document';
import { JsonIndexer, type ObjectNode, type Slot } from './json-index';
import { NOT_AN_EXPORT, summarize } from './summarize';
import type { OpenProgress, ViewerSummary } from './types';

export const READ_SLICE_BYTES = 8 * 1024 * 1024;

export interface OpenOptions {
  sliceBytes?: number;
  onProgress?: (progress: OpenProgress) => void;
  /** Checked between slices: true stops the reading. */
  isCancelled?: () => boolean;
}

export const OPEN_CANCELLED = 'Opening the export was cancelled.';

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
