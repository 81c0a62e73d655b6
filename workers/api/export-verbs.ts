// Exports and the command console: exports run one at a time in slices (progress, cancel), get the
// contract's file names (never the same twice in a page's life), and leave as bytes ready to transfer.

import { executeCommandAsync } from '../commands/execute';
import { parseCommand } from '../commands/parse';
import type { Result } from '../common/result';
import type { ExportMetadata, ExportProgress, ExportRequest, ExportResult } from '../export/contract';
import { checkGivenFileName, exportFileName, uniqueFileName } from '../export/contract';
import { EXCLUDABLE_SECTIONS } from '../export/exclusions';
import { streamSpecs } from '../export/streams';
import type { EngineHost } from './engine-host';

/** What the UI asks for; like the command's options. */
export interface ExportOptions extends Omit<ExportRequest, 'record' | 'exclude'> {
  exclude?: string[];
  /** A file name given by the user; the contract's default name otherwise. */
  fileName?: string;
}

/** An export as it crosses to the UI: the bytes (buffers transferred, not copied) and what it is. */
export interface ExportPayload {
  fileName: string;
  parts: Uint8Array[];
  bytes: number;
  lines: number;
  rows: number;
  durationMs: number;
  metadata: ExportMetadata;
}

export interface CommandReply {
  ok: boolean;
  message: string;
  export?: ExportPayload;
}

export type ProgressListener = (progress: ExportProgress) => void;

function payloadOf(fileName: string, result: ExportResult): ExportPayload {
  return {
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

/**
 * One export at a time, in the order asked, so that each consumer's sequence and cursor follow the order
 * of requests: the user's exports, the console's and the live feed's all go through this queue.
 */
export function createExportQueue(host: EngineHost) {
  let queue: Promise<unknown> = Promise.resolve();
  /** The cancel flags of the user's exports queued or running: Cancel stops each of them. */
  const cancellable = new Set<{ cancelled: boolean }>();
  const run: RunExport = (request, options = {}) => {
    const { onProgress, skipIf } = options;
    // The engine the request was made of: an export queued before a new configuration is still the old
    // engine's, and never moves a cursor of the new one.
    const { exporter } = host.runtime;
    const token = { cancelled: false };
    if (options.cancellable !== false) cancellable.add(token);
    const next = queue
      .then(async (): Promise<Result<ExportResult>> => {
        if (skipIf?.()) return { ok: false, error: EXPORT_SKIPPED };
        return exporter.exportInSlices(request, {
          isCancelled: () => token.cancelled,
          ...(onProgress ? { onProgress } : {}),
        });
      })
      .finally(() => cancellable.delete(token));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    run,
    /** Stops the user's exports in progress or waiting, if any; they then change nothing. */
    cancel(): void {
      for (const token of cancellable) token.cancelled = true;
    },
  };
}

export function createExportVerbs(host: EngineHost, exports: ReturnType<typeof createExportQueue>) {
  // File names handed out in this page's life: two exports never get the same name.
  const issued = new Set<string>();
  const takeFileName = (name: string) => {
    const unique = uniqueFileName(name, (n) => issued.has(n));
    issued.add(unique);
    return unique;
  };
  const runExport = (request: ExportRequest, onProgress?: ProgressListener) =>
    exports.run(request, onProgress ? { onProgress } : {});

  return {
    /** Streams and sections an export may leave out (for the export panel's checkboxes). */
    excludable: (): string[] => [
      ...streamSpecs(host.runtime.backtest.config).map((s) => s.name),
      ...EXCLUDABLE_SECTIONS,
    ],

    async exportStatus(
      options: ExportOptions,
      onProgress?: ProgressListener,
    ): Promise<Result<ExportPayload>> {
      // A bad name is refused before the export runs, so the cursor does not move. The panel's name field
      // left blank (or only spaces) means the default name.
      const typed = options.fileName?.trim();
      const given = checkGivenFileName(typed === '' ? undefined : typed);
      if (!given.ok) return given;
      const { fileName: _name, ...request } = options;
      const result = await runExport(request, onProgress);
      if (!result.ok) return result;
      const sessionName = host.runtime.snapshot().sessionName;
      const fileName = takeFileName(exportFileName(given.value, sessionName, result.value.metadata));
      return { ok: true, value: payloadOf(fileName, result.value) };
    },

    /** Stops the export in progress, if any; it then changes nothing. */
    cancelExport: (): void => exports.cancel(),

    resetIndices: (consumer?: string) => host.runtime.resetIndices(consumer),

    /** One line of the command language, as typed in the console. */
    async runCommand(line: string, onProgress?: ProgressListener): Promise<CommandReply> {
      const parsed = parseCommand(line);
      if (!parsed.ok) return { ok: false, message: parsed.error };
      const outcome = await executeCommandAsync(host.runtime, parsed.value, {
        takeFileName,
        runExport: (request) => runExport(request, onProgress),
      });
      if (!outcome.ok) return { ok: false, message: outcome.message };
      const reply: CommandReply = { ok: true, message: outcome.message };
      if ('export' in outcome && outcome.export)
        reply.export = payloadOf(outcome.export.fileName, outcome.export.result);
      return reply;
    },
  };
}
