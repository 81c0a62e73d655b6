// Second, hour, day and week bars against an independent aggregation: the rows a reader would compute by
// grouping the day's trades (or one-minute bars, or daily bars) by hand, in the simplest way.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backtest } from './backtest';
import {
  addDays,
  dayOfWeek,
  localToUtcMs,
  previousTradingDays,
  tradingDay,
  tradingDaysBetween,
} from './calendar';
import { BarColumns } from './columns';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from './config';
import { loadHistorical } from './historical';
import { type DayData, generateDay } from './market-data';
import type { MarketSource } from './market-source';
import { appendDayBars } from './session-bars';
import { allTrades } from './stored-trades';

type Row = [time: number, open: number, high: number, low: number, close: number, volume: number];

const rowsOf = (bars: BarColumns): Row[] =>
  Array.from({ length: bars.length }, (_, i) => [
    bars.time[i] as number,
    bars.open[i] as number,
    bars.high[i] as number,
    bars.low[i] as number,
    bars.close[i] as number,
    bars.volume[i] as number,
  ]);

/** Groups trades (or bars) by `bucketOf` their time, in order: the obvious way, one Map and a loop. */
function aggregate(
  items: Row[],
  bucketOf: (time: number) => number,
  stampOf: (bucket: number) => number,
): Row[] {
  const groups = new Map<number, Row[]>();
  for (const item of items) {
    const bucket = bucketOf(item[0]);
    groups.set(bucket, [...(groups.get(bucket) ?? []), item]);
  }
  return [...groups].map(([bucket, group]) => [
    stampOf(bucket),
    (group[0] as Row)[1],
    Math.max(...group.map((r) => r[2])),
    Math.min(...group.map((r) => r[3])),
    (group.at(-1) as Row)[4],
    group.reduce((sum, r) => sum + r[5], 0),
  ]);
}

const tradesOf = (day: DayData): Row[] => {
  const { ticks } = allTrades(day);
  return Array.from({ length: ticks.length }, (_, i) => {
    const p = ticks.price[i] as number;
    return [ticks.time[i] as number, p, p, p, p, ticks.size[i] as number];
  });
};

const dayOf = (symbol: string, date: string, gapRate = 0) =>
  generateDay(symbol, tradingDay(date), { seed: 3, gapRate });

/** The generator as a source, counting the days it is asked for. */
function countingSource() {
  const source = {
    days: 0,
    day(symbol: string, day: ReturnType<typeof tradingDay>) {
      source.days++;
      return generateDay(symbol, day, { seed: 3, gapRate: 0 });
    },
    describe: () => 'generated' as const,
  };
  return source;
}

const symbols = fc.constantFrom('RIVN', 'AAPL', 'TSLA', 'NVDA');
const dates = fc.constantFrom('2025-07-01', '2025-07-03', '2025-11-28', '2026-03-09', '2027-12-31');

