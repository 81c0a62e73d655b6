// The exports slice: the export panel's settings, the export in progress, the history of exports (each
// with its bytes as a Blob), downloads, and the auto-export timer.
import { transfer } from 'comlink';
import type { StateCreator } from 'zustand';
import type { ExportOptions } from '../../workers/api/engine-api';
import type { ExportProgress } from '../../workers/export/contract';
import { downloadBlob, gzipName, type SaveFile } from '../downloads';
import { type EngineClient, isEngineWorkerError } from '../engine-client';
import type { ExportRecord } from '../export-record';
import type { Prefs } from '../persistence/prefs';
import { addToHistory, recordFromPayload, removeFromHistory } from './export-history';
import { browserSavePicker, type SaveFilePicker, saveExport } from './exports-save';
import type { ExportSettings, ExportsSlice, SavedFile } from './exports-types';
import { readExportSettings, writeExportSettings } from './kept-settings';
import type { AppState } from './types';

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  consumer: 'default',
  fileName: '',
  layout: 'pretty',
  exclude: [],
  downloadEach: true,
  gzip: false,
  autoExport: false,
  autoSeconds: 10,
};

/** The auto-export period is kept within these bounds, in seconds. */
export const AUTO_SECONDS_MIN = 1;
export const AUTO_SECONDS_MAX = 3600;

export const clampAutoSeconds = (seconds: number): number =>
  Number.isFinite(seconds)
    ? Math.min(AUTO_SECONDS_MAX, Math.max(AUTO_SECONDS_MIN, Math.round(seconds)))
    : DEFAULT_EXPORT_SETTINGS.autoSeconds;

export interface ExportsDeps {
  /** Starts a browser download; tests pass a recorder. */
  saveFile: SaveFile;
  now: () => number;
  newId: () => string;
  /** The save dialog for "Save to a file…"; by default the browser's, looked up when it is used. */
  savePicker?: SaveFilePicker | null;
  /** Where the panel's options are kept across reloads (consumer, Leave out, layout, gzip); none unless given. */
  prefs?: Prefs;
}

/** The panel's settings as the engine's export options; auto-exports always use the default file name. */
export function exportOptions(settings: ExportSettings, complete: boolean, withFileName: boolean) {
  const options: ExportOptions = {
    complete,
    consumer: settings.consumer.trim() === '' ? 'default' : settings.consumer.trim(),
    layout: settings.layout,
  };
  if (settings.exclude.length > 0) options.exclude = [...settings.exclude];
  if (withFileName && settings.fileName.trim() !== '') options.fileName = settings.fileName.trim();
  return options;
}

