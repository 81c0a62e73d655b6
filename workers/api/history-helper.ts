// A helper thread's side of loading history at start (workers/history.worker.ts wires it to Comlink; the
// scale bench to node:worker_threads): it loads a chunk of symbols' history from plain jobs and hands the
// series back as plain data with the buffers to transfer, so the bars reach the engine's thread without a
// copy. The engine's side is history-preload.ts.

import { type HistoryJob, loadJob } from '../engine/history-job';
import { type PlainSeries, plainHistory } from '../engine/history-transfer';

export type { HistoryJob };

/** One job's history as it crosses to the engine's thread. */
export interface LoadedHistory {
  symbol: string;
  series: PlainSeries[];
}

/** What the engine's thread asks of a helper: the history of each job, in the jobs' order. */
export interface HistoryHelper {
  load(jobs: HistoryJob[]): Promise<LoadedHistory[]>;
}

/**
 * Loads every job of a chunk; the answer and the buffers to transfer with it (the series are given up:
 * nothing in this thread keeps them).
 */
export function loadChunk(jobs: readonly HistoryJob[]): { loaded: LoadedHistory[]; transfer: ArrayBuffer[] } {
  const loaded: LoadedHistory[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const job of jobs) {
    const { plain, transfer: buffers } = plainHistory(loadJob(job));
    loaded.push({ symbol: job.symbol, series: plain });
    transfer.push(...buffers);
  }
  return { loaded, transfer };
}

/**
 * How many helper threads the engine starts: one core less than the machine has (the engine's thread
 * keeps one), at most MAX_HISTORY_HELPERS (each holds a heap of its own, and the engine's thread, which
 * takes in every answer, gains less from each helper added); none on one core.
 */
export function historyHelperCount(cores: number | undefined): number {
  return Math.max(0, Math.min(MAX_HISTORY_HELPERS, Math.floor(cores ?? 1) - 1));
}

export const MAX_HISTORY_HELPERS = 3;
