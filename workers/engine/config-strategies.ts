// `session_data_config.strategies` and `trading_config` (docs/export-format.md section 10, docs/strategies.md):
// the original's entries `{module, enabled, config}`, each read by its module (defaults filled, in the
// module's parameter order), and the account's limits. Both sections are accepted at the top level too;
// given at both levels they are refused. Every problem is one line naming the field and what is accepted;
// fields this app does not know are kept and reported as "kept, not used", as everywhere.

import { indicatorKey, sessionIndicatorInfo } from '../common/indicator-catalogue';
import { isObject } from '../common/is-object';
import type { Result } from '../common/result';
import { describeValue, didYouMean, formatPath } from './config-schema';
import type { SessionIndicatorSpec } from './indicators/spec';
import { STRATEGY_MODULES, strategyModule, strategyNames } from './strategies/index';
import type { StrategyConfig, StrategyModule, Subscription } from './strategies/strategy';

type Path = readonly PropertyKey[];
type JsonObject = Record<string, unknown>;

/** A session indicator a strategy reads, for one symbol. */
export interface StrategyIndicator {
  symbol: string;
  spec: SessionIndicatorSpec;
}

/** One configured strategy, resolved. */
export interface StrategyEntry {
  /** The module name as written (`rsi_strategy` or `strategies.examples.rsi_strategy`): exports key by it. */
  module: string;
  enabled: boolean;
  /** Defaults filled, in the module's parameter order: what exports write as `config`. */
  config: StrategyConfig;
  /** The bars it watches; empty when disabled. */
  subscriptions: Subscription[];
  /** The indicators it reads; empty when disabled. */
  indicators: StrategyIndicator[];
}

/** `trading_config`: the account and the limits every order is checked against. */
export interface TradingLimits {
  /** The account's starting cash, and the most gross exposure (sum of |quantity| x mark) allowed. */
  maxBuyingPower: number;
  /** Dollars per order (quantity x fill price); null: no limit. */
  maxPerTrade: number | null;
  /** Dollars of one symbol's position after the fill (|quantity| x fill price); null: no limit. */
  maxPerSymbol: number | null;
  /** Symbols with a non-zero position; null: no limit. */
  maxOpenPositions: number | null;
  commissionPerShare: number;
}

export interface StrategiesRead {
  strategies: StrategyEntry[];
  trading: TradingLimits;
  unused: string[];
}

export const DEFAULT_TRADING: TradingLimits = {
  maxBuyingPower: 100_000,
  maxPerTrade: null,
  maxPerSymbol: null,
  maxOpenPositions: null,
  commissionPerShare: 0,
};

const ENTRY_FIELDS = ['module', 'enabled', 'config'] as const;
const TRADING_FIELDS = [
  'max_buying_power',
  'max_per_trade',
  'max_per_symbol',
  'max_open_positions',
  'commission_per_share',
] as const;
/** Large enough for any account, small enough that sums of money stay exact to the cent. */
const MAX_MONEY = 1e12;

class PlainProblem extends Error {}

class Problem extends PlainProblem {
  constructor(path: Path, message: string) {
    super(`${formatPath(path)}: ${message}`);
  }
}

/** Where a section is: `session_data_config.<name>`, or `<name>` at the top level; both is refused. */
function locate(input: JsonObject, sessionData: JsonObject, name: string): { value: unknown; path: Path } {
  const inside = sessionData[name];
  const top = input[name];
  if (inside !== undefined && top !== undefined)
    throw new Problem(
      [name],
      `given both here and as session_data_config.${name} (expected one of them; the original reads session_data_config.${name})`,
    );
  return inside !== undefined
    ? { value: inside, path: ['session_data_config', name] }
    : { value: top, path: [name] };
}

function moduleOf(entry: JsonObject, path: Path, modules: readonly StrategyModule[]): StrategyModule {
  const names = strategyNames(modules);
  const accepted = `accepted: ${names.join(', ')}`;
  const name = entry.module;
  const at = [...path, 'module'];
  if (name === undefined) throw new Problem(at, `missing (${accepted})`);
  const found = typeof name === 'string' ? strategyModule(name, modules) : undefined;
  if (found === undefined) {
    const hint = typeof name === 'string' ? didYouMean(name, names) : '';
    throw new Problem(at, `${describeValue(name)} is not a strategy module${hint} (${accepted})`);
  }
  return found;
}

function indicatorSpec(name: string, period: number, interval: string, path: Path): SessionIndicatorSpec {
  const info = sessionIndicatorInfo(name);
  if (info === undefined) throw new Problem(path, `the module reads "${name}", which is not an indicator`);
  const params: Record<string, number> = {};
  for (const [param, rule] of Object.entries(info.params)) params[param] = rule.default;
  const key = indicatorKey(name, info.period === null ? 0 : period, interval);
  return { key, name, type: info.type, period, interval, params };
}

