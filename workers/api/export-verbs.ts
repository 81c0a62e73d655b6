// Exports and the command console: exports run one at a time in slices (progress, cancel), get the
// contract's file names (never the same twice in a page's life), and leave as bytes ready to transfer.
//
// An export the page asked for counts only once the page has its bytes (invariant 4): it leaves with a
// receipt, the page confirms it on arrival (`confirmExport`), and only then does the consumer's cursor move.
// Until then the queue holds: the next export must start from where this one leaves the cursor, or from
// where it was if this one is never confirmed (the page went away, the transfer failed).

import { executeCommandAsync } from '../commands/execute';
import { parseCommand } from '../commands/parse';
import type { Result } from '../common/result';
import { recycleChunks } from '../export/byte-sink';
import type {
  ExportMetadata,
  ExportProgress,
  ExportRequest,
  ExportResult,
  PendingExport,
} from '../export/contract';
import { checkGivenFileName, exportFileName, uniqueFileName } from '../export/contract';
import { EXCLUDABLE_SECTIONS } from '../export/exclusions';
import { EXPORT_CANCELLED, fileTimestamp } from '../export/exporter';
import { type ChunkWriter, StreamTarget } from '../export/stream-target';
import { streamSpecs } from '../export/streams';
import {
  type DemoPayload,
  type DemoProgressListener,
  type DemoVerbs,
  payloadOf as demoPayloadOf,
} from './demo-verbs';
import type { EngineHost } from './engine-host';
import type { Runtime } from './runtime';

/** What the UI asks for; like the command's options. */
export interface ExportOptions extends Omit<ExportRequest, 'record' | 'exclude'> {
  exclude?: string[];
  /** A file name given by the user; the contract's default name otherwise. */
  fileName?: string;
}

/** An export as it crosses to the UI: the bytes (buffers transferred, not copied) and what it is. */
export interface ExportPayload {
  /** What the page gives back to `confirmExport` once it holds the bytes: only then does the export count. */
  receipt: number;
  fileName: string;
  parts: Uint8Array[];
  bytes: number;
  lines: number;
  rows: number;
  durationMs: number;
  metadata: ExportMetadata;
}

/** An export saved as it was made (to a file, or to the page chunk by chunk): what it is, without its bytes. */
export interface SavedExport {
  fileName: string;
  bytes: number;
  lines: number;
  rows: number;
  durationMs: number;
  metadata: ExportMetadata;
}

/**
 * The part of a `FileSystemFileHandle` (from the page's `showSaveFilePicker`, or the origin private file
 * system) the engine writes through: it arrives here structured-cloned, and the worker writes the file itself.
 */
export interface WritableFileHandle {
  readonly name: string;
  createWritable(): Promise<ChunkWriter>;
}

/** Takes each chunk of a streamed export as it is made; it may keep the chunk (its buffer is transferred). */
export type ChunkListener = (chunk: Uint8Array) => Promise<void> | void;

export interface CommandReply {
  ok: boolean;
  message: string;
  export?: ExportPayload;
  /** The demo `system save-demo` made, for the page to download. */
  demo?: DemoPayload;
}

export type ProgressListener = (progress: ExportProgress) => void;

function payloadOf(receipt: number, fileName: string, result: ExportResult): ExportPayload {
  return {
    receipt,
    fileName,
    parts: result.chunks,
    bytes: result.bytes,
    lines: result.lines,
    rows: result.rows,
    durationMs: result.durationMs,
    metadata: result.metadata,
  };
}

export interface RunOptions {
  onProgress?: ProgressListener;
  /** False for the live feed's exports: Cancel is the user's, for the exports the user asked for. */
  cancellable?: boolean;
  /** Checked when the export's turn comes: true drops it unmade (the live feed moved on meanwhile). */
  skipIf?: () => boolean;
}

export type RunExport = (request: ExportRequest, options?: RunOptions) => Promise<Result<ExportResult>>;

/** What a skipped export answers. */
export const EXPORT_SKIPPED = 'export skipped: no longer wanted';

/** How long an export waits for the page to confirm it before it is dropped, uncounted (by default). */
export const CONFIRM_WITHIN_MS = 30_000;

export interface ExportQueueOptions {
  /** How long a held export waits for the page's confirmation (tests shorten it). */
  confirmWithinMs?: number;
}

/** An export produced and not yet counted, holding the queue until it is settled. */
export interface HeldExport {
  pending: PendingExport;
  /** Lets the queue go on; the export is then counted only if it was committed before. */
  release(): void;
}

