// The demo slice: Save demo makes the demo file of the session so far in the engine worker (a separate
// engine replays it there, so the running session goes on), shows its progress with Cancel, and downloads
// the .html file whose bytes the worker transferred.
import type { StateCreator } from 'zustand';
import type { DemoPayload } from '../../workers/api/engine-api';
import type { DemoProgress, DemoRequest } from '../../workers/export/contract';
import { downloadBlob, type SaveFile } from '../downloads';
import { type EngineClient, isEngineWorkerError } from '../engine-client';
import type { DemoSlice } from './demo-types';
import type { AppState } from './types';

/**
 * `every=` as the contract takes it (MIN_DEMO_EVERY, MAX_DEMO_EVERY, DEFAULT_DEMO_EVERY): written again here
 * because the page imports only types from workers/; demo-slice.test.ts checks that they agree.
 */
export const DEMO_EVERY_MIN = 1;
export const DEMO_EVERY_MAX = 390;
export const DEMO_EVERY_DEFAULT = 1;

/** The every field's value as the engine accepts it: whole minutes within 1..390. */
export const clampDemoEvery = (minutes: number): number =>
  Number.isFinite(minutes)
    ? Math.min(DEMO_EVERY_MAX, Math.max(DEMO_EVERY_MIN, Math.round(minutes)))
    : DEMO_EVERY_DEFAULT;

export const createDemoSlice =
  (client: EngineClient, deps: { saveFile: SaveFile }): StateCreator<AppState, [], [], DemoSlice> =>
  (set, get) => ({
    demoEvery: DEMO_EVERY_DEFAULT,
    runningDemo: null,
    demoError: null,
    lastDemo: null,

    setDemoEvery: (minutes) => set({ demoEvery: clampDemoEvery(minutes) }),

    async saveDemo() {
      const state = get();
      if (state.workerError !== null || state.runningDemo !== null) return;
      const request: DemoRequest = { every: state.demoEvery };
      if (state.exportSettings.exclude.length > 0) request.exclude = [...state.exportSettings.exclude];
      const { generation } = state;
      const current = () => get().generation === generation;
      set({ runningDemo: { source: 'panel', progress: null }, demoError: null });
      const onProgress = (progress: DemoProgress) => {
        if (current() && get().runningDemo?.source === 'panel')
          set({ runningDemo: { source: 'panel', progress } });
      };
      try {
        const result = await client.call('saveDemo', request, onProgress);
        if (!current()) return;
        if (result.ok) await get().downloadDemo(result.value);
        else set({ demoError: result.error });
      } catch (error) {
        if (!current()) return;
        if (isEngineWorkerError(error)) get().reportError(error);
        else set({ demoError: `The demo failed: ${error instanceof Error ? error.message : error}` });
      } finally {
        if (current()) set({ runningDemo: null });
      }
    },

    async cancelDemo() {
      if (get().runningDemo === null) return;
      try {
        await client.call('cancelDemo');
      } catch (error) {
        get().reportError(error);
      }
    },

    async downloadDemo(payload: DemoPayload) {
      try {
        const blob = new Blob([payload.bytes], { type: 'text/html' });
        await downloadBlob(blob, payload.fileName, false, deps.saveFile);
        set({ lastDemo: payload.summary });
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        set({ demoError: `Could not download ${payload.fileName}: ${detail}` });
      }
    },

    dismissDemoError: () => set({ demoError: null }),
  });
