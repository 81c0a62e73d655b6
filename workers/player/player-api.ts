// The demo player worker's verbs: open the page's tape once, then show any step of it and answer the
// session view's reads, as the mirror worker does for the offline replay. One replay, so `view` answers
// from it whatever source the query names.

import type { Result } from '../common/result';
import type { NamedExport } from '../mirror/export-set';
import { Mirror } from '../mirror/mirror';
import { readView, type ViewQuery, type ViewRead } from '../mirror/view';
import { type ReadTape, readTape, type TapeFacts, type TapeStep } from './read-tape';

export type { TapeFacts, TapeStep } from './read-tape';

export interface OpenedTape {
  facts: TapeFacts;
  steps: TapeStep[];
}

/** Where step `index` sits: its chain and its place in the chain. */
function placeOf(tape: ReadTape, index: number): { day: number; at: number } {
  const step = tape.steps[index] as TapeStep;
  return { day: step.day, at: index - tape.steps.findIndex((s) => s.day === step.day) };
}

export function createPlayerApi() {
  let tape: ReadTape | null = null;
  let mirror = new Mirror();
  /** The step the mirror holds, -1 before the first. */
  let shown = -1;

  /**
   * Shows the replay as it stood after step `index`. Forward within a day applies the deltas after the
   * step shown; another day, or a step back, rebuilds from that day's complete export (never the tape
   * from its start).
   */
  function showStep(index: number): Result<number> {
    if (tape === null) return { ok: false, error: 'no tape is open' };
    if (!Number.isInteger(index) || index < 0 || index >= tape.steps.length) {
      return { ok: false, error: `step ${index} is not among the tape's ${tape.steps.length} steps` };
    }
    const target = placeOf(tape, index);
    const chain = tape.chains[target.day] as NamedExport[];
    const from = shown >= 0 ? placeOf(tape, shown) : null;
    const onward = from !== null && from.day === target.day && from.at <= target.at;
    // A rebuild goes into a fresh mirror, swapped in only once it holds the step.
    const into = onward ? mirror : new Mirror();
    for (let at = onward ? from.at + 1 : 0; at <= target.at; at++) {
      const { name, doc } = chain[at] as NamedExport;
      const outcome = into.apply(doc);
      // The whole tape was replayed when it was opened: this is a bug, not a damaged file.
      if (outcome.kind === 'resync') return { ok: false, error: `${name}: ${outcome.reason}` };
    }
    mirror = into;
    shown = index;
    return { ok: true, value: index };
  }

  return {
    /** Reads the tape (base64 of gzip, as in the page), checks all of it, and shows its first step. */
    async openTape(base64: string): Promise<Result<OpenedTape>> {
      const read = await readTape(base64);
      if (!read.ok) return read;
      tape = read.value;
      mirror = new Mirror();
      shown = -1;
      const first = showStep(0);
      if (!first.ok) return first;
      return { ok: true, value: { facts: read.value.facts, steps: read.value.steps } };
    },

    showStep,

    /** Answers at once unless the worker is stuck. */
    ping: (): true => true,

    /** Everything a session view draws, in one answer (workers/mirror/view.ts). */
    view: (query: ViewQuery): ViewRead => readView(mirror, { ...query, source: 'offline' }),
  };
}

export type PlayerApiObject = ReturnType<typeof createPlayerApi>;
