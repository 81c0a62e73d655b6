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
        // Made at the 09:35 bar's close.
        decidedAt: at(DAY, '09:36'),
      },
    ]);
    // The 09:36 bar opens at its close (10) + 0.25.
    expect(record?.orders).toEqual([
      {
        id: 1,
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
        id: 1,
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
        id: 1,
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
      'refused: max_per_trade: 100 x 11 = 1100 is above 1000 (allowed: an order of at most 90 shares at this price)',
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
      'refused: max_per_symbol: AAA would hold 200 x 12 = 2400, above 2000 (allowed: a position of at most 166 shares at this price, so at most 66 more)',
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

describe('accounting, worked by hand', () => {
  it('reverses a long into a short, sharing the commission by shares between the close and the open', () => {
    // 0.01 a share. BUY 100 fills at the 09:31 open, 11, commission 1: avg (1100 + 1) / 100 = 11.01.
    // SELL 300 fills at the 09:35 open, 15, commission 3: 100 shares close the long (commission 1), 200 open a
    // short (commission 2).
    //   realized = (15 - 11.01) x 100 - 1 = 398
    //   short avg = (15 x 200 - 2) / 200 = 14.99 (the commission lowers the proceeds), opened at 09:35
    //   cash = 100000 - 1100 - 1 + 4500 - 3 = 103396
    // At the close (15:59 bar closes 399.5): unrealized = (399.5 - 14.99) x -200 = -76902;
    //   equity = 103396 - 200 x 399.5 = 23496 = 100000 + 398 - 76902.
    const backtest = run(
      scripted({ 'AAA 09:30': [buy(100)], 'AAA 09:34': [sell(300)] }),
      { trading: { commission_per_share: 0.01 } },
      true,
    );
    const { account, positions, trades } = backtest.analysis;
    expect(trades).toEqual([
      {
        symbol: 'AAA',
        strategy: 'test.script',
        side: 'long',
        quantity: 100,
        entryTime: at(DAY, '09:31'),
        entryPrice: expect.closeTo(11.01, 12),
        exitTime: at(DAY, '09:35'),
        exitPrice: 15,
        pnl: expect.closeTo(398, 9),
      },
    ]);
    const position = positions.get('AAA');
    expect(position).toMatchObject({ quantity: -200, openedAt: at(DAY, '09:35'), lastPrice: 399.5 });
    expect(position?.avgPrice).toBeCloseTo(14.99, 12);
    expect(position?.realizedPnl).toBeCloseTo(398, 9);
    expect(position?.unrealizedPnl).toBeCloseTo(-76_902, 6);
    expect(account.cash).toBeCloseTo(103_396, 9);
    expect(account.realizedPnl).toBeCloseTo(398, 9);
    expect(account.unrealizedPnl).toBeCloseTo(-76_902, 6);
    expect(account.equity).toBeCloseTo(23_496, 6);
    expect(account.trades).toBe(1);
    const orders = backtest.analysis.strategies[0]?.orders ?? [];
    expect(orders.map((o) => [o.id, o.time, o.status, o.price, o.commission, o.realizedPnl])).toEqual([
      [1, at(DAY, '09:31'), 'filled', 11, 1, 0],
      [2, at(DAY, '09:35'), 'filled', 15, 3, expect.closeTo(398, 9)],
    ]);
  });

  it('realizes a short round trip with commission', () => {
    // 0.02 a share. SELL 50 short at the 09:31 open, 11, commission 1: avg proceeds (550 - 1) / 50 = 10.98,
    // cash 100000 + 550 - 1 = 100549. BUY 50 at the 09:33 open, 13, commission 1:
    //   realized = (13 - 10.98) x 50 x -1 - 1 = -102; cash = 100549 - 650 - 1 = 99898 = 100000 - 102.
    const backtest = run(
      scripted({ 'AAA 09:30': [sell(50)], 'AAA 09:32': [buy(50)] }),
      { trading: { commission_per_share: 0.02 } },
      true,
    );
    const { account, positions, trades } = backtest.analysis;
    expect(trades).toEqual([
      {
        symbol: 'AAA',
        strategy: 'test.script',
        side: 'short',
        quantity: 50,
        entryTime: at(DAY, '09:31'),
        entryPrice: expect.closeTo(10.98, 12),
        exitTime: at(DAY, '09:33'),
        exitPrice: 13,
        pnl: expect.closeTo(-102, 9),
      },
    ]);
    expect(positions.get('AAA')).toMatchObject({ quantity: 0, avgPrice: 0, unrealizedPnl: 0 });
    expect(account.cash).toBeCloseTo(99_898, 9);
    expect(account.equity).toBeCloseTo(99_898, 9);
    expect(account.realizedPnl).toBeCloseTo(-102, 9);
    expect(account.unrealizedPnl).toBe(0);
  });

  it('keeps the entry time of what remains after a partial close', () => {
    // BUY 100 at the 09:31 open (11); SELL 40 at the 09:35 open (15): (15 - 11) x 40 = 160, 60 left from 09:31;
    // SELL 60 at the 09:40 open (20): (20 - 11) x 60 = 540, entered at 09:31 (not at the partial close).
    const backtest = run(
      scripted({ 'AAA 09:30': [buy(100)], 'AAA 09:34': [sell(40)], 'AAA 09:39': [sell(60)] }),
    );
    const { account, trades } = backtest.analysis;
    expect(
      trades.map((t) => [t.quantity, t.entryTime, t.entryPrice, t.exitTime, t.exitPrice, t.pnl]),
    ).toEqual([
      [40, at(DAY, '09:31'), 11, at(DAY, '09:35'), 15, 160],
      [60, at(DAY, '09:31'), 11, at(DAY, '09:40'), 20, 540],
    ]);
    expect(account).toMatchObject({ cash: 100_700, realizedPnl: 700, trades: 2 });
  });

  it('keeps the partly closed position open from its first fill, at the same average', () => {
    // BUY 100 at 11 (09:31), SELL 40 at 15 (09:35): 60 left, average still 11, opened at 09:31. At the close
    // (399.5): unrealized (399.5 - 11) x 60 = 23310.
    const backtest = run(scripted({ 'AAA 09:30': [buy(100)], 'AAA 09:34': [sell(40)] }));
    expect(backtest.analysis.positions.get('AAA')).toEqual({
      symbol: 'AAA',
      quantity: 60,
      avgPrice: 11,
      realizedPnl: 160,
      unrealizedPnl: 23_310,
      lastPrice: 399.5,
      openedAt: at(DAY, '09:31'),
    });
  });

  it('averages the cost when adding to a position', () => {
    // 0.01 a share. BUY 100 at 11 (09:31, commission 1), BUY 50 at 13 (09:33, commission 0.5):
    //   avg = (1100 + 1 + 650 + 0.5) / 150 = 1751.5 / 150 = 11.67666...; the add realizes 0.
    // SELL 150 at 16 (09:36, commission 1.5): realized = 16 x 150 - 1751.5 - 1.5 = 647;
    //   cash = 100000 - 1101 - 650.5 + 2400 - 1.5 = 100647.
    const backtest = run(
      scripted({ 'AAA 09:30': [buy(100)], 'AAA 09:32': [buy(50)], 'AAA 09:35': [sell(150)] }),
      { trading: { commission_per_share: 0.01 } },
    );
    const { account, trades } = backtest.analysis;
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({
      side: 'long',
      quantity: 150,
      entryTime: at(DAY, '09:31'),
      exitPrice: 16,
    });
    expect(trades[0]?.entryPrice).toBeCloseTo(1751.5 / 150, 12);
    expect(trades[0]?.pnl).toBeCloseTo(647, 9);
    expect(account.cash).toBeCloseTo(100_647, 9);
    const orders = backtest.analysis.strategies[0]?.orders ?? [];
    expect(orders.map((o) => [o.price, o.commission, o.realizedPnl])).toEqual([
      [11, 1, 0],
      [13, 0.5, 0],
      [16, 1.5, expect.closeTo(647, 9)],
    ]);
  });
});

describe('fill timing with other bases and intervals', () => {
  const SECOND = 1000;

  it('with a 30s base, fills a 30s bar signal at the next 30s bar open within the same minute', () => {
    // Each minute m trades its open (10 + m) at :00 and its close (10.5 + m) at :30: the 30s bars are
    // 09:30:00 (10) and 09:30:30 (10.5), 09:31:00 (11), ...
    // BUY 10 on the 09:30:00 bar: decided at 09:30:30, filled at that bar's open, 10.5 (the same minute).
    // SELL 10 on the 09:30:30 bar: decided at 09:31:00, filled at 11. Realized (11 - 10.5) x 10 = 5.
    const start = at(DAY, '09:30');
    const script: Script = (bar) => {
      if (bar.time === start) return [{ symbol: bar.symbol, ...buy(10) }];
      if (bar.time === start + 30 * SECOND) return [{ symbol: bar.symbol, ...sell(10) }];
      return [];
    };
    const backtest = runToEnd(
      {
        symbols: ['AAA'],
        streams: ['30s', '1m'],
        strategies: [{ module: 'test.script' }],
        modules: [scriptModule(script, '30s')],
      },
      rising,
    );
    const record = backtest.analysis.strategies[0];
    expect(record?.signals.map((s) => [s.time, s.decidedAt, s.price])).toEqual([
      [start, start + 30 * SECOND, 10],
      [start + 30 * SECOND, start + 60 * SECOND, 10.5],
    ]);
    expect(record?.orders.map((o) => [o.id, o.time, o.status, o.price])).toEqual([
      [1, start + 30 * SECOND, 'filled', 10.5],
      [2, start + 60 * SECOND, 'filled', 11],
    ]);
    expect(backtest.analysis.trades[0]?.pnl).toBe(5);
    // Sampled every minute, stamped with the minute: 09:30 holds 10 bought at 10.5 marked at 10.5 (cash
    // 99895, equity 100000); 09:31 is flat after the sale (cash = equity = 100005, realized 5).
    const { equity } = backtest.analysis;
    expect(equity.length).toBe(390);
    const sample = (i: number) => [equity.time[i], ...equity.values.map((v) => v[i])];
    expect(sample(0)).toEqual([start, 99_895, 100_000, 0, 0]);
    expect(sample(1)).toEqual([at(DAY, '09:31'), 100_005, 100_005, 5, 0]);
  });

  it('with a 30s base, marks a position again after a fill within the minute', () => {
    // BUY 10 on the 09:30:00 bar fills at 09:30:30, 10.5. SELL 20 on the 09:31:00 bar (decided 09:31:30) fills
    // at the 09:31:30 bar's open, 11.5, in the minute it was decided: it closes the 10 long, realizing
    // (11.5 - 10.5) x 10 = 10, and opens a 10 short at 11.5. The mark is 11.5 (that bar's close), so
    //   sample 09:31: cash 100000 - 105 + 230 = 100125, equity 100125 - 115 = 100010, realized 10,
    //   unrealized (11.5 - 11.5) x -10 = 0 (not the long's (11.5 - 10.5) x 10 from before the fill).
    const start = at(DAY, '09:30');
    const script: Script = (bar) => {
      if (bar.time === start) return [{ symbol: bar.symbol, ...buy(10) }];
      if (bar.time === start + 60 * SECOND) return [{ symbol: bar.symbol, ...sell(20) }];
      return [];
    };
    const backtest = runToEnd(
      {
        symbols: ['AAA'],
        streams: ['30s'],
        strategies: [{ module: 'test.script', config: { allow_short: true } }],
        modules: [scriptModule(script, '30s')],
      },
      rising,
    );
    const orders = backtest.analysis.strategies[0]?.orders ?? [];
    expect(orders.map((o) => [o.time, o.status, o.price, o.realizedPnl])).toEqual([
      [start + 30 * SECOND, 'filled', 10.5, 0],
      [start + 90 * SECOND, 'filled', 11.5, 10],
    ]);
    const { equity } = backtest.analysis;
    expect([equity.time[1], ...equity.values.map((v) => v[1])]).toEqual([
      at(DAY, '09:31'),
      100_125,
      100_010,
      10,
      0,
    ]);
  });

  it('with a 5m base, samples every five minutes and fills at the next 5m bar open', () => {
    // The 09:30 5m bar is minutes 0..4: open 10, close 14.5. BUY 10 on it: decided at 09:35, filled at the
    // 09:35 5m bar's open (minute 5's open, 15). The 09:35 bar closes at minute 9's close, 19.5:
    //   sample 09:35: cash 100000 - 150 = 99850, equity 99850 + 195 = 100045, unrealized 45.
    const backtest = runToEnd(
      {
        symbols: ['AAA'],
        streams: ['5m'],
        strategies: [{ module: 'test.script' }],
        modules: [scriptModule(scripted({ 'AAA 09:30': [buy(10)] }), '5m')],
      },
      rising,
    );
    const [order] = backtest.analysis.strategies[0]?.orders ?? [];
    expect(order).toMatchObject({ time: at(DAY, '09:35'), status: 'filled', price: 15 });
    const { equity } = backtest.analysis;
    // 390 minutes / 5 = 78 samples, 09:30 to 15:55.
    expect(equity.length).toBe(78);
    expect(Array.from(equity.time.slice(0, 3))).toEqual([
      at(DAY, '09:30'),
      at(DAY, '09:35'),
      at(DAY, '09:40'),
    ]);
    expect(equity.time[77]).toBe(at(DAY, '15:55'));
    const sample = (i: number) => [equity.time[i], ...equity.values.map((v) => v[i])];
    expect(sample(0)).toEqual([at(DAY, '09:30'), 100_000, 100_000, 0, 0]);
    expect(sample(1)).toEqual([at(DAY, '09:35'), 99_850, 100_045, 0, 45]);
  });

  it('decides a 1d bar signal at the close and fills it at the next day first base bar', () => {
    // The 2025-07-01 day bar is stamped with its date and decided at 16:00; the next base bar is
    // 2025-07-02 09:30, which opens at 10.
    const backtest = runToEnd(
      {
        symbols: ['AAA'],
        endDate: NEXT,
        strategies: [{ module: 'test.script' }],
        modules: [scriptModule(scripted({ 'AAA 00:00': [buy(5)] }), '1d')],
      },
      rising,
    );
    const record = backtest.analysis.strategies[0];
    expect(record?.signals.map((s) => [s.time, s.decidedAt, s.price])).toEqual([
      // The day bar closes at the 15:59 minute's close, 399.5.
      [at(DAY, '00:00'), at(DAY, '16:00'), 399.5],
    ]);
    expect(record?.orders).toEqual([
      {
        id: 1,
        time: at(NEXT, '09:30'),
        symbol: 'AAA',
        side: 'BUY',
        quantity: 5,
        status: 'filled',
        price: 10,
        commission: 0,
        realizedPnl: 0,
        signalTime: at(DAY, '00:00'),
        reason: 'test buy',
      },
    ]);
    expect(backtest.analysis.positions.get('AAA')).toMatchObject({
      quantity: 5,
      openedAt: at(NEXT, '09:30'),
    });
  });
});

describe('limits on closing and on symbols', () => {
  it('fills a SELL that only closes a position above max_per_trade, and refuses a BUY of the same size', () => {
    // max_per_trade 1000. BUY 50 at the 09:31 open, 11 (550). At the 09:50 open, 30, both 50-share orders are
    // worth 1500: the SELL (id 2) only closes the long and fills, realizing (30 - 11) x 50 = 950; the BUY
    // (id 3, after it in the same bar) opens a new position and is refused.
    const backtest = run(scripted({ 'AAA 09:30': [buy(50)], 'AAA 09:49': [sell(50), buy(50)] }), {
      trading: { max_per_trade: 1000 },
    });
    const orders = backtest.analysis.strategies[0]?.orders ?? [];
    expect(orders.map((o) => [o.id, o.time, o.side, o.status, o.price, o.realizedPnl, o.reason])).toEqual([
      [1, at(DAY, '09:31'), 'BUY', 'filled', 11, 0, 'test buy'],
      [2, at(DAY, '09:50'), 'SELL', 'filled', 30, 950, 'test sell'],
      [
        3,
        at(DAY, '09:50'),
        'BUY',
        'refused',
        null,
        null,
        'max_per_trade: 50 x 30 = 1500 is above 1000 (allowed: an order of at most 33 shares at this price)',
      ],
    ]);
    expect(backtest.analysis.positions.get('AAA')?.quantity).toBe(0);
    expect(backtest.analysis.account).toMatchObject({ cash: 100_950, realizedPnl: 950, trades: 1 });
  });

  it('refuses at once a signal for a symbol the strategy does not subscribe to', () => {
    // test.aaa watches AAA only and, on its 09:30 bar, signals a BUY of BBB: refused when decided (09:31),
    // with no price. test.script trades BBB meanwhile: BUY 5 on the 09:31 bar fills at the 09:32 open, 12.
    const strays: Script = (bar) =>
      bar.symbol === 'AAA' && bar.time === at(DAY, '09:30') ? [{ symbol: 'BBB', ...buy(10) }] : [];
    const stray = { ...scriptModule(strays, '1m', ['AAA']), module: 'test.aaa' };
    const trader = scriptModule(scripted({ 'BBB 09:31': [buy(5)] }));
    const backtest = runToEnd(
      {
        symbols: ['AAA', 'BBB'],
        strategies: [{ module: 'test.aaa' }, { module: 'test.script' }],
        modules: [stray, trader],
      },
      rising,
    );
    const [strayRecord, traderRecord] = backtest.analysis.strategies;
    expect(strayRecord?.signals.map((s) => [s.time, s.symbol, s.decidedAt])).toEqual([
      [at(DAY, '09:30'), 'BBB', at(DAY, '09:31')],
    ]);
    expect(strayRecord?.orders).toEqual([
      {
        id: 1,
        time: at(DAY, '09:31'),
        symbol: 'BBB',
        side: 'BUY',
        quantity: 10,
        status: 'refused',
        price: null,
        commission: 0,
        realizedPnl: null,
        signalTime: at(DAY, '09:30'),
        reason: 'BBB is not a symbol this strategy subscribes to',
      },
    ]);
    expect(traderRecord?.orders.map((o) => [o.id, o.symbol, o.time, o.status, o.price])).toEqual([
      [2, 'BBB', at(DAY, '09:32'), 'filled', 12],
    ]);
    // Only test.script's 5 shares moved BBB's position; test.aaa holds nothing of it.
    expect(backtest.analysis.positions.get('BBB')).toMatchObject({ quantity: 5, avgPrice: 12 });
    expect(backtest.analysis.positions.get('AAA')?.quantity).toBe(0);
    expect(backtest.analysis.account.cash).toBe(100_000 - 60);
  });
});
