import { describe, expect, it } from 'vitest';
import {
  localToUtcMs,
  nextTradingDay,
  previousTradingDays,
  tradingDay,
  tradingDayInTables,
} from './calendar';
import { activityAt, type DayData, dailyBarOf, generateDay, openingLogLevel } from './market-data';
import { symbolProfile } from './symbol-profile';

const JULY_1 = tradingDay('2025-07-01');
const opts = { seed: 1, gapRate: 0 };

function columns(d: DayData) {
  return [
    d.bars.time.slice(0, d.bars.length),
    d.bars.close.slice(0, d.bars.length),
    d.ticks.price.slice(0, d.ticks.length),
    d.ticks.size.slice(0, d.ticks.length),
    d.quotes.bid.slice(0, d.quotes.length),
  ];
}

describe('built-in market data', () => {
  it('is deterministic for a symbol, date and seed, and differs with the seed or the symbol', () => {
    const a = generateDay('RIVN', JULY_1, opts);
    const b = generateDay('RIVN', JULY_1, opts);
    expect(columns(a)).toEqual(columns(b));
    expect(columns(generateDay('RIVN', JULY_1, { seed: 2, gapRate: 0 }))[1]).not.toEqual(columns(a)[1]);
    expect(columns(generateDay('AAPL', JULY_1, opts))[1]).not.toEqual(columns(a)[1]);
  });

  it("has one bar per minute, each exactly the aggregation of that minute's ticks", () => {
    const d = generateDay('AAPL', JULY_1, opts);
    expect(d.bars.length).toBe(390);
    const openMs = localToUtcMs('2025-07-01', 570);
    for (let m = 0; m < 390; m++) {
      const from = m === 0 ? 0 : (d.tickEnd[m - 1] as number);
      const to = d.tickEnd[m] as number;
      expect(to).toBeGreaterThan(from);
      const prices = Array.from(d.ticks.price.slice(from, to));
      const bar = d.barOfMinute[m] as number;
      expect(bar).toBe(m);
      expect(d.bars.time[bar]).toBe(openMs + m * 60_000);
      expect(d.bars.open[bar]).toBe(prices[0]);
      expect(d.bars.close[bar]).toBe(prices[prices.length - 1]);
      expect(d.bars.high[bar]).toBe(Math.max(...prices));
      expect(d.bars.low[bar]).toBe(Math.min(...prices));
      expect(d.bars.volume[bar]).toBe(Array.from(d.ticks.size.slice(from, to)).reduce((s, x) => s + x, 0));
      for (let i = from; i < to; i++) {
        const t = d.ticks.time[i] as number;
        expect(t).toBeGreaterThanOrEqual(openMs + m * 60_000);
        expect(t).toBeLessThan(openMs + (m + 1) * 60_000);
        if (i > from) expect(t).toBeGreaterThanOrEqual(d.ticks.time[i - 1] as number);
      }
    }
  });

  it('quotes every trade with bid below ask, in cents, and prices in cents', () => {
    const d = generateDay('RIVN', JULY_1, opts);
    expect(d.quotes.length).toBe(d.ticks.length);
    for (let i = 0; i < d.quotes.length; i++) {
      const bid = d.quotes.bid[i] as number;
      const ask = d.quotes.ask[i] as number;
      expect(bid).toBeLessThan(ask);
      expect(Math.round(bid * 100) / 100).toBe(bid);
      expect(Math.round(ask * 100) / 100).toBe(ask);
      expect(d.quotes.bidSize[i]).toBeGreaterThan(0);
      const price = d.ticks.price[i] as number;
      expect(Math.round(price * 100) / 100).toBe(price);
    }
  });

  it('trades most near the open and the close (U-shaped volume)', () => {
    expect(activityAt(0, 390)).toBeGreaterThan(activityAt(195, 390) * 2);
    expect(activityAt(389, 390)).toBeGreaterThan(activityAt(195, 390) * 2);
    const d = generateDay('TSLA', JULY_1, opts);
    const volumeOf = (from: number, to: number) => {
      let v = 0;
      for (let m = from; m < to; m++) v += d.bars.volume[m] as number;
      return v;
    };
    expect(volumeOf(0, 30)).toBeGreaterThan(volumeOf(180, 210) * 1.5);
    expect(volumeOf(360, 390)).toBeGreaterThan(volumeOf(180, 210) * 1.5);
  });

  it('drops whole minutes at the gap rate without changing the minutes that trade', () => {
    const full = generateDay('RIVN', JULY_1, opts);
    const gappy = generateDay('RIVN', JULY_1, { seed: 1, gapRate: 0.1 });
    expect(gappy.bars.length).toBeLessThan(380);
    expect(gappy.bars.length).toBeGreaterThan(320);
    for (let m = 0; m < 390; m++) {
      const g = gappy.barOfMinute[m] as number;
      if (g < 0) continue;
      expect(gappy.bars.close[g]).toBe(full.bars.close[m]);
      expect(gappy.bars.volume[g]).toBe(full.bars.volume[m]);
    }
  });

  it('connects days with an overnight gap and gives an early close 210 bars', () => {
    const d1 = generateDay('RIVN', JULY_1, opts);
    const d2 = generateDay('RIVN', tradingDay('2025-07-02'), opts);
    const lastClose = d1.bars.close[389] as number;
    const nextOpen = d2.bars.open[0] as number;
    expect(nextOpen).not.toBe(lastClose);
    expect(Math.abs(Math.log(nextOpen / lastClose))).toBeLessThan(0.3);
    expect(generateDay('RIVN', tradingDay('2025-07-03'), opts).bars.length).toBe(210);
  });

  it('joins consecutive days: a small overnight gap, not a jump to an unrelated level', () => {
    const dates = [...previousTradingDays('2025-07-01', 30), '2025-07-01'];
    const sigma = 0.035; // RIVN's daily volatility
    let total = 0;
    for (let i = 0; i + 1 < dates.length; i++) {
      const today = generateDay('RIVN', tradingDay(dates[i] as string), opts, false);
      const next = generateDay('RIVN', tradingDay(dates[i + 1] as string), opts, false);
      const lastClose = today.bars.close[today.bars.length - 1] as number;
      total += Math.abs(Math.log((next.bars.open[0] as number) / lastClose));
    }
    expect(total / (dates.length - 1)).toBeLessThan(0.5 * sigma);
  });

  it("builds the daily bar from the day's minute bars", () => {
    const d = generateDay('AAPL', JULY_1, opts);
    const daily = dailyBarOf(d);
    expect(daily?.open).toBe(d.bars.open[0]);
    expect(daily?.close).toBe(d.bars.close[389]);
    expect(daily?.high).toBe(Math.max(...d.bars.high.slice(0, 390)));
    expect(daily?.low).toBe(Math.min(...d.bars.low.slice(0, 390)));
  });
});

