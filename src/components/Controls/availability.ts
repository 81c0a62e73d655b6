import type { SystemState } from '../../../workers/engine/types';

export interface ControlAvailability {
  start: boolean;
  pause: boolean;
  resume: boolean;
  step: boolean;
  stop: boolean;
}

const NONE: ControlAvailability = { start: false, pause: false, resume: false, step: false, stop: false };

/** Which session buttons make sense in a state; none while a command is in flight or the engine is down. */
export function controlAvailability(state: SystemState | null, busy: boolean): ControlAvailability {
  if (state === null || busy) return NONE;
  return {
    // The engine replays a FINISHED backtest from the start; only a RUNNING or PAUSED one can be stopped.
    start: state === 'STOPPED' || state === 'FINISHED',
    pause: state === 'RUNNING',
    resume: state === 'PAUSED',
    step: state === 'RUNNING' || state === 'PAUSED',
    stop: state === 'RUNNING' || state === 'PAUSED',
  };
}
