// A session's history loaded before it opens, a trading day at a time (a ten-year history is long), for
// `start` and for the separate engine of `system save-demo`. Between days the caller may report progress,
// yield to the event loop, or stop.
//
// With helper threads (history-helper.ts), the generated symbols are one shared queue of small chunks: this
// thread takes chunks as before, and each helper is kept busy with up to two chunks in flight, its series
// coming back as transferred buffers. At 1,000 symbols the load is most of the start; a second thread cuts
// the start by about a third, not a half (the engine's thread also takes in the answers and builds the
// session): on two cores, 3.3-3.6 s against the 5 s target (docs/market-data.md).
// A helper that fails, answers what was not asked, or dies is never waited for: once the queue is empty
// this thread takes over the chunks still out, newest first (the least likely started), and whichever
// finishes a symbol first wins. The result is the same as without helpers: the generator is deterministic,
// and a helper's series are kept only if made from the session's own source.

import type { Backtest } from '../engine/backtest';
import type { HistoryJob } from '../engine/history-job';
import { historyFromPlain } from '../engine/history-transfer';
import type { HistoryHelper, LoadedHistory } from './history-helper';

/** Where the loading stands: inside a symbol's history (`current`), or after `symbolsDone` symbols. */
export interface PreloadPoint {
  symbolsDone: number;
  current?: { symbol: string; daysDone: number; daysTotal: number };
}

/**
 * Symbols in a chunk. Small enough that the last chunks out, which this thread may end up loading twice,
 * cost little (a symbol of 40 days of 1m is a few ms); large enough that the messages are few.
 */
export const CHUNK_SYMBOLS = 4;
/** Chunks a helper has at once: the next waits in its queue while it loads one, so it never idles. */
export const CHUNKS_IN_FLIGHT = 2;

interface Flight {
  chunk: HistoryJob[];
  helper: HistoryHelper;
  /** This thread has taken the chunk over (it never waits for a helper). */
  takenOver: boolean;
}

/**
 * Loads every symbol's history into `backtest`, asking `goOn` after each trading day and each symbol loaded
 * here; false as soon as `goOn` says to stop (what was loaded is then the caller's to clear, and what a
 * helper answers later is dropped). `helpers` is asked for the helper threads only when there is more
 * than one chunk to share. `symbolsDone` counts the symbols done by any thread.
 */
