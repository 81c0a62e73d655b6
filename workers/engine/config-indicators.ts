// `session_data_config.indicators` (docs/export-format.md section 9): the original's entries
// `{name, period, interval, type, params}` (session) and `{name, period, unit, interval, type, params}`
// (historical), checked against the catalogue and filled with its defaults. Every problem is one line naming
// the field and what is accepted; fields this app does not know are kept and reported, as everywhere.

import {
  HISTORICAL_INDICATORS,
  HISTORICAL_UNITS,
  type HistoricalUnit,
  historicalIndicatorInfo,
  indicatorKey,
  MAX_INDICATOR_PERIOD,
  type ParamRule,
  SESSION_INDICATORS,
  sessionIndicatorInfo,
} from '../common/indicator-catalogue';
import { intervalSeconds } from '../common/interval-key';
import { isObject } from '../common/is-object';
import type { Result } from '../common/result';
import { describeValue, didYouMean, formatPath, normalizeInterval } from './config-schema';
import type { HistoricalIndicatorSpec, IndicatorsConfig, SessionIndicatorSpec } from './indicators/spec';

type Path = readonly PropertyKey[];
type JsonObject = Record<string, unknown>;

const ROOT = ['session_data_config', 'indicators'] as const;
const SESSION_FIELDS = ['name', 'period', 'interval', 'type', 'params'] as const;
const HISTORICAL_FIELDS = ['name', 'period', 'unit', 'interval', 'type', 'params'] as const;
const SECTION_FIELDS = ['session', 'historical'] as const;
/** Historical indicators read daily bars (the `1d` history, or days built from intraday history). */
const HISTORICAL_INTERVAL = '1d';

/** The indicators, and what their entries hold that is kept but not used (dotted paths, with hints). */
export interface IndicatorsRead {
  indicators: IndicatorsConfig;
  unused: string[];
}

class Problem extends Error {
  constructor(path: Path, message: string) {
    super(`${formatPath(path)}: ${message}`);
  }
}

const names = (list: readonly { name: string }[]) => list.map((i) => i.name).join(', ');

function ruleText(rule: ParamRule): string {
  return rule.integer
    ? `a whole number from ${rule.min} to ${rule.max}`
    : `a number from ${rule.min} to ${rule.max}`;
}

function checkedNumber(value: unknown, rule: ParamRule, path: Path): number {
  const fits =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= rule.min &&
    value <= rule.max &&
    (!rule.integer || Number.isInteger(value));
  if (!fits) throw new Problem(path, `expected ${ruleText(rule)}, got ${describeValue(value)}`);
  return value as number;
}

/**
 * An indicator that takes no period keeps whatever whole number it is given (the original writes 0), unused:
 * its key has no period (`vwap_1m`).
 */
const ANY_PERIOD: ParamRule = { default: 0, min: 0, max: MAX_INDICATOR_PERIOD, integer: true };

function readParams(
  given: unknown,
  rules: Readonly<Record<string, ParamRule>>,
  path: Path,
  unused: string[],
): Record<string, number> {
  const at = [...path, 'params'];
  if (given !== undefined && given !== null && !isObject(given))
    throw new Problem(at, `expected an object of parameters, got ${describeValue(given)}`);
  const params: Record<string, number> = {};
  const input = isObject(given) ? given : {};
  for (const [name, rule] of Object.entries(rules)) {
    params[name] = Object.hasOwn(input, name)
      ? checkedNumber(input[name], rule, [...at, name])
      : rule.default;
  }
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(rules, name))
      unused.push(formatPath([...at, name]) + didYouMean(name, Object.keys(rules)));
  }
  return params;
}

function readName(entry: JsonObject, path: Path, catalogue: readonly { name: string }[]): string {
  const name = entry.name;
  const at = [...path, 'name'];
  const accepted = `accepted: ${names(catalogue)}`;
  if (name === undefined) throw new Problem(at, `missing (${accepted})`);
  if (typeof name !== 'string' || !catalogue.some((i) => i.name === name)) {
    const hint =
      typeof name === 'string'
        ? didYouMean(
            name,
            catalogue.map((i) => i.name),
          )
        : '';
    throw new Problem(at, `${describeValue(name)} is not an indicator${hint} (${accepted})`);
  }
  return name;
}

function readType(entry: JsonObject, path: Path, fallback: string): string {
  const type = entry.type;
  if (type === undefined || type === null) return fallback;
  if (typeof type !== 'string' || type.trim() === '')
    throw new Problem([...path, 'type'], `expected a type such as "${fallback}", got ${describeValue(type)}`);
  return type;
}

function reportUnknown(entry: JsonObject, known: readonly string[], path: Path, unused: string[]): void {
  for (const key of Object.keys(entry)) {
    if (!known.includes(key)) unused.push(formatPath([...path, key]) + didYouMean(key, known));
  }
}

function readInterval(value: unknown, path: Path): string {
  const at = [...path, 'interval'];
  if (value === undefined)
    throw new Problem(at, 'missing (expected a bar interval such as "5m"; it need not be streamed)');
  try {
    return normalizeInterval(value as number | string);
  } catch (error) {
    throw new Problem(at, (error as Error).message);
  }
}

