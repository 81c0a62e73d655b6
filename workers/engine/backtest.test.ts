import { describe, expect, it } from 'vitest';
import { Backtest } from './backtest';
import { defaultSessionConfig } from './config';

function started(gapRate = 0) {
  const backtest = new Backtest(defaultSessionConfig(), { seed: 1, gapRate });
  expect(backtest.start()).toEqual({ ok: true, value: undefined });
  return backtest;
}

const rivn = (b: Backtest) => {
  const store = b.session?.symbols.get('RIVN');
  if (!store) throw new Error('no RIVN');
  return store;
};

describe('backtest clock and session', () => {
  it('starts the default session at the open of 2025-07-01 with its history loaded', () => {
    const b = started();
    const snap = b.snapshot();
    expect(snap.state).toBe('RUNNING');
    expect(snap.marketTime).toBe('2025-07-01T09:30:00');
    expect(snap.symbols).toEqual(['RIVN', 'AAPL', 'TSLA']);
    const history = rivn(b).historical;
    const oneMinute = history.get('1m');
    expect(oneMinute?.dates).toHaveLength(10);
    expect(oneMinute?.dates.at(-1)).toBe('2025-06-30');
    expect(oneMinute?.dates).not.toContain('2025-06-19'); // Juneteenth
    expect(oneMinute?.bars.length).toBe(3900);
    expect(history.get('1d')?.bars.length).toBe(30);
    expect(rivn(b).baseBars.length).toBe(0);
  });

  it('advances N market minutes deterministically', () => {
    const a = started();
    const b = started();
    expect(a.advance(1)).toEqual({ ok: true, value: 1 });
    expect(a.snapshot().marketTime).toBe('2025-07-01T09:31:00');
    expect(rivn(a).baseBars.length).toBe(1);
    expect(rivn(a).ticks?.length).toBeGreaterThan(0);
    a.advance(44);
    b.advance(45);
    expect(a.snapshot().marketTime).toBe('2025-07-01T10:15:00');
    expect(Array.from(rivn(a).baseBars.close.slice(0, 45))).toEqual(
      Array.from(rivn(b).baseBars.close.slice(0, 45)),
    );
    expect(rivn(a).bars.get('5m')?.length).toBe(9);
    expect(rivn(a).bars.get('15m')?.length).toBe(3);
  });

  it('keeps the day at the close, then opens the next trading day as a new session', () => {
    const b = started();
    b.advance(390);
    expect(b.snapshot().marketTime).toBe('2025-07-01T16:00:00');
    expect(b.state).toBe('RUNNING');
    expect(rivn(b).baseBars.length).toBe(390);
    expect(rivn(b).bars.get('5m')?.length).toBe(78);
    expect(rivn(b).bars.get('15m')?.length).toBe(26);
    const firstId = b.session?.sessionId;
    b.advance(1);
    expect(b.snapshot().marketTime).toBe('2025-07-02T09:31:00');
    expect(b.session?.sessionId).not.toBe(firstId);
    expect(rivn(b).baseBars.length).toBe(1);
    expect(rivn(b).historical.get('1m')?.dates.at(-1)).toBe('2025-07-01');
    expect(rivn(b).historical.get('1d')?.dates.at(-1)).toBe('2025-07-01');
  });

  it('finishes at the early close of the last day (2025-07-03, 210 minutes)', () => {
    const b = started();
    const result = b.advance(10_000);
    expect(result).toEqual({ ok: true, value: 390 + 390 + 210 });
    expect(b.state).toBe('FINISHED');
    expect(b.snapshot().marketTime).toBe('2025-07-03T13:00:00');
    expect(rivn(b).baseBars.length).toBe(210);
    expect(rivn(b).bars.get('15m')?.length).toBe(14);
    expect(b.advance(1)).toEqual({
      ok: false,
      error: 'system advance: the backtest is FINISHED; use system start to replay it again',
    });
  });

  it('keeps session metrics and quality, with gaps', () => {
    const b = started(0.1);
    b.advance(100);
    const store = rivn(b);
    const bars = store.baseBars;
    let volume = 0;
    for (let i = 0; i < bars.length; i++) volume += bars.volume[i] as number;
    expect(store.metrics.volume).toBe(volume);
    expect(store.metrics.high).toBe(Math.max(...bars.high.slice(0, bars.length)));
    expect(store.metrics.low).toBe(Math.min(...bars.low.slice(0, bars.length)));
    expect(bars.length).toBeLessThan(100);
    expect(store.metrics.quality).toBe(Math.round((bars.length / 100) * 10_000) / 100);
    const clean = started(0);
    clean.advance(100);
    expect(rivn(clean).metrics.quality).toBe(100);
  });

  it('refuses bad transitions and bad minute counts with one line, changing nothing', () => {
    const b = new Backtest(defaultSessionConfig());
    expect(b.advance(1)).toEqual({
      ok: false,
      error: 'system advance: the system is STOPPED; use system start first',
    });
    expect(b.pause().ok).toBe(false);
    b.start();
    expect(b.start()).toEqual({
      ok: false,
      error: 'system start: the system is already RUNNING; stop it first to start over',
    });
    for (const bad of [-3, 0, 1.5, Number.NaN]) {
      const result = b.advance(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain('expected a whole number 1-100000');
    }
    expect(b.snapshot().marketTime).toBe('2025-07-01T09:30:00');
    expect(b.pause().ok).toBe(true);
    expect(b.snapshot().state).toBe('PAUSED');
    expect(b.advance(2).ok).toBe(true);
    expect(b.resume().ok).toBe(true);
    expect(b.stop().ok).toBe(true);
    expect(b.stop().ok).toBe(false);
    expect(b.setSpeed(0).ok).toBe(false);
    expect(b.setSpeed(600).ok).toBe(true);
    expect(b.speedMultiplier).toBe(600);
  });

  it('counts what the pipeline processed and times each stage', () => {
    const b = started();
    b.advance(10);
    const { counters, timings } = b.pipeline;
    expect(counters.barsProcessed).toBe(30);
    expect(counters.minutesProcessed).toBe(10);
    expect(counters.derivedBarsProcessed).toBe(6);
    const ticks = [...(b.session?.symbols.values() ?? [])].reduce((s, x) => s + (x.ticks?.length ?? 0), 0);
    expect(counters.ticksProcessed).toBe(ticks);
    expect(timings.get('data_processor')?.stats().count).toBe(10);
    expect(timings.get('session_coordinator')?.stats().count).toBe(11); // the open plus ten minutes
  });
});