/**
 * One export at a time, in the order asked, so that each consumer's sequence and cursor follow the order
 * of requests: the user's exports, the console's and the live feed's all go through this queue.
 */
export function createExportQueue(host: EngineHost, queueOptions: ExportQueueOptions = {}) {
  const confirmWithinMs = queueOptions.confirmWithinMs ?? CONFIRM_WITHIN_MS;
  let queue: Promise<unknown> = Promise.resolve();
  /** The cancel flags of the user's exports queued or running: Cancel stops each of them. */
  const cancellable = new Set<{ cancelled: boolean }>();

  /** Queues `work` with the engine the request was made of, and a cancel flag. */
  function enqueue<T>(
    options: RunOptions,
    work: (exporter: Runtime['exporter'], token: { cancelled: boolean }) => Promise<Result<T>>,
    hold: (value: T) => Promise<void> = () => Promise.resolve(),
  ): Promise<Result<T>> {
    const { skipIf } = options;
    // An export queued before a new configuration is still the old engine's, and never moves a cursor of
    // the new one.
    const { exporter } = host.runtime;
    const token = { cancelled: false };
    if (options.cancellable !== false) cancellable.add(token);
    const next = queue
      .then(async (): Promise<Result<T>> => {
        if (skipIf?.()) return { ok: false, error: EXPORT_SKIPPED };
        return work(exporter, token);
      })
      .finally(() => cancellable.delete(token));
    // The queue goes on when the export is done, or, for a held one, when it is settled.
    queue = next.then((result) => (result.ok ? hold(result.value) : undefined)).catch(() => undefined);
    return next;
  }

  const sliceOptions = (token: { cancelled: boolean }, onProgress?: ProgressListener) => ({
    isCancelled: () => token.cancelled,
    ...(onProgress ? { onProgress } : {}),
  });

  /** Produces and counts an export (the live feed's: posting it to the mirror is handing it over). */
  const run: RunExport = (request, options = {}) =>
    enqueue(options, (exporter, token) =>
      exporter.exportInSlices(request, sliceOptions(token, options.onProgress)),
    );

  /**
   * Produces an export without counting it, and holds the queue until `release` (or `CONFIRM_WITHIN_MS`,
   * after which it is dropped uncounted).
   */
  const runHeld = (request: ExportRequest, options: RunOptions = {}): Promise<Result<HeldExport>> => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    return enqueue(
      options,
      async (exporter, token) => {
        const pending = await exporter.prepareInSlices(request, sliceOptions(token, options.onProgress));
        return pending.ok ? { ok: true, value: { pending: pending.value, release } } : pending;
      },
      () => {
        const timer = setTimeout(release, confirmWithinMs);
        return released.finally(() => clearTimeout(timer));
      },
    );
  };

  /**
   * Produces an export into `target` as it is made, closes the target, and only then counts it: a cancel,
   * a refusal or a writer that fails aborts the target (a partial file is discarded) and counts nothing.
   */
  const runStreamed = (
    request: ExportRequest,
    target: StreamTarget,
    options: RunOptions = {},
  ): Promise<Result<ExportResult>> =>
    enqueue(options, async (exporter, token) => {
      const onProgress = options.onProgress;
      let last: ExportProgress | null = null;
      const report = (progress: ExportProgress) => {
        last = progress;
        onProgress?.({ ...progress, written: target.written });
      };
      const slices = { ...sliceOptions(token, report), drain: () => target.drain() };
      let pending: Result<PendingExport>;
      try {
        pending = await exporter.prepareInSlices({ ...request, target }, slices);
      } catch (error) {
        // The writer's failure stops the export at its next chunk: a refusal. Anything else thrown is a bug
        // of the export's own, which goes on up as it does for every other export (the file is dropped).
        if (!target.failed) {
          await target.abort('the export failed');
          throw error;
        }
        const reason = writeFailure(error);
        await target.abort(reason);
        return { ok: false, error: reason };
      }
      if (!pending.ok) {
        await target.abort(pending.error);
        return pending;
      }
      try {
        // Every write is waited for before the file is closed, and a Cancel pressed meanwhile (a slow disk
        // can take long to catch up) still discards it: once `close` begins, the file is the user's.
        await target.flush();
        if (token.cancelled) {
          await target.abort(EXPORT_CANCELLED);
          return { ok: false, error: EXPORT_CANCELLED };
        }
        await target.close();
      } catch (error) {
        const reason = writeFailure(error);
        await target.abort(reason);
        return { ok: false, error: reason };
      }
      // Every byte is where it goes: say so before the export counts.
      const { bytes } = pending.value.result;
      const done = last as ExportProgress | null;
      onProgress?.({
        symbolsDone: done?.symbolsDone ?? 0,
        symbolsTotal: done?.symbolsTotal ?? 0,
        bytes,
        written: target.written,
      });
      return pending.value.commit();
    });

  return {
    run,
    runHeld,
    runStreamed,
    confirmWithinMs,
    /** Stops the user's exports in progress or waiting, if any; they then change nothing. */
    cancel(): void {
      for (const token of cancellable) token.cancelled = true;
    },
  };
}

