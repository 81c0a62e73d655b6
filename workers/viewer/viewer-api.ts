// The verbs the UI can call on the viewer worker, as plain data in and out. `viewer.worker.ts` exposes this
// object through Comlink; tests call it directly. Expected failures (a file that is not an export, a bad
// path, a closed id) come back as `{ ok: false, error }`; throws are bugs.

import type { Result } from '../common/result';
import { blobSource, gunzipBlob, isGzip } from './byte-source';
import { compareExports } from './compare';
import type { CompareLimits, CompareResult } from './compare-types';
import type { ExportDocument } from './export-document';
import { type OpenOptions, openExport } from './open-export';
import type {
  OpenedExport,
  OpenProgress,
  RawText,
  RowPage,
  RowQuery,
  RowViewPage,
  SearchResult,
  ValueText,
  ViewerEntry,
} from './types';

export type OpenProgressListener = (progress: OpenProgress) => void;

export interface ViewerApiOptions {
  /** Bytes read per slice while opening (tests make it small to see progress and cancelling). */
  sliceBytes?: number;
}

export function createViewerApi(options: ViewerApiOptions = {}) {
  const documents = new Map<string, ExportDocument>();
  let nextId = 1;
  // The opens and the comparisons in progress, by their caller's ticket. The viewer and Compare share this
  // worker, so cancelling stops one piece of work only, never another caller's.
  const opening = new Tickets();
  const comparing = new Tickets();

  const documentOf = (id: string): Result<ExportDocument> => {
    const document = documents.get(id);
    return document
      ? { ok: true, value: document }
      : { ok: false, error: `No open export has the id "${id}" (it was closed, or the viewer restarted).` };
  };

  const openBlob = async (
    blob: Blob,
    openOptions: OpenOptions,
    onProgress?: OpenProgressListener,
  ): Promise<Result<OpenedExport>> => {
    if (onProgress) openOptions.onProgress = onProgress;
    if (options.sliceBytes !== undefined) openOptions.sliceBytes = options.sliceBytes;
    let file = blob;
    if (await isGzip(blob)) {
      try {
        file = await gunzipBlob(blob);
      } catch {
        return { ok: false, error: 'The file is damaged: its gzip data cannot be unpacked.' };
      }
    }
    const opened = await openExport(blobSource(file), openOptions);
    if (!opened.ok) return opened;
    const id = `export-${nextId++}`;
    documents.set(id, opened.value.document);
    return { ok: true, value: { id, summary: opened.value.summary } };
  };

  return {
    /**
     * Reads and indexes an export. The Blob is read in slices; the worker keeps only the index. `ticket`, a
     * name unique among the caller's opens in progress, lets `cancelOpen(ticket)` stop this open.
     */
    async open(
      blob: Blob,
      onProgress?: OpenProgressListener,
      ticket?: string,
    ): Promise<Result<OpenedExport>> {
      if (!(blob instanceof Blob)) return { ok: false, error: 'The viewer opens a file (a Blob).' };
      return opening.run(ticket, (isCancelled) => openBlob(blob, { isCancelled }, onProgress));
    },

    /** Stops the open started with `ticket` (it answers that it was cancelled); others go on. */
    cancelOpen(ticket: string): void {
      opening.cancel(ticket);
    },

    async children(id: string, path: (string | number)[]): Promise<Result<ViewerEntry[]>> {
      const document = documentOf(id);
      return document.ok ? document.value.children(path) : document;
    },

    async rows(
      id: string,
      path: (string | number)[],
      offset: number,
      limit: number,
    ): Promise<Result<RowPage>> {
      const document = documentOf(id);
      return document.ok ? document.value.rows(path, offset, limit) : document;
    },

    /** Paths of the export whose key or value holds `query`, the first `limit` listed and all counted. */
    async search(id: string, query: string, limit?: number): Promise<Result<SearchResult>> {
      const document = documentOf(id);
      return document.ok ? document.value.search(query, limit) : document;
    },

    /** The JSON text of a node (copy value), cut at `limit` bytes (1 MB by default). */
    async valueText(id: string, path: (string | number)[], limit?: number): Promise<Result<ValueText>> {
      const document = documentOf(id);
      return document.ok ? document.value.valueText(path, limit) : document;
    },

    /**
     * What differs between two open exports, A and B (compare.ts, docs/compare.md). `ticket`, a name unique
     * among the caller's comparisons in progress, lets `cancelCompare(ticket)` stop this one.
     */
    async compare(
      idA: string,
      idB: string,
      limits?: Partial<CompareLimits>,
      ticket?: string,
    ): Promise<Result<CompareResult>> {
      const a = documentOf(idA);
      if (!a.ok) return a;
      const b = documentOf(idB);
      if (!b.ok) return b;
      return comparing.run(ticket, (isCancelled) => compareExports(a.value, b.value, limits, isCancelled));
    },

    /** Stops the comparison started with `ticket` (it answers that it was cancelled); others go on. */
    cancelCompare(ticket: string): void {
      comparing.cancel(ticket);
    },

    /** A page of an array's rows sorted and filtered over the whole array (a stream's rows table). */
    async rowView(
      id: string,
      path: (string | number)[],
      query: RowQuery,
      offset: number,
      limit: number,
    ): Promise<Result<RowViewPage>> {
      const document = documentOf(id);
      return document.ok ? document.value.rowView(path, query, offset, limit) : document;
    },

    /** A node's text re-indented (the raw view), cut at `limit` bytes (1 MB by default). */
    async rawText(id: string, path: (string | number)[], limit?: number): Promise<Result<RawText>> {
      const document = documentOf(id);
      return document.ok ? document.value.rawText(path, limit) : document;
    },

    /** Forgets an export's index (and lets go of its file). Closing an unknown id does nothing. */
    close(id: string): void {
      documents.delete(id);
    },
  };
}

export type ViewerApiObject = ReturnType<typeof createViewerApi>;

/** Work in progress by its caller's ticket, and whether each was cancelled. */
class Tickets {
  private readonly cancelled = new Map<string, boolean>();

  /**
   * Runs `work` under `ticket`: `cancel(ticket)` makes its `isCancelled` true until it ends. Without a
   * ticket the work cannot be cancelled.
   */
  async run<T>(ticket: string | undefined, work: (isCancelled: () => boolean) => Promise<T>): Promise<T> {
    if (ticket === undefined) return work(() => false);
    // Set before the first await: a cancel sent after the call always finds it.
    this.cancelled.set(ticket, false);
    try {
      return await work(() => this.cancelled.get(ticket) === true);
    } finally {
      this.cancelled.delete(ticket);
    }
  }

  /** Cancels the work under `ticket`, if any is still going. */
  cancel(ticket: string): void {
    if (this.cancelled.has(ticket)) this.cancelled.set(ticket, true);
  }
}
