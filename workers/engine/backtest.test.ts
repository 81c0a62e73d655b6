import { describe, expect, it } from 'vitest';
import { Backtest } from './backtest';
import { DEFAULT_SESSION_CONFIG_JSON, defaultSessionConfig, parseSessionConfig } from './config';

function started(gapRate = 0) {
  const backtest = new Backtest(defaultSessionConfig(), { seed: 1, gapRate });
  expect(backtest.start()).toEqual({ ok: true, value: undefined });
  return backtest;
}

const rivn = (backtest: Backtest) => {
  const store = backtest.session?.symbols.get('RIVN');
  if (!store) throw new Error('no RIVN');
  return store;
};

describe('backtest clock and session', () => {
  it('starts the default session at the open of 2025-07-01 with its history loaded', () => {
    const backtest = started();
    const snap = backtest.snapshot();
    expect(snap.state).toBe('RUNNING');
    expect(snap.marketTime).toBe('2025-07-01T09:30:00');
    expect(snap.symbols).toEqual(['RIVN', 'AAPL', 'TSLA']);
    const history = rivn(backtest).historical;
    const oneMinute = history.get('1m');
    expect(oneMinute?.dates).toHaveLength(10);
    expect(oneMinute?.dates.at(-1)).toBe('2025-06-30');
    expect(oneMinute?.dates).not.toContain('2025-06-19'); // Juneteenth
    expect(oneMinute?.bars.length).toBe(3900);
    expect(history.get('1d')?.bars.length).toBe(30);
    expect(rivn(backtest).baseBars?.length).toBe(0);
  });

  it('advances N market minutes deterministically', () => {
    const first = started();
    const second = started();
    expect(first.advance(1)).toEqual({ ok: true, value: 1 });
    expect(first.snapshot().marketTime).toBe('2025-07-01T09:31:00');
    expect(rivn(first).baseBars?.length).toBe(1);
    expect(rivn(first).ticks?.length).toBeGreaterThan(0);
    first.advance(44);
    second.advance(45);
    expect(first.snapshot().marketTime).toBe('2025-07-01T10:15:00');
    expect(Array.from(rivn(first).baseBars?.close.slice(0, 45) ?? [])).toEqual(
      Array.from(rivn(second).baseBars?.close.slice(0, 45) ?? [1]),
    );
    expect(rivn(first).bars.get('5m')?.length).toBe(9);
    expect(rivn(first).bars.get('15m')?.length).toBe(3);
  });

  it("numbers the trading days of the window: 0 before start, then the open session's day from 1", () => {
    const backtest = new Backtest(defaultSessionConfig(), { seed: 1 });
    expect(backtest.snapshot()).toMatchObject({ dayNumber: 0, dayCount: 3 });
    backtest.start();
    expect(backtest.snapshot()).toMatchObject({ dayNumber: 1, dayCount: 3 });
    backtest.advance(391);
    expect(backtest.snapshot()).toMatchObject({ dayNumber: 2, sessionDate: '2025-07-02', sessionMinute: 1 });
  });

  it('keeps the day at the close, then opens the next trading day as a new session', () => {
    const backtest = started();
    backtest.advance(390);
    expect(backtest.snapshot().marketTime).toBe('2025-07-01T16:00:00');
    expect(backtest.state).toBe('RUNNING');
    expect(rivn(backtest).baseBars?.length).toBe(390);
    expect(rivn(backtest).bars.get('5m')?.length).toBe(78);
    expect(rivn(backtest).bars.get('15m')?.length).toBe(26);
    const firstId = backtest.session?.sessionId;
    backtest.advance(1);
    expect(backtest.snapshot().marketTime).toBe('2025-07-02T09:31:00');
    expect(backtest.session?.sessionId).not.toBe(firstId);
    expect(rivn(backtest).baseBars?.length).toBe(1);
    expect(rivn(backtest).historical.get('1m')?.dates.at(-1)).toBe('2025-07-01');
    expect(rivn(backtest).historical.get('1d')?.dates.at(-1)).toBe('2025-07-01');
  });

  it('finishes at the early close of the last day (2025-07-03, 210 minutes)', () => {
    const backtest = started();
    const result = backtest.advance(10_000);
    expect(result).toEqual({ ok: true, value: 390 + 390 + 210 });
    expect(backtest.state).toBe('FINISHED');
    expect(backtest.snapshot().marketTime).toBe('2025-07-03T13:00:00');
    // Which day of the window it is, for the progress words (`Day 3 of 3, minute 210 of 210`).
    expect(backtest.snapshot()).toMatchObject({
      dayNumber: 3,
      dayCount: 3,
      sessionMinute: 210,
      sessionMinutes: 210,
    });
    expect(rivn(backtest).baseBars?.length).toBe(210);
    expect(rivn(backtest).bars.get('15m')?.length).toBe(14);
    expect(backtest.advance(1)).toEqual({
      ok: false,
      error: 'system advance: the backtest is FINISHED; use system start to replay it again',
    });
  });

  it('keeps session metrics and quality, with gaps', () => {
    const backtest = started(0.1);
    backtest.advance(100);
    const store = rivn(backtest);
    const bars = store.baseBars;
    if (bars === null) throw new Error('the session streams 1m bars');
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
    const backtest = new Backtest(defaultSessionConfig());
    expect(backtest.advance(1)).toEqual({
      ok: false,
      error: 'system advance: the system is STOPPED; use system start first',
    });
    expect(backtest.pause().ok).toBe(false);
    backtest.start();
    expect(backtest.start()).toEqual({
      ok: false,
      error: 'system start: the system is already RUNNING; stop it first to start over',
    });
    for (const bad of [-3, 0, 1.5, Number.NaN]) {
      const result = backtest.advance(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain('expected a whole number 1-100000');
    }
    expect(backtest.snapshot().marketTime).toBe('2025-07-01T09:30:00');
    expect(backtest.pause().ok).toBe(true);
    expect(backtest.snapshot().state).toBe('PAUSED');
    expect(backtest.advance(2).ok).toBe(true);
    expect(backtest.resume().ok).toBe(true);
    expect(backtest.stop().ok).toBe(true);
    expect(backtest.stop().ok).toBe(false);
    expect(backtest.setSpeed(-1).ok).toBe(false);
    expect(backtest.setSpeed(1_000_001).ok).toBe(false);
    expect(backtest.setSpeed(600).ok).toBe(true);
    expect(backtest.speedMultiplier).toBe(600);
  });

  it('counts what the pipeline processed and times each stage', () => {
    const backtest = started();
    backtest.advance(10);
    const { counters, timings } = backtest.pipeline;
    expect(counters.barsProcessed).toBe(30);
    expect(counters.minutesProcessed).toBe(10);
    expect(counters.derivedBarsProcessed).toBe(6);
    const ticks = [...(backtest.session?.symbols.values() ?? [])].reduce(
      (s, x) => s + (x.ticks?.length ?? 0),
      0,
    );
    expect(counters.ticksProcessed).toBe(ticks);
    expect(timings.get('data_processor')?.stats().count).toBe(10);
    expect(timings.get('session_coordinator')?.stats().count).toBe(11); // the open plus ten minutes
  });
});

describe('a start that cannot open its first session', () => {
  it('refuses with one line and changes nothing; a later start works', () => {
    const backtest = new Backtest(defaultSessionConfig(), { seed: 1, gapRate: 0 });
    const good = backtest.source;
    const before = backtest.snapshot();
    backtest.source = {
      day: () => {
        throw new RangeError('no data for that day');
      },
      describe: () => 'imported',
    };
    const refused = backtest.start();
    expect(refused).toEqual({
      ok: false,
      error: 'system start: the first session could not open (no data for that day); nothing changed',
    });
    expect(backtest.snapshot()).toEqual(before);
    expect(backtest.session).toBeNull();
    backtest.source = good;
    expect(backtest.start().ok).toBe(true);
    expect(backtest.snapshot()).toMatchObject({ state: 'RUNNING', sessionDate: '2025-07-01', sessionId: 1 });
  });
});

describe("a session's bars in the memory of the session before the previous one", () => {
  /** The default session over four weeks of July (its own window is three days). */
  const started = () => {
    const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as { backtest_config: Record<string, unknown> };
    json.backtest_config.end_date = '2025-07-31';
    const parsed = parseSessionConfig(json);
    if (!parsed.ok) throw new Error(parsed.error);
    const backtest = new Backtest(parsed.value, { seed: 1, gapRate: 0 });
    expect(backtest.start()).toEqual({ ok: true, value: undefined });
    return backtest;
  };
  /** Every stream's rows of a session, as numbers (what a copy, or memory written over, would change). */
  const rowsOf = (backtest: Backtest) =>
    [...(backtest.session?.symbols.values() ?? [])].map((store) =>
      [...store.bars.values()].map((bars) => Array.from(bars.close.subarray(0, bars.length))),
    );
  const memoryOf = (backtest: Backtest) =>
    [...(backtest.session?.symbols.values() ?? [])].map((store) => store.barsMemory);
  const nextDay = (backtest: Backtest) => backtest.advance(backtest.sessionMinutes - backtest.minute + 1);

  it('opens each session in the memory of the one two before, with the bars a session of its own has', () => {
    const backtest = started();
    const twice = started();
    const first = memoryOf(backtest);
    expect(first.every((buffer) => buffer !== null)).toBe(true);
    nextDay(backtest);
    const second = memoryOf(backtest);
    expect(second.filter((buffer, i) => buffer === first[i])).toEqual([]);
    nextDay(backtest);
    // The third session's bars are in the first session's memory, no new memory.
    expect(memoryOf(backtest).filter((buffer, i) => buffer !== first[i])).toEqual([]);
    nextDay(backtest);
    expect(memoryOf(backtest).filter((buffer, i) => buffer !== second[i])).toEqual([]);
    // The same bars as a replay whose sessions all had fresh memory: the other one reads each session as an
    // export would, so no memory is lent there.
    const reading = twice.readSession();
    const twiceFirst = memoryOf(twice);
    nextDay(twice);
    nextDay(twice);
    // Read by an export, its first session's memory was not lent to its third.
    expect(memoryOf(twice).filter((buffer, i) => buffer === twiceFirst[i])).toEqual([]);
    nextDay(twice);
    reading();
    backtest.advance(200);
    twice.advance(200);
    expect(rowsOf(backtest)).toEqual(rowsOf(twice));
  });

  it('leaves a session an export reads as it was, its memory lent to no later session', () => {
    const backtest = started();
    // At the close: an export of the day's whole bars begins.
    backtest.advance(backtest.sessionMinutes);
    const held = backtest.session;
    const rows = rowsOf(backtest);
    const reading = backtest.readSession();
    for (let day = 0; day < 4; day++) nextDay(backtest);
    const heldMemory = [...(held?.symbols.values() ?? [])].map((store) => store.barsMemory);
    expect(memoryOf(backtest).filter((buffer) => heldMemory.includes(buffer))).toEqual([]);
    const now = backtest.session;
    backtest.session = held;
    expect(rowsOf(backtest)).toEqual(rows);
    backtest.session = now;
    reading();
  });
});