function savedOf(fileName: string, result: ExportResult): SavedExport {
  const { bytes, lines, rows, durationMs, metadata } = result;
  return { fileName, bytes, lines, rows, durationMs, metadata };
}

const errorDetail = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

function writeFailure(error: unknown): string {
  return `system export-status: the export could not be written (${errorDetail(error)}); nothing was counted`;
}

/**
 * The file name the user gave in the options, checked: undefined for the contract's default (the panel's
 * name field left blank, or only spaces). Refused before an export runs, so that no cursor moves.
 */
function givenFileName(options: ExportOptions): Result<string | undefined> {
  const typed = options.fileName?.trim();
  return checkGivenFileName(typed === '' ? undefined : typed);
}

/** Names handed out in this page's life (exports and demos): two files never get the same name. */
export function createFileNames(): (name: string) => string {
  const issued = new Set<string>();
  return (name) => {
    const unique = uniqueFileName(name, (n) => issued.has(n));
    issued.add(unique);
    return unique;
  };
}

export function createExportVerbs(
  host: EngineHost,
  exports: ReturnType<typeof createExportQueue>,
  demos: DemoVerbs,
  takeFileName: (name: string) => string,
) {
  // Exports handed to the page and not yet confirmed, by receipt.
  const held = new Map<number, HeldExport>();
  let lastReceipt = 0;
  /** Keeps a held export until the page confirms it, or until it is dropped; its receipt. */
  const keep = (export_: HeldExport): number => {
    const receipt = ++lastReceipt;
    const drop = setTimeout(() => {
      held.delete(receipt);
      export_.release();
    }, exports.confirmWithinMs);
    held.set(receipt, {
      pending: export_.pending,
      release: () => {
        clearTimeout(drop);
        export_.release();
      },
    });
    return receipt;
  };
  const runHeld = (request: ExportRequest, onProgress?: ProgressListener) =>
    exports.runHeld(request, onProgress ? { onProgress } : {});

  return {
    /** Streams and sections an export may leave out (for the export panel's checkboxes). */
    excludable: (): string[] => [
      ...streamSpecs(host.runtime.backtest.config).map((s) => s.name),
      ...EXCLUDABLE_SECTIONS,
    ],

    /** An export for the page: it counts once the page confirms it has the bytes (`confirmExport`). */
    async exportStatus(
      options: ExportOptions,
      onProgress?: ProgressListener,
    ): Promise<Result<ExportPayload>> {
      const given = givenFileName(options);
      if (!given.ok) return given;
      const { fileName: _name, ...request } = options;
      const made = await runHeld(request, onProgress);
      if (!made.ok) return made;
      const { result } = made.value.pending;
      const sessionName = host.runtime.snapshot().sessionName;
      const fileName = takeFileName(exportFileName(given.value, sessionName, result.metadata));
      return { ok: true, value: payloadOf(keep(made.value), fileName, result) };
    },

    /**
     * The name an export with these options would get if made now (the user's, or the contract's default):
     * what the page suggests in the save dialog, before the export runs.
     */
    suggestedExportName(options: ExportOptions): Result<string> {
      const given = givenFileName(options);
      if (!given.ok) return given;
      const mode = options.complete ? 'complete' : 'delta';
      const sessionName = host.runtime.snapshot().sessionName;
      return {
        ok: true,
        value: exportFileName(given.value, sessionName, { mode, fileTimestamp: fileTimestamp(Date.now()) }),
      };
    },

    /**
     * Writes an export straight into the file the user chose, chunk by chunk as it is made (the page never
     * holds it). It counts once the file is closed; a cancel or a failure aborts the file (nothing of it
     * is kept) and counts nothing.
     */
    async saveExportToFile(
      file: WritableFileHandle,
      options: ExportOptions,
      onProgress?: ProgressListener,
    ): Promise<Result<SavedExport>> {
      const { fileName: _name, ...request } = options;
      let writer: ChunkWriter;
      try {
        writer = await file.createWritable();
      } catch (error) {
        return {
          ok: false,
          error: `could not open ${file.name} for writing (${errorDetail(error)}); nothing was exported`,
        };
      }
      const made = await exports.runStreamed(
        request,
        new StreamTarget(writer),
        onProgress ? { onProgress } : {},
      );
      return made.ok ? { ok: true, value: savedOf(file.name, made.value) } : made;
    },

    /**
     * Sends an export to the page chunk by chunk as it is made (the page builds a Blob of them where it
     * cannot write a file itself). It counts once the page has taken every chunk.
     */
    async streamExport(
      options: ExportOptions,
      onChunk: ChunkListener,
      onProgress?: ProgressListener,
    ): Promise<Result<SavedExport>> {
      const given = givenFileName(options);
      if (!given.ok) return given;
      const { fileName: _name, ...request } = options;
      const writer: ChunkWriter = {
        write: async (chunk) => onChunk(chunk),
        close: async () => {},
        abort: async () => {},
      };
      const made = await exports.runStreamed(
        request,
        new StreamTarget(writer),
        onProgress ? { onProgress } : {},
      );
      if (!made.ok) return made;
      const sessionName = host.runtime.snapshot().sessionName;
      const fileName = takeFileName(exportFileName(given.value, sessionName, made.value.metadata));
      return { ok: true, value: savedOf(fileName, made.value) };
    },

    /**
     * The page has the bytes of the export with this receipt: it counts now (the consumer's cursor and
     * sequence move). Refused when it was dropped meanwhile (not confirmed in time), or the consumer moved.
     */
    confirmExport(receipt: number): Result<ExportMetadata> {
      const export_ = held.get(receipt);
      if (export_ === undefined) {
        return {
          ok: false,
          error: `export receipt ${receipt} is unknown or was not confirmed within ${exports.confirmWithinMs / 1000} s; that export was not counted (take it again)`,
        };
      }
      held.delete(receipt);
      const committed = export_.pending.commit();
      export_.release();
      return committed.ok ? { ok: true, value: committed.value.metadata } : committed;
    },

    /**
     * The page copied an export's chunks into a Blob and sends their buffers back (transferred): the next
     * exports write into them instead of fresh memory, which the browser maps and zeroes page by page.
     */
    recycleExportChunks(buffers: ArrayBuffer[]): void {
      recycleChunks(buffers);
    },

    /** Stops the export in progress, if any; it then changes nothing. */
    cancelExport: (): void => exports.cancel(),

    resetIndices: (consumer?: string) => host.runtime.resetIndices(consumer),

    /**
     * One line of the command language, as typed in the console; an export in it counts once confirmed, and
     * a demo it makes comes back for the page to download.
     */
    async runCommand(
      line: string,
      onProgress?: ProgressListener,
      onDemoProgress?: DemoProgressListener,
    ): Promise<CommandReply> {
      const parsed = parseCommand(line);
      if (!parsed.ok) return { ok: false, message: parsed.error };
      let made: HeldExport | null = null;
      let demo: DemoPayload | undefined;
      const outcome = await executeCommandAsync(host.runtime, parsed.value, {
        saveDemo: async (request) => {
          const result = await demos.make(request, onDemoProgress);
          if (!result.ok) return result;
          demo = demoPayloadOf(result.value);
          const { summary } = result.value;
          return { ok: true, value: { summary, where: summary.fileName, verb: 'made' } };
        },
        takeFileName,
        runExport: async (request) => {
          const result = await runHeld(request, onProgress);
          if (!result.ok) return result;
          made = result.value;
          return { ok: true, value: result.value.pending.result };
        },
      });
      const export_ = made as HeldExport | null;
      if (!outcome.ok) {
        export_?.release();
        return { ok: false, message: outcome.message };
      }
      const reply: CommandReply = { ok: true, message: outcome.message };
      if (demo !== undefined) reply.demo = demo;
      if ('export' in outcome && outcome.export && export_ !== null)
        reply.export = payloadOf(keep(export_), outcome.export.fileName, outcome.export.result);
      else export_?.release();
      return reply;
    },
  };
}
