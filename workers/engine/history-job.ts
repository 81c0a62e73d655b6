// One symbol's history for a session as a job another thread can do from plain inputs: the generator is
// deterministic per (symbol, day, seed), so a helper given the session date, the requests and the market
// options makes exactly the bars the engine's thread would. Only generated symbols become jobs; imported
// bars live in the engine's thread (Backtest.historyJobs).

import type { HistoricalRequest } from './config';
import { loadHistorical } from './historical';
import type { MarketDataOptions } from './market-data';
import { generatorSource } from './market-source';
import type { HistoricalSeries } from './session-store';

export interface HistoryJob {
  symbol: string;
  /** The session the history leads up to (the backtest's first trading day). */
  sessionDate: string;
  /** The requests that apply to the symbol, one per interval, as `requestsFor` gives them, for 'all'. */
  requests: HistoricalRequest[];
  /** The generator's options the symbol's days come from. */
  market: MarketDataOptions;
}

/** Loads a job's history whole, in whichever thread runs this. */
export function loadJob(job: HistoryJob): HistoricalSeries[] {
  return loadHistorical(job.symbol, job.sessionDate, job.requests, generatorSource(job.market));
}

/** True when both option sets have the same keys and values (the generator reads no other). */
export function sameMarket(a: MarketDataOptions, b: MarketDataOptions): boolean {
  const keys = Object.keys(a) as (keyof MarketDataOptions)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

/**
 * True when two request lists load the same series: the same intervals in the same order, each with the
 * same window. Their `symbols` are not compared: both are already the requests that apply to the symbol.
 */
export function sameRequests(a: readonly HistoricalRequest[], b: readonly HistoricalRequest[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.interval === b[i]?.interval && r.trailingDays === b[i]?.trailingDays)
  );
}