// Recorded from the generator before its walk was extended past 2020-07-27..2028-10-12: a longer walk must
// leave every existing price as it was (saved sessions, exports and fixtures were made with them).
describe('generated values stay as they were', () => {
  it.each([
    { symbol: 'RIVN', date: '2024-01-02', open: 31.2, close: 30.72, ticks: 11550 },
    { symbol: 'RIVN', date: '2025-07-01', open: 12.55, close: 12.33, ticks: 11377 },
    { symbol: 'RIVN', date: '2027-12-31', open: 2.77, close: 2.62, ticks: 11497 },
    { symbol: 'AAPL', date: '2024-01-02', open: 166.59, close: 167.96, ticks: 17260 },
    { symbol: 'AAPL', date: '2025-07-01', open: 208.7, close: 202.83, ticks: 17277 },
    { symbol: 'AAPL', date: '2027-12-31', open: 216.4, close: 219.42, ticks: 17052 },
  ])('$symbol on $date', ({ symbol, date, open, close, ticks }) => {
    const d = generateDay(symbol, tradingDay(date), opts);
    expect(d.bars.open[0]).toBe(open);
    expect(d.bars.close[d.bars.length - 1]).toBe(close);
    expect(d.ticks.length).toBe(ticks);
  });

  it.each([
    { symbol: 'RIVN', seed: 1, date: '2020-07-27', level: 1.660509079050962 },
    { symbol: 'RIVN', seed: 1, date: '2022-03-15', level: 1.9374849251431716 },
    { symbol: 'RIVN', seed: 1, date: '2025-06-30', level: -0.00846301372604191 },
    { symbol: 'RIVN', seed: 1, date: '2025-07-01', level: 0 },
    { symbol: 'RIVN', seed: 1, date: '2025-07-02', level: -0.011797691827144895 },
    { symbol: 'RIVN', seed: 1, date: '2028-10-12', level: -1.4906134887688047 },
    { symbol: 'AAPL', seed: 1, date: '2020-07-27', level: -0.6697647627395358 },
    { symbol: 'AAPL', seed: 1, date: '2022-03-15', level: -0.20131381461815745 },
    { symbol: 'AAPL', seed: 1, date: '2025-06-30', level: 0.01858265515899345 },
    { symbol: 'AAPL', seed: 1, date: '2025-07-02', level: -0.03303117533566211 },
    { symbol: 'AAPL', seed: 1, date: '2028-10-12', level: -0.04147831639477339 },
    { symbol: 'AAPL', seed: 7, date: '2020-07-27', level: 0.5385325864231044 },
    { symbol: 'AAPL', seed: 7, date: '2022-03-15', level: -0.003783264570013837 },
    { symbol: 'AAPL', seed: 7, date: '2025-07-02', level: 0.004006386399388703 },
    { symbol: 'AAPL', seed: 7, date: '2028-10-12', level: 0.12279837932478285 },
  ])('opening level of $symbol (seed $seed) on $date, to the bit', ({ symbol, seed, date, level }) => {
    expect(openingLogLevel(symbol, date, seed)).toBe(level);
  });
});

