// The engine as the worker and the command line host it: a backtest plus its real-time replay driver,
// behind verbs that take and return plain data.

import { Backtest } from './backtest';
import { defaultSessionConfig, parseSessionConfig } from './config';
import type { MarketDataOptions } from './market-data';
import { ReplayDriver, SYSTEM_TIMERS, type Timers } from './replay';
import type { EngineSnapshot, Result } from './types';

export interface RuntimeOptions {
  /** A session configuration in the original JSON form; the built-in default when absent. */
  config?: unknown;
  market?: Partial<MarketDataOptions>;
  timers?: Timers;
}

export interface Runtime {
  readonly backtest: Backtest;
  snapshot(): EngineSnapshot;
  start(): Result<EngineSnapshot>;
  pause(): Result<EngineSnapshot>;
  resume(): Result<EngineSnapshot>;
  stop(): Result<EngineSnapshot>;
  step(minutes?: number): Result<EngineSnapshot>;
  setSpeed(multiplier: number): Result<EngineSnapshot>;
}

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  let config = defaultSessionConfig();
  if (options.config !== undefined) {
    const parsed = parseSessionConfig(options.config);
    if (!parsed.ok) throw new Error(parsed.error);
    config = parsed.value;
  }
  const backtest = new Backtest(config, options.market ?? {});
  const driver = new ReplayDriver(backtest, options.timers ?? SYSTEM_TIMERS);

  // Every verb answers with the new snapshot, or the one-line error and an unchanged engine.
  const answer = (result: Result<unknown>): Result<EngineSnapshot> =>
    result.ok ? { ok: true, value: backtest.snapshot() } : result;

  return {
    backtest,
    snapshot: () => backtest.snapshot(),
    start() {
      const result = backtest.start();
      if (result.ok) driver.start();
      return answer(result);
    },
    pause() {
      const result = backtest.pause();
      if (result.ok) driver.stop();
      return answer(result);
    },
    resume() {
      const result = backtest.resume();
      if (result.ok) driver.start();
      return answer(result);
    },
    stop() {
      const result = backtest.stop();
      driver.stop();
      return answer(result);
    },
    step: (minutes = 1) => answer(backtest.advance(minutes)),
    setSpeed: (multiplier) => answer(backtest.setSpeed(multiplier)),
  };
}
