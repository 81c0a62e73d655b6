// The interface a strategy module implements (docs/strategies.md): how its configuration is read, which
// indicators and bars it needs, and the strategy itself, which sees each subscribed bar as it closes and
// answers with signals. The simulation (workers/engine/analysis/) turns the signals into orders.

import type { Result } from '../../common/result';
import type { ConfigValue, Side } from '../analysis/analysis-store';

/** A strategy's resolved configuration: defaults filled, in the module's parameter order. */
export type StrategyConfig = { [key: string]: ConfigValue };

/** One parameter, for the configuration editor (like the indicator catalogue's rules). */
export interface StrategyParam {
  name: string;
  /** What the value is: `integer`, `number`, `boolean`, `interval`, `intervals` or `symbols`. */
  kind: 'integer' | 'number' | 'boolean' | 'interval' | 'intervals' | 'symbols';
  /** The default, as written in the resolved configuration; null for `symbols` (every session symbol). */
  default: ConfigValue;
  min?: number;
  max?: number;
  summary: string;
}

/** What the configuration reader tells a module about the session. */
export interface StrategySession {
  symbols: readonly string[];
}

/** An indicator a strategy reads, by catalogue name (`sma`, `rsi`), period and bar interval. */
export interface IndicatorNeed {
  symbol: string;
  name: string;
  period: number;
  interval: string;
}

/** The bar interval a strategy wants to see close, for one symbol. */
export interface Subscription {
  symbol: string;
  interval: string;
}

/** A session indicator's live value, the same numbers exports write (12 significant digits). */
export interface IndicatorHandle {
  readonly valid: boolean;
  /** One value per output, catalogue order (meaningful when `valid`). */
  readonly value: Float64Array;
}

export interface StrategySetup {
  /** The handle of an indicator the module listed in `indicators` (others throw). */
  indicator(symbol: string, name: string, period: number, interval: string): IndicatorHandle;
}

/** A bar that just closed. `time` is its stamp (opening time, epoch ms). */
export interface ClosedBar {
  symbol: string;
  interval: string;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface StrategyContext {
  /** The symbol's session quality so far (percent of expected base bars received). */
  quality(symbol: string): number;
  /** The account's signed position in `symbol` (negative when short), orders still pending not counted. */
  position(symbol: string): number;
}

export interface Signal {
  symbol: string;
  action: Side;
  /** Shares, a positive whole number. */
  quantity: number;
  /** One line saying why, shown on the chart. */
  reason: string;
}

export interface Strategy {
  readonly subscriptions: readonly Subscription[];
  /** Called once per subscribed bar as it closes, after its indicators took it; returns its signals. */
  onBar(bar: ClosedBar, context: StrategyContext): readonly Signal[];
}

/** What `read` answers: the resolved configuration, and the fields it kept without using them. */
export interface StrategyRead {
  config: StrategyConfig;
  /** Paths relative to the entry's `config` (`["typo_field (did you mean ...)"]`). */
  unused: string[];
}

export interface StrategyModule {
  /** The name configurations use (`strategies.examples.simple_ma_cross`). */
  module: string;
  /** Other names accepted for the same module (`strategies.examples.rsi_strategy`). */
  aliases?: readonly string[];
  summary: string;
  params: readonly StrategyParam[];
  /**
   * Checks and fills a configuration. A problem is one line starting with the parameter's name
   * (`fast_period: expected ...`); the reader prefixes the path.
   */
  read(config: { [key: string]: unknown }, session: StrategySession): Result<StrategyRead>;
  /** The bars it watches, symbol by symbol: the engine builds them even when they are not streamed. */
  subscriptions(config: StrategyConfig, session: StrategySession): Subscription[];
  /** The indicators it reads: computed by the indicator runner, warm-up included. */
  indicators(config: StrategyConfig, session: StrategySession): IndicatorNeed[];
  /** A strategy for the whole run: its state carries across days. */
  create(config: StrategyConfig, session: StrategySession, setup: StrategySetup): Strategy;
}
