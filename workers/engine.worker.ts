// Comlink wiring only: build the engine and expose its API object. Everything else lives in engine/.
import { expose } from 'comlink';
import { createRuntime } from './engine/runtime';

const runtime = createRuntime();

/** The whole surface the UI can reach: a few verbs taking and returning plain data. */
const api = {
  snapshot: () => runtime.snapshot(),
  start: () => runtime.start(),
  pause: () => runtime.pause(),
  resume: () => runtime.resume(),
  stop: () => runtime.stop(),
  step: (minutes?: number) => runtime.step(minutes),
  setSpeed: (multiplier: number) => runtime.setSpeed(multiplier),
};

export type EngineApi = typeof api;

expose(api);