function sessionEntry(entry: unknown, path: Path, unused: string[]): SessionIndicatorSpec {
  if (!isObject(entry))
    throw new Problem(
      path,
      `expected an object such as {"name": "sma", "period": 20, "interval": "5m"}, got ${describeValue(entry)}`,
    );
  const name = readName(entry, path, SESSION_INDICATORS);
  const info = sessionIndicatorInfo(name);
  if (info === undefined) throw new Problem(path, 'unknown indicator');
  const rule = info.period ?? ANY_PERIOD;
  const period =
    entry.period === undefined ? rule.default : checkedNumber(entry.period, rule, [...path, 'period']);
  const interval = readInterval(entry.interval, path);
  const type = readType(entry, path, info.type);
  const params = readParams(entry.params, info.params, path, unused);
  // The stochastic's %K look-back is its period unless its params say otherwise.
  if (name === 'stochastic' && !(isObject(entry.params) && Object.hasOwn(entry.params, 'k_period')))
    params.k_period = period;
  reportUnknown(entry, SESSION_FIELDS, path, unused);
  const key = indicatorKey(name, info.period === null ? 0 : period, interval);
  return { key, name, type, period, interval, params };
}

function historicalEntry(entry: unknown, path: Path, unused: string[]): HistoricalIndicatorSpec {
  if (!isObject(entry))
    throw new Problem(
      path,
      `expected an object such as {"name": "avg_volume", "period": 20, "unit": "days"}, got ${describeValue(entry)}`,
    );
  const name = readName(entry, path, HISTORICAL_INDICATORS);
  const info = historicalIndicatorInfo(name);
  if (info === undefined) throw new Problem(path, 'unknown indicator');
  const period =
    entry.period === undefined
      ? info.period.default
      : checkedNumber(entry.period, info.period, [...path, 'period']);
  const unitIn = entry.unit ?? 'days';
  if (!(HISTORICAL_UNITS as readonly unknown[]).includes(unitIn))
    throw new Problem([...path, 'unit'], `expected "days" or "weeks", got ${describeValue(unitIn)}`);
  const unit = unitIn as HistoricalUnit;
  if (entry.interval !== undefined && entry.interval !== HISTORICAL_INTERVAL)
    throw new Problem(
      [...path, 'interval'],
      `expected "1d" (historical indicators read daily bars), got ${describeValue(entry.interval)}`,
    );
  const type = readType(entry, path, info.type);
  const params = readParams(entry.params, info.params, path, unused);
  reportUnknown(entry, HISTORICAL_FIELDS, path, unused);
  // `high_low` over 52 weeks and over 52 days are different indicators with one period: the unit tells them apart.
  const shownPeriod = unit === 'weeks' ? `${period}w` : String(period);
  const key = `${name}_${shownPeriod}_${HISTORICAL_INTERVAL}`;
  return { key, name, type, period, unit, interval: HISTORICAL_INTERVAL, params };
}

function list(value: unknown, path: Path): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value))
    throw new Problem(path, `expected a list of indicators, got ${describeValue(value)}`);
  return value;
}

/**
 * Refuses an indicator listed twice: the same key, or the same key written with another spelling of its
 * interval (`"60m"` and `"1h"` are one stream, so one indicator).
 */
function refuseRepeats(specs: readonly { key: string; interval: string }[], path: Path): void {
  const seen = new Map<string, number>();
  specs.forEach((spec, index) => {
    const same = `${spec.key.slice(0, spec.key.length - spec.interval.length)}${intervalSeconds(spec.interval)}`;
    const first = seen.get(same);
    if (first !== undefined) {
      const earlier = specs[first]?.key;
      const also = earlier === spec.key ? '' : ` (the same as "${earlier}")`;
      throw new Problem([...path, index], `"${spec.key}" is listed twice${also} (first at [${first}])`);
    }
    seen.set(same, index);
  });
}

/**
 * Reads `session_data_config.indicators`. Absent or null is none; a list is taken as the session indicators
 * (the section's short form). An indicator's interval need not be streamed: its bars are built for it.
 */
export function readIndicators(section: unknown): Result<IndicatorsRead> {
  const unused: string[] = [];
  try {
    if (section !== undefined && section !== null && !Array.isArray(section) && !isObject(section))
      throw new Problem(
        ROOT,
        `expected {"session": [...], "historical": [...]}, got ${describeValue(section)}`,
      );
    const sessionIn = Array.isArray(section) ? section : isObject(section) ? section.session : undefined;
    const sessionPath = Array.isArray(section) ? ROOT : [...ROOT, 'session'];
    const historicalIn = isObject(section) ? section.historical : undefined;
    const session = list(sessionIn, sessionPath).map((entry, i) =>
      sessionEntry(entry, [...sessionPath, i], unused),
    );
    const historical = list(historicalIn, [...ROOT, 'historical']).map((entry, i) =>
      historicalEntry(entry, [...ROOT, 'historical', i], unused),
    );
    refuseRepeats(session, sessionPath);
    refuseRepeats(historical, [...ROOT, 'historical']);
    if (isObject(section)) reportUnknown(section, SECTION_FIELDS, ROOT, unused);
    return { ok: true, value: { indicators: { session, historical }, unused } };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, error: error.message };
    throw error;
  }
}
