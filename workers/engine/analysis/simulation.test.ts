// Hand-worked cases of the simulation: prices are scripted so every number below can be checked by hand.

import { describe, expect, it } from 'vitest';
import type { Signal } from '../strategies/strategy';
import {
  at,
  type MinuteBar,
  type RunOptions,
  runToEnd,
  type Script,
  scriptedSource,
  scriptModule,
} from './analysis.test-support';

const DAY = '2025-07-01';
const NEXT = '2025-07-02';

/** Minute m opens at 10 + m and closes half a dollar higher: the fill price says which bar filled. */
const rising = scriptedSource((_symbol, _date, m): MinuteBar => ({ open: 10 + m, close: 10.5 + m }));

/** Signals at given exchange times (bar stamps) of a date: `{ 'AAA 09:30': [...] }`. */
function scripted(plan: Record<string, Omit<Signal, 'symbol'>[]>, date = DAY): Script {
  return (bar) => {
    for (const [key, signals] of Object.entries(plan)) {
      const [symbol, time] = key.split(' ') as [string, string];
      if (bar.symbol === symbol && bar.time === at(date, time)) return signals.map((s) => ({ ...s, symbol }));
    }
    return [];
  };
}

function run(script: Script, options: Partial<RunOptions> = {}, allowShort = false) {
  return runToEnd(
    {
      symbols: ['AAA'],
      strategies: [{ module: 'test.script', config: { allow_short: allowShort } }],
      modules: [scriptModule(script)],
      ...options,
    },
    options.symbols ? scriptedSource((_s, _d, m) => ({ open: 10 + m, close: 10.5 + m })) : rising,
  );
}

const buy = (quantity: number) => ({ action: 'BUY' as const, quantity, reason: 'test buy' });
const sell = (quantity: number) => ({ action: 'SELL' as const, quantity, reason: 'test sell' });

describe('simple_ma_cross on a known series', () => {
  it('signals once where the fast average crosses above the slow one, and fills at the next bar open', () => {
    // Closes 10, 9, 8, 7, 8, 9, 10, 11, then 11 for the rest of the day. SMA 2 against SMA 3:
    //   09:32  8.5  vs 9      below (the first valid bar: sets the state only)
    //   09:33  7.5  vs 8      below
    //   09:34  7.5  vs 7.667  below
    //   09:35  8.5  vs 8      above: BUY, decided at 09:36
    //   then above, or equal (11 = 11) which keeps the state: no other signal.
    const closes = [10, 9, 8, 7, 8, 9, 10, 11];
    const source = scriptedSource((_s, _d, m) => {
      const close = closes[m] ?? 11;
      return { open: close + 0.25, close };
    });
    const backtest = runToEnd(
      {
        symbols: ['AAA'],
        strategies: [
          {
            module: 'strategies.examples.simple_ma_cross',
            config: { interval: '1m', fast_period: 2, slow_period: 3, min_quality: 0 },
          },
        ],
      },
      source,
    );
    const [record] = backtest.analysis.strategies;
    expect(record?.signals).toEqual([
      {
        time: at(DAY, '09:35'),
        symbol: 'AAA',
        interval: '1m',
        action: 'BUY',
        quantity: 100,
        price: 9,
        reason: 'sma 2 crossed above sma 3 (8.5 > 8)',
      },
    ]);
    // The 09:36 bar opens at its close (10) + 0.25.
    expect(record?.orders).toEqual([
      {
        time: at(DAY, '09:36'),
        symbol: 'AAA',
        side: 'BUY',
        quantity: 100,
        status: 'filled',
        price: 10.25,
        commission: 0,
        realizedPnl: 0,
        signalTime: at(DAY, '09:35'),
        reason: 'sma 2 crossed above sma 3 (8.5 > 8)',
      },
    ]);
    expect(backtest.analysis.positions.get('AAA')).toMatchObject({
      quantity: 100,
      avgPrice: 10.25,
      lastPrice: 11,
    });
  });
});

describe('simple_ma_cross and the session quality', () => {
  // The 09:31 bar is missing: bars close 10, 8, 7, 8, 9, 10, 11, ... SMA 2 against SMA 3 is below from 09:33
  // and crosses above at 09:35 (8.5 > 8), when 5 of the 6 expected bars came: quality 83.33.
  const closes = [10, null, 8, 7, 8, 9, 10, 11];
  const source = scriptedSource((_s, _d, m) => {
    const close = m < closes.length ? closes[m] : 11;
    return close === null || close === undefined ? null : { open: close, close };
  });
  const signalsWith = (minQuality: number) =>
    runToEnd(
      {
        symbols: ['AAA'],
        strategies: [
          {
            module: 'strategies.examples.simple_ma_cross',
            config: { interval: '1m', fast_period: 2, slow_period: 3, min_quality: minQuality },
          },
        ],
      },
      source,
    ).analysis.strategies[0]?.signals.map((s) => [s.time, s.action]);

  it('skips a crossing while the quality is below min_quality, and does not signal it later', () => {
    expect(signalsWith(95)).toEqual([]);
  });

  it('signals the same crossing when the quality is enough', () => {
    expect(signalsWith(80)).toEqual([[at(DAY, '09:35'), 'BUY']]);
  });
});

