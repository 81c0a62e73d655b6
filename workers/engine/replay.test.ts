import { describe, expect, it } from 'vitest';
import { Backtest } from './backtest';
import { defaultSessionConfig } from './config';
import { MAX_MINUTES_PER_TICK, ReplayDriver, type Timers } from './replay';

function fakeTimers() {
  let now = 0;
  let callback: (() => void) | null = null;
  const timers: Timers = {
    now: () => now,
    setInterval: (cb) => {
      callback = cb;
      return 1;
    },
    clearInterval: () => {
      callback = null;
    },
  };
  const elapse = (ms: number, step = 100) => {
    for (let t = 0; t < ms; t += step) {
      now += step;
      callback?.();
    }
  };
  return { timers, elapse, active: () => callback !== null };
}

function setup(speed: number) {
  const backtest = new Backtest(defaultSessionConfig());
  backtest.start();
  backtest.setSpeed(speed);
  const clock = fakeTimers();
  const driver = new ReplayDriver(backtest, clock.timers);
  driver.start();
  return { backtest, driver, ...clock };
}

describe('real-time replay', () => {
  it('advances one market minute per wall second at 60x', () => {
    const { backtest, elapse } = setup(60);
    elapse(10_000);
    expect(backtest.minute).toBe(10);
  });

  it('batches many minutes per timer tick at high speed', () => {
    const { backtest, elapse } = setup(6000);
    elapse(1000);
    expect(backtest.minute).toBe(100);
  });

  it('caps a tick instead of queueing work it cannot keep up with', () => {
    const { backtest, elapse } = setup(1_000_000);
    elapse(100);
    expect(backtest.minute).toBe(MAX_MINUTES_PER_TICK);
  });

  it('replays as fast as a tick may at speed 0, the original\'s "as fast as possible"', () => {
    const { backtest, elapse } = setup(0);
    elapse(100);
    expect(backtest.minute).toBe(MAX_MINUTES_PER_TICK);
    elapse(100);
    expect(backtest.minute).toBe(2 * MAX_MINUTES_PER_TICK);
  });

  it('stops moving when stopped, and stops itself when the backtest finishes', () => {
    const { backtest, driver, elapse, active } = setup(60);
    elapse(3000);
    driver.stop();
    elapse(3000);
    expect(backtest.minute).toBe(3);
    backtest.setSpeed(100_000);
    driver.start();
    elapse(10_000);
    expect(backtest.state).toBe('FINISHED');
    expect(active()).toBe(false);
  });
});
