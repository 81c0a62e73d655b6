// The summary figures of a run (docs/export-format.md section 10.1), computed by the consumer from what the
// exports give: the account, the equity samples and the closed trades. Plain arithmetic, so that any
// reader of the files can check them.

import type { AnalysisSummary } from './analysis-types';

/** Trading days in a year, for the annualized Sharpe ratio. */
const TRADING_DAYS = 252;
/** A regular session, 09:30 to 16:00, in seconds. */
const REGULAR_SESSION_SECONDS = 6.5 * 3600;
const DAY = 86_400;

export interface AccountFigures {
  cash: number;
  equity: number;
  realizedPnl: number;
  unrealizedPnl: number;
  trades: number;
}

/**
 * The largest fall from a running peak, as a fraction of that peak; the peak starts at `start` (the
 * starting equity), so a run that only loses from its first sample has that loss as its drawdown.
 */
export function maxDrawdown(start: number, equity: ArrayLike<number>): number {
  let peak = start;
  let worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i] as number;
    if (e > peak) peak = e;
    else if (peak > 0) worst = Math.max(worst, (peak - e) / peak);
  }
  return worst;
}

/**
 * Equity samples per regular session day: a regular session over the shortest gap between two samples of
 * the same day (390 for one a minute). Gaps in the data only make some gaps longer, never the shortest.
 * One when no two samples share a day (a `1d` base samples at each close).
 */
export function samplesPerDay(times: ArrayLike<number>): number {
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1] as number;
    const b = times[i] as number;
    if (Math.floor(a / DAY) === Math.floor(b / DAY) && b > a) gap = Math.min(gap, b - a);
  }
  return Number.isFinite(gap) ? Math.max(1, Math.round(REGULAR_SESSION_SECONDS / gap)) : 1;
}

/**
 * The Sharpe ratio of the returns between consecutive samples (risk-free rate 0): their mean over their
 * sample standard deviation (n - 1), times sqrt(252 x samples per day). Null with fewer than two returns,
 * or when they do not vary.
 */
export function sharpe(equity: ArrayLike<number>, perDay: number): number | null {
  const n = equity.length - 1;
  if (n < 2) return null;
  let sum = 0;
  const returns = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const before = equity[i] as number;
    const r = before === 0 ? 0 : (equity[i + 1] as number) / before - 1;
    returns[i] = r;
    sum += r;
  }
  const mean = sum / n;
  let squares = 0;
  for (const r of returns) squares += (r - mean) ** 2;
  const deviation = Math.sqrt(squares / (n - 1));
  // Below this the returns only differ by rounding: no deviation to speak of.
  if (!(deviation > 1e-15)) return null;
  return (mean / deviation) * Math.sqrt(TRADING_DAYS * perDay);
}

/** The summary of a run from its account, equity samples (times in seconds) and closed trades' P&L. */
export function summarize(
  account: AccountFigures,
  times: ArrayLike<number>,
  equity: ArrayLike<number>,
  tradePnl: readonly number[],
): AnalysisSummary {
  // The exports round money to 12 significant digits: so is the difference, or 100000 reads 100000.00000000001.
  const startingEquity = Number(
    (account.equity - account.realizedPnl - account.unrealizedPnl).toPrecision(12),
  );
  const wins = tradePnl.filter((pnl) => pnl > 0).length;
  return {
    startingEquity,
    equity: account.equity,
    cash: account.cash,
    realizedPnl: account.realizedPnl,
    unrealizedPnl: account.unrealizedPnl,
    totalReturn: startingEquity === 0 ? 0 : account.equity / startingEquity - 1,
    maxDrawdown: maxDrawdown(startingEquity, equity),
    winRate: tradePnl.length === 0 ? null : wins / tradePnl.length,
    trades: account.trades,
    sharpe: sharpe(equity, samplesPerDay(times)),
    samples: equity.length,
  };
}