describe('fill timing', () => {
  it('fills a signal made at the close at the next session first bar open', () => {
    const backtest = run(scripted({ 'AAA 15:59': [buy(10)] }), { endDate: NEXT });
    const [order] = backtest.analysis.strategies[0]?.orders ?? [];
    // The 15:59 bar closes at 16:00; the next bar is 2025-07-02 09:30, which opens at 10 + 0.
    expect(order).toMatchObject({
      time: at(NEXT, '09:30'),
      status: 'filled',
      price: 10,
      signalTime: at(DAY, '15:59'),
    });
  });

  it('cancels an order still pending when the backtest ends', () => {
    const backtest = run(scripted({ 'AAA 15:59': [buy(10)] }));
    expect(backtest.analysis.strategies[0]?.orders).toEqual([
      {
        time: at(DAY, '16:00'),
        symbol: 'AAA',
        side: 'BUY',
        quantity: 10,
        status: 'cancelled',
        price: null,
        commission: 0,
        realizedPnl: null,
        signalTime: at(DAY, '15:59'),
        reason: 'the backtest ended before the next bar opened',
      },
    ]);
    expect(backtest.analysis.positions.get('AAA')?.quantity).toBe(0);
  });

  it('samples the equity once per base bar, stamped with its opening time', () => {
    const backtest = run(scripted({}));
    const { equity } = backtest.analysis;
    expect(equity.length).toBe(390);
    expect(equity.time[0]).toBe(at(DAY, '09:30'));
    expect(equity.time[389]).toBe(at(DAY, '15:59'));
  });
});

describe('limits', () => {
  const reasons = (backtest: ReturnType<typeof run>) =>
    backtest.analysis.strategies[0]?.orders.map((o) => `${o.status}: ${o.reason}`);

  it('refuses a SELL beyond the held quantity when shorting is not allowed, and keeps it', () => {
    const backtest = run(scripted({ 'AAA 09:30': [sell(100)] }));
    expect(backtest.analysis.strategies[0]?.orders).toEqual([
      {
        time: at(DAY, '09:31'),
        symbol: 'AAA',
        side: 'SELL',
        quantity: 100,
        status: 'refused',
        price: null,
        commission: 0,
        realizedPnl: null,
        signalTime: at(DAY, '09:30'),
        reason:
          'long only: SELL 100 AAA but holds 0 (allow_short is false: a SELL may only reduce a long position)',
      },
    ]);
  });

  it('refuses an order above max_per_trade at its fill price', () => {
    // Filled at the 09:31 open, 11: 100 x 11 = 1100.
    const backtest = run(scripted({ 'AAA 09:30': [buy(100), buy(90)] }), {
      trading: { max_per_trade: 1000 },
    });
    expect(reasons(backtest)).toEqual([
      'refused: max_per_trade: 100 x 11 = 1100 is above 1000 (allowed: at most 90 shares at this price)',
      'filled: test buy',
    ]);
  });

  it('refuses what would take a symbol above max_per_symbol', () => {
    // 100 at 11 (1100) fills; 100 more at 12 would hold 200 x 12 = 2400.
    const backtest = run(scripted({ 'AAA 09:30': [buy(100)], 'AAA 09:31': [buy(100)] }), {
      trading: { max_per_symbol: 2000 },
    });
    expect(reasons(backtest)).toEqual([
      'filled: test buy',
      'refused: max_per_symbol: AAA would hold 200 x 12 = 2400, above 2000 (allowed: at most 166 shares at this price)',
    ]);
  });

  it('refuses a new position beyond max_open_positions', () => {
    const backtest = run(
      scripted({ 'AAA 09:30': [buy(10)], 'BBB 09:31': [buy(10)], 'AAA 09:32': [buy(10)] }),
      {
        symbols: ['AAA', 'BBB'],
        trading: { max_open_positions: 1 },
      },
    );
    expect(reasons(backtest)).toEqual([
      'filled: test buy',
      'refused: max_open_positions: 1 positions are open, the limit is 1 (a new position opens only below it)',
      // Adding to the open one is not a new position.
      'filled: test buy',
    ]);
  });

  it('refuses a BUY that costs more than the cash, commission included', () => {
    // 90 x 11 = 990 + 90 x 0.2 = 18: 1008 > 1000.
    const backtest = run(scripted({ 'AAA 09:30': [buy(90)] }), {
      trading: { max_buying_power: 1000, commission_per_share: 0.2 },
    });
    expect(reasons(backtest)).toEqual([
      'refused: buying power: 90 x 11 + commission 18 = 1008 is above the cash 1000 (no margin)',
    ]);
    expect(backtest.analysis.account.cash).toBe(1000);
  });

  it('refuses a short that takes the gross exposure above max_buying_power', () => {
    // Short 50 at 11 (exposure 550) fills; 50 more at 12 would be 100 x 12 = 1200 of exposure.
    const backtest = run(
      scripted({ 'AAA 09:30': [sell(50)], 'AAA 09:31': [sell(50)] }),
      { trading: { max_buying_power: 1000 } },
      true,
    );
    expect(reasons(backtest)).toEqual([
      'filled: test sell',
      'refused: buying power: gross exposure after the fill 1200 is above max_buying_power 1000',
    ]);
  });
});

