// History another thread loads for the backtest's first session (Backtest.historyJobs / keepLoadedElsewhere):
// kept only when made from what the session will run on, refused with the reason otherwise.
import { describe, expect, it } from 'vitest';
import { Backtest } from './backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from './config';
import { type HistoryJob, loadJob } from './history-job';
import { generatorSource } from './market-source';

const MARKET = { seed: 9, gapRate: 0 };
const FIRST = '2025-07-01';

function backtest(): Backtest {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    backtest_config: Record<string, unknown>;
    session_data_config: Record<string, unknown>;
  };
  json.backtest_config = { start_date: FIRST, end_date: '2025-07-02', speed_multiplier: 60 };
  json.session_data_config.historical = {
    enabled: true,
    data: [
      { interval: '1m', trailing_days: 2 },
      { interval: '1d', trailing_days: 5, apply_to: ['AAPL'] },
    ],
  };
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return new Backtest(parsed.value, MARKET);
}

/** The symbols whose history the backtest's own source is asked for (days before the first session). */
function loadedHere(b: Backtest): Set<string> {
  const symbols = new Set<string>();
  const base = b.source;
  b.source = {
    ...base,
    day(symbol, day, scratch) {
      if (day.date < FIRST) symbols.add(symbol);
      return base.day(symbol, day, scratch);
    },
  };
  return symbols;
}

const jobOf = (b: Backtest, symbol: string): HistoryJob => {
  const job = b.historyJobs().find((j) => j.symbol === symbol);
  if (!job) throw new Error(`no job for ${symbol}`);
  return job;
};

describe('history loaded by another thread', () => {
  it('is asked of every generated symbol with plain inputs: the first day, its own requests, the market', () => {
    const b = backtest();
    const jobs = b.historyJobs();
    expect(jobs.map((j) => j.symbol)).toEqual(b.config.symbols);
    // Plain data: it crosses to a thread unchanged.
    expect(structuredClone(jobs)).toEqual(jobs);
    expect(jobOf(b, 'AAPL')).toMatchObject({ sessionDate: FIRST, market: MARKET });
    expect(jobOf(b, 'AAPL').requests.map((r) => [r.interval, r.trailingDays])).toEqual([
      ['1m', 2],
      ['1d', 5],
    ]);
    expect(jobOf(b, 'TSLA').requests.map((r) => r.interval)).toEqual(['1m']);
    // Each job's requests are its own already: they name no symbols (a config's lists may name hundreds).
    for (const job of jobs) expect(job.requests.map((r) => r.symbols)).toEqual(job.requests.map(() => 'all'));
  });

  it('leaves out a symbol whose days do not come from the generator', () => {
    const b = backtest();
    const base = generatorSource(MARKET);
    b.source = { ...base, generatorOptions: (s) => (s === 'TSLA' ? undefined : base.generatorOptions?.(s)) };
    expect(b.historyJobs().map((j) => j.symbol)).toEqual(b.config.symbols.filter((s) => s !== 'TSLA'));
  });

  it('is what the start uses, in place of loading the symbol itself', () => {
    const b = backtest();
    const here = loadedHere(b);
    const job = jobOf(b, 'AAPL');
    expect(b.keepLoadedElsewhere(job, loadJob(structuredClone(job)))).toEqual({ ok: true, value: undefined });
    expect(b.start().ok).toBe(true);
    expect([...here].sort()).toEqual(b.config.symbols.filter((s) => s !== 'AAPL').sort());
  });

  it('is refused, with the reason, and nothing changes, unless made from what the session runs on', () => {
    const b = backtest();
    const here = loadedHere(b);
    // Kept before the refusals: a refusal must not drop it.
    const rivn = jobOf(b, 'RIVN');
    expect(b.keepLoadedElsewhere(rivn, loadJob(rivn)).ok).toBe(true);
    const aapl = jobOf(b, 'AAPL');
    const series = loadJob(aapl);
    const cases: [HistoryJob, string][] = [
      [{ ...aapl, symbol: 'ZZZZ' }, 'it is not a symbol of this session'],
      [{ ...aapl, sessionDate: '2025-07-02' }, 'it leads up to 2025-07-02, the first session is 2025-07-01'],
      [{ ...aapl, market: { seed: 10, gapRate: 0 } }, 'it was generated with other market options'],
      [{ ...aapl, requests: aapl.requests.slice(0, 1) }, 'it answers other history requests'],
    ];
    for (const [job, reason] of cases) {
      expect(b.keepLoadedElsewhere(job, series)).toEqual({
        ok: false,
        error: `history of ${job.symbol} loaded elsewhere was not kept: ${reason}`,
      });
    }
    expect(b.keepLoadedElsewhere(aapl, series.slice(1))).toEqual({
      ok: false,
      error: 'history of AAPL loaded elsewhere was not kept: its series (1d) are not the intervals requested',
    });
    // The symbol imported since the job was made: its days are no longer the generator's.
    const source = b.source;
    b.source = {
      ...source,
      generatorOptions: (s) => (s === 'AAPL' ? undefined : source.generatorOptions?.(s)),
    };
    expect(b.keepLoadedElsewhere(aapl, series)).toEqual({
      ok: false,
      error: 'history of AAPL loaded elsewhere was not kept: its days no longer come from the generator',
    });
    b.source = source;
    expect(b.start().ok).toBe(true);
    expect([...here].sort()).toEqual(b.config.symbols.filter((s) => s !== 'RIVN').sort());
  });
});
