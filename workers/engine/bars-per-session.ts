// How many bars of an interval one session holds: what history's columns are sized by. Apart from the
// configuration's schema so that the history helper thread (workers/history.worker.ts), which sizes columns
// but parses no configuration, does not carry the schema and its validator library.

import { intervalSeconds, isDateInterval } from '../common/interval-key';

/** Minutes in a regular US equity session; no minute interval may be longer. */
export const SESSION_MINUTES = 390;

/** Bars of an interval in one regular session at most (a week counts one, on the day it closes). */
export function barsPerSession(interval: string): number {
  if (isDateInterval(interval)) return 1;
  return Math.ceil((SESSION_MINUTES * 60) / intervalSeconds(interval));
}
