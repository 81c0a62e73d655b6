import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  localToUtcMs,
  nextTradingDay,
  previousTradingDays,
  tradingDay,
  tradingDayInTables,
  tradingDaysBetween,
} from './calendar';
import { QuoteColumns, TickColumns } from './columns';
import {
  activityAt,
  type DayData,
  DayScratch,
  dailyBarOf,
  generateDay,
  openingLogLevel,
} from './market-data';
import { fillUniforms, hashSeed, Random } from './random';
import { allTrades } from './stored-trades';
import { symbolProfile } from './symbol-profile';

const JULY_1 = tradingDay('2025-07-01');
const opts = { seed: 1, gapRate: 0 };

const barRows = (d: DayData) =>
  [d.bars.time, d.bars.open, d.bars.high, d.bars.low, d.bars.close, d.bars.volume].map((c) =>
    Array.from(c.subarray(0, d.bars.length)),
  );

function tradeRows(d: DayData) {
  const { ticks, quotes, tickEnd } = allTrades(d);
  const n = ticks.length;
  return {
    tickEnd: Array.from(tickEnd),
    ticks: [ticks.time, ticks.price, ticks.size, ticks.exchange].map((c) => Array.from(c.subarray(0, n))),
    quotes: [quotes.time, quotes.bid, quotes.ask, quotes.bidSize, quotes.askSize].map((c) =>
      Array.from(c.subarray(0, quotes.length)),
    ),
  };
}

const isCents = (x: number) => Math.round(x * 100) / 100 === x;

/**
 * Every property a minute's trades promise about its bar, checked for one whole day: the problems found
 * (plain comparisons, then one assertion, which keeps 300,000 trades fast to check).
 */
function tradeProblems(d: DayData, openMs: number): string[] {
  const problems: string[] = [];
  const ticks = new TickColumns(16);
  const quotes = new QuoteColumns(16);
  const check = (ok: boolean, what: string, m: number) => {
    if (!ok && problems.length < 10) problems.push(`minute ${m}: ${what}`);
  };
  for (let m = 0; m < d.sessionMinutes; m++) {
    ticks.length = 0;
    quotes.length = 0;
    d.appendTrades(m, ticks, quotes);
    const bar = d.barOfMinute[m] as number;
    const n = ticks.length;
    if (bar < 0) {
      check(n === 0 && quotes.length === 0, 'a gap minute has trades', m);
      continue;
    }
    check(n > 0 && quotes.length === n, 'one quote a trade, at least one trade', m);
    const start = openMs + m * 60_000;
    check(d.bars.time[bar] === start, 'bar time', m);
    check(d.bars.open[bar] === ticks.price[0], 'open is the first trade', m);
    check(d.bars.close[bar] === ticks.price[n - 1], 'close is the last trade', m);
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    for (let i = 0; i < n; i++) {
      const price = ticks.price[i] as number;
      const size = ticks.size[i] as number;
      const t = ticks.time[i] as number;
      const bid = quotes.bid[i] as number;
      const ask = quotes.ask[i] as number;
      high = Math.max(high, price);
      low = Math.min(low, price);
      volume += size;
      check(Number.isInteger(size) && size >= 1, `size ${size}`, m);
      check(t > start && t < start + 60_000, `time ${t} inside the minute`, m);
      check(i === 0 || t > (ticks.time[i - 1] as number), 'times strictly in order', m);
      check(isCents(price) && isCents(bid) && isCents(ask), 'prices in cents', m);
      check(quotes.time[i] === t, 'quote at the trade', m);
      check(bid < ask && bid <= price && price <= ask, `bid ${bid} <= price ${price} <= ask ${ask}`, m);
      check((quotes.bidSize[i] as number) > 0 && (quotes.askSize[i] as number) > 0, 'quote sizes', m);
    }
    check(d.bars.high[bar] === high, `high ${d.bars.high[bar]} is the highest trade ${high}`, m);
    check(d.bars.low[bar] === low, `low ${d.bars.low[bar]} is the lowest trade ${low}`, m);
    check(d.bars.volume[bar] === volume, `volume ${d.bars.volume[bar]} is the sum of sizes ${volume}`, m);
  }
  return problems;
}

