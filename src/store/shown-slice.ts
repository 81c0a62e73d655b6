// Tells the engine which symbols the page draws (`engine.showSymbols`), so that the live feed carries the
// full rows of those symbols only and the symbol table the small figures of the rest.
//
// `showSymbols` is being added to the engine API by the feed work (issue 16, part C). Until an engine has
// it, the call goes through `callShowSymbols`, which answers `absent` for an engine without the method (the
// worker says "is not a function"), and the page goes on as before: the mirror then holds every symbol.
import type { StateCreator } from 'zustand';
import type { Result } from '../../workers/common/result';
import { type EngineClient, isEngineWorkerError } from '../engine-client';
import type { ShownSlice } from './shown-types';
import type { AppState } from './types';

type ShowSymbolsCall = (method: 'showSymbols', symbols: string[]) => Promise<Result<void>>;

/** The engine's answer to `showSymbols`, or `absent` when its API has no such verb yet. */
export async function callShowSymbols(
  client: EngineClient,
  symbols: readonly string[],
): Promise<Result<void> | 'absent'> {
  // A cast, not a type check, while the verb may be missing from `EngineApi`: its answer is checked below.
  const call = client.call as unknown as ShowSymbolsCall;
  try {
    const answer = await call('showSymbols', [...symbols]);
    return answer ?? { ok: true, value: undefined };
  } catch (error) {
    if (!isEngineWorkerError(error) && error instanceof Error && /not a function/.test(error.message))
      return 'absent';
    throw error;
  }
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((s, i) => s === b[i]);

export const createShownSlice =
  (client: EngineClient): StateCreator<AppState, [], [], ShownSlice> =>
  (set, get) => ({
    liveShown: [],
    shownError: null,

    async showLiveSymbols(symbols, force = false) {
      if (!force && sameList(get().liveShown, symbols)) return;
      if (get().workerError !== null) return;
      set({ liveShown: [...symbols] });
      try {
        const answer = await callShowSymbols(client, symbols);
        if (answer === 'absent' || answer.ok) set({ shownError: null });
        else set({ shownError: answer.error });
      } catch (error) {
        get().reportError(error);
      }
    },
  });
