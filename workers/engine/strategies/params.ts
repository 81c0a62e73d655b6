// Reads a strategy's `config` object by its module's parameter list: each value checked against its rule
// (one line naming the parameter and what is accepted), defaults filled in parameter order, fields the
// module does not know kept and reported. Modules add their own cross-parameter checks after it.

import { isObject } from '../../common/is-object';
import type { Result } from '../../common/result';
import { describeValue, didYouMean, normalizeInterval } from '../config-schema';
import type { StrategyConfig, StrategyParam, StrategyRead, StrategySession } from './strategy';

export class ParamProblem extends Error {}

function rangeText(param: StrategyParam): string {
  const kind = param.kind === 'integer' ? 'a whole number' : 'a number';
  return `${kind} from ${param.min} to ${param.max}`;
}

function readNumber(value: unknown, param: StrategyParam): number {
  const fits =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= (param.min ?? -Infinity) &&
    value <= (param.max ?? Infinity) &&
    (param.kind !== 'integer' || Number.isInteger(value));
  if (!fits)
    throw new ParamProblem(`${param.name}: expected ${rangeText(param)}, got ${describeValue(value)}`);
  return value as number;
}

function readInterval(value: unknown, name: string): string {
  if (typeof value !== 'string' && typeof value !== 'number')
    throw new ParamProblem(`${name}: expected a bar interval such as "5m", got ${describeValue(value)}`);
  try {
    return normalizeInterval(value);
  } catch (error) {
    throw new ParamProblem(`${name}: ${(error as Error).message}`);
  }
}

function readIntervals(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new ParamProblem(
      `${name}: expected a non-empty list of bar intervals such as ["5m"], got ${describeValue(value)}`,
    );
  const out: string[] = [];
  value.forEach((item, index) => {
    const interval = readInterval(item, `${name}[${index}]`);
    if (out.includes(interval)) throw new ParamProblem(`${name}[${index}]: "${interval}" is listed twice`);
    out.push(interval);
  });
  return out;
}

function readSymbols(value: unknown, name: string, session: StrategySession): string[] {
  const all = session.symbols.join(', ');
  if (!Array.isArray(value) || value.length === 0)
    throw new ParamProblem(
      `${name}: expected a non-empty list of the session's symbols (${all}), or no ${name} for all of them, got ${describeValue(value)}`,
    );
  const out: string[] = [];
  value.forEach((item, index) => {
    if (typeof item !== 'string' || !session.symbols.includes(item))
      throw new ParamProblem(`${name}[${index}]: ${describeValue(item)} is not a session symbol (${all})`);
    if (out.includes(item)) throw new ParamProblem(`${name}[${index}]: "${item}" is listed twice`);
    out.push(item);
  });
  // Session order, so that the run does not depend on how the list was written.
  return session.symbols.filter((symbol) => out.includes(symbol));
}

function readValue(value: unknown, param: StrategyParam, session: StrategySession): StrategyConfig[string] {
  switch (param.kind) {
    case 'integer':
    case 'number':
      return readNumber(value, param);
    case 'boolean':
      if (typeof value !== 'boolean')
        throw new ParamProblem(`${param.name}: expected true or false, got ${describeValue(value)}`);
      return value;
    case 'interval':
      return readInterval(value, param.name);
    case 'intervals':
      return readIntervals(value, param.name);
    case 'symbols':
      return readSymbols(value, param.name, session);
  }
}

/**
 * Reads `config` by `params`. A `symbols` parameter left out is every session symbol; `check`
 * runs on the filled configuration and throws `ParamProblem` for what the rules alone cannot say.
 */
export function readParams(
  config: { [key: string]: unknown },
  params: readonly StrategyParam[],
  session: StrategySession,
  check: (resolved: StrategyConfig) => void = () => {},
): Result<StrategyRead> {
  try {
    if (!isObject(config))
      throw new ParamProblem(`expected an object of parameters, got ${describeValue(config)}`);
    const resolved: StrategyConfig = {};
    for (const param of params) {
      const given = config[param.name];
      // `symbols` left out (or null) is every session symbol, written out so the export says which.
      if (param.kind === 'symbols' && (given === undefined || given === null))
        resolved[param.name] = [...session.symbols];
      else resolved[param.name] = given === undefined ? param.default : readValue(given, param, session);
    }
    check(resolved);
    const names = params.map((p) => p.name);
    const unused = Object.keys(config)
      .filter((key) => !names.includes(key))
      .map((key) => key + didYouMean(key, names));
    return { ok: true, value: { config: resolved, unused } };
  } catch (error) {
    if (error instanceof ParamProblem) return { ok: false, error: error.message };
    throw error;
  }
}

/** The symbols a resolved `symbols` parameter names. */
export function symbolsOf(value: StrategyConfig[string] | undefined, session: StrategySession): string[] {
  return Array.isArray(value) ? (value as string[]) : [...session.symbols];
}

export const num = (config: StrategyConfig, name: string): number => config[name] as number;

// The parameters every built-in strategy has, written once.

export const SYMBOLS_PARAM: StrategyParam = {
  name: 'symbols',
  kind: 'symbols',
  default: null,
  summary: 'Symbols it trades (every session symbol when left out).',
};

export const QUANTITY_PARAM: StrategyParam = {
  name: 'quantity',
  kind: 'integer',
  default: 100,
  min: 1,
  max: 1_000_000_000,
  summary: 'Shares per order.',
};

export const ALLOW_SHORT_PARAM: StrategyParam = {
  name: 'allow_short',
  kind: 'boolean',
  default: false,
  summary: 'Whether a SELL may open or add to a short position.',
};
