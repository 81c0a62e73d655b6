import { describe, expect, it } from 'vitest';
import { Backtest, ROOM_WAIT_MINUTES } from './backtest';
import { tradingDay } from './calendar';
import type { BarColumns } from './columns';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from './config';
import { isShortOfRoom, loadHistorical, ROLL_ROOM_DAYS, rollHistorical } from './historical';
import { generatorSource } from './market-source';
import type { HistoricalSeries } from './session-store';

/** A backtest over 2025-07-01..07-09 (an early close, a holiday and a weekend inside) with 1m, 5m and 1d history. */
function backtestOf(gapRate: number, endDate = '2025-07-09'): Backtest {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    backtest_config: Record<string, unknown>;
    session_data_config: Record<string, unknown>;
  };
  json.backtest_config.start_date = '2025-07-01';
  json.backtest_config.end_date = endDate;
  json.session_data_config.historical = {
    enabled: true,
    data: [
      { interval: '1m', trailing_days: 3 },
      { interval: '5m', trailing_days: 2 },
      { interval: '1d', trailing_days: 30 },
    ],
  };
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return new Backtest(parsed.value, { seed: 7, gapRate });
}

const columnsOf = (bars: BarColumns) =>
  [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume].map((c) =>
    Array.from(c.subarray(0, bars.length)),
  );

function expectSameSeries(got: readonly HistoricalSeries[], expected: readonly HistoricalSeries[]): void {
  expect(got.map((s) => s.interval)).toEqual(expected.map((s) => s.interval));
  got.forEach((series, i) => {
    const want = expected[i] as HistoricalSeries;
    expect(series.dates).toEqual(want.dates);
    expect(columnsOf(series.bars)).toEqual(columnsOf(want.bars));
  });
}