export const createExportsSlice =
  (client: EngineClient, deps: ExportsDeps): StateCreator<AppState, [], [], ExportsSlice> =>
  (set, get) => {
    let autoTimer: ReturnType<typeof setInterval> | null = null;
    /** Identifies the latest export started here, so only its progress and end touch the state. */
    let token = 0;
    let cancelled = 0;

    const stopAuto = () => {
      if (autoTimer !== null) clearInterval(autoTimer);
      autoTimer = null;
    };

    const scheduleAuto = () => {
      stopAuto();
      const { autoExport, autoSeconds } = get().exportSettings;
      if (!autoExport) return;
      autoTimer = setInterval(() => {
        // A tick that comes while an export is still running (or the engine is down) is skipped.
        const state = get();
        if (state.runningExport !== null || state.workerError !== null) return;
        void state.exportNow(false, 'auto');
      }, autoSeconds * 1000);
    };

    const onProgress = (mine: number) => (progress: ExportProgress) => {
      if (mine !== token) return;
      set((state) => (state.runningExport ? { runningExport: { ...state.runningExport, progress } } : {}));
    };

    const exportSettings = deps.prefs
      ? { ...DEFAULT_EXPORT_SETTINGS, ...readExportSettings(deps.prefs) }
      : DEFAULT_EXPORT_SETTINGS;
    /**
     * The Leave out choices the user made (or a reload kept), whatever the configuration in force offers: the
     * panel shows those it has. Kept apart so that choices dropped against one configuration (the default one,
     * read before a reload's kept configuration is applied again) come back with a configuration that has them.
     */
    let wanted = exportSettings.exclude;

    return {
      exports: [],
      exportSettings,
      excludable: null,
      runningExport: null,
      exportError: null,
      savedFile: null,

      async loadExcludable() {
        try {
          const excludable = await client.call('excludable');
          // Kept exclusions this configuration does not have would refuse every export: they are left out
          // of the panel (the kept preference changes with the next choice made).
          const known = wanted.filter((name) => excludable.includes(name));
          const { exclude } = get().exportSettings;
          const same = known.length === exclude.length && known.every((name, i) => name === exclude[i]);
          if (same) set({ excludable });
          else set((s) => ({ excludable, exportSettings: { ...s.exportSettings, exclude: known } }));
        } catch (error) {
          get().reportError(error);
        }
      },

      updateExportSettings(patch) {
        const before = get().exportSettings;
        const next = { ...before, ...patch };
        next.autoSeconds = clampAutoSeconds(next.autoSeconds);
        if (patch.exclude !== undefined) wanted = next.exclude;
        set({ exportSettings: next });
        const kept = ['consumer', 'exclude', 'layout', 'gzip'] as const;
        if (deps.prefs && kept.some((key) => next[key] !== before[key]))
          writeExportSettings(deps.prefs, next);
        if (next.autoExport !== before.autoExport || next.autoSeconds !== before.autoSeconds) scheduleAuto();
      },

      async exportNow(complete, source = 'panel') {
        const state = get();
        if (state.workerError !== null || state.runningExport !== null) return null;
        const options = exportOptions(state.exportSettings, complete, source === 'panel');
        const mine = ++token;
        const { generation } = state;
        const current = () => get().generation === generation;
        set({ runningExport: { source, complete, progress: null }, exportError: null, savedFile: null });
        try {
          const result = await client.call('exportStatus', options, onProgress(mine));
          if (!current()) return null;
          if (result.ok) {
            // The bytes are here: only now does the export count (the consumer's cursor moves).
            const confirmed = await client.call('confirmExport', result.value.receipt);
            if (!current()) return null;
            if (confirmed.ok) return get().addExport(result.value, source);
            set({ exportError: confirmed.error });
            return null;
          }
          if (source === 'auto' && cancelled !== mine) {
            // A refusal would repeat at every tick: stop, and say why.
            get().updateExportSettings({ autoExport: false });
            set({ exportError: `Auto-export stopped: ${result.error}` });
          } else set({ exportError: result.error });
          return null;
        } catch (error) {
          if (!current()) return null;
          if (isEngineWorkerError(error)) get().reportError(error);
          else set({ exportError: `The export failed: ${error instanceof Error ? error.message : error}` });
          return null;
        } finally {
          if (mine === token) set({ runningExport: null });
        }
      },

      addExport(payload, source) {
        const { gzip, downloadEach } = get().exportSettings;
        const record: ExportRecord = recordFromPayload(payload, {
          id: deps.newId(),
          createdAt: deps.now(),
          source,
          gzip,
        });
        set((state) => ({ exports: addToHistory(state.exports, record) }));
        // The Blob holds a copy of the bytes now: the chunks' buffers go back to the engine (transferred, not
        // copied), whose next exports write into them instead of fresh memory.
        const buffers = [...new Set(payload.parts.map((part) => part.buffer as ArrayBuffer))];
        client.call('recycleExportChunks', transfer(buffers, buffers)).catch(() => {});
        if (downloadEach) void get().downloadExport(record.id);
        return record;
      },

      async saveExportToFile(complete) {
        const state = get();
        if (state.workerError !== null || state.runningExport !== null) return null;
        const options = exportOptions(state.exportSettings, complete, true);
        const mine = ++token;
        const { generation } = state;
        const current = () => get().generation === generation;
        const picker = deps.savePicker !== undefined ? deps.savePicker : browserSavePicker();
        set({
          runningExport: { source: 'panel', complete, progress: null, saving: { fileName: null } },
          exportError: null,
          savedFile: null,
        });
        try {
          const outcome = await saveExport(client, options, {
            picker,
            onProgress: onProgress(mine),
            onFileChosen: (fileName) =>
              set((s) =>
                s.runningExport && mine === token
                  ? { runningExport: { ...s.runningExport, saving: { fileName } } }
                  : {},
              ),
          });
          if (!current()) return null;
          if (!outcome.ok) {
            if (!outcome.dismissed) set({ exportError: outcome.error });
            return null;
          }
          const { saved } = outcome;
          const savedFile: SavedFile = {
            fileName: saved.fileName,
            bytes: saved.bytes,
            sequence: saved.metadata.sequence,
            how: outcome.how,
          };
          if (outcome.how === 'download') {
            const { gzip } = get().exportSettings;
            const name = gzip ? gzipName(saved.fileName) : saved.fileName;
            savedFile.fileName = name;
            await downloadBlob(outcome.blob, name, gzip, deps.saveFile);
          }
          set({ savedFile });
          return savedFile;
        } catch (error) {
          if (!current()) return null;
          if (isEngineWorkerError(error)) get().reportError(error);
          else set({ exportError: `The save failed: ${error instanceof Error ? error.message : error}` });
          return null;
        } finally {
          if (mine === token) set({ runningExport: null });
        }
      },

      async cancelExport() {
        if (get().runningExport === null) return;
        cancelled = token;
        try {
          await client.call('cancelExport');
        } catch (error) {
          get().reportError(error);
        }
      },

      async downloadExport(id) {
        const record = get().exports.find((r) => r.id === id);
        if (!record) return;
        try {
          await downloadBlob(record.blob, record.downloadName, record.gzip, deps.saveFile);
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          set({ exportError: `Could not download ${record.downloadName}: ${detail}` });
        }
      },

      removeExport(id) {
        set((state) => ({ exports: removeFromHistory(state.exports, id) }));
      },

      dismissExportError: () => set({ exportError: null }),
    };
  };

/** The export `id`, or null (never made, or removed from the history). */
export const selectExport =
  (id: string) =>
  (state: AppState): ExportRecord | null =>
    state.exports.find((r) => r.id === id) ?? null;

/** The bytes of export `id` as a Blob (for the viewer), or null. Read with `blob.stream()` or `blob.text()`. */
export const selectExportBlob =
  (id: string) =>
  (state: AppState): Blob | null =>
    selectExport(id)(state)?.blob ?? null;
