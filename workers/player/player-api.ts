// The demo player worker's verbs: open the page's tape once, then show any step of it and answer the
// session view's reads, as the mirror worker does for the offline replay. One replay, so `view` answers
// from it whatever source the query names.

import type { Result } from '../common/result';
import type { NamedExport } from '../mirror/export-set';
import { Mirror } from '../mirror/mirror';
import { readView, type ViewQuery, type ViewRead } from '../mirror/view';
import { checkTape, openTapeText, type TapeFacts, type TapeStep } from './read-tape';

export type { TapeFacts, TapeStep } from './read-tape';

export interface OpenedTape {
  facts: TapeFacts;
  steps: TapeStep[];
}

/** An open tape: its steps at once, its exports once checked whole. */
interface OpenTape {
  facts: TapeFacts;
  steps: TapeStep[];
  /**
   * Every export read and every day replayed aside (read-tape.ts), started on first use: the page asks
   * once its first step is drawn, so that the check does not take the CPU from that first drawing.
   */
  checked: () => Promise<Result<NamedExport[][]>>;
}

/** `work` run once, on the first call. */
function once<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () => {
    running ??= work();
    return running;
  };
}

/** Where step `index` sits: its chain and its place in the chain. */
function placeOf(steps: readonly TapeStep[], index: number): { day: number; at: number } {
  const step = steps[index] as TapeStep;
  return { day: step.day, at: index - steps.findIndex((s) => s.day === step.day) };
}

export function createPlayerApi() {
  let tape: OpenTape | null = null;
  let mirror = new Mirror();
  /** The step the mirror holds, -1 before the first. */
  let shown = -1;

  /**
   * Shows the replay as it stood after step `index`, once the tape is checked whole. Forward within a
   * day applies the deltas after the step shown; another day, or a step back, rebuilds from that day's
   * complete export (never the tape from its start).
   */
  async function showStep(index: number): Promise<Result<number>> {
    const open = tape;
    if (open === null) return { ok: false, error: 'no tape is open' };
    if (!Number.isInteger(index) || index < 0 || index >= open.steps.length) {
      return { ok: false, error: `step ${index} is not among the tape's ${open.steps.length} steps` };
    }
    const checked = await open.checked();
    if (!checked.ok) return checked;
    if (tape !== open) return { ok: false, error: 'another tape was opened meanwhile' };
    const target = placeOf(open.steps, index);
    const chain = checked.value[target.day] as NamedExport[];
    const from = shown >= 0 ? placeOf(open.steps, shown) : null;
    const onward = from !== null && from.day === target.day && from.at <= target.at;
    // A rebuild goes into a fresh mirror, swapped in only once it holds the step.
    const into = onward ? mirror : new Mirror();
    for (let at = onward ? from.at + 1 : 0; at <= target.at; at++) {
      const { name, doc } = chain[at] as NamedExport;
      const outcome = into.apply(doc);
      // The whole tape was replayed when it was checked: this is a bug, not a damaged file.
      if (outcome.kind === 'resync') return { ok: false, error: `${name}: ${outcome.reason}` };
    }
    mirror = into;
    shown = index;
    return { ok: true, value: index };
  }

  return {
    /**
     * Reads the tape's header and first export (base64 of gzip, as in the page) and shows the first step;
     * the rest is checked when first asked (`tapeChecked`, or a step), and no other step is shown before.
     */
    async openTape(base64: string): Promise<Result<OpenedTape>> {
      const read = await openTapeText(base64);
      if (!read.ok) return read;
      const first = new Mirror();
      const outcome = first.apply(read.value.first.doc);
      if (outcome.kind === 'resync')
        return { ok: false, error: `${read.value.first.name}: ${outcome.reason}` };
      const { facts, steps } = read.value;
      const opened = read.value;
      tape = { facts, steps, checked: once(() => checkTape(opened)) };
      mirror = first;
      shown = 0;
      return { ok: true, value: { facts, steps } };
    },

    /** Whether the whole tape reads and replays; the error names the export at fault. */
    async tapeChecked(): Promise<Result<true>> {
      if (tape === null) return { ok: false, error: 'no tape is open' };
      const checked = await tape.checked();
      return checked.ok ? { ok: true, value: true } : checked;
    },

    showStep,

    /** Answers at once unless the worker is stuck. */
    ping: (): true => true,

    /** Everything a session view draws, in one answer (workers/mirror/view.ts). */
    view: (query: ViewQuery): ViewRead => readView(mirror, { ...query, source: 'offline' }),
  };
}

export type PlayerApiObject = ReturnType<typeof createPlayerApi>;
