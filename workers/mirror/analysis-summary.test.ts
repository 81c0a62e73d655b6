// The summary figures by hand (docs/export-format.md section 10.1).

import { describe, expect, it } from 'vitest';
import { maxDrawdown, samplesPerDay, sharpe, summarize } from './analysis-summary';

/** Chart seconds of 2025-07-01 at a New York wall-clock time (local time read as UTC). */
const at = (hour: number, minute: number, day = 1) => Date.UTC(2025, 6, day, hour, minute) / 1000;

describe('the analysis summary', () => {
  it('measures the largest fall from a running peak that starts at the starting equity', () => {
    // Peak 110 then 99: a fall of 11 from 110, 10 %. The later 104 from 108.9 is smaller (4.5 %).
    expect(maxDrawdown(100, [100, 110, 99, 108.9, 104])).toBeCloseTo(0.1, 12);
    // Losing from the first sample: the peak is the starting equity.
    expect(maxDrawdown(100, [95, 97])).toBeCloseTo(0.05, 12);
    expect(maxDrawdown(100, [100, 101, 102])).toBe(0);
    expect(maxDrawdown(100, [])).toBe(0);
  });

  it('annualizes the Sharpe ratio by the samples of a regular day', () => {
    // Four samples, three returns: +10 % (100 -> 110), -10 % (110 -> 99), +10 % (99 -> 108.9).
    // mean = 0.1 / 3 = 1/30; deviations 2/30, -4/30, 2/30; squares sum to 24/900; over n - 1 = 2: 1/75;
    // standard deviation sqrt(1/75) = 0.11547; mean / deviation = sqrt(75) / 30 = 0.288675.
    // One sample a minute: 390 a day, sqrt(252 x 390) = 313.4964; Sharpe = 0.288675 x 313.4964 = 90.4986.
    const equity = [100, 110, 99, 108.9];
    const times = [at(9, 31), at(9, 32), at(9, 33), at(9, 34)];
    expect(samplesPerDay(times)).toBe(390);
    expect(sharpe(equity, 390)).toBeCloseTo(90.4986, 3);
    // Five-minute samples: 78 a day.
    expect(samplesPerDay([at(9, 35), at(9, 40), at(9, 50), at(9, 35, 2)])).toBe(78);
    // A 1d base: one sample at each close, none sharing a day.
    expect(samplesPerDay([at(0, 0), at(0, 0, 2), at(0, 0, 3)])).toBe(1);
    // Fewer than two returns, or returns that do not vary: none.
    expect(sharpe([100, 101], 390)).toBeNull();
    expect(sharpe([100, 100, 100, 100], 390)).toBeNull();
  });

  it('sums a run up from its account, samples and trades', () => {
    const summary = summarize(
      { cash: 98_000, equity: 101_000, realizedPnl: 600, unrealizedPnl: 400, trades: 4 },
      [at(9, 31), at(9, 32), at(9, 33), at(9, 34)],
      [100_000, 102_000, 99_000, 101_000],
      [5, -2, 0, 3],
    );
    expect(summary).toMatchObject({
      // 101000 - 600 - 400
      startingEquity: 100_000,
      equity: 101_000,
      cash: 98_000,
      trades: 4,
      samples: 4,
      // Two of four trades won (a trade of 0 did not).
      winRate: 0.5,
    });
    expect(summary.totalReturn).toBeCloseTo(0.01, 12);
    // 102000 -> 99000: 3000 / 102000.
    expect(summary.maxDrawdown).toBeCloseTo(3000 / 102_000, 12);
    expect(summary.sharpe).not.toBeNull();
    expect(
      summarize({ cash: 1, equity: 1, realizedPnl: 0, unrealizedPnl: 0, trades: 0 }, [], [], []),
    ).toMatchObject({ winRate: null, sharpe: null, maxDrawdown: 0, totalReturn: 0, samples: 0 });
  });
});
