// The session configuration: parse, validate and normalize a configuration in the original system's JSON
// form (docs/export-format.md section 8). The structure and the one-line error
// messages are defined in `config-schema.ts`; this file turns a valid input into a `SessionConfig`.
//
// Decisions:
// - Both historical forms are accepted, entry by entry: `{"interval", "trailing_days"}` (docs/design-note.md's
//   form, usually under `{"enabled": true, "data": [...]}`) and `{"trailing_days", "intervals", "apply_to"}`
//   (the original's form). `apply_to` ("all" or symbols, default "all") is allowed in both. A missing
//   historical section or `"enabled": false` means no historical data; `enabled` defaults to true.
// - `raw` keeps the configuration in the form it was given (key order, historical form, ignored sections
//   deep-copied as given), with intervals as strings (`5` -> `"5m"`) and the defaults filled in
//   (`asset_class`, `backtest_config.speed_multiplier`, `streams`). Parsing `raw` again gives the same
//   SessionConfig.
// - The base interval is the shortest bar interval streamed (it may be "1s", "5m" or "1d"); the others are
//   derived from it. A configuration without `streams` streams "1m" (the original's base). Intervals are
//   ordered by length (`intervalSeconds`, a day and a week in calendar seconds).

import { intervalSeconds } from '../common/interval-key';
import { isObject } from '../common/is-object';
import { type IndicatorsRead, readIndicators } from './config-indicators';
import {
  BACKTEST_FIELDS,
  barIntervalsOf,
  DEFAULT_ASSET_CLASS,
  DEFAULT_EXCHANGE_GROUP,
  DEFAULT_SPEED_MULTIPLIER,
  DEFAULT_STREAMS,
  didYouMean,
  FIELD_ORDER,
  formatPath,
  HISTORICAL_ENTRY_FIELDS,
  HISTORICAL_FIELDS,
  type HistoricalEntryInput,
  IGNORED_HISTORICAL_SECTIONS,
  IGNORED_SECTIONS,
  issueToLine,
  SESSION_DATA_FIELDS,
  type SessionConfigInput,
  STRATEGY_SECTIONS,
  sessionConfigSchema,
} from './config-schema';
import {
  readStrategies,
  type StrategiesRead,
  type StrategyEntry,
  type TradingLimits,
} from './config-strategies';
import { DEFAULT_SESSION_CONFIG_JSON } from './default-config';
import type { IndicatorsConfig } from './indicators/spec';
import { MAX_CONFIG_DEPTH } from './limits';

export {
  barsPerSession,
  derivedIntervalProblem,
  IGNORED_HISTORICAL_SECTIONS,
  IGNORED_SECTIONS,
  normalizeInterval,
} from './config-schema';

export { DEFAULT_SESSION_CONFIG_JSON } from './default-config';

export interface HistoricalRequest {
  interval: string;
  trailingDays: number;
  symbols: 'all' | string[];
}

export interface SessionConfig {
  sessionName: string;
  mode: 'backtest';
  exchangeGroup: 'US_EQUITY';
  assetClass: string;
  startDate: string;
  endDate: string;
  speedMultiplier: number;
  symbols: string[];
  /** Bar intervals streamed, shortest first, e.g. ['1m', '5m', '1h', '1d']; the first is the base. */
  barIntervals: string[];
  /** The shortest bar interval streamed (`generated: false` in exports); null when no bars are streamed. */
  baseInterval: string | null;
  /** The other bar intervals streamed, derived from the base, shortest first. */
  derivedIntervals: string[];
  ticks: boolean;
  quotes: boolean;
  /**
   * Historical data to load, sorted by interval (shortest first, '1w' last). For each interval: at most
   * one 'all' entry (the largest trailing days of the entries applying to all symbols), then one entry per
   * distinct larger trailing days for the symbols named explicitly (symbols in `symbols` order, the largest
   * days per symbol; a symbol already covered by the 'all' entry for as many days is not repeated).
   */
  historical: HistoricalRequest[];
  /** The indicators of `session_data_config.indicators` (section 9), defaults filled in. */
  indicators: IndicatorsConfig;
  /** The strategies of `session_data_config.strategies` (section 10), config order, disabled ones included. */
  strategies: StrategyEntry[];
  /** `trading_config`: the account's starting cash and the limits orders are checked against. */
  trading: TradingLimits;
  /**
   * The normalized configuration as it appears in an export's `session_config` section: the original's
   * snake_case shape, in the form and key order it was given (either historical form is kept as given),
   * intervals as strings, defaults filled in (`asset_class`, `backtest_config.speed_multiplier`, `streams`), ignored
   * sections deep-copied as given.
   */
  raw: Record<string, unknown>;
  /**
   * What is kept (in `raw`) but not used, in document order: the original's unused sections and any unknown
   * field, as dotted paths, an unknown one with a hint when a known field is close, e.g.
   * `['session_data_config.indicators', 'backtest_config.speed_multipler (did you mean "speed_multiplier"?)']`.
   */
  ignored: string[];
}

