// The command console: each line goes to the engine's `runCommand` (the whole command language), its
// answer is kept as an entry, and an export it makes joins the export history like any other.
import type { StateCreator } from 'zustand';
import type { DemoProgress, ExportProgress } from '../../workers/export/contract';
import { type EngineClient, isEngineWorkerError } from '../engine-client';
import type { ConsoleEntry, ConsoleSlice } from './console-types';
import type { AppState } from './types';

export const CONSOLE_ENTRY_LIMIT = 300;
export const CONSOLE_HISTORY_LIMIT = 100;

/** The lines entered, with `line` as the newest; a repeat of the newest is not stored twice. */
export function rememberLine(history: readonly string[], line: string, limit = CONSOLE_HISTORY_LIMIT) {
  const next = history[history.length - 1] === line ? [...history] : [...history, line];
  return next.slice(-limit);
}

export const createConsoleSlice =
  (client: EngineClient): StateCreator<AppState, [], [], ConsoleSlice> =>
  (set, get) => {
    let nextId = 1;

    const addEntry = (entry: Omit<ConsoleEntry, 'id'>) =>
      set((state) => ({
        consoleEntries: [...state.consoleEntries, { id: nextId++, ...entry }].slice(-CONSOLE_ENTRY_LIMIT),
      }));

    const onProgress = (progress: ExportProgress) =>
      set((state) =>
        state.runningExport === null || state.runningExport.source === 'console'
          ? { runningExport: { source: 'console', complete: null, progress } }
          : {},
      );

    // `system save-demo` shows its progress where the panel's Save demo does, with the same Cancel.
    const onDemoProgress = (progress: DemoProgress) =>
      set((state) =>
        state.runningDemo === null || state.runningDemo.source === 'console'
          ? { runningDemo: { source: 'console', progress } }
          : {},
      );

    return {
      consoleEntries: [],
      consoleHistory: [],
      consoleBusy: false,

      async runConsoleCommand(line) {
        const input = line.trim();
        if (input === '' || get().consoleBusy) return;
        set((state) => ({ consoleHistory: rememberLine(state.consoleHistory, input) }));
        if (get().workerError !== null) {
          addEntry({ input, ok: false, message: 'The engine is not running: restart it first.' });
          return;
        }
        const { generation } = get();
        set({ consoleBusy: true });
        try {
          const reply = await client.call('runCommand', input, onProgress, onDemoProgress);
          if (get().generation !== generation) return;
          const entry: Omit<ConsoleEntry, 'id'> = { input, ok: reply.ok, message: reply.message };
          if (reply.export) {
            // The bytes are here: only now does the export count (the consumer's cursor moves).
            const confirmed = await client.call('confirmExport', reply.export.receipt);
            if (get().generation !== generation) return;
            if (confirmed.ok) entry.fileName = get().addExport(reply.export, 'console').fileName;
            else Object.assign(entry, { ok: false, message: confirmed.error });
          }
          if (reply.demo) {
            entry.fileName = reply.demo.fileName;
            await get().downloadDemo(reply.demo);
          }
          addEntry(entry);
          // The command may have started, stepped or stopped the session: show it at once.
          void get().refresh();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          addEntry({ input, ok: false, message });
          if (isEngineWorkerError(error)) get().reportError(error);
        } finally {
          set((state) => ({
            consoleBusy: false,
            ...(state.runningExport?.source === 'console' ? { runningExport: null } : {}),
            ...(state.runningDemo?.source === 'console' ? { runningDemo: null } : {}),
          }));
        }
      },

      clearConsole: () => set({ consoleEntries: [] }),
    };
  };
