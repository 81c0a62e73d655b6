// The engine worker's history helper threads (workers/history.worker.ts): each started by the first start
// that has history to share and kept for the next; the page never sees them. One that reports an error, or
// that the browser refuses to start, is let go, and the next start tries a fresh one in its place; meanwhile
// the engine's thread loads what it would have (history-preload.ts). The thread itself is made by the
// caller (engine.worker.ts), since only the worker file can name its bundle.

import type { HistoryHelper } from './history-helper';

/** A started helper thread, as the pool needs it. */
export interface HelperThread {
  helper: HistoryHelper;
  /** Calls `listener` when the thread reports an error (its script failed, or it threw uncaught). */
  onError(listener: () => void): void;
  terminate(): void;
}

/**
 * The helpers for a start, `size` of them at most: each slot keeps its thread from one start to the next,
 * and a slot left empty (never started, refused, or let go after an error) is filled by `start` then. A
 * `start` that throws leaves the slot empty until the next start.
 */
export function historyHelperPool(size: number, start: () => HelperThread): () => HistoryHelper[] {
  const slots: (HistoryHelper | null)[] = Array.from({ length: size }, () => null);
  const fill = (slot: number): HistoryHelper | null => {
    let thread: HelperThread;
    try {
      thread = start();
    } catch {
      return null;
    }
    const { helper } = thread;
    thread.onError(() => {
      thread.terminate();
      // Only this thread's own slot: a later thread there is not the one that failed.
      if (slots[slot] === helper) slots[slot] = null;
    });
    return helper;
  };
  return () => {
    for (const [slot, helper] of slots.entries()) slots[slot] = helper ?? fill(slot);
    return slots.filter((helper) => helper !== null);
  };
}
