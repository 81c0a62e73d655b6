// Real-time replay: a timer turns elapsed wall time into market minutes at the speed multiplier.
// At high speeds one timer tick advances many minutes at once (batching), capped so a tick stays short.

import type { Backtest } from './backtest';
import { AS_FAST_AS_POSSIBLE } from './limits';

export interface Timers {
  now(): number;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const SYSTEM_TIMERS: Timers = {
  now: () => performance.now(),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export const REPLAY_TICK_MS = 100;
const MARKET_MINUTE_MS = 60_000;
/** Most minutes one tick may process; beyond that the replay runs as fast as it can instead of queueing. */
export const MAX_MINUTES_PER_TICK = 120;

export class ReplayDriver {
  private handle: unknown = null;
  private last = 0;
  /** Market milliseconds already earned but not yet advanced (kept in ms so 10 x 0.1 minutes is 1 minute). */
  private owedMs = 0;

  constructor(
    private readonly backtest: Backtest,
    private readonly timers: Timers = SYSTEM_TIMERS,
    private readonly onAdvance: () => void = () => {},
  ) {}

  get running(): boolean {
    return this.handle !== null;
  }

  start(): void {
    if (this.handle !== null) return;
    this.last = this.timers.now();
    this.owedMs = 0;
    this.handle = this.timers.setInterval(() => this.tick(), REPLAY_TICK_MS);
  }

  stop(): void {
    if (this.handle === null) return;
    this.timers.clearInterval(this.handle);
    this.handle = null;
  }

  /** One timer tick: advance the minutes that the elapsed wall time has earned. */
  tick(): void {
    const now = this.timers.now();
    const speed = this.backtest.speedMultiplier;
    this.owedMs += (now - this.last) * speed;
    this.last = now;
    // Speed 0 is "as fast as possible": every tick advances as much as a tick may.
    const due =
      speed === AS_FAST_AS_POSSIBLE
        ? MAX_MINUTES_PER_TICK
        : Math.min(Math.floor(this.owedMs / MARKET_MINUTE_MS), MAX_MINUTES_PER_TICK);
    if (due < 1) return;
    this.owedMs = Math.max(0, Math.min(this.owedMs - due * MARKET_MINUTE_MS, MARKET_MINUTE_MS));
    this.backtest.advance(due);
    this.onAdvance();
    if (this.backtest.state !== 'RUNNING') this.stop();
  }
}
