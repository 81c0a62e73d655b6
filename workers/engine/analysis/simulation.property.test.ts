// The accounting identities under random bars and random signals: at every equity sample
//   cash + sum(quantity x mark) = equity = starting cash + realized + unrealized,
// realized = the sum of the closed trades' pnl, and the same inputs give the same rows twice.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Backtest } from '../backtest';
import { Backtest as Engine } from '../backtest';
import { Random } from '../random';
import { STRATEGY_MODULES } from '../strategies/index';
import type { Script } from './analysis.test-support';
import { configOf, scriptedSource, scriptModule } from './analysis.test-support';

interface Case {
  seed: number;
  gapRate: number;
  streams: string[];
  interval: string;
  allowShort: boolean;
  signalRate: number;
  trading: Record<string, number>;
  days: number;
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  gapRate: fc.constantFrom(0, 0.1, 0.5),
  streams: fc.constantFrom(['1m'], ['5m'], ['1m', '5m'], ['2m', '10m']),
  interval: fc.constantFrom('1m', '5m', '15m'),
  allowShort: fc.boolean(),
  signalRate: fc.constantFrom(0.05, 0.3, 1),
  trading: fc.record(
    {
      max_buying_power: fc.integer({ min: 1000, max: 200_000 }),
      max_per_trade: fc.integer({ min: 100, max: 50_000 }),
      max_per_symbol: fc.integer({ min: 100, max: 50_000 }),
      max_open_positions: fc.integer({ min: 1, max: 3 }),
      commission_per_share: fc.constantFrom(0, 0.005, 0.013, 1),
    },
    { requiredKeys: [] },
  ),
  days: fc.constantFrom(1, 2),
});

/** Random one-minute bars: a walk per symbol and day from the seed, with gaps. */
function randomSource(seed: number, gapRate: number) {
  return scriptedSource((symbol, date, minute) => {
    const random = new Random(
      (seed ^ (minute * 7919) ^ (symbol.charCodeAt(0) * 104_729) ^ Number(date.slice(8))) >>> 0,
    );
    if (random.next() < gapRate) return null;
    const level = 20 + 10 * Math.sin((minute + symbol.charCodeAt(0)) / 37);
    const open = Math.round((level + random.next() * 3) * 100) / 100;
    const close = Math.round((level + random.next() * 3) * 100) / 100;
    return { open, close };
  });
}

/** BUY or SELL at random, for a random quantity, on about `rate` of the bars. */
function randomSignals(seed: number, rate: number): Script {
  const random = new Random(seed ^ 0x5eed);
  return (bar) => {
    if (random.next() >= rate) return [];
    const action = random.next() < 0.5 ? 'BUY' : 'SELL';
    const quantity = 1 + Math.floor(random.next() * 300);
    return [{ symbol: bar.symbol, action, quantity, reason: `random ${action}` }];
  };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function started(c: Case): Backtest {
  const module = scriptModule(randomSignals(c.seed, c.signalRate), c.interval);
  const config = configOf({
    symbols: ['AAA', 'BBB'],
    streams: c.streams,
    endDate: c.days === 1 ? '2025-07-01' : '2025-07-02',
    strategies: [{ module: 'test.script', config: { allow_short: c.allowShort } }],
    trading: c.trading,
    modules: [module],
  });
  const backtest = new Engine(config, { seed: 1 }, [...STRATEGY_MODULES, module]);
  backtest.source = randomSource(c.seed, c.gapRate);
  const result = backtest.start();
  if (!result.ok) throw new Error(result.error);
  return backtest;
}

/** Orders seen across the runs, by status: the cases must exercise fills, refusals and cancellations. */
const seen = { filled: 0, refused: 0, cancelled: 0 };

/** Runs a case minute by minute, checking the identities at every sample; returns its rows. */
function runChecked(c: Case): string {
  const backtest = started(c);
  const store = backtest.analysis;
  let samples = 0;
  while (!backtest.finished) {
    backtest.advance(1);
    if (store.equity.length === samples) continue;
    samples = store.equity.length;
    const row = samples - 1;
    const [cash, equity, realized, unrealized] = store.equity.values.map((v) => v[row] as number) as [
      number,
      number,
      number,
      number,
    ];
    let marked = 0;
    let open = 0;
    for (const p of store.positions.values()) {
      if (p.quantity === 0) continue;
      marked += p.quantity * p.lastPrice;
      open += (p.lastPrice - p.avgPrice) * p.quantity;
    }
    const closed = store.trades.reduce((sum, t) => sum + t.pnl, 0);
    const ok =
      close(cash + marked, equity) &&
      close(equity, store.account.startingCash + realized + unrealized) &&
      close(unrealized, open) &&
      close(realized, closed) &&
      cash >= -1e-6;
    if (!ok)
      throw new Error(
        `identities broken at sample ${row}: cash ${cash} + marked ${marked} vs equity ${equity}; realized ${realized} vs trades ${closed}; unrealized ${unrealized} vs ${open}`,
      );
  }
  expect(store.account.trades).toBe(store.trades.length);
  for (const o of store.strategies[0]?.orders ?? []) seen[o.status]++;
  return JSON.stringify({
    strategies: store.strategies,
    equity: Array.from({ length: store.equity.length }, (_, i) => [
      store.equity.time[i],
      ...store.equity.values.map((v) => v[i]),
    ]),
    trades: store.trades,
  });
}

describe('the simulation under random bars and signals', () => {
  it('keeps cash + marked positions = equity = start + realized + unrealized, and realized = closed trades', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        runChecked(c);
      }),
      { numRuns: 40 },
    );
    expect(seen.filled).toBeGreaterThan(100);
    expect(seen.refused).toBeGreaterThan(10);
  });

  it('gives the same rows for the same inputs', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const first = runChecked(c);
        expect(first).toBe(runChecked(c));
      }),
      { numRuns: 10 },
    );
  });
});
