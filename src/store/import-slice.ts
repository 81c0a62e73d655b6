// The import slice: bring one-minute bars for a symbol from a CSV or Parquet file. The engine reads and
// checks the file without changing anything (`importBars`, with progress and Stop); the user then keeps the
// good rows (`commitImport`: the symbol replays them from the next start, without ticks and quotes) or
// cancels (`cancelImport`: nothing changes). A data set kept is also stored in the browser, so that a reload
// imports it again.
import type { StateCreator } from 'zustand';
import type { ImportReport } from '../../workers/import/csv-import';
import type { EngineClient } from '../engine-client';
import type { AppStorage, StoredImport } from '../persistence/storage';
import type { ImportedDataSet, ImportSlice, ImportState } from './import-types';
import { symbolFromFileName } from './symbol-from-file-name';
import type { AppState } from './types';

export interface ImportDeps {
  storage: AppStorage;
  now: () => number;
}

export const IMPORT_IDLE: ImportState = {
  phase: 'idle',
  file: null,
  fileName: '',
  symbol: '',
  mapping: {},
  columns: null,
  progress: null,
  pending: null,
  error: null,
  notice: null,
};

/** What a data set covers, from the engine's report. */
export function coverage(report: Pick<ImportReport, 'dates' | 'barsKept'>) {
  return {
    barsKept: report.barsKept,
    firstDate: report.dates[0] ?? null,
    lastDate: report.dates[report.dates.length - 1] ?? null,
    days: report.dates.length,
  };
}

/** The list of data sets with `set` in place of any older one of its symbol, sorted by symbol. */
export function withDataSet(sets: readonly ImportedDataSet[], set: ImportedDataSet): ImportedDataSet[] {
  return [...sets.filter((s) => s.symbol !== set.symbol), set].sort((a, b) =>
    a.symbol.localeCompare(b.symbol),
  );
}

/** What became of the data sets of symbols a new configuration does not have, in one sentence. */
function droppedNotice(dropped: readonly string[], waiting: readonly string[]): string {
  const gone = dropped.filter((s) => !waiting.includes(s));
  const parts: string[] = [];
  if (waiting.length > 0)
    parts.push(
      `${waiting.join(', ')}: not ${waiting.length === 1 ? 'a symbol' : 'symbols'} of this configuration; the imported bars stay kept in this browser and replay again once a configuration with ${waiting.length === 1 ? 'it' : 'them'} is applied`,
    );
  if (gone.length > 0)
    parts.push(
      `${gone.join(', ')}: imported bars dropped (not ${gone.length === 1 ? 'a symbol' : 'symbols'} of this configuration)`,
    );
  return `${parts.join('. ')}.`;
}

