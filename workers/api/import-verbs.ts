// Bringing one's own bars: a file is read and checked first (nothing changes), then its good rows are
// kept or the import is cancelled. Kept imports are remembered so that a new configuration keeps them.

import type { Result } from '../common/result';
import { type ImportOptions, type ImportOutcome, type ImportReport, importCsv } from '../import/csv-import';
import { type FileColumns, isParquetFile, readFileColumns } from '../import/file-columns';
import type { BarField } from '../import/header';
import { importParquet } from '../import/parquet-import';
import type { EngineHost } from './engine-host';
import type { Runtime } from './runtime';

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

export function createImportVerbs(host: EngineHost) {
  // Imports read and checked, waiting for the user's choice (keep the good rows, or cancel).
  const pendingImports = new Map<number, { fileName: string; outcome: ImportOutcome }>();
  let nextImportId = 1;
  let importCancelRequested = false;
  // The bars imported per symbol, to carry them over to a runtime built for a new configuration.
  const importedBars = new Map<string, ImportOutcome['bars']>();

  /** Gives a fresh runtime the imports of the symbols it still has; forgets the others. */
  const carryOver = (runtime: Runtime): void => {
    for (const [symbol, bars] of importedBars) {
      if (runtime.backtest.config.symbols.includes(symbol)) runtime.replayImportedBars(bars);
      else importedBars.delete(symbol);
    }
  };

  const verbs = {
    /**
     * Reads and checks one-minute bars for a symbol (CSV read slice by slice, or Parquet). Changes nothing
     * yet: the answer lists the bad rows, and `commitImport` or `cancelImport` decides.
     */
    async importBars(
      file: Blob,
      request: ImportRequest,
      onProgress?: (fraction: number) => void,
    ): Promise<Result<PendingImport>> {
      const symbols = host.runtime.backtest.config.symbols;
      if (!symbols.includes(request.symbol)) {
        return {
          ok: false,
          error: `${request.symbol} is not a symbol of this session (symbols: ${symbols.join(', ')})`,
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
      const applied = host.runtime.replayImportedBars(pending.outcome.bars);
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

    importedSymbols: () => host.runtime.importedSymbols(),

    dropImportedBars(symbol: string): Result<string> {
      importedBars.delete(symbol);
      return host.runtime.dropImportedBars(symbol);
    },
  };
  return { verbs, carryOver };
}
