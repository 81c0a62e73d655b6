// The session's own verbs: start (with history loading in slices), pause, resume, stop, step, speed.

import type { Result } from '../common/result';
import { yieldToEvents } from '../common/yield-to-events';
import type { EngineSnapshot } from '../engine/types';
import type { EngineHost } from './engine-host';
import type { HistoryHelper } from './history-helper';
import { preloadHistory } from './history-preload';

export interface StartProgress {
  /** Symbols whose history is loaded. */
  symbolsDone: number;
  symbolsTotal: number;
  /** The symbol being loaded and how far, when one symbol's history takes more than a slice. */
  current?: { symbol: string; daysDone: number; daysTotal: number };
}

/** Longest stretch of history loading between two yields to the worker's event loop. */
const SLICE_MS = 12;
/**
 * Shortest time between two progress words. The page draws each word it gets: a word after every symbol was
 * 1,000 at 1,000 symbols, and the page's main thread spent 2.8 s of CPU drawing them (340 frames) on the
 * cores that were loading the history. One word per 100 ms cut that to 0.85 s, and Start to RUNNING from
 * 7.3-8.4 s to 5.2-6.5 s in Chromium.
 */
export const PROGRESS_MS = 100;

/** Whether a progress word goes out: the first and the one for the last symbol always, else one per PROGRESS_MS. */
export function progressPace(): (progress: StartProgress, now: number) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return (progress, now) => {
    const final = progress.current === undefined && progress.symbolsDone === progress.symbolsTotal;
    if (!final && now - last < PROGRESS_MS) return false;
    last = now;
    return true;
  };
}

/** `helpers`: the threads that may load part of the history at start (history-preload.ts). */
export function createSessionVerbs(host: EngineHost, helpers?: () => readonly HistoryHelper[]) {
  let startCancelRequested = false;

  return {
    snapshot: (): EngineSnapshot => host.runtime.snapshot(),

    /**
     * `system start`, loading each symbol's history first in slices: the worker stays responsive, progress
     * is reported, and `cancelStart` stops the loading, leaving everything as it was.
     */
    async start(onProgress?: (progress: StartProgress) => void): Promise<Result<EngineSnapshot>> {
      const runtime = host.runtime;
      const backtest = runtime.backtest;
      if (backtest.state === 'RUNNING' || backtest.state === 'PAUSED' || backtest.tradingDays.length === 0) {
        return runtime.start(); // refused with the engine's own message
      }
      startCancelRequested = false;
      const symbols = backtest.config.symbols;
      let sliceStart = performance.now();
      const cancelled = () => startCancelRequested || host.runtime !== runtime;
      /** Yields to the event loop once a slice is used up; false when the start was cancelled meanwhile. */
      const breathe = async (): Promise<boolean> => {
        if (performance.now() - sliceStart >= SLICE_MS) {
          await yieldToEvents();
          sliceStart = performance.now();
        }
        return !cancelled();
      };
      const giveUp = (): Result<EngineSnapshot> => {
        backtest.clearPreloadedHistory();
        return { ok: false, error: 'system start: cancelled while loading history; nothing changed' };
      };
      const due = progressPace();
      const loaded = await preloadHistory(
        backtest,
        async ({ symbolsDone, current }) => {
          const progress: StartProgress =
            current === undefined
              ? { symbolsDone, symbolsTotal: symbols.length }
              : { symbolsDone, symbolsTotal: symbols.length, current };
          if (due(progress, performance.now())) onProgress?.(progress);
          return breathe();
        },
        helpers,
      );
      if (!loaded) return giveUp();
      return runtime.start();
    },

    /** Stops a `start` that is still loading history. */
    cancelStart(): void {
      startCancelRequested = true;
    },
    pause: () => host.runtime.pause(),
    resume: () => host.runtime.resume(),
    stop: () => host.runtime.stop(),
    step: (minutes?: number) => host.runtime.step(minutes),
    setSpeed: (multiplier: number) => host.runtime.setSpeed(multiplier),
  };
}
