import type { StateCreator } from 'zustand';
import type { Result } from '../../workers/common/result';
import type { EngineSnapshot } from '../../workers/engine/types';
import type { EngineClient } from '../engine-client';
import type { Prefs } from '../persistence/prefs';
import { configKey, readSpeed, writeSpeed } from './kept-settings';
import type { SessionAction, SessionSlice } from './session-types';
import type { AppState } from './types';

export const createSessionSlice =
  (client: EngineClient, prefs: Prefs): StateCreator<AppState, [], [], SessionSlice> =>
  (set, get) => {
    /** Runs one command: stores the snapshot it returns, or the reason it was refused. */
    const command = async (action: SessionAction, run: () => Promise<Result<EngineSnapshot>>) => {
      if (get().pendingAction !== null || get().workerError !== null) return;
      const { generation } = get();
      const current = () => get().generation === generation;
      set({ pendingAction: action, commandError: null });
      try {
        const result = await run();
        if (!current()) return;
        if (result.ok) set({ snapshot: result.value });
        else set({ commandError: result.error });
      } catch (error) {
        if (current()) get().reportError(error);
      } finally {
        if (current()) set({ pendingAction: null });
      }
    };

    return {
      snapshot: null,
      pendingAction: null,
      commandError: null,
      startProgress: null,

      async start() {
        await command('start', () => client.call('start', (progress) => set({ startProgress: progress })));
        set({ startProgress: null });
      },
      async cancelStart() {
        try {
          await client.call('cancelStart');
        } catch (error) {
          get().reportError(error);
        }
      },
      pause: () => command('pause', () => client.call('pause')),
      resume: () => command('resume', () => client.call('resume')),
      step: (minutes = 1) => command('step', () => client.call('step', minutes)),
      stop: () => command('stop', () => client.call('stop')),
      async setSpeed(multiplier) {
        await command('setSpeed', () => client.call('setSpeed', multiplier));
        // Kept only once the engine took it, with the configuration it was set under.
        const inForce = get().config.inForce;
        if (inForce && get().commandError === null && get().snapshot?.speedMultiplier === multiplier)
          writeSpeed(prefs, { speed: multiplier, config: configKey(inForce.text) });
      },

      async reapplyKeptSpeed() {
        const kept = readSpeed(prefs);
        const inForce = get().config.inForce;
        const shown = get().snapshot?.speedMultiplier;
        // Another configuration has its own speed: the one kept was chosen for the other.
        if (kept === null || inForce === null || kept.config !== configKey(inForce.text)) return;
        if (shown === undefined || shown === kept.speed) return;
        await command('setSpeed', () => client.call('setSpeed', kept.speed));
      },

      async refresh() {
        const { generation } = get();
        try {
          const snapshot = await client.call('snapshot');
          if (get().generation === generation) set({ snapshot });
        } catch (error) {
          if (get().generation === generation) get().reportError(error);
        }
      },

      dismissCommandError: () => set({ commandError: null }),
    };
  };
