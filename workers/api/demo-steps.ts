// Which moments of a session a demo's tape holds (docs/demo-files.md): a complete export at the start of
// each trading day, a delta every N market minutes, each day's close, and the moment the demo was asked
// at. Plain arithmetic over the calendar, so that the step count (the progress bar's total) is known
// before the replay starts.

import { tradingDay } from '../engine/calendar';

export interface DemoStep {
  /** Index of the trading day in the backtest window. */
  day: number;
  /** Market minutes of that day's session processed at this step (0 at the open). */
  minute: number;
  complete: boolean;
}

export interface DemoEnd {
  /** Trading day and minute the running session has reached. */
  day: number;
  minute: number;
}

/**
 * Every step from the first minute of the backtest to `end`, in order.
 *
 * Day 0 starts at its open (minute 0): `system start` shows it. A later day has no moment at its open: the
 * minute after a close opens the next day and processes its first minute at once (section 7), so its
 * complete export is at minute 1. Deltas fall on the clock's multiples of `every` (09:35, 09:40 for 5), and
 * every day's close is a step even off the grid, so no minute of a finished day is missing from the tape.
 */
export function demoSteps(tradingDays: readonly string[], end: DemoEnd, every: number): DemoStep[] {
  const steps: DemoStep[] = [];
  for (let day = 0; day <= end.day; day++) {
    const date = tradingDays[day];
    if (date === undefined) break;
    const first = day === 0 ? 0 : 1;
    const last = day === end.day ? end.minute : tradingDay(date).sessionMinutes;
    steps.push({ day, minute: first, complete: true });
    for (let minute = (Math.floor(first / every) + 1) * every; minute < last; minute += every)
      steps.push({ day, minute, complete: false });
    if (last > first) steps.push({ day, minute: last, complete: false });
  }
  return steps;
}
