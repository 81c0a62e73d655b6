// Helpers for the simulation's tests: a market source of scripted one-minute bars, a strategy module that
// emits what a test tells it, and a backtest of a small configuration running them.

import { Backtest } from '../backtest';
import type { TradingDay } from '../calendar';
import { BarColumns, QuoteColumns, TickColumns } from '../columns';
import { parseSessionConfig, type SessionConfig } from '../config';
import { readStrategies } from '../config-strategies';
import type { DayData } from '../market-data';
import type { MarketSource } from '../market-source';
import { storedTrades } from '../stored-trades';
import { STRATEGY_MODULES } from '../strategies/index';
import type { ClosedBar, Signal, StrategyContext, StrategyModule } from '../strategies/strategy';

/** One minute's bar: its open and close (high and low around them). */
export interface MinuteBar {
  open: number;
  close: number;
}

/**
 * A source whose bars are `bar(symbol, date, minute)`; null is a minute without trades. Each minute with a bar
 * has two trades, its open at :00 and its close at :30, so a `30s` stream has a bar at :00 (open = close =
 * the minute's open) and one at :30 (open = close = the minute's close).
 */
export function scriptedSource(
  bar: (symbol: string, date: string, minute: number) => MinuteBar | null,
): MarketSource {
  return {
    day(symbol: string, day: TradingDay): DayData {
      const minutes = day.sessionMinutes;
      const bars = new BarColumns(minutes);
      const barOfMinute = new Int32Array(minutes).fill(-1);
      const ticks = new TickColumns(2 * minutes);
      const tickEnd = new Int32Array(minutes);
      const openMs = Date.UTC(
        Number(day.date.slice(0, 4)),
        Number(day.date.slice(5, 7)) - 1,
        Number(day.date.slice(8, 10)),
      );
      // The exchange's 09:30 in July is 13:30 UTC (EDT); the tests run in July.
      const start = openMs + (13 * 60 + 30) * 60_000;
      for (let m = 0; m < minutes; m++) {
        const b = bar(symbol, day.date, m);
        if (b === null) {
          tickEnd[m] = ticks.length;
          continue;
        }
        ticks.append(start + m * 60_000, b.open, 50, 0);
        ticks.append(start + m * 60_000 + 30_000, b.close, 50, 0);
        tickEnd[m] = ticks.length;
        barOfMinute[m] = bars.length;
        bars.append(
          start + m * 60_000,
          b.open,
          Math.max(b.open, b.close),
          Math.min(b.open, b.close),
          b.close,
          100,
        );
      }
      return {
        date: day.date,
        sessionMinutes: minutes,
        bars,
        barOfMinute,
        appendTrades: storedTrades(ticks, new QuoteColumns(1), tickEnd),
      };
    },
    describe: () => 'imported',
  };
}

export type Script = (bar: ClosedBar, context: StrategyContext) => Signal[];

/**
 * A module `test.script` watching `interval` bars of `symbols` (every session symbol when not given) and
 * emitting what `script` says.
 */
export function scriptModule(script: Script, interval = '1m', symbols?: string[]): StrategyModule {
  const watched = (session: { symbols: readonly string[] }) =>
    (symbols ?? session.symbols).map((symbol) => ({ symbol, interval }));
  return {
    module: 'test.script',
    summary: 'Emits the signals a test scripts.',
    params: [{ name: 'allow_short', kind: 'boolean', default: false, summary: 'Shorting allowed.' }],
    read: (config) => ({
      ok: true,
      value: { config: { allow_short: config.allow_short === true }, unused: [] },
    }),
    subscriptions: (_config, session) => watched(session),
    indicators: () => [],
    create: (_config, session) => ({
      subscriptions: watched(session),
      onBar: (bar, context) => script(bar, context),
    }),
  };
}

export interface RunOptions {
  symbols?: string[];
  startDate?: string;
  endDate?: string;
  streams?: string[];
  strategies: unknown[];
  trading?: Record<string, unknown>;
  modules?: StrategyModule[];
  indicators?: unknown[];
}

/** A parsed configuration of `options` (no history), its strategies read with `options.modules` too. */
export function configOf(options: RunOptions): SessionConfig {
  const sessionData: Record<string, unknown> = {
    symbols: options.symbols ?? ['AAA'],
    streams: options.streams ?? ['1m'],
  };
  if (options.indicators) sessionData.indicators = { session: options.indicators };
  const json: Record<string, unknown> = {
    session_name: 'Simulation test',
    mode: 'backtest',
    backtest_config: {
      start_date: options.startDate ?? '2025-07-01',
      end_date: options.endDate ?? '2025-07-01',
    },
    session_data_config: sessionData,
  };
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  const modules = [...STRATEGY_MODULES, ...(options.modules ?? [])];
  sessionData.strategies = options.strategies;
  if (options.trading) sessionData.trading_config = options.trading;
  const read = readStrategies(json, sessionData, parsed.value.symbols, modules);
  if (!read.ok) throw new Error(read.error);
  return { ...parsed.value, strategies: read.value.strategies, trading: read.value.trading };
}

/** Runs `options` to the end on `source` (the generator with `seed` when none). */
export function runToEnd(options: RunOptions, source?: MarketSource, seed = 1): Backtest {
  const config = configOf(options);
  const backtest = new Backtest(config, { seed }, [...STRATEGY_MODULES, ...(options.modules ?? [])]);
  if (source) backtest.source = source;
  const started = backtest.start();
  if (!started.ok) throw new Error(started.error);
  while (!backtest.finished) backtest.advance(390);
  return backtest;
}

/** Epoch ms of `hh:mm` exchange time on a July 2025 date (EDT, UTC-4). */
export function at(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00-04:00`);
}