// History reaches up to 3,650 trading days before a session: from 2024-01-02 that is 2009-07-01.
describe('history back to 2008', () => {
  it('generates sensible bars for a day in 2009', () => {
    const day = tradingDayInTables('2009-07-01');
    const d = generateDay('RIVN', day, opts);
    expect(d.bars.length).toBe(390);
    expect(d.bars.time[0]).toBe(localToUtcMs('2009-07-01', 570));
    for (let i = 0; i < d.bars.length; i++) {
      const low = d.bars.low[i] as number;
      expect(low).toBeGreaterThan(0);
      expect(d.bars.high[i] as number).toBeGreaterThanOrEqual(low);
      expect(Number.isFinite(d.bars.close[i])).toBe(true);
      expect(d.bars.volume[i]).toBeGreaterThan(0);
    }
    expect(generateDay('AAPL', tradingDayInTables('2009-11-27'), opts).bars.length).toBe(210); // early close
  });

  it("closes a 2009 day at the next trading day's level, over the July 3 holiday too", () => {
    // Before the calendar reached 2009 the generator could not find the next day there and would have
    // drifted each day toward its own level instead (off by a whole day's move, 0.165 on 2009-07-02).
    const logLevel = Math.log(symbolProfile('RIVN').level);
    for (let date = '2009-06-22'; date < '2009-07-10'; date = nextTradingDay(date)) {
      const d = generateDay('RIVN', tradingDayInTables(date), opts, false);
      const close = d.bars.close[d.bars.length - 1] as number;
      const next = openingLogLevel('RIVN', nextTradingDay(date), opts.seed);
      expect(Math.abs(Math.log(close) - logLevel - next), date).toBeLessThan(0.01);
    }
    expect(nextTradingDay('2009-07-02')).toBe('2009-07-06');
  });

  it('has a level for every day from 2008-01-01 to 2028-12-31, and none outside', () => {
    for (const date of ['2008-01-01', '2009-07-01', '2020-07-26', '2028-10-13', '2028-12-31']) {
      expect(Number.isFinite(openingLogLevel('AAPL', date, 1)), date).toBe(true);
    }
    for (const date of ['2007-12-31', '2029-01-01']) {
      expect(() => openingLogLevel('AAPL', date, 1)).toThrow(
        new RangeError(`market data: ${date} is outside the generator's range`),
      );
    }
    expect(generateDay('SPY', tradingDayInTables('2028-12-29'), opts, false).bars.length).toBe(390);
  });
});
