// When the demo player moves on, as plain arithmetic over market time so it can be tested without a clock:
// at speed S, market time runs S times as fast as real time, and a step is reached once the market time
// between it and the step before has passed. The night between two trading days counts as one step's
// worth of market time (`every` minutes), not the sixteen hours the clock would say.

export type Speed = 1 | 10 | 60 | 'max';

/** The speeds offered, slowest first; `max` shows the next step as soon as the last one is drawn. */
export const SPEEDS: readonly Speed[] = [1, 10, 60, 'max'];

export const speedLabel = (speed: Speed): string => (speed === 'max' ? 'As fast as possible' : `${speed}×`);

export interface StepTime {
  /** `YYYY-MM-DDTHH:MM:SS` exchange time, when the export said. */
  marketTime: string | null;
  /** The trading day (chain) of the step. */
  day: number;
}

const MS_PER_MINUTE = 60_000;

/** Exchange wall time as a number of ms, to subtract (the zone cancels out within a day). */
function clockMs(time: string | null): number | null {
  if (time === null) return null;
  const ms = Date.parse(`${time.slice(0, 19)}Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** Market ms from each step to the next (one fewer than the steps). */
export function stepGaps(steps: readonly StepTime[], everyMinutes: number): number[] {
  const step = Math.max(1, everyMinutes) * MS_PER_MINUTE;
  const gaps: number[] = [];
  for (let i = 0; i + 1 < steps.length; i++) {
    const a = steps[i] as StepTime;
    const b = steps[i + 1] as StepTime;
    const from = clockMs(a.marketTime);
    const to = clockMs(b.marketTime);
    const same = a.day === b.day && from !== null && to !== null && to > from;
    gaps.push(same ? to - from : step);
  }
  return gaps;
}

/** Where playback stands: a step, and the market ms already run towards the next one. */
export interface Position {
  step: number;
  carry: number;
}

/**
 * The position after `elapsedMs` of real time at `speed`. Several steps may pass at once (the view lagged,
 * or the steps are close together): the player then shows only the last. `max` moves one step per call.
 * At the last step the carry is dropped: playback has ended.
 */
export function advance(at: Position, elapsedMs: number, speed: Speed, gaps: readonly number[]): Position {
  const last = gaps.length;
  if (at.step >= last) return { step: last, carry: 0 };
  if (speed === 'max') return { step: at.step + 1, carry: 0 };
  let { step, carry } = at;
  carry += Math.max(0, elapsedMs) * speed;
  while (step < last && carry >= (gaps[step] as number)) {
    carry -= gaps[step] as number;
    step++;
  }
  return { step, carry: step >= last ? 0 : carry };
}
