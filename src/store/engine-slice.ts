import type { StateCreator } from 'zustand';
import { type EngineClient, isEngineWorkerError } from '../engine-client';
import type { EngineSlice } from './engine-types';
import type { AppState } from './types';

export const createEngineSlice =
  (client: EngineClient): StateCreator<AppState, [], [], EngineSlice> =>
  (set, get) => ({
    workerError: null,
    generation: 0,

    async restartEngine() {
      client.restart();
      set((state) => ({
        generation: state.generation + 1,
        workerError: null,
        commandError: null,
        pendingAction: null,
        snapshot: null,
      }));
      await get().refresh();
    },

    reportError(error) {
      if (isEngineWorkerError(error)) {
        set({ workerError: error.message });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      set({ commandError: `The engine failed: ${message}` });
    },
  });