describe('accounting', () => {
  it('realizes a round trip without commission', () => {
    // BUY 100 at the 09:31 open (11), SELL 100 at the 09:35 open (15): (15 - 11) x 100 = 400.
    const backtest = run(scripted({ 'AAA 09:30': [buy(100)], 'AAA 09:34': [sell(100)] }));
    const { account, trades } = backtest.analysis;
    expect(trades).toEqual([
      {
        symbol: 'AAA',
        strategy: 'test.script',
        side: 'long',
        quantity: 100,
        entryTime: at(DAY, '09:31'),
        entryPrice: 11,
        exitTime: at(DAY, '09:35'),
        exitPrice: 15,
        pnl: 400,
      },
    ]);
    expect(account).toEqual({
      startingCash: 100_000,
      cash: 100_400,
      equity: 100_400,
      realizedPnl: 400,
      unrealizedPnl: 0,
      trades: 1,
    });
  });

  it('counts the commission in the cost and in the realized P&L', () => {
    // 0.01 a share: the BUY pays 1, so the average cost is (1100 + 1) / 100 = 11.01; the SELL pays 1:
    // realized = (15 - 11.01) x 100 - 1 = 398; cash = 100000 - 1101 + 1500 - 1 = 100398.
    const backtest = run(scripted({ 'AAA 09:30': [buy(100)], 'AAA 09:34': [sell(100)] }), {
      trading: { commission_per_share: 0.01 },
    });
    const { account, trades } = backtest.analysis;
    expect(trades[0]?.entryPrice).toBeCloseTo(11.01, 12);
    expect(trades[0]?.pnl).toBeCloseTo(398, 9);
    expect(account.cash).toBeCloseTo(100_398, 9);
    expect(account.realizedPnl).toBeCloseTo(398, 9);
    const orders = backtest.analysis.strategies[0]?.orders ?? [];
    expect(orders.map((o) => [o.commission, o.realizedPnl])).toEqual([
      [1, 0],
      [1, expect.closeTo(398, 9)],
    ]);
  });

  it('marks an open position at the last base bar close, with equity = cash + marked value', () => {
    // Still long 100 from 11 (09:31) at the close: the 15:59 bar closes at 10.5 + 389 = 399.5.
    const backtest = run(scripted({ 'AAA 09:30': [buy(100)] }));
    const { account, positions } = backtest.analysis;
    expect(positions.get('AAA')).toMatchObject({ quantity: 100, lastPrice: 399.5, unrealizedPnl: 38_850 });
    expect(account).toMatchObject({ cash: 98_900, equity: 98_900 + 39_950, unrealizedPnl: 38_850 });
  });
});

describe('bars a strategy watches', () => {
  it('builds daily and weekly bars for it though they are not streamed, and decides them at the close', () => {
    // 2025-07-03 closes early (13:00) and ends its week; a signal on each day's bar fills the next morning.
    const seen: string[] = [];
    const script: Script = (bar) => {
      seen.push(`${bar.interval} ${bar.time}`);
      return bar.interval === '1d' ? [{ symbol: bar.symbol, ...buy(1) }] : [];
    };
    const daily = scriptModule(script, '1d');
    const weekly = { ...scriptModule(script, '1w'), module: 'test.weekly' };
    const backtest = runToEnd(
      {
        symbols: ['AAA'],
        endDate: '2025-07-03',
        strategies: [{ module: 'test.script' }, { module: 'test.weekly' }],
        modules: [daily, weekly],
      },
      rising,
    );
    expect(seen).toEqual([
      `1d ${at(DAY, '00:00')}`,
      `1d ${at(NEXT, '00:00')}`,
      `1d ${at('2025-07-03', '00:00')}`,
      // The week's bar is stamped with its first trading day, Monday 2025-06-30 (taken from the source).
      `1w ${at('2025-06-30', '00:00')}`,
    ]);
    const orders = backtest.analysis.strategies[0]?.orders ?? [];
    expect(orders.map((o) => [o.status, o.time])).toEqual([
      ['filled', at(NEXT, '09:30')],
      ['filled', at('2025-07-03', '09:30')],
      ['cancelled', at('2025-07-03', '13:00')],
    ]);
  });
});