export async function preloadHistory(
  backtest: Backtest,
  goOn: (point: PreloadPoint) => Promise<boolean>,
  helpers?: () => readonly HistoryHelper[],
): Promise<boolean> {
  const done = new Set<string>();
  const jobs = helpers ? backtest.historyJobs() : [];
  const shared = new Set(jobs.map((job) => job.symbol));
  /**
   * Symbols only this thread loads: imported ones, those without history, and those whose helper's answer
   * the backtest refused.
   */
  const here = backtest.config.symbols.filter((symbol) => !shared.has(symbol));
  const queue: HistoryJob[][] = [];
  for (let i = 0; i < jobs.length; i += CHUNK_SYMBOLS) queue.push(jobs.slice(i, i + CHUNK_SYMBOLS));
  const working = queue.length > 1 && helpers ? helpersOrNone(helpers) : [];
  const flights: Flight[] = [];
  let stopped = false;

  /**
   * A chunk a helper failed or answered wrongly goes back to the front of the queue (unless this thread
   * took it over already), and the helper gets no more: this thread, or another helper, loads it.
   */
  const giveBack = (flight: Flight) => {
    const at = working.indexOf(flight.helper);
    if (at >= 0) working.splice(at, 1);
    if (!flight.takenOver) queue.unshift(flight.chunk);
  };
  /** Takes a settled flight off the list; false if it was not on it (never splice away another). */
  const land = (flight: Flight) => {
    const at = flights.indexOf(flight);
    if (at >= 0) flights.splice(at, 1);
    return at >= 0;
  };
  const answered = (flight: Flight, answer: LoadedHistory[]) => {
    if (!land(flight) || stopped) return;
    let kept = false;
    try {
      kept = keepAnswer(backtest, flight.chunk, answer, done, here);
    } catch {
      // An answer that throws when read is a wrong answer, not an unhandled rejection with its chunk lost.
    }
    if (!kept) giveBack(flight);
    feed();
  };
  const failed = (flight: Flight) => {
    if (land(flight) && !stopped) giveBack(flight);
  };
  /** Keeps each working helper at CHUNKS_IN_FLIGHT chunks while the queue lasts. */
  const feed = () => {
    for (const helper of working) {
      let out = flights.filter((f) => f.helper === helper && !f.takenOver).length;
      for (; out < CHUNKS_IN_FLIGHT && queue.length > 0; out++) {
        const flight: Flight = { chunk: queue.shift() as HistoryJob[], helper, takenOver: false };
        flights.push(flight);
        // Through a promise, so that a helper throwing at once is a failure like any other.
        Promise.resolve()
          .then(() => helper.load(flight.chunk))
          .then(
            (answer) => answered(flight, answer),
            () => failed(flight),
          );
      }
    }
  };

  /** The symbols this thread loads next: its own, the queue's next chunk, else a chunk a helper still has. */
  const nextWork = (): string[] | null => {
    const own = here.shift();
    if (own !== undefined) return [own];
    const chunk = queue.shift();
    if (chunk) return chunk.map((job) => job.symbol);
    const out = flights.findLast((f) => !f.takenOver);
    if (!out) return null;
    out.takenOver = true;
    return out.chunk.map((job) => job.symbol);
  };

  let reported = 0;
  try {
    for (let work = nextWork(); work !== null; work = nextWork()) {
      feed();
      for (const symbol of work) {
        if (done.has(symbol)) continue;
        const load = backtest.historyLoad(symbol);
        // Between days, a helper's answer for this very symbol may have come: then this load is dropped.
        while (load !== null && !done.has(symbol) && !load.advance(1)) {
          const current = { symbol, daysDone: load.daysDone, daysTotal: load.daysTotal };
          if (!(await goOn({ symbolsDone: done.size, current }))) return false;
        }
        if (done.has(symbol)) continue;
        if (load !== null) backtest.keepPreloaded(symbol, load);
        done.add(symbol);
        reported = done.size;
        if (!(await goOn({ symbolsDone: reported }))) return false;
      }
    }
    // The last symbols may have come from a helper while this thread was loading them too: say so.
    if (reported !== done.size && !(await goOn({ symbolsDone: done.size }))) return false;
    return true;
  } finally {
    // Whatever a helper answers from now on is dropped, cancelled or not: the preload is over.
    stopped = true;
  }
}

/** The helpers `helpers` gives; none if it throws (a thread the browser refuses to start, say). */
function helpersOrNone(helpers: () => readonly HistoryHelper[]): HistoryHelper[] {
  try {
    return [...helpers()];
  } catch {
    return [];
  }
}

/**
 * Keeps a helper's answer for `chunk` in `backtest`: false, keeping nothing more, when the answer is not
 * the chunk's history. A symbol the backtest refuses (its source changed since the jobs were made) is
 * left to this thread, in `here`.
 */
function keepAnswer(
  backtest: Backtest,
  chunk: readonly HistoryJob[],
  answer: unknown,
  done: Set<string>,
  here: string[],
): boolean {
  if (!Array.isArray(answer) || answer.length !== chunk.length) return false;
  const received = chunk.map((job, i) => {
    const loaded = answer[i] as Partial<LoadedHistory> | undefined;
    return loaded?.symbol === job.symbol ? historyFromPlain(loaded.series) : null;
  });
  if (received.some((r) => r === null || !r.ok)) return false;
  chunk.forEach((job, i) => {
    const series = received[i];
    if (done.has(job.symbol) || !series?.ok) return;
    if (backtest.keepLoadedElsewhere(job, series.value).ok) done.add(job.symbol);
    else here.push(job.symbol);
  });
  return true;
}
