// The bar-first market's promises across the engine: what replay streams and what history holds for the
// same day are the same bars (seconds included, made from the bars' trades), a day is the same whichever
// window loads it, and the trades replay stores are exactly the bars' trades.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backtest } from './backtest';
import { nextTradingDay, previousTradingDays, tradingDay, tradingDaysBetween } from './calendar';
import type { BarColumns } from './columns';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from './config';
import { loadHistorical } from './historical';
import { dailyBarOf } from './market-data';
import { generatorSource } from './market-source';

type Row = number[];
const rowsOf = (bars: BarColumns, from = 0, to = bars.length): Row[] =>
  Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return [bars.time, bars.open, bars.high, bars.low, bars.close, bars.volume].map((c) => c[i] as number);
  });

const MARKET = { seed: 11, gapRate: 0.03 };

function backtest(): Backtest {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    backtest_config: Record<string, unknown>;
    session_data_config: Record<string, unknown>;
  };
  json.backtest_config.start_date = '2025-07-01';
  json.backtest_config.end_date = '2025-07-02';
  json.session_data_config.symbols = ['RIVN', 'AAPL'];
  json.session_data_config.streams = ['10s', '1m', '5m', 'ticks', 'quotes'];
  json.session_data_config.historical = {
    enabled: true,
    data: [
      { interval: '10s', trailing_days: 1 },
      { interval: '1m', trailing_days: 2 },
      { interval: '5m', trailing_days: 1 },
      { interval: '1d', trailing_days: 3 },
    ],
  };
  delete json.session_data_config.indicators;
  delete json.session_data_config.strategies;
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return new Backtest(parsed.value, MARKET);
}

describe('bar-first market in the engine', () => {
  it('replays a day as exactly the bars history holds for it the next day, seconds included', () => {
    const run = backtest();
    run.start();
    run.advance(run.sessionMinutes); // the whole of 2025-07-01
    const replayed = new Map(
      [...(run.session?.symbols.values() ?? [])].map((s) => [
        s.symbol,
        { bars: new Map([...s.bars].map(([k, v]) => [k, rowsOf(v)])), ticks: s.ticks, quotes: s.quotes },
      ]),
    );
    run.advance(1); // 2025-07-02 opens: its history ends with 2025-07-01
    for (const store of run.session?.symbols.values() ?? []) {
      const day = replayed.get(store.symbol);
      for (const interval of ['10s', '1m', '5m']) {
        const history = store.historical.get(interval)?.bars as BarColumns;
        const own = day?.bars.get(interval) ?? [];
        expect(own.length).toBeGreaterThan(0);
        expect(rowsOf(history, history.length - own.length), `${store.symbol} ${interval}`).toEqual(own);
      }
      // The daily history's last bar is the replayed day's aggregation.
      const daily = store.historical.get('1d')?.bars as BarColumns;
      const minutes = day?.bars.get('1m') ?? [];
      expect(rowsOf(daily, daily.length - 1)[0]?.slice(1)).toEqual([
        minutes[0]?.[1],
        Math.max(...minutes.map((r) => r[2] as number)),
        Math.min(...minutes.map((r) => r[3] as number)),
        minutes.at(-1)?.[4],
        minutes.reduce((sum, r) => sum + (r[5] as number), 0),
      ]);
      // The trades replay stored are the minute bars' trades: each bar is their aggregation.
      const ticks = day?.ticks;
      if (!ticks) throw new Error('no ticks');
      expect(day?.quotes?.length).toBe(ticks.length);
      const byMinute = new Map<number, Row>();
      for (let i = 0; i < ticks.length; i++) {
        const minute = Math.floor((ticks.time[i] as number) / 60_000) * 60_000;
        const p = ticks.price[i] as number;
        const s = ticks.size[i] as number;
        const bar = byMinute.get(minute);
        if (!bar) byMinute.set(minute, [minute, p, p, p, p, s]);
        else
          byMinute.set(minute, [
            minute,
            bar[1] as number,
            Math.max(bar[2] as number, p),
            Math.min(bar[3] as number, p),
            p,
            (bar[5] as number) + s,
          ]);
      }
      expect([...byMinute.values()]).toEqual(minutes);
    }
  });

  it('gives a day the same bars whichever window loads it, and as the generator makes it', () => {
    const source = generatorSource(MARKET);
    const days = tradingDaysBetween('2024-02-01', '2027-11-30');
    fc.assert(
      fc.property(
        fc.constantFrom('RIVN', 'TSLA', 'ZZZQ'),
        fc.integer({ min: 0, max: days.length - 1 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (symbol, index, later, window) => {
          const date = days[index] as string;
          const { sessionMinutes } = tradingDay(date);
          let session = date;
          for (let k = 0; k < later; k++) session = nextTradingDay(session);
          const trailing = later + window - 1;
          // The day is somewhere inside the window of a session `later` trading days on.
          const requests = [
            { interval: '1m', trailingDays: trailing, symbols: 'all' as const },
            { interval: '1d', trailingDays: trailing, symbols: 'all' as const },
          ];
          const [minutes, daily] = loadHistorical(symbol, session, requests, source);
          const dates = previousTradingDays(session, trailing);
          expect(dates).toContain(date);
          const own = source.day(symbol, tradingDay(date));
          const open = own.bars.time[0] as number;
          const rows = rowsOf(minutes?.bars as BarColumns).filter(
            (r) => (r[0] as number) >= open && (r[0] as number) < open + sessionMinutes * 60_000,
          );
          expect(rows).toEqual(rowsOf(own.bars));
          const bar = dailyBarOf(own);
          const dailyRow = rowsOf(daily?.bars as BarColumns)[dates.indexOf(date)];
          expect(dailyRow?.slice(1)).toEqual([bar?.open, bar?.high, bar?.low, bar?.close, bar?.volume]);
        },
      ),
      { numRuns: 30 },
    );
  }, 30_000);
});
