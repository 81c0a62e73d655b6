// The storage slice: what is kept in the browser and how much room it takes, the notice when something
// could not be kept (a full quota), and the restoring of the engine's data after a reload or a restart:
// the configuration applied last, then each imported data set read and committed again.
import type { StateCreator } from 'zustand';
import type { EngineClient } from '../engine-client';
import type { AppStorage, SaveOutcome, StoredImport } from '../persistence/storage';
import { APPLIED_CONFIG_KEY } from './config-slice';
import { withDataSet } from './import-slice';
import type { KeepState } from './import-types';
import type { RestoreState, StorageSlice, StorageState } from './storage-types';
import type { AppState } from './types';

export const RESTORE_IDLE: RestoreState = {
  active: false,
  step: '',
  progress: null,
  problems: [],
  summary: null,
};

const INITIAL: StorageState = {
  usage: null,
  persisted: null,
  keptExports: {},
  notice: null,
  unavailable: null,
  restore: RESTORE_IDLE,
};

/** The notice for something that could not be kept. */
export function notKeptNotice(what: string, outcome: Exclude<SaveOutcome, { ok: true }>): string {
  return outcome.reason === 'quota'
    ? `Could not keep ${what} in this browser: its storage is full. It is still here until you reload; delete old exports to make room.`
    : `Could not keep ${what} in this browser: ${outcome.message}. It is still here until you reload.`;
}

export const createStorageSlice =
  (client: EngineClient, storage: AppStorage): StateCreator<AppState, [], [], StorageSlice> =>
  (set, get) => {
    const patch = (p: Partial<StorageState>) => set((s) => ({ storage: { ...s.storage, ...p } }));
    const restorePatch = (p: Partial<RestoreState>) =>
      set((s) => ({ storage: { ...s.storage, restore: { ...s.storage.restore, ...p } } }));
    let askedPersistence = false;

    /**
     * Runs `work` as a restore: progress shown while it runs, then a summary (`done: what came back.`)
     * and one line per problem; an engine failure stops it with `stopped: the engine failed.`
     */
    const restoring = async (
      done: string,
      stopped: string,
      work: (restored: string[], problems: string[]) => Promise<void>,
    ) => {
      const problems: string[] = [];
      const restored: string[] = [];
      set((s) => ({
        storage: { ...s.storage, restore: { ...RESTORE_IDLE, active: true, step: 'Reading' } },
      }));
      try {
        await work(restored, problems);
      } catch (error) {
        get().reportError(error);
        problems.push(`${stopped}: the engine failed.`);
      }
      restorePatch({
        active: false,
        step: '',
        progress: null,
        problems,
        summary: restored.length > 0 ? `${done}: ${restored.join(', ')}.` : null,
      });
    };

    /**
     * Reads and commits each kept data set again, with progress. A set whose symbol the configuration in
     * force does not have is not imported: it waits, kept, for a configuration with that symbol.
     */
    const reimport = async (sets: StoredImport[], restored: string[], problems: string[]) => {
      for (const kept of sets) {
        const symbols = get().snapshot?.symbols ?? [];
        const dataSet = {
          symbol: kept.symbol,
          fileName: kept.fileName,
          barsKept: kept.barsKept,
          firstDate: kept.firstDate,
          lastDate: kept.lastDate,
          days: kept.days,
          kept: 'kept' as const,
        };
        if (!symbols.includes(kept.symbol)) {
          set((s) => ({ importedSets: withDataSet(s.importedSets, { ...dataSet, waiting: true }) }));
          continue;
        }
        restorePatch({ step: `Re-importing ${kept.symbol} (${kept.fileName})`, progress: 0 });
        const request = {
          symbol: kept.symbol,
          fileName: kept.fileName,
          ...(Object.keys(kept.mapping).length > 0 ? { mapping: kept.mapping } : {}),
        };
        const read = await client.call('importBars', kept.file, request, (fraction: number) =>
          restorePatch({ progress: fraction }),
        );
        const committed = read.ok ? await client.call('commitImport', read.value.id) : read;
        if (!committed.ok) {
          problems.push(`${kept.symbol} (${kept.fileName}) was not imported again: ${committed.error}`);
          continue;
        }
        restored.push(`${kept.symbol} bars from ${kept.fileName}`);
        set((s) => ({ importedSets: withDataSet(s.importedSets, { ...dataSet, waiting: false }) }));
      }
    };

    return {
      storage: INITIAL,

      async refreshStorage() {
        const [usage, persisted] = await Promise.all([storage.estimate(), storage.persisted()]);
        patch({ usage, persisted });
      },

      async requestPersistence() {
        askedPersistence = true;
        const granted = await storage.persist();
        patch({ persisted: granted });
      },

      async deleteExportsBefore(before) {
        const old = get().exports.filter((r) => r.createdAt < before);
        for (const record of old) get().removeExport(record.id);
        await get().refreshStorage();
      },

      noteSaveOutcome(what, outcome): KeepState {
        if (outcome.ok) {
          // The first thing kept: ask the browser not to evict it (main thread only).
          if (!askedPersistence) void get().requestPersistence();
          void get().refreshStorage();
          return 'kept';
        }
        // No storage at all is said once, in the panel, rather than as a notice after every save.
        if (outcome.reason === 'unavailable') patch({ unavailable: outcome.message });
        else patch({ notice: notKeptNotice(what, outcome) });
        void get().refreshStorage();
        return 'not-kept';
      },

      async restoreEngineData() {
        if (get().storage.restore.active) return;
        await restoring('Restored from this browser', 'Restoring stopped', async (restored, problems) => {
          const applied = (await storage.getAll('configs')).find((c) => c.key === APPLIED_CONFIG_KEY);
          if (applied) {
            restorePatch({ step: `Applying the configuration “${applied.sessionName}”` });
            const result = await client.call('applyConfig', applied.text);
            if (result.ok) restored.push(`configuration “${result.value.sessionName}”`);
            else problems.push(`The configuration applied last could not be applied again: ${result.error}`);
          }
          await Promise.all([get().loadConfiguration(), get().refresh()]);
          const sets = (await storage.getAll('imports')).sort((a, b) => a.symbol.localeCompare(b.symbol));
          await reimport(sets, restored, problems);
          if (applied || sets.length > 0) {
            const state = get();
            await Promise.all([state.refresh(), state.loadExcludable()]);
          }
        });
      },

      async restoreWaitingImports() {
        const symbols = get().snapshot?.symbols ?? [];
        const due = get()
          .importedSets.filter((d) => d.waiting && symbols.includes(d.symbol))
          .map((d) => d.symbol);
        if (due.length === 0 || get().storage.restore.active) return;
        const what = 'Importing the kept data sets again stopped';
        await restoring('Imported again from this browser', what, async (restored, problems) => {
          const sets = (await storage.getAll('imports'))
            .filter((kept) => due.includes(kept.symbol))
            .sort((a, b) => a.symbol.localeCompare(b.symbol));
          await reimport(sets, restored, problems);
          const state = get();
          await Promise.all([state.refresh(), state.loadExcludable()]);
        });
      },

      dismissStorageNotice: () => patch({ notice: null }),
    };
  };