describe('history moved on to the next trading day', () => {
  it('holds exactly the rows that loading the new window from scratch gives, gaps included', () => {
    for (const gapRate of [0, 0.2]) {
      const backtest = backtestOf(gapRate);
      backtest.start();
      const requests = backtest.config.historical;
      for (const date of ['2025-07-02', '2025-07-03', '2025-07-07']) {
        const finishedDate = backtest.session?.date as string;
        const previous = backtest.session?.symbols.get('TSLA')?.historical as Map<string, HistoricalSeries>;
        const finished = backtest.source.day('TSLA', tradingDay(finishedDate));
        const rolled = rollHistorical('TSLA', date, requests, previous, finished);
        expect(rolled).not.toBeNull();
        expectSameSeries(rolled ?? [], loadHistorical('TSLA', date, requests, backtest.source));
        backtest.advance(backtest.sessionMinutes); // to the close
        backtest.advance(1); // the next day opens
        expect(backtest.session?.date).toBe(date);
      }
    }
  });

  it('is what every new session of a run holds, without generating history again, and leaves the previous session its own rows', () => {
    const backtest = backtestOf(0.05);
    // Counts the days generated for history (every day but the session's own), which a new day should not need.
    const base = backtest.source;
    let historyDays = 0;
    backtest.source = {
      day: (symbol, day, scratch) => {
        if (day.date !== backtest.tradingDays[backtest.sessionIndex]) historyDays++;
        return base.day(symbol, day, scratch);
      },
      describe: base.describe,
    };
    backtest.start();
    expect(historyDays).toBeGreaterThan(0);
    const first = backtest.session?.symbols.get('RIVN')?.historical.get('1m');
    const firstRows = first ? columnsOf(first.bars) : [];
    // An export of the first session, going on through the whole run (it yields between its slices).
    const exportDone = backtest.readSession();
    const finished = () => backtest.state === 'FINISHED';
    while (!finished()) {
      backtest.advance(backtest.sessionMinutes - backtest.minute);
      if (finished()) break;
      historyDays = 0;
      backtest.advance(1);
      expect(historyDays).toBe(0);
      const session = backtest.session;
      if (!session) throw new Error('no session');
      for (const store of session.symbols.values()) {
        const fresh = loadHistorical(store.symbol, session.date, backtest.config.historical, base);
        expectSameSeries([...store.historical.values()], fresh);
      }
    }
    expect(backtest.session?.date).toBe('2025-07-09');
    // An export of the first session still being written reads the rows it started with.
    expect(first ? columnsOf(first.bars) : null).toEqual(firstRows);
    exportDone();
  });

  it('moves a series short of room back in its own memory when no export reads, and into fresh memory while one does', () => {
    const backtest = backtestOf(0.05, '2025-08-29');
    backtest.start();
    const buffers = () =>
      new Map(
        [...(backtest.session?.symbols.values() ?? [])].flatMap((store) =>
          [...store.historical].map(([interval, s]) => [`${store.symbol} ${interval}`, s.bars.time.buffer]),
        ),
      );
    const atStart = buffers();
    const shortOfRoom = () =>
      [...(backtest.session?.symbols.values() ?? [])].flatMap((store) =>
        [...store.historical.values()].filter(isShortOfRoom).map((s) => `${store.symbol} ${s.interval}`),
      );
    // The same memory, not equal bytes: the buffers themselves are compared.
    const movedFrom = (before: Map<string, ArrayBufferLike>) =>
      [...buffers()].filter(([key, buffer]) => before.get(key) !== buffer).map(([key]) => key);
    const nextDay = () => backtest.advance(backtest.sessionMinutes - backtest.minute + 1);
    // More days than the room holds, no export: every series moved on in the memory it was loaded into.
    for (let day = 0; day <= ROLL_ROOM_DAYS; day++) nextDay();
    expect(movedFrom(atStart)).toEqual([]);
    const checkFresh = () => {
      const session = backtest.session;
      if (!session) throw new Error('no session');
      for (const store of session.symbols.values())
        expectSameSeries(
          [...store.historical.values()],
          loadHistorical(store.symbol, session.date, backtest.config.historical, backtest.source),
        );
    };
    checkFresh();
    // An export reading a session while the days go on: series short of room are copied, and the session it
    // reads keeps its rows.
    const held = backtest.session?.symbols.get('RIVN')?.historical.get('1m');
    const heldRows = held ? columnsOf(held.bars) : [];
    const exportDone = backtest.readSession();
    const copied = new Set<string>();
    for (let day = 0; day <= ROLL_ROOM_DAYS; day++) {
      for (const key of shortOfRoom()) copied.add(key);
      nextDay();
    }
    exportDone();
    expect(held ? columnsOf(held.bars) : null).toEqual(heldRows);
    // Every series that needed room meanwhile got it in fresh memory.
    expect(copied.size).toBeGreaterThan(0);
    expect([...copied].filter((key) => !movedFrom(atStart).includes(key))).toEqual([]);
    const moved = buffers();
    checkFresh();
    // The export done, series move back in their memory again.
    for (let day = 0; day <= ROLL_ROOM_DAYS; day++) nextDay();
    expect(movedFrom(moved)).toEqual([]);
    checkFresh();
    // An export that reads through the start of a day when series are short of room: they wait for it,
    // and move in their memory once it is done.
    while (shortOfRoom().length === 0) nextDay();
    const waitingSeries = shortOfRoom();
    const beforeWait = buffers();
    const waiting = backtest.readSession();
    backtest.advance(backtest.sessionMinutes - ROOM_WAIT_MINUTES - 10);
    expect(shortOfRoom()).toEqual(waitingSeries);
    waiting();
    backtest.advance(backtest.sessionMinutes - backtest.minute);
    expect(shortOfRoom()).toEqual([]);
    expect(movedFrom(beforeWait)).toEqual([]);
    nextDay();
    checkFresh();
  });

  it('moves every series on by a view over the same memory, day after day, its rows those of a fresh load', () => {
    const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
      backtest_config: Record<string, unknown>;
      session_data_config: Record<string, unknown>;
    };
    json.backtest_config.start_date = '2025-07-01';
    json.backtest_config.end_date = '2025-07-18';
    json.session_data_config.symbols = ['RIVN', 'SPY'];
    json.session_data_config.streams = ['1m'];
    json.session_data_config.historical = {
      enabled: true,
      data: [
        { interval: '1m', trailing_days: 2 },
        { interval: '15m', trailing_days: 3 },
        { interval: '1d', trailing_days: 5 },
      ],
    };
    delete json.session_data_config.indicators;
    delete json.session_data_config.strategies;
    const parsed = parseSessionConfig(json);
    if (!parsed.ok) throw new Error(parsed.error);
    const backtest = new Backtest(parsed.value, { seed: 3, gapRate: 0.02 });
    backtest.start();
    let days = 1;
    const finished = () => backtest.state === 'FINISHED';
    while (!finished()) {
      backtest.advance(backtest.sessionMinutes - backtest.minute);
      if (finished()) break;
      // At the close: the series as the day leaves them (copied with room during the day if they had none).
      const closing = new Map(
        [...(backtest.session?.symbols.values() ?? [])].map((s) => [s.symbol, new Map(s.historical)]),
      );
      backtest.advance(1);
      days++;
      for (const store of backtest.session?.symbols.values() ?? []) {
        for (const [interval, series] of store.historical) {
          const before = closing.get(store.symbol)?.get(interval);
          expect(series.bars.time.buffer, `${store.symbol} ${interval} on ${backtest.session?.date}`).toBe(
            before?.bars.time.buffer,
          );
        }
        const fresh = loadHistorical(
          store.symbol,
          backtest.session?.date as string,
          backtest.config.historical,
          backtest.source,
        );
        expectSameSeries([...store.historical.values()], fresh);
      }
    }
    // More days than the room holds: the copies made during sessions were needed, and came in time.
    expect(days).toBe(backtest.tradingDays.length);
    expect(days).toBeGreaterThan(2 * ROLL_ROOM_DAYS);
  });

  it('leaves every series as it was when one of them cannot move on', () => {
    const backtest = backtestOf(0);
    backtest.start();
    const held = backtest.session?.symbols.get('AAPL')?.historical as Map<string, HistoricalSeries>;
    // The daily series is missing: 1m and 5m could move on, 1d cannot, so the roll is declined.
    const previous = new Map([...held].filter(([interval]) => interval !== '1d'));
    const rooms = [...previous.values()].map((s) => s.bars.room);
    expect(rooms.every((room) => room > 0)).toBe(true);
    const finished = backtest.source.day('AAPL', tradingDay('2025-07-01'));
    expect(rollHistorical('AAPL', '2025-07-02', backtest.config.historical, previous, finished)).toBeNull();
    // No series gave its room away to a roll that did not happen: the next day still moves on without a copy.
    expect([...previous.values()].map((s) => s.bars.room)).toEqual(rooms);
  });

  it('declines when the finished day is not the trading day just before the new session', () => {
    const backtest = backtestOf(0);
    backtest.start();
    const previous = backtest.session?.symbols.get('AAPL')?.historical as Map<string, HistoricalSeries>;
    const finished = backtest.source.day('AAPL', tradingDay('2025-07-01'));
    expect(rollHistorical('AAPL', '2025-07-03', backtest.config.historical, previous, finished)).toBeNull();
  });
});

describe('history before the session years', () => {
  it('loads days from before 2024 for a session early in 2024', () => {
    // A look-back from 2024-01-02 reaches 2023 at once and 2022 after 250 days. Loading threw on both: history
    // described its days with tradingDay (2024-2027 only), and the calendar's walks stopped at 2023.
    const requests = [
      { interval: '1d', trailingDays: 300, symbols: 'all' as const },
      { interval: '5m', trailingDays: 2, symbols: 'all' as const },
    ];
    const [daily, fiveMinute] = loadHistorical(
      'TSLA',
      '2024-01-02',
      requests,
      generatorSource({ seed: 1, gapRate: 0 }),
    );
    expect(daily?.dates).toHaveLength(300);
    // 250 days of 2023, 21 of December and 21 of November 2022, then 8 of October.
    expect(daily?.dates[0]).toBe('2022-10-20');
    expect(daily?.dates.at(-1)).toBe('2023-12-29');
    expect(daily?.bars.length).toBe(300);
    expect(fiveMinute?.dates).toEqual(['2023-12-28', '2023-12-29']);
    expect(fiveMinute?.bars.length).toBe(2 * 78);
  });
});