function readEntry(
  entry: unknown,
  path: Path,
  symbols: readonly string[],
  modules: readonly StrategyModule[],
  unused: string[],
): { entry: StrategyEntry; module: StrategyModule } {
  if (!isObject(entry))
    throw new Problem(
      path,
      `expected an object such as {"module": "strategies.examples.simple_ma_cross", "enabled": true, "config": {}}, got ${describeValue(entry)}`,
    );
  const module = moduleOf(entry, path, modules);
  const enabled = entry.enabled ?? true;
  if (typeof enabled !== 'boolean')
    throw new Problem([...path, 'enabled'], `expected true or false, got ${describeValue(enabled)}`);
  const given = entry.config ?? {};
  if (!isObject(given))
    throw new Problem([...path, 'config'], `expected an object of parameters, got ${describeValue(given)}`);
  const session = { symbols };
  const read = module.read(given, session);
  // A module's problem starts with its parameter's name: it continues the path.
  if (!read.ok) throw new PlainProblem(`${formatPath([...path, 'config'])}.${read.error}`);
  for (const field of read.value.unused) unused.push(`${formatPath([...path, 'config'])}.${field}`);
  for (const key of Object.keys(entry))
    if (!(ENTRY_FIELDS as readonly string[]).includes(key))
      unused.push(formatPath([...path, key]) + didYouMean(key, ENTRY_FIELDS));
  const config = read.value.config;
  const indicators = enabled
    ? module.indicators(config, session).map((need) => ({
        symbol: need.symbol,
        spec: indicatorSpec(need.name, need.period, need.interval, path),
      }))
    : [];
  const subscriptions = enabled ? module.subscriptions(config, session) : [];
  return { entry: { module: entry.module as string, enabled, config, subscriptions, indicators }, module };
}

function readStrategyList(
  value: unknown,
  path: Path,
  symbols: readonly string[],
  modules: readonly StrategyModule[],
  unused: string[],
): StrategyEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new Problem(
      path,
      `expected a list of {"module", "enabled", "config"} entries, got ${describeValue(value)}`,
    );
  const seen: StrategyModule[] = [];
  return value.map((item, index) => {
    const { entry, module } = readEntry(item, [...path, index], symbols, modules, unused);
    const first = seen.indexOf(module);
    if (first !== -1)
      throw new Problem(
        [...path, index, 'module'],
        `"${entry.module}" is listed twice (the same module as [${first}]; a module runs once)`,
      );
    seen.push(module);
    return entry;
  });
}

function money(value: unknown, path: Path, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_MONEY)
    throw new Problem(path, `expected ${what}, got ${describeValue(value)}`);
  return value;
}

function readTrading(value: unknown, path: Path, unused: string[]): TradingLimits {
  if (value === undefined || value === null) return { ...DEFAULT_TRADING };
  if (!isObject(value))
    throw new Problem(
      path,
      `expected an object such as {"max_buying_power": 100000}, got ${describeValue(value)}`,
    );
  const optional = (name: string, read: (v: unknown, at: Path) => number): number | null =>
    value[name] === undefined || value[name] === null ? null : read(value[name], [...path, name]);
  const dollars = 'a positive number of dollars up to 1e12, or null for no limit';
  const trading: TradingLimits = {
    maxBuyingPower:
      value.max_buying_power === undefined
        ? DEFAULT_TRADING.maxBuyingPower
        : money(
            value.max_buying_power,
            [...path, 'max_buying_power'],
            'a positive number of dollars up to 1e12',
          ),
    maxPerTrade: optional('max_per_trade', (v, at) => money(v, at, dollars)),
    maxPerSymbol: optional('max_per_symbol', (v, at) => money(v, at, dollars)),
    maxOpenPositions: optional('max_open_positions', (v, at) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 100_000)
        throw new Problem(
          at,
          `expected a whole number from 1 to 100000, or null for no limit, got ${describeValue(v)}`,
        );
      return v;
    }),
    commissionPerShare:
      value.commission_per_share === undefined || value.commission_per_share === null
        ? 0
        : (() => {
            const v = value.commission_per_share;
            if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1000)
              throw new Problem(
                [...path, 'commission_per_share'],
                `expected a number of dollars per share from 0 to 1000, got ${describeValue(v)}`,
              );
            return v;
          })(),
  };
  for (const key of Object.keys(value))
    if (!(TRADING_FIELDS as readonly string[]).includes(key))
      unused.push(formatPath([...path, key]) + didYouMean(key, TRADING_FIELDS));
  return trading;
}

/**
 * Reads the strategies and the trading limits of a configuration whose symbols are `symbols`, from
 * `session_data_config` or the top level. `modules` are the strategy modules known (the built-in ones).
 */
export function readStrategies(
  input: JsonObject,
  sessionData: JsonObject,
  symbols: readonly string[],
  modules: readonly StrategyModule[] = STRATEGY_MODULES,
): Result<StrategiesRead> {
  const unused: string[] = [];
  try {
    const strategies = locate(input, sessionData, 'strategies');
    const trading = locate(input, sessionData, 'trading_config');
    return {
      ok: true,
      value: {
        strategies: readStrategyList(strategies.value, strategies.path, symbols, modules, unused),
        trading: readTrading(trading.value, trading.path, unused),
        unused,
      },
    };
  } catch (error) {
    if (error instanceof PlainProblem) return { ok: false, error: error.message };
    throw error;
  }
}
