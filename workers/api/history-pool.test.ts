// The engine worker's pool of history helper threads (history-pool.ts), with threads faked: each start
// of the pool asks for the helpers, and a thread that raised an error is replaced then.
import { describe, expect, it } from 'vitest';
import type { HistoryHelper } from './history-helper';
import { type HelperThread, historyHelperPool } from './history-pool';

interface FakeThread extends HelperThread {
  raise(): void;
  terminated: boolean;
}

/** A factory of fake threads, keeping every thread it made. */
function threads(): { start: () => FakeThread; made: FakeThread[] } {
  const made: FakeThread[] = [];
  const start = () => {
    const listeners: (() => void)[] = [];
    const helper: HistoryHelper = { load: async () => [] };
    const thread: FakeThread = {
      helper,
      terminated: false,
      onError: (listener) => listeners.push(listener),
      terminate: () => {
        thread.terminated = true;
      },
      raise: () => {
        for (const listener of listeners) listener();
      },
    };
    made.push(thread);
    return thread;
  };
  return { start, made };
}

describe('the history helper pool', () => {
  it('starts its threads at the first start only, and keeps them for the next', () => {
    const { start, made } = threads();
    const helpers = historyHelperPool(2, start);
    expect(made).toHaveLength(0);
    const first = helpers();
    expect(first).toEqual(made.map((t) => t.helper));
    expect(first).toHaveLength(2);
    expect(helpers()).toEqual(first);
    expect(made).toHaveLength(2);
  });

  it('lets go of a thread that raised an error, and starts a fresh one in its place at the next start', () => {
    const { start, made } = threads();
    const helpers = historyHelperPool(2, start);
    const [failing, kept] = helpers();
    made[0]?.raise();
    expect(made[0]?.terminated).toBe(true);
    const next = helpers();
    expect(made).toHaveLength(3);
    expect(next).toHaveLength(2);
    expect(next).not.toContain(failing);
    expect(next).toContain(kept);
    expect(next).toContain(made[2]?.helper);
    // A late error from the thread let go does not drop the one that replaced it.
    made[0]?.raise();
    expect(helpers()).toEqual(next);
    expect(made).toHaveLength(3);
  });

  it('leaves a slot the browser refused to start empty, and tries again at the next start', () => {
    const { start, made } = threads();
    let refuse = true;
    const helpers = historyHelperPool(1, () => {
      if (refuse) throw new Error('SecurityError: the worker could not be made');
      return start();
    });
    expect(helpers()).toEqual([]);
    refuse = false;
    expect(helpers()).toEqual([made[0]?.helper]);
  });
});