describe('second bars', () => {
  it('are the trades of each second bucket from the open, for any second interval, with gaps', () => {
    fc.assert(
      fc.property(
        symbols,
        dates,
        fc.constantFrom(1, 5, 7, 15, 30, 59),
        fc.constantFrom(0, 0.3),
        (symbol, date, seconds, gapRate) => {
          const day = dayOf(symbol, date, gapRate);
          const open = localToUtcMs(date, tradingDay(date).openMinute);
          const out = new BarColumns(4);
          appendDayBars(`${seconds}s`, day, tradingDay(date).openMinute, out);
          const length = seconds * 1000;
          const expected = aggregate(
            tradesOf(day),
            (t) => Math.floor((t - open) / length),
            (b) => open + b * length,
          );
          expect(rowsOf(out)).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
    // A generous limit: the property runs a whole day's hand aggregation 30 times, slow on a busy machine.
  }, 30_000);

  it('add up to the one-minute bars: a minute of 1s bars is that minute', () => {
    const day = dayOf('RIVN', '2025-07-01', 0.2);
    const seconds = new BarColumns(4);
    appendDayBars('1s', day, 570, seconds);
    const minutes = aggregate(
      rowsOf(seconds),
      (t) => Math.floor(t / 60_000),
      (b) => b * 60_000,
    );
    expect(minutes).toEqual(rowsOf(day.bars));
  });
});

describe('hour bars', () => {
  it('are the one-minute bars of each hour from the open; the last of a session is shorter', () => {
    fc.assert(
      fc.property(
        symbols,
        dates,
        fc.constantFrom(1, 2, 3, 6),
        fc.constantFrom(0, 0.5),
        (symbol, date, hours, gapRate) => {
          const day = dayOf(symbol, date, gapRate);
          const { openMinute, sessionMinutes } = tradingDay(date);
          const open = localToUtcMs(date, openMinute);
          const out = new BarColumns(4);
          appendDayBars(`${hours}h`, day, openMinute, out);
          const length = hours * 3_600_000;
          expect(rowsOf(out)).toEqual(
            aggregate(
              rowsOf(day.bars),
              (t) => Math.floor((t - open) / length),
              (b) => open + b * length,
            ),
          );
          if (gapRate === 0) expect(out.length).toBe(Math.ceil(sessionMinutes / (hours * 60)));
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** A backtest of the default symbols over `start`..`end` streaming the given intervals. */
function backtestOf(
  start: string,
  end: string,
  streams: unknown[],
  historical: unknown = { enabled: false },
  source?: MarketSource,
) {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    backtest_config: Record<string, unknown>;
    session_data_config: Record<string, unknown>;
  };
  json.backtest_config.start_date = start;
  json.backtest_config.end_date = end;
  json.session_data_config.streams = streams;
  json.session_data_config.historical = historical;
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  const backtest = new Backtest(parsed.value, { seed: 3, gapRate: 0 });
  if (source) backtest.source = source;
  expect(backtest.start().ok).toBe(true);
  return backtest;
}

const session = (backtest: Backtest, symbol = 'AAPL') => {
  const store = backtest.session?.symbols.get(symbol);
  if (!store) throw new Error(`no ${symbol}`);
  return store;
};

/** The day's bar by hand: its one-minute bars as one. */
const dailyRow = (symbol: string, date: string): Row =>
  aggregate(
    rowsOf(dayOf(symbol, date).bars),
    () => 0,
    () => localToUtcMs(date, 0),
  )[0] as Row;

/** A week's bar by hand from its days' bars, stamped with the first day. */
const weeklyRow = (symbol: string, days: string[]): Row => {
  const rows = days.map((d) => dailyRow(symbol, d));
  return aggregate(
    rows,
    () => 0,
    () => localToUtcMs(days[0] as string, 0),
  )[0] as Row;
};

describe('daily and weekly session streams', () => {
  it("a 1d stream gains the day's bar at the close, and only then", () => {
    const backtest = backtestOf('2025-07-01', '2025-07-02', ['1m', '1d']);
    backtest.advance(389);
    expect(session(backtest).bars.get('1d')?.length).toBe(0);
    backtest.advance(1);
    expect(rowsOf(session(backtest).bars.get('1d') as BarColumns)).toEqual([dailyRow('AAPL', '2025-07-01')]);
    backtest.advance(1); // the next session opens with an empty 1d stream
    expect(session(backtest).bars.get('1d')?.length).toBe(0);
  });

  it("a 1w stream gains the week's bar when the week's last trading day closes (a holiday Friday)", () => {
    // Week of 2025-06-30: Monday to Thursday (July 3 closes early, July 4 is a holiday).
    const backtest = backtestOf('2025-07-01', '2025-07-07', ['1m', '5m', '1w']);
    const week = session(backtest).bars;
    expect(week.get('1w')?.length).toBe(0);
    backtest.advance(390 + 390); // July 1 and 2: the week goes on
    expect(session(backtest).bars.get('1w')?.length).toBe(0);
    backtest.advance(209);
    expect(session(backtest).bars.get('1w')?.length).toBe(0);
    backtest.advance(1); // July 3 closes at 13:00: the week is over
    expect(rowsOf(session(backtest).bars.get('1w') as BarColumns)).toEqual([
      weeklyRow('AAPL', ['2025-06-30', '2025-07-01', '2025-07-02', '2025-07-03']),
    ]);
  });

  it('a run that starts midweek builds the week from the days before it', () => {
    const backtest = backtestOf('2025-07-10', '2025-07-11', ['1m', '1w', '1d']);
    backtest.advance(390 * 2);
    const store = session(backtest);
    expect(store.bars.get('1d')?.length).toBe(1);
    expect(rowsOf(store.bars.get('1w') as BarColumns)).toEqual([
      weeklyRow('AAPL', tradingDaysBetween('2025-07-07', '2025-07-11')),
    ]);
  });
});

describe('day and week bars', () => {
  it("are the day's one-minute bars as one, and whole weeks of daily bars, for any session and window", () => {
    const sessions = tradingDaysBetween('2024-03-01', '2027-12-31');
    fc.assert(
      fc.property(
        symbols,
        fc.integer({ min: 0, max: sessions.length - 1 }),
        fc.integer({ min: 1, max: 15 }),
        (symbol, index, days) => {
          const sessionDate = sessions[index] as string;
          const requests = [
            { interval: '1d', trailingDays: days, symbols: 'all' as const },
            { interval: '1w', trailingDays: days, symbols: 'all' as const },
          ];
          const [daily, weekly] = loadHistorical(symbol, sessionDate, requests, countingSource());
          expect(rowsOf(daily?.bars as BarColumns)).toEqual(daily?.dates.map((d) => dailyRow(symbol, d)));
          // By hand: group the window's days by the Monday of their week; keep the weeks that start inside
          // the window (the day before the window is in another week) and are over before the session's.
          const window = daily?.dates ?? [];
          const monday = (d: string) => addDays(d, -((dayOfWeek(d) + 6) % 7));
          const weeks = new Map<string, string[]>();
          for (const d of window) weeks.set(monday(d), [...(weeks.get(monday(d)) ?? []), d]);
          const before = previousTradingDays(window[0] as string, 1)[0] as string;
          const whole = [...weeks].filter(
            ([week, ds]) => week !== monday(sessionDate) && !(ds[0] === window[0] && monday(before) === week),
          );
          expect(weekly?.dates).toEqual(whole.flatMap(([, ds]) => ds));
          expect(rowsOf(weekly?.bars as BarColumns)).toEqual(whole.map(([, ds]) => weeklyRow(symbol, ds)));
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('history in every interval', () => {
  it('1s, 1h, 1d and 1w history match a hand aggregation of the same days', () => {
    const sessionDate = '2025-07-09'; // a Wednesday
    const requests = [
      { interval: '1s', trailingDays: 2, symbols: 'all' as const },
      { interval: '1h', trailingDays: 5, symbols: 'all' as const },
      { interval: '1d', trailingDays: 12, symbols: 'all' as const },
      { interval: '1w', trailingDays: 12, symbols: 'all' as const },
    ];
    const source = countingSource();
    const series = new Map(loadHistorical('AAPL', sessionDate, requests, source).map((s) => [s.interval, s]));

    const seconds = series.get('1s');
    expect(seconds?.dates).toEqual(['2025-07-07', '2025-07-08']);
    const secondRows = seconds?.dates.flatMap((date) => {
      const open = localToUtcMs(date, 570);
      return aggregate(
        tradesOf(dayOf('AAPL', date)),
        (t) => Math.floor((t - open) / 1000),
        (b) => open + b * 1000,
      );
    });
    expect(rowsOf(seconds?.bars as BarColumns)).toEqual(secondRows);

    const daily = series.get('1d');
    expect(daily?.dates).toHaveLength(12);
    expect(rowsOf(daily?.bars as BarColumns)).toEqual(daily?.dates.map((d) => dailyRow('AAPL', d)));

    // 12 trading days before Wednesday 07-09 start on Monday 06-23 (the 06-19 holiday is outside):
    // weeks of 06-23 and 06-30 are whole; the week of 07-07 is the session's own and still going.
    const weekly = series.get('1w');
    const weeks = [
      tradingDaysBetween('2025-06-23', '2025-06-27'),
      tradingDaysBetween('2025-06-30', '2025-07-03'),
    ];
    expect(weekly?.dates).toEqual(weeks.flat());
    expect(rowsOf(weekly?.bars as BarColumns)).toEqual(weeks.map((days) => weeklyRow('AAPL', days)));
  });

  it('a weekly window that starts midweek leaves that partial week out', () => {
    const requests = [{ interval: '1w', trailingDays: 8, symbols: 'all' as const }];
    const source = countingSource();
    // 8 trading days before 07-09: 06-26 (Thu) .. 07-08; the week of 06-23 started before the window.
    const [weekly] = loadHistorical('AAPL', '2025-07-09', requests, source);
    expect(weekly?.dates).toEqual(tradingDaysBetween('2025-06-30', '2025-07-03'));
    expect(weekly?.bars.length).toBe(1);
  });

  it('rolled from day to day, across weeks, it stays what a fresh load gives', () => {
    const historical = {
      enabled: true,
      data: [
        { interval: '1s', trailing_days: 1 },
        { interval: '1h', trailing_days: 3 },
        { interval: '1w', trailing_days: 7 },
      ],
    };
    const running = countingSource();
    const backtest = backtestOf('2025-07-02', '2025-07-15', ['1m', '1w'], historical, running);
    const fresh = countingSource();
    for (const date of backtest.tradingDays) {
      const store = session(backtest, 'TSLA');
      expect(backtest.sessionDay?.date).toBe(date);
      for (const want of loadHistorical('TSLA', date, backtest.config.historical, fresh)) {
        const got = store.historical.get(want.interval);
        expect(got?.dates, `${want.interval} on ${date}`).toEqual(want.dates);
        expect(rowsOf(got?.bars as BarColumns), `${want.interval} on ${date}`).toEqual(rowsOf(want.bars));
      }
      const asked = running.days;
      const last = date === backtest.tradingDays.at(-1);
      backtest.advance(backtest.sessionMinutes - backtest.minute + (last ? 0 : 1));
      // Rolled, not loaded again: the next session costs its own day per symbol (3 symbols), no window.
      if (!last) expect(running.days - asked).toBe(3);
    }
  }, 30_000);
});