export type SessionConfigResult = { ok: true; value: SessionConfig } | { ok: false; error: string };

type JsonObject = Record<string, unknown>;

/**
 * Validates and normalizes a configuration object (already parsed from JSON). Never throws: a problem is
 * `{ ok: false, error }` with one line naming the field path and what is accepted (the first problem found).
 */
export function parseSessionConfig(input: unknown): SessionConfigResult {
  // Before the schema: it, `isJsonValue` and the copies of kept sections recurse, and would overflow.
  const tooDeep = nestingProblem(input);
  if (tooDeep !== null) return { ok: false, error: tooDeep };
  const parsed = sessionConfigSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: issueToLine(parsed.error.issues) };
  // A successful parse means `input` is an object with the checked shape.
  const sessionDataInput = (input as JsonObject).session_data_config as JsonObject;
  const indicators = readIndicators(sessionDataInput.indicators);
  if (!indicators.ok) return indicators;
  const strategies = readStrategies(
    input as JsonObject,
    sessionDataInput,
    parsed.data.session_data_config.symbols,
  );
  if (!strategies.ok) return strategies;
  return { ok: true, value: build(parsed.data, input as JsonObject, indicators.value, strategies.value) };
}

/** As `parseSessionConfig`, from JSON text; a JSON syntax error is reported with its line and column. */
export function parseSessionConfigText(text: string): SessionConfigResult {
  if (typeof text !== 'string') return { ok: false, error: 'invalid JSON: expected text' };
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, error: 'invalid JSON: the text is empty' };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    return { ok: false, error: `invalid JSON: ${jsonErrorLine(body, error)}` };
  }
  return parseSessionConfig(value);
}

/** A place in the input being walked: its value, depth and key, and the place holding it (for the path). */
interface Place {
  value: object;
  depth: number;
  key: PropertyKey | null;
  parent: Place | null;
}

/** Levels of a too-deep path shown in the message; the rest is `…`. */
const SHOWN_LEVELS = 8;

/**
 * Why `input` nests objects and lists more than `MAX_CONFIG_DEPTH` levels deep, naming where, or null.
 * Iterative, so that any depth is reported instead of overflowing the stack. An object reached again (a
 * structured clone may share them) is walked again only when reached deeper, so the walk stays linear.
 */
function nestingProblem(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const deepest = new Map<object, number>();
  const stack: Place[] = [{ value: input, depth: 1, key: null, parent: null }];
  for (let place = stack.pop(); place !== undefined; place = stack.pop()) {
    if (place.depth > MAX_CONFIG_DEPTH) return tooDeepLine(place);
    if ((deepest.get(place.value) ?? 0) >= place.depth) continue;
    deepest.set(place.value, place.depth);
    const entries = Array.isArray(place.value) ? place.value.entries() : Object.entries(place.value);
    for (const [key, child] of entries) {
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: place.depth + 1, key, parent: place });
    }
  }
  return null;
}

function tooDeepLine(place: Place): string {
  const path: PropertyKey[] = [];
  for (let at: Place | null = place; at !== null; at = at.parent) if (at.key !== null) path.unshift(at.key);
  const shown = formatPath(path.slice(0, SHOWN_LEVELS)) + (path.length > SHOWN_LEVELS ? '…' : '');
  return `${shown}: nested more than ${MAX_CONFIG_DEPTH} levels deep (accepted: objects and lists nested at most ${MAX_CONFIG_DEPTH} levels deep)`;
}

/** The built-in default configuration (a fresh copy each call). */
export function defaultSessionConfig(): SessionConfig {
  const result = parseSessionConfig(DEFAULT_SESSION_CONFIG_JSON);
  if (!result.ok) throw new Error(`built-in default session config is invalid: ${result.error}`);
  return result.value;
}

