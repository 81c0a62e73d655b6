// The shape every fuzzing surface reports in, so that `npm run fuzz` can add them up (issue 12).
//
// A surface is one input path of the app: the command parser, the config loader, the bar importers, the
// export viewer, the mirror. Each one draws inputs from a seeded generator (fast-check, or byte mutations of
// real files), feeds them in, and counts what must never happen:
// - a crash: an exception thrown out of the surface's public entry point (a refusal is a value, not a throw);
// - a hang: one input taking longer than `HANG_MS`;
// - a state change after a refusal: the surface refused the input but what it holds changed.

export const HANG_MS = 2_000;

export interface FuzzReport {
  surface: string;
  inputs: number;
  /** How many inputs were refused (with one clear message): the rest were accepted. */
  refused: number;
  crashes: number;
  hangs: number;
  stateChanges: number;
  /** The first few failures, each with the seed and the input's index, to reproduce it. */
  failures: string[];
}

/** One surface: `runs` inputs drawn from `seed`. */
export type FuzzSurface = (runs: number, seed: number) => Promise<FuzzReport>;

/** An empty report to count into. */
export function report(surface: string): FuzzReport {
  return { surface, inputs: 0, refused: 0, crashes: 0, hangs: 0, stateChanges: 0, failures: [] };
}

/** Records a failure, keeping the first few. */
export function fail(into: FuzzReport, kind: 'crash' | 'hang' | 'state', what: string): void {
  if (kind === 'crash') into.crashes++;
  else if (kind === 'hang') into.hangs++;
  else into.stateChanges++;
  if (into.failures.length < 5) into.failures.push(`${kind}: ${what}`);
}
