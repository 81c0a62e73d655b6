// `strategies.examples.simple_ma_cross`: buys when the fast simple moving average crosses above the slow
// one and sells when it crosses below, on one bar interval, for each of its symbols.

import { shownNumber } from '../../common/shown-text';
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
  StrategyConfig,
  StrategyContext,
  StrategyModule,
  StrategySession,
} from './strategy';

const MAX_PERIOD = 5000;

/** The crossing rule's memory for one symbol: the sign of the last bar where fast - slow was not 0. */
interface CrossState {
  symbol: string;
  fast: IndicatorHandle;
  slow: IndicatorHandle;
  /** -1 or 1; 0 before the first valid bar with a difference. */
  lastSign: number;
}

class SimpleMaCross implements Strategy {
  readonly subscriptions;
  private readonly states = new Map<string, CrossState>();
  private readonly none: readonly Signal[] = [];

  constructor(
    private readonly fastPeriod: number,
    private readonly slowPeriod: number,
    private readonly minQuality: number,
    private readonly quantity: number,
    interval: string,
    symbols: readonly string[],
    handles: (symbol: string, period: number) => IndicatorHandle,
  ) {
    this.subscriptions = symbols.map((symbol) => ({ symbol, interval }));
    for (const symbol of symbols)
      this.states.set(symbol, {
        symbol,
        fast: handles(symbol, fastPeriod),
        slow: handles(symbol, slowPeriod),
        lastSign: 0,
      });
  }

  onBar(bar: ClosedBar, context: StrategyContext): readonly Signal[] {
    const state = this.states.get(bar.symbol);
    if (state === undefined || !state.fast.valid || !state.slow.valid) return this.none;
    // The values exports write (12 significant digits), so a reader of the export finds the same crossings.
    const fast = state.fast.value[0] as number;
    const slow = state.slow.value[0] as number;
    const difference = fast - slow;
    if (difference === 0) return this.none;
    const sign = difference > 0 ? 1 : -1;
    const before = state.lastSign;
    state.lastSign = sign;
    // The first valid bar only sets the state; a skipped bar (low quality) keeps it current, emits nothing.
    if (before === 0 || before === sign || context.quality(bar.symbol) < this.minQuality) return this.none;
    const above = sign > 0;
    const relation = above ? '>' : '<';
    return [
      {
        symbol: bar.symbol,
        action: above ? 'BUY' : 'SELL',
        quantity: this.quantity,
        reason: `sma ${this.fastPeriod} crossed ${above ? 'above' : 'below'} sma ${this.slowPeriod} (${shownNumber(fast)} ${relation} ${shownNumber(slow)})`,
      },
    ];
  }
}

export const simpleMaCross: StrategyModule = {
  module: 'strategies.examples.simple_ma_cross',
  summary: 'Buys when the fast SMA crosses above the slow SMA, sells when it crosses below.',
  params: [
    SYMBOLS_PARAM,
    {
      name: 'interval',
      kind: 'interval',
      default: '5m',
      summary: 'Bar interval of the averages and the signals.',
    },
    {
      name: 'fast_period',
      kind: 'integer',
      default: 10,
      min: 1,
      max: MAX_PERIOD,
      summary: 'Bars of the fast SMA (below slow_period).',
    },
    {
      name: 'slow_period',
      kind: 'integer',
      default: 20,
      min: 1,
      max: MAX_PERIOD,
      summary: 'Bars of the slow SMA.',
    },
    {
      name: 'min_quality',
      kind: 'number',
      default: 95,
      min: 0,
      max: 100,
      summary: 'No signal while the session quality is below it.',
    },
    QUANTITY_PARAM,
    ALLOW_SHORT_PARAM,
  ],
  read(config, session) {
    return readParams(config, this.params, session, (resolved) => {
      const fast = num(resolved, 'fast_period');
      const slow = num(resolved, 'slow_period');
      if (fast >= slow)
        throw new ParamProblem(
          `fast_period: expected a whole number from 1 to ${MAX_PERIOD} below slow_period (${slow}), got ${fast}`,
        );
    });
  },
  subscriptions: (config: StrategyConfig, session: StrategySession) =>
    symbolsOf(config.symbols, session).map((symbol) => ({ symbol, interval: config.interval as string })),
  indicators(config, session) {
    const interval = config.interval as string;
    return symbolsOf(config.symbols, session).flatMap((symbol) => [
      { symbol, name: 'sma', period: num(config, 'fast_period'), interval },
      { symbol, name: 'sma', period: num(config, 'slow_period'), interval },
    ]);
  },
  create(config, session, setup) {
    const interval = config.interval as string;
    return new SimpleMaCross(
      num(config, 'fast_period'),
      num(config, 'slow_period'),
      num(config, 'min_quality'),
      num(config, 'quantity'),
      interval,
      symbolsOf(config.symbols, session),
      (symbol, period) => setup.indicator(symbol, 'sma', period, interval),
    );
  },
};