function jsonErrorLine(text: string, error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
  const position = /at position (\d+)/.exec(message);
  if (position === null || /\bline \d+/.test(message)) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

// ---------------------------------------------------------------------------------------------------------

function build(
  data: SessionConfigInput,
  input: JsonObject,
  indicators: IndicatorsRead,
  strategies: StrategiesRead,
): SessionConfig {
  const sessionData = data.session_data_config;
  const streams = sessionData.streams ?? DEFAULT_STREAMS;
  const barIntervals = barIntervalsOf(streams);
  const historicalSection = sessionData.historical;
  const entries = historicalSection?.enabled === false ? [] : (historicalSection?.data ?? []);

  return {
    sessionName: data.session_name,
    mode: data.mode,
    exchangeGroup: data.exchange_group ?? DEFAULT_EXCHANGE_GROUP,
    assetClass: data.asset_class ?? DEFAULT_ASSET_CLASS,
    startDate: data.backtest_config.start_date,
    endDate: data.backtest_config.end_date,
    speedMultiplier: data.backtest_config.speed_multiplier ?? DEFAULT_SPEED_MULTIPLIER,
    symbols: [...sessionData.symbols],
    barIntervals,
    baseInterval: barIntervals[0] ?? null,
    derivedIntervals: barIntervals.slice(1),
    ticks: streams.includes('ticks'),
    quotes: streams.includes('quotes'),
    historical: normalizeHistorical(entries, sessionData.symbols),
    indicators: indicators.indicators,
    strategies: strategies.strategies,
    trading: strategies.trading,
    raw: buildRaw(data, input),
    ignored: withLimit([...unusedFields(input), ...indicators.unused, ...strategies.unused]),
  };
}

function normalizeHistorical(entries: readonly HistoricalEntryInput[], symbols: readonly string[]) {
  interface Days {
    all: number;
    perSymbol: Map<string, number>;
  }
  const byInterval = new Map<string, Days>();
  for (const entry of entries) {
    const intervals = entry.intervals ?? (entry.interval === undefined ? [] : [entry.interval]);
    const applyTo = entry.apply_to ?? 'all';
    for (const interval of intervals) {
      let days = byInterval.get(interval);
      if (days === undefined) {
        days = { all: 0, perSymbol: new Map() };
        byInterval.set(interval, days);
      }
      if (applyTo === 'all') {
        days.all = Math.max(days.all, entry.trailing_days);
      } else {
        for (const symbol of applyTo) {
          days.perSymbol.set(symbol, Math.max(days.perSymbol.get(symbol) ?? 0, entry.trailing_days));
        }
      }
    }
  }

  const requests: HistoricalRequest[] = [];
  const intervals = [...byInterval.keys()].sort((a, b) => intervalSeconds(a) - intervalSeconds(b));
  for (const interval of intervals) {
    const days = byInterval.get(interval) as Days;
    if (days.all > 0) requests.push({ interval, trailingDays: days.all, symbols: 'all' });
    const groups = new Map<number, string[]>();
    for (const symbol of symbols) {
      const own = days.perSymbol.get(symbol) ?? 0;
      if (own <= days.all) continue;
      const group = groups.get(own);
      if (group === undefined) groups.set(own, [symbol]);
      else group.push(symbol);
    }
    for (const [trailingDays, group] of [...groups].sort((a, b) => b[0] - a[0])) {
      requests.push({ interval, trailingDays, symbols: group });
    }
  }
  return requests;
}

// ---------------------------------------------------------------------------------------------------------
// raw: the input's own shape and key order, with normalized values and defaults

/**
 * A copy of `input` where the fields named in `values` take those values (an undefined value drops the
 * field), every other field (the ignored sections) is deep-copied as given, and a field of `values` that
 * the input lacks is inserted after the field that precedes it in `order`.
 */
function place(input: JsonObject, values: JsonObject, order: readonly string[]): JsonObject {
  const keys = Object.keys(input);
  for (const [index, key] of order.entries()) {
    if (keys.includes(key) || values[key] === undefined) continue;
    const before = order.slice(0, index).filter((k) => keys.includes(k));
    const anchor = before.at(-1);
    keys.splice(anchor === undefined ? 0 : keys.indexOf(anchor) + 1, 0, key);
  }
  const out: JsonObject = {};
  for (const key of keys) {
    const value = Object.hasOwn(values, key) ? values[key] : structuredClone(input[key]);
    if (value !== undefined)
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function buildRaw(data: SessionConfigInput, input: JsonObject): JsonObject {
  const backtestInput = input.backtest_config as JsonObject;
  const sessionDataInput = input.session_data_config as JsonObject;
  const sessionData = data.session_data_config;

  let historical: JsonObject | undefined;
  if (sessionData.historical !== undefined) {
    const historicalInput = sessionDataInput.historical as JsonObject;
    const entriesInput = Array.isArray(historicalInput.data) ? historicalInput.data : [];
    historical = place(
      historicalInput,
      {
        enabled: sessionData.historical.enabled,
        data: sessionData.historical.data?.map((entry, index) => {
          const entryInput = entriesInput[index];
          return place(
            isObject(entryInput) ? entryInput : {},
            {
              interval: entry.interval,
              intervals: entry.intervals === undefined ? undefined : [...entry.intervals],
              trailing_days: entry.trailing_days,
              apply_to:
                entry.apply_to === undefined || entry.apply_to === 'all'
                  ? entry.apply_to
                  : [...entry.apply_to],
            },
            [],
          );
        }),
      },
      FIELD_ORDER.historical,
    );
  }

  return place(
    input,
    {
      session_name: data.session_name,
      mode: data.mode,
      exchange_group: data.exchange_group ?? DEFAULT_EXCHANGE_GROUP,
      asset_class: data.asset_class ?? DEFAULT_ASSET_CLASS,
      backtest_config: place(
        backtestInput,
        {
          start_date: data.backtest_config.start_date,
          end_date: data.backtest_config.end_date,
          speed_multiplier: data.backtest_config.speed_multiplier ?? DEFAULT_SPEED_MULTIPLIER,
        },
        FIELD_ORDER.backtest,
      ),
      session_data_config: place(
        sessionDataInput,
        {
          symbols: [...sessionData.symbols],
          streams: [...(sessionData.streams ?? DEFAULT_STREAMS)],
          historical,
        },
        FIELD_ORDER.sessionData,
      ),
    },
    FIELD_ORDER.top,
  );
}

/** One object of the configuration: its known fields, the sections kept unused, and its known objects. */
interface Level {
  fields: readonly string[];
  ignored: readonly string[];
  nested: Readonly<Record<string, Level>>;
  /** For a list of objects (historical `data`): the level of each entry. */
  entries?: Level;
}

const LEVELS: Level = {
  fields: [...FIELD_ORDER.top, ...STRATEGY_SECTIONS],
  ignored: IGNORED_SECTIONS,
  nested: {
    backtest_config: { fields: BACKTEST_FIELDS, ignored: [], nested: {} },
    session_data_config: {
      fields: [...SESSION_DATA_FIELDS, 'indicators', ...STRATEGY_SECTIONS],
      ignored: IGNORED_SECTIONS.filter((section) => section !== 'indicators'),
      nested: {
        historical: {
          fields: HISTORICAL_FIELDS,
          ignored: IGNORED_HISTORICAL_SECTIONS,
          nested: {},
          entries: { fields: HISTORICAL_ENTRY_FIELDS, ignored: [], nested: {} },
        },
      },
    },
  },
};

/**
 * What the configuration holds that this app keeps but does not use, in document order: the original's
 * sections it does not use (`session_data_config.indicators`) and any field it does not know, with a hint
 * when a known field is one slip away (`backtest_config.speed_multipler (did you mean "speed_multiplier"?)`).
 */
function unusedFields(input: JsonObject): string[] {
  const found: string[] = [];
  const walk = (object: JsonObject, at: readonly PropertyKey[], level: Level): void => {
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue;
      const path = [...at, key];
      if (level.ignored.includes(key)) found.push(formatPath(path));
      else if (!level.fields.includes(key)) found.push(`${formatPath(path)}${didYouMean(key, level.fields)}`);
      const inner = Object.hasOwn(level.nested, key) ? level.nested[key] : undefined;
      if (inner === undefined || !isObject(value)) continue;
      walk(value, path, inner);
      const entries = value.data;
      if (inner.entries !== undefined && Array.isArray(entries)) {
        entries.forEach((entry, index) => {
          if (isObject(entry)) walk(entry, [...path, 'data', index], inner.entries as Level);
        });
      }
    }
  };
  walk(input, [], LEVELS);
  return found;
}

/** A long list of unused fields, cut to a readable line's worth and the count of the rest. */
function withLimit(found: string[]): string[] {
  if (found.length <= MAX_UNUSED_LISTED) return found;
  // A file with thousands of unknown fields is told so in one readable line, not thousands of paths.
  const more = found.length - MAX_UNUSED_LISTED;
  return [...found.slice(0, MAX_UNUSED_LISTED), `… and ${more.toLocaleString('en-US')} more`];
}

/** How many unused fields are named before the rest are counted. */
const MAX_UNUSED_LISTED = 30;