describe('built-in market data, bar first', () => {
  it('is deterministic for a symbol, date and seed, and differs with the seed or the symbol', () => {
    const a = generateDay('RIVN', JULY_1, opts);
    const b = generateDay('RIVN', JULY_1, opts);
    expect(barRows(a)).toEqual(barRows(b));
    expect(tradeRows(a)).toEqual(tradeRows(b));
    expect(barRows(generateDay('RIVN', JULY_1, { seed: 2, gapRate: 0 }))[4]).not.toEqual(barRows(a)[4]);
    expect(barRows(generateDay('AAPL', JULY_1, opts))[4]).not.toEqual(barRows(a)[4]);
  });

  it("makes each minute's trades reproduce its bar exactly, for any symbol, day, seed and gap rate", () => {
    const days = tradingDaysBetween('2024-01-02', '2027-12-31');
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom('RIVN', 'AAPL', 'TSLA', 'SPY'), fc.stringMatching(/^[A-Z]{1,5}$/)),
        fc.integer({ min: 0, max: days.length - 1 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(0, 0.05, 0.5),
        (symbol, index, seed, gapRate) => {
          const day = tradingDay(days[index] as string);
          const d = generateDay(symbol, day, { seed, gapRate });
          expect(tradeProblems(d, localToUtcMs(day.date, day.openMinute))).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);

  it('never changes a bar by making trades, whatever minutes are asked, in any order, and again', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('RIVN', 'AAPL', 'NVDA'),
        fc.array(fc.integer({ min: 0, max: 389 }), { minLength: 1, maxLength: 40 }),
        (symbol, minutes) => {
          const d = generateDay(symbol, JULY_1, { seed: 5, gapRate: 0.1 });
          const bars = barRows(d);
          // Every row of a minute's trades (time, price, size, venue), asked with or without quotes.
          const tradesOf = (m: number, withQuotes: boolean) => {
            const ticks = new TickColumns();
            d.appendTrades(m, ticks, withQuotes ? new QuoteColumns() : null);
            return Array.from({ length: ticks.length }, (_, i) => [
              ticks.time[i],
              ticks.price[i],
              ticks.size[i],
              ticks.exchange[i],
            ]);
          };
          const first = new Map(minutes.map((m) => [m, tradesOf(m, false)]));
          expect(barRows(d)).toEqual(bars);
          // The trades of a minute are the same asked alone, after others (in reverse), again, or with quotes.
          for (const m of [...minutes].reverse()) expect(tradesOf(m, true)).toEqual(first.get(m));
        },
      ),
      { numRuns: 20 },
    );
  }, 30_000);

  it('keeps every bar it has always made, to the bit (saved sessions and exports were made with them)', () => {
    // Fingerprints of four days' bars as the generator made them before its draws were batched
    // (fillUniforms): a gap rate, an early close, a day in 2009 and one in 2028 among them.
    const days = [
      ['RIVN', '2025-07-01', 0, 1, 390, 760097715],
      ['AAPL', '2025-07-03', 0.05, 7, 194, 3143937968],
      ['ZZXQ', '2009-11-27', 0.2, 3, 163, 218370148],
      ['SPY', '2028-12-29', 0, 1, 390, 2766273077],
    ] as const;
    let fingerprint = 0;
    for (const [symbol, date, gapRate, seed, length, expected] of days) {
      const { bars } = generateDay(symbol, tradingDayInTables(date), { seed, gapRate });
      const rows = Array.from({ length: bars.length }, (_, i) =>
        [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume].map((c) => c[i]).join(','),
      );
      fingerprint = hashSeed(rows.join(';'), fingerprint);
      expect([symbol, bars.length, fingerprint]).toEqual([symbol, length, expected]);
    }
    // A session longer than the longest regular one (500 minutes) draws into memory of its own.
    const { bars } = generateDay(
      'AAPL',
      { ...tradingDay('2025-07-01'), sessionMinutes: 500 },
      { seed: 4, gapRate: 0.1 },
    );
    const rows = Array.from({ length: bars.length }, (_, i) =>
      [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume].map((c) => c[i]).join(','),
    );
    expect([bars.length, hashSeed(rows.join(';'), 0)]).toEqual([455, 1459157426]);
  });

  it('gives the same bars written into lent memory as into its own', () => {
    const scratch = new DayScratch();
    for (const date of ['2025-07-01', '2025-07-03', '2025-07-07']) {
      const lent = barRows(generateDay('TSLA', tradingDay(date), opts, scratch));
      expect(lent).toEqual(barRows(generateDay('TSLA', tradingDay(date), opts)));
    }
  });

  it('has one bar per minute with a plausible number of trades and volume', () => {
    const d = generateDay('AAPL', JULY_1, opts);
    expect(d.bars.length).toBe(390);
    const { ticks } = allTrades(d);
    // AAPL trades about 45 times a regular minute: about 17,500 trades a day.
    expect(ticks.length).toBeGreaterThan(390 * 45 * 0.8);
    expect(ticks.length).toBeLessThan(390 * 45 * 1.3);
    let roundLots = 0;
    for (let i = 0; i < ticks.length; i++) if ((ticks.size[i] as number) % 100 === 0) roundLots++;
    expect(roundLots / ticks.length).toBeGreaterThan(0.5);
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
    const fullTrades = new TickColumns();
    const gappyTrades = new TickColumns();
    for (let m = 0; m < 390; m++) {
      const g = gappy.barOfMinute[m] as number;
      if (g < 0) continue;
      for (const column of ['open', 'high', 'low', 'close', 'volume'] as const)
        expect(gappy.bars[column][g]).toBe(full.bars[column][m]);
      full.appendTrades(m, fullTrades, null);
      gappy.appendTrades(m, gappyTrades, null);
    }
    expect(Array.from(gappyTrades.price.subarray(0, gappyTrades.length))).toEqual(
      Array.from(fullTrades.price.subarray(0, fullTrades.length)),
    );
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
      const today = generateDay('RIVN', tradingDay(dates[i] as string), opts);
      const next = generateDay('RIVN', tradingDay(dates[i + 1] as string), opts);
      const lastClose = today.bars.close[today.bars.length - 1] as number;
      total += Math.abs(Math.log((next.bars.open[0] as number) / lastClose));
    }
    expect(total / (dates.length - 1)).toBeLessThan(0.5 * sigma);
  });

  it('opens each day near its level and moves about as much in a day as the profile says', () => {
    // The overnight gap is 0.4 daily sigmas; a day's close-to-close moves are about one daily sigma.
    for (const symbol of ['RIVN', 'AAPL', 'SPY']) {
      const { level, dailyVolatility: sigma } = symbolProfile(symbol);
      const dates = previousTradingDays('2025-07-01', 60).filter((d) => tradingDay(d).sessionMinutes === 390);
      let gaps = 0;
      let ranges = 0;
      for (const date of dates) {
        const d = generateDay(symbol, tradingDay(date), opts);
        const open = d.bars.open[0] as number;
        gaps += Math.abs(Math.log(open / level) - openingLogLevel(symbol, date, 1));
        const day = dailyBarOf(d);
        ranges += Math.log((day?.high as number) / (day?.low as number));
      }
      expect(gaps / dates.length, symbol).toBeLessThan(0.6 * sigma);
      // The high-low range of a random walk's day is about 1.6 sigma on average.
      expect(ranges / dates.length, symbol).toBeGreaterThan(0.8 * sigma);
      expect(ranges / dates.length, symbol).toBeLessThan(3.5 * sigma);
    }
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

// The day walk under every price: recorded before the walk was extended past 2020-07-27..2028-10-12 and kept
// when the generator became bar-first (issue 16). The prices on top of these levels changed with that
// (each minute's bar is drawn directly now, not aggregated from walked trades), so they are no longer
// pinned here; their properties are checked above.
describe('the day walk stays as it was', () => {
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
      const d = generateDay('RIVN', tradingDayInTables(date), opts);
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
    expect(generateDay('SPY', tradingDayInTables('2028-12-29'), opts).bars.length).toBe(390);
  });
});

describe('fillUniforms', () => {
  it('draws what the same number of next() calls would, and goes on where they would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.nat(50), fc.nat(20), (seed, before, n) => {
        const random = new Random(seed);
        for (let i = 0; i < before; i++) random.next();
        const out = new Float64Array(n);
        const after = fillUniforms(random.position, out);
        const expected = Array.from({ length: n }, () => random.next());
        expect(Array.from(out)).toEqual(expected);
        expect(after).toBe(random.position);
      }),
    );
  });
});
