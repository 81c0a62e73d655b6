// The verbs the UI can call on the engine, as plain data in and out. `engine.worker.ts` exposes this
// object through Comlink and marks export bytes for transfer; tests call it directly.

import { executeCommandAsync } from '../commands/execute';
import { parseCommand } from '../commands/parse';
import { defaultSessionConfig, parseSessionConfigText } from '../engine/config';
import { createRuntime, type Runtime, type RuntimeOptions } from '../engine/runtime';
import type { EngineSnapshot, Result } from '../engine/types';
import type { ExportMetadata, ExportProgress, ExportRequest, ExportResult } from '../export/exporter';
import { checkFileName, defaultFileName, uniqueFileName } from '../export/file-names';
import { type ImportOptions, type ImportOutcome, type ImportReport, importCsv } from '../import/csv-import';
import { type FileColumns, isParquetFile, readFileColumns } from '../import/file-columns';
import type { BarField } from '../import/header';
import { importParquet } from '../import/parquet-import';

/** What the UI asks for; like the command's options. */
export interface ExportOptions {
  complete: boolean;
  consumer?: string;
  since?: number;
  exclude?: string[];
  layout?: 'pretty' | 'compact';
  /** A file name given by the user; the contract's default name otherwise. */
  fileName?: string;
  /**
   * For an export the UI consumes itself (its live mirror): no file name is given out (`fileName` is
   * empty), so these frequent exports never push a `_2` suffix onto the names of the user's files, and
   * they are not counted in `performance_metrics`, whose figures describe the exports people take.
   */
  internal?: boolean;
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

export interface ImportRequest {
  symbol: string;
  /** The file's name: `.parquet` is read as Parquet, anything else as CSV. */
  fileName: string;
  mapping?: Partial<Record<BarField, string>>;
}

/** An import read and checked but not applied: the user keeps its good rows or cancels it. */
export interface PendingImport {
  id: number;
  fileName: string;
  report: ImportReport;
}

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

export interface StartProgress {
  /** Symbols whose history is loaded. */
  symbolsDone: number;
  symbolsTotal: number;
}

export interface ConfigView {
  /** The configuration in force, as JSON text in the original form. */
  text: string;
  sessionName: string;
  /** Sections kept but not used (indicators, gap filler, ...), as dotted paths. */
  ignored: string[];
}

/**
 * `runtime` is the engine at start-up; `make` builds a fresh one for a new configuration (the worker and
 * tests pass `createRuntime`). Imports of symbols the new configuration still has are carried over.
 */
export function createEngineApi(
  runtime: Runtime,
  make: (options: RuntimeOptions) => Runtime = createRuntime,
) {
  // File names handed out in this page's life: two exports never get the same name.
  const issued = new Set<string>();
  const takeFileName = (name: string) => {
    const unique = uniqueFileName(name, (n) => issued.has(n));
    issued.add(unique);
    return unique;
  };
  // One export at a time, so that each consumer's sequence and cursor follow the order of requests.
  let queue: Promise<unknown> = Promise.resolve();
  let cancelRequested = false;

  const runExport = (
    request: ExportRequest,
    onProgress?: ProgressListener,
  ): Promise<Result<ExportResult>> => {
    const run = queue.then(() => {
      cancelRequested = false;
      return runtime.exporter.exportInSlices(request, {
        isCancelled: () => cancelRequested,
        ...(onProgress ? { onProgress } : {}),
      });
    });
    queue = run.catch(() => undefined);
    return run;
  };

  // Imports read and checked, waiting for the user's choice (keep the good rows, or cancel).
  const pendingImports = new Map<number, { fileName: string; outcome: ImportOutcome }>();
  let nextImportId = 1;
  let importCancelRequested = false;
  let startCancelRequested = false;

  // The bars imported per symbol, to carry them over to a runtime built for a new configuration.
  const importedBars = new Map<string, ImportOutcome['bars']>();

  const configView = (): ConfigView => ({
    text: `${JSON.stringify(runtime.backtest.config.raw, null, 2)}\n`,
    sessionName: runtime.backtest.config.sessionName,
    ignored: [...runtime.backtest.config.ignored],
  });

  return {
    snapshot: (): EngineSnapshot => runtime.snapshot(),

    configuration: (): ConfigView => configView(),

    /** The built-in default configuration, as JSON text. */
    defaultConfigText: (): string => `${JSON.stringify(defaultSessionConfig().raw, null, 2)}\n`,

    /** Checks a configuration as the user types: the ignored sections, or the one-line problem. */
    checkConfig(text: string): Result<{ ignored: string[]; sessionName: string }> {
      const parsed = parseSessionConfigText(text);
      return parsed.ok
        ? { ok: true, value: { ignored: parsed.value.ignored, sessionName: parsed.value.sessionName } }
        : parsed;
    },

    /** Puts a configuration in force: a fresh engine (stopped) with it. Refused while a session runs. */
    applyConfig(text: string): Result<ConfigView> {
      const state = runtime.backtest.state;
      if (state === 'RUNNING' || state === 'PAUSED') {
        return { ok: false, error: `the session is ${state}; stop it before changing the configuration` };
      }
      const parsed = parseSessionConfigText(text);
      if (!parsed.ok) return parsed;
      runtime.stop();
      runtime = make({ config: JSON.parse(text) as unknown });
      for (const [symbol, bars] of importedBars) {
        if (parsed.value.symbols.includes(symbol)) runtime.replayImportedBars(bars);
        else importedBars.delete(symbol);
      }
      return { ok: true, value: configView() };
    },

    /**
     * Reads and checks one-minute bars for a symbol (CSV streamed with Papaparse, or Parquet). Changes
     * nothing yet: the answer lists the bad rows, and `commitImport` or `cancelImport` decides.
     */
    async importBars(
      file: Blob,
      request: ImportRequest,
      onProgress?: (fraction: number) => void,
    ): Promise<Result<PendingImport>> {
      if (!runtime.backtest.config.symbols.includes(request.symbol)) {
        return {
          ok: false,
          error: `${request.symbol} is not a symbol of this session (symbols: ${runtime.backtest.config.symbols.join(', ')})`,
        };
      }
      importCancelRequested = false;
      const options: ImportOptions = { isCancelled: () => importCancelRequested };
      if (request.mapping) options.mapping = request.mapping;
      if (onProgress) options.onProgress = onProgress;
      const result = (await isParquetFile(file, request.fileName))
        ? await importParquet(file, request.symbol, options)
        : await importCsv(file, request.symbol, options);
      if (!result.ok) return { ok: false, error: `${request.fileName}: ${result.error}` };
      const id = nextImportId++;
      pendingImports.set(id, { fileName: request.fileName, outcome: result.value });
      return { ok: true, value: { id, fileName: request.fileName, report: result.value.report } };
    },

    /** A file's header and the columns the usual names recognize, for a manual mapping. Reads no rows. */
    importColumns: (file: Blob, fileName: string): Promise<Result<FileColumns>> =>
      readFileColumns(file, fileName),

    /** Stops the import being read; it then changes nothing. */
    cancelImportInProgress(): void {
      importCancelRequested = true;
    },

    /** Keeps the good rows of a checked import: its symbol replays them (from the next start). */
    commitImport(id: number): Result<string> {
      const pending = pendingImports.get(id);
      if (!pending) return { ok: false, error: `import ${id} is not waiting for a decision` };
      if (pending.outcome.report.barsKept === 0) {
        pendingImports.delete(id);
        return { ok: false, error: `${pending.fileName}: no good rows to keep; nothing changed` };
      }
      const applied = runtime.replayImportedBars(pending.outcome.bars);
      if (applied.ok) {
        pendingImports.delete(id);
        importedBars.set(pending.outcome.bars.symbol, pending.outcome.bars);
      }
      return applied;
    },

    /** Drops a checked import: nothing changes. */
    cancelImport(id: number): Result<string> {
      const pending = pendingImports.get(id);
      if (!pending) return { ok: false, error: `import ${id} is not waiting for a decision` };
      pendingImports.delete(id);
      return { ok: true, value: `${pending.fileName}: import cancelled; nothing changed` };
    },

    importedSymbols: () => runtime.importedSymbols(),
    dropImportedBars(symbol: string): Result<string> {
      importedBars.delete(symbol);
      return runtime.dropImportedBars(symbol);
    },
    /**
     * `system start`, loading each symbol's history first in slices: the worker stays responsive, progress
     * is reported, and `cancelStart` stops the loading, leaving everything as it was.
     */
    async start(onProgress?: (progress: StartProgress) => void): Promise<Result<EngineSnapshot>> {
      const backtest = runtime.backtest;
      if (backtest.state === 'RUNNING' || backtest.state === 'PAUSED' || backtest.tradingDays.length === 0) {
        return runtime.start(); // refused with the engine's own message
      }
      startCancelRequested = false;
      const symbols = backtest.config.symbols;
      let sliceStart = performance.now();
      for (const [i, symbol] of symbols.entries()) {
        backtest.preloadHistory(symbol);
        onProgress?.({ symbolsDone: i + 1, symbolsTotal: symbols.length });
        if (performance.now() - sliceStart >= 12) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          sliceStart = performance.now();
        }
        if (startCancelRequested || runtime.backtest !== backtest) {
          backtest.clearPreloadedHistory();
          return { ok: false, error: 'system start: cancelled while loading history; nothing changed' };
        }
      }
      return runtime.start();
    },

    /** Stops a `start` that is still loading history. */
    cancelStart(): void {
      startCancelRequested = true;
    },
    pause: () => runtime.pause(),
    resume: () => runtime.resume(),
    stop: () => runtime.stop(),
    step: (minutes?: number) => runtime.step(minutes),
    setSpeed: (multiplier: number) => runtime.setSpeed(multiplier),

    /** Streams and sections an export may leave out (for the export panel's checkboxes). */
    excludable(): string[] {
      const c = runtime.backtest.config;
      const streams = [
        c.baseInterval,
        ...c.derivedIntervals,
        ...(c.ticks ? ['ticks'] : []),
        ...(c.quotes ? ['quotes'] : []),
      ];
      return [
        ...streams,
        'historical',
        'system_manager',
        'time_manager',
        'performance_metrics',
        'threads',
        'session_config',
      ];
    },

    async exportStatus(
      options: ExportOptions,
      onProgress?: ProgressListener,
    ): Promise<Result<ExportPayload>> {
      // A bad name is refused before the export runs, so the cursor does not move.
      let given: string | undefined;
      if (options.fileName !== undefined && options.fileName.trim() !== '') {
        const checked = checkFileName(options.fileName.trim());
        if (!checked.ok) return checked;
        given = checked.value;
      }
      const { fileName: _name, internal, ...rest } = options;
      const request: ExportRequest = { ...rest, ...(internal ? { record: false } : {}) };
      const result = await runExport(request, onProgress);
      if (!result.ok) return result;
      if (internal) return { ok: true, value: payloadOf('', result.value) };
      const m = result.value.metadata;
      const fileName = takeFileName(
        given ?? defaultFileName(runtime.snapshot().sessionName, m.mode, m.fileTimestamp),
      );
      return { ok: true, value: payloadOf(fileName, result.value) };
    },

    /** Stops the export in progress, if any; it then changes nothing. */
    cancelExport(): void {
      cancelRequested = true;
    },

    resetIndices: (consumer?: string) => runtime.resetIndices(consumer),

    /** One line of the command language, as typed in the console. */
    async runCommand(line: string, onProgress?: ProgressListener): Promise<CommandReply> {
      const parsed = parseCommand(line);
      if (!parsed.ok) return { ok: false, message: parsed.error };
      const outcome = await executeCommandAsync(runtime, parsed.value, {
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

export type EngineApiObject = ReturnType<typeof createEngineApi>;