export const createImportSlice =
  (client: EngineClient, deps: ImportDeps): StateCreator<AppState, [], [], ImportSlice> =>
  (set, get) => {
    const patch = (p: Partial<ImportState>) => set((s) => ({ importing: { ...s.importing, ...p } }));
    /** Numbers the reads, so a late progress or answer of an abandoned read is ignored. */
    let reads = 0;

    const fail = (error: unknown) => {
      get().reportError(error);
      patch({ phase: 'idle', progress: null });
    };

    return {
      importing: IMPORT_IDLE,
      importedSets: [],

      async importChooseFile(file, fileName) {
        const { symbol, phase } = get().importing;
        if (phase === 'reading' || phase === 'committing') return;
        // A checked import not yet decided is dropped: choosing another file means not this one.
        if (phase === 'review') await get().importCancel();
        reads++;
        // The file's name may say whose bars these are (`rivn-1m.csv`): pre-filled, still the user's to
        // change; a name that names no symbol of the session leaves the choice as it was.
        const guessed = symbolFromFileName(fileName, get().snapshot?.symbols ?? []);
        set({ importing: { ...IMPORT_IDLE, file, fileName, symbol: guessed ?? symbol } });
        try {
          const columns = await client.call('importColumns', file, fileName);
          if (get().importing.file !== file) return;
          if (columns.ok) patch({ columns: columns.value });
          else patch({ error: columns.error });
        } catch (error) {
          fail(error);
        }
      },

      importSetSymbol(symbol) {
        if (get().importing.phase === 'idle') patch({ symbol, error: null });
      },

      importSetMapping(field, column) {
        const mapping = { ...get().importing.mapping };
        if (column === '') delete mapping[field];
        else mapping[field] = column;
        patch({ mapping, error: null });
      },

      async importRead() {
        const { file, fileName, symbol, mapping, phase } = get().importing;
        if (phase !== 'idle' || file === null) return;
        if (symbol === '') {
          patch({ error: 'Choose the symbol these bars are for.' });
          return;
        }
        const mine = ++reads;
        patch({ phase: 'reading', progress: 0, error: null, notice: null, pending: null });
        try {
          const request = { symbol, fileName, ...(Object.keys(mapping).length > 0 ? { mapping } : {}) };
          const result = await client.call('importBars', file, request, (fraction: number) => {
            if (mine === reads) patch({ progress: fraction });
          });
          if (mine !== reads) return;
          if (result.ok) patch({ phase: 'review', pending: result.value, progress: null });
          else if (/import cancelled/.test(result.error))
            patch({ phase: 'idle', progress: null, notice: 'Reading stopped; nothing changed.' });
          else patch({ phase: 'idle', progress: null, error: result.error });
        } catch (error) {
          if (mine === reads) fail(error);
        }
      },

      async importStopReading() {
        if (get().importing.phase !== 'reading') return;
        try {
          await client.call('cancelImportInProgress');
        } catch (error) {
          fail(error);
        }
      },

      async importCommit() {
        const { pending, phase, file, mapping } = get().importing;
        if (phase !== 'review' || pending === null || file === null) return;
        patch({ phase: 'committing' });
        try {
          const result = await client.call('commitImport', pending.id);
          if (!result.ok) {
            patch({ phase: 'idle', pending: null, error: result.error });
            return;
          }
          const symbol = pending.report.symbol;
          const covered = coverage(pending.report);
          const dataSet: ImportedDataSet = {
            symbol,
            fileName: pending.fileName,
            ...covered,
            kept: 'saving',
            waiting: false,
          };
          set((s) => ({
            importedSets: withDataSet(s.importedSets, dataSet),
            importing: {
              ...IMPORT_IDLE,
              symbol,
              notice: `${result.value}; its ticks and quotes are left out.`,
            },
          }));
          const record: StoredImport = {
            key: symbol,
            symbol,
            fileName: pending.fileName,
            mapping: { ...mapping } as Record<string, string>,
            file,
            ...covered,
            savedAt: deps.now(),
          };
          const outcome = await deps.storage.put('imports', record);
          const kept = get().noteSaveOutcome(`the imported bars of ${symbol} (${pending.fileName})`, outcome);
          const same = (d: ImportedDataSet) => d.symbol === symbol && d.fileName === pending.fileName;
          if (kept === 'not-kept' && get().importedSets.some((d) => same(d) && d.waiting)) {
            // A configuration without the symbol came while it was being saved: with nothing kept, it is gone.
            await deps.storage.delete('imports', [symbol]);
            set((s) => ({ importedSets: s.importedSets.filter((d) => !same(d)) }));
            return;
          }
          set((s) => ({ importedSets: s.importedSets.map((d) => (same(d) ? { ...d, kept } : d)) }));
        } catch (error) {
          fail(error);
        }
      },

      async importCancel() {
        const { pending, phase } = get().importing;
        if (phase !== 'review' || pending === null) return;
        try {
          const result = await client.call('cancelImport', pending.id);
          const { file, fileName, symbol, mapping, columns } = get().importing;
          set({
            importing: {
              ...IMPORT_IDLE,
              file,
              fileName,
              symbol,
              mapping,
              columns,
              notice: result.ok ? `${result.value}.` : null,
              error: result.ok ? null : result.error,
            },
          });
        } catch (error) {
          fail(error);
        }
      },

      async importDrop(symbol) {
        if (get().storage.restore.active) {
          // The restore may be importing this very set again.
          patch({ error: 'Wait until the data kept in this browser is restored, then try again.' });
          return;
        }
        try {
          if (get().importedSets.find((d) => d.symbol === symbol)?.waiting) {
            // The engine does not hold it (not a symbol of this configuration): only the browser does.
            await deps.storage.delete('imports', [symbol]);
            set((s) => ({
              importedSets: s.importedSets.filter((d) => d.symbol !== symbol),
              importing: {
                ...s.importing,
                notice: `${symbol}: the kept imported bars were deleted.`,
                error: null,
              },
            }));
            void get().refreshStorage();
            return;
          }
          const result = await client.call('dropImportedBars', symbol);
          await deps.storage.delete('imports', [symbol]);
          set((s) => ({
            importedSets: s.importedSets.filter((d) => d.symbol !== symbol),
            importing: {
              ...s.importing,
              notice: result.ok ? `${result.value}.` : null,
              error: result.ok ? null : result.error,
            },
          }));
        } catch (error) {
          fail(error);
        }
      },

      async importRefresh() {
        try {
          const symbols = await client.call('importedSymbols');
          const dropped = get().importedSets.filter((d) => !d.waiting && !symbols.includes(d.symbol));
          // The engine dropped these (not symbols of the new configuration). Those kept in the browser, or
          // being saved there, stay and wait for a configuration with their symbol; the others are gone,
          // with any older file of theirs still stored.
          const waiting = dropped.filter((d) => d.kept !== 'not-kept').map((d) => d.symbol);
          const gone = dropped.filter((d) => d.kept === 'not-kept').map((d) => d.symbol);
          if (gone.length > 0) await deps.storage.delete('imports', gone);
          set((s) => {
            const known = s.importedSets
              .filter((d) => d.waiting || symbols.includes(d.symbol) || waiting.includes(d.symbol))
              .map((d) => (waiting.includes(d.symbol) ? { ...d, waiting: true } : d));
            const unknown = symbols
              .filter((sym) => !known.some((d) => d.symbol === sym))
              .map(
                (sym): ImportedDataSet => ({
                  symbol: sym,
                  fileName: '',
                  barsKept: 0,
                  firstDate: null,
                  lastDate: null,
                  days: 0,
                  kept: 'not-kept',
                  waiting: false,
                }),
              );
            return {
              importedSets: [...known, ...unknown].sort((a, b) => a.symbol.localeCompare(b.symbol)),
              importing:
                dropped.length > 0
                  ? {
                      ...s.importing,
                      notice: droppedNotice(
                        dropped.map((d) => d.symbol),
                        waiting,
                      ),
                    }
                  : s.importing,
            };
          });
        } catch (error) {
          get().reportError(error);
        }
      },

      importClear() {
        const { phase, symbol } = get().importing;
        if (phase === 'idle') set({ importing: { ...IMPORT_IDLE, symbol } });
      },
    };
  };
