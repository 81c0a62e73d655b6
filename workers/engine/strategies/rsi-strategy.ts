// `rsi_strategy` (also `strategies.examples.rsi_strategy`): buys when the RSI falls below the oversold
// threshold and sells when it rises above the overbought one, on each of its intervals, for each symbol.

import {
  ALLOW_SHORT_PARAM,
  num,
  ParamProblem,
  QUANTITY_PARAM,
  readParams,
  SYMBOLS_PARAM,
  symbolsOf,
} from './params';
import type {
  ClosedBar,
  IndicatorHandle,
  Signal,
  Strategy,
  StrategyContext,
  StrategyModule,
  StrategySession,
} from './strategy';

/** One symbol and interval: the RSI's last valid value and the last signal made there. */
interface RsiState {
  rsi: IndicatorHandle;
  last: number;
  lastAction: 'BUY' | 'SELL' | null;
}

const shown = (x: number) => String(Number(x.toFixed(2)));

class RsiStrategy implements Strategy {
  readonly subscriptions: { symbol: string; interval: string }[] = [];
  private readonly states = new Map<string, RsiState>();
  private readonly none: readonly Signal[] = [];

  constructor(
    private readonly period: number,
    private readonly oversold: number,
    private readonly overbought: number,
    private readonly quantity: number,
    intervals: readonly string[],
    symbols: readonly string[],
    handle: (symbol: string, interval: string) => IndicatorHandle,
  ) {
    for (const symbol of symbols)
      for (const interval of intervals) {
        this.subscriptions.push({ symbol, interval });
        this.states.set(`${symbol} ${interval}`, {
          rsi: handle(symbol, interval),
          last: Number.NaN,
          lastAction: null,
        });
      }
  }

  onBar(bar: ClosedBar, _context: StrategyContext): readonly Signal[] {
    const state = this.states.get(`${bar.symbol} ${bar.interval}`);
    if (state === undefined || !state.rsi.valid) return this.none;
    const rsi = state.rsi.value[0] as number;
    const before = state.last;
    state.last = rsi;
    // No signal on the first valid value (NaN compares false), nor twice the same way in a row.
    let action: 'BUY' | 'SELL' | null = null;
    let reason = '';
    if (before >= this.oversold && rsi < this.oversold && state.lastAction !== 'BUY') {
      action = 'BUY';
      reason = `rsi ${this.period} fell below ${this.oversold} (${shown(rsi)})`;
    } else if (before <= this.overbought && rsi > this.overbought && state.lastAction !== 'SELL') {
      action = 'SELL';
      reason = `rsi ${this.period} rose above ${this.overbought} (${shown(rsi)})`;
    }
    if (action === null) return this.none;
    state.lastAction = action;
    return [{ symbol: bar.symbol, action, quantity: this.quantity, reason }];
  }
}

export const rsiStrategy: StrategyModule = {
  module: 'rsi_strategy',
  aliases: ['strategies.examples.rsi_strategy'],
  summary:
    'Buys when the RSI falls below the oversold threshold, sells when it rises above the overbought one.',
  params: [
    SYMBOLS_PARAM,
    { name: 'period', kind: 'integer', default: 14, min: 1, max: 5000, summary: 'Bars of the RSI.' },
    {
      name: 'oversold_threshold',
      kind: 'number',
      default: 30,
      min: 0,
      max: 100,
      summary: 'A BUY when the RSI falls below it.',
    },
    {
      name: 'overbought_threshold',
      kind: 'number',
      default: 70,
      min: 0,
      max: 100,
      summary: 'A SELL when the RSI rises above it (above oversold_threshold).',
    },
    QUANTITY_PARAM,
    {
      name: 'intervals',
      kind: 'intervals',
      default: ['5m'],
      summary: 'Bar intervals it watches, each on its own.',
    },
    ALLOW_SHORT_PARAM,
  ],
  read(config, session) {
    return readParams(config, this.params, session, (resolved) => {
      const oversold = num(resolved, 'oversold_threshold');
      const overbought = num(resolved, 'overbought_threshold');
      if (oversold >= overbought)
        throw new ParamProblem(
          `oversold_threshold: expected a number from 0 to 100 below overbought_threshold (${overbought}), got ${oversold}`,
        );
    });
  },
  subscriptions: (config, session: StrategySession) =>
    symbolsOf(config.symbols, session).flatMap((symbol) =>
      (config.intervals as string[]).map((interval) => ({ symbol, interval })),
    ),
  indicators(config, session) {
    const intervals = config.intervals as string[];
    return symbolsOf(config.symbols, session).flatMap((symbol) =>
      intervals.map((interval) => ({ symbol, name: 'rsi', period: num(config, 'period'), interval })),
    );
  },
  create(config, session, setup) {
    const period = num(config, 'period');
    return new RsiStrategy(
      period,
      num(config, 'oversold_threshold'),
      num(config, 'overbought_threshold'),
      num(config, 'quantity'),
      config.intervals as string[],
      symbolsOf(config.symbols, session),
      (symbol, interval) => setup.indicator(symbol, 'rsi', period, interval),
    );
  },
};
