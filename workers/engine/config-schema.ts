// Structure of a session configuration in the original system's JSON form (snake_case keys), as zod schemas
// whose issues already carry the one-line, human-readable message shown to the user. The semantic rules
// (intervals, streams, dates, tickers) live here too so that every problem is reported the same way:
// `<field path>: <what is wrong> (<what is accepted>)`. `config.ts` turns a parse result into a SessionConfig.

import { z } from 'zod';
import { AS_FAST_AS_POSSIBLE, isSpeed, SPEED_RULE } from './limits';

/** Minutes in a regular US equity session; no minute interval may be longer. */
export const SESSION_MINUTES = 390;
/** The only daily interval; valid in `historical` only. */
export const DAILY_INTERVAL = '1d';
/** What `intervalMinutes('1d')` answers: a calendar day. It only orders `1d` after every minute interval. */
export const DAILY_INTERVAL_MINUTES = 1440;
export const BASE_INTERVAL = '1m';
export const FIRST_DATE = '2024-01-01';
export const LAST_DATE = '2027-12-31';
export const MAX_TRAILING_DAYS = 260;
export const DEFAULT_ASSET_CLASS = 'EQUITY';
/** As the original: a configuration that names no speed replays as fast as possible. */
export const DEFAULT_SPEED_MULTIPLIER = AS_FAST_AS_POSSIBLE;
export const MAX_TICKER_LENGTH = 10;

/** Sections the original system knows and this app does not use: kept as given, reported as ignored. */
export const IGNORED_SECTIONS = [
  'indicators',
  'gap_filler',
  'streaming',
  'scanners',
  'scanner',
  'strategies',
  'trading_config',
  'api_config',
  'metadata',
] as const;
/** Ignored inside `session_data_config.historical`. */
export const IGNORED_HISTORICAL_SECTIONS = ['enable_quality'] as const;

export const TOP_FIELDS = [
  'session_name',
  'mode',
  'exchange_group',
  'asset_class',
  'backtest_config',
  'session_data_config',
] as const;
export const BACKTEST_FIELDS = ['start_date', 'end_date', 'speed_multiplier'] as const;
export const SESSION_DATA_FIELDS = ['symbols', 'streams', 'historical'] as const;
export const HISTORICAL_FIELDS = ['enabled', 'data'] as const;
export const HISTORICAL_ENTRY_FIELDS = ['interval', 'intervals', 'trailing_days', 'apply_to'] as const;
export const DEFAULT_EXCHANGE_GROUP = 'US_EQUITY';

/** Canonical key order of each object, used to place defaults that the input left out. */
export const FIELD_ORDER = {
  top: TOP_FIELDS,
  backtest: BACKTEST_FIELDS,
  sessionData: SESSION_DATA_FIELDS,
  historical: HISTORICAL_FIELDS,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Values in messages

/** A short, one-line rendering of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > 42 ? `${quoted.slice(0, 40)}…"` : quoted;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** `['session_data_config', 'streams', 3]` -> `session_data_config.streams[3]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Intervals

const MINUTES_TEXT = /^([1-9][0-9]*)m?$/;
const INTERVAL_ACCEPTED = `accepted: whole minutes from 1 to ${SESSION_MINUTES} as 5 or "5m", or "1d" for daily bars`;

/**
 * The canonical string form of an interval: an integer number of minutes `5` (or `"5"`, `"5m"`) is `"5m"`,
 * `"1d"` stays `"1d"`. Minute intervals run from 1 to 390 (one regular session). Anything else (`0`, `2.5`,
 * `"5M"`, `"1h"`, `"2d"`, `"05m"`) throws a RangeError whose message names the value and what is accepted.
 */
export function normalizeInterval(value: number | string): string {
  let minutes: number;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${describeValue(value)} is not an interval (${INTERVAL_ACCEPTED})`);
    }
    minutes = value;
  } else if (typeof value === 'string') {
    if (value === DAILY_INTERVAL) return DAILY_INTERVAL;
    const match = MINUTES_TEXT.exec(value);
    if (match === null) {
      const hours = /^([1-9][0-9]*)h$/.exec(value);
      const hint =
        hours !== null
          ? `; write hours as minutes: "${Number(hours[1]) * 60}m"`
          : /^[0-9]+d$/.test(value)
            ? '; the only daily interval is "1d"'
            : '';
      throw new RangeError(`${describeValue(value)} is not an interval (${INTERVAL_ACCEPTED}${hint})`);
    }
    minutes = Number(match[1]);
  } else {
    throw new RangeError(`${describeValue(value)} is not an interval (${INTERVAL_ACCEPTED})`);
  }
  if (minutes > SESSION_MINUTES) {
    throw new RangeError(`${describeValue(value)} is longer than a trading session (${INTERVAL_ACCEPTED})`);
  }
  return `${minutes}m`;
}

/**
 * Length of an interval in minutes: `'5m'` -> 5. `'1d'` -> 1440 (a calendar day; use it to order intervals,
 * not as a session length: a trading day has 390 regular minutes). Accepts whatever `normalizeInterval`
 * accepts and throws its RangeError otherwise.
 */
export function intervalMinutes(interval: string): number {
  const normal = normalizeInterval(interval);
  return normal === DAILY_INTERVAL ? DAILY_INTERVAL_MINUTES : Number(normal.slice(0, -1));
}

/**
 * Why `interval` cannot be derived from bars of `baseInterval`, or null if it can: a derived interval is a
 * minute interval, longer than the base and a whole multiple of it. (With the base fixed at `1m` and minute
 * intervals being whole minutes, only "not longer than the base" can fail in a parsed configuration.)
 */
export function derivedIntervalProblem(interval: string, baseInterval: string): string | null {
  const normal = normalizeInterval(interval);
  const base = normalizeInterval(baseInterval);
  if (normal === DAILY_INTERVAL) {
    return `"${normal}" is a daily interval, accepted only in session_data_config.historical`;
  }
  if (base === DAILY_INTERVAL) return `the base interval must be a minute interval, not "${base}"`;
  const minutes = intervalMinutes(normal);
  const baseMinutes = intervalMinutes(base);
  if (minutes <= baseMinutes) return `"${normal}" is not longer than the base interval "${base}"`;
  if (minutes % baseMinutes !== 0) {
    return `"${normal}" is not a multiple of the base interval "${base}" (derived bars are built from whole base bars)`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Error messages

type ErrorFn = (issue: { code?: string | undefined; input?: unknown }) => string | undefined;

/** Error map for a leaf: a missing value or one of the wrong type, saying what is accepted. */
function expected(what: string): ErrorFn {
  return (issue) =>
    issue.input === undefined
      ? `missing (expected ${what})`
      : `expected ${what}, got ${describeValue(issue.input)}`;
}

/** Levenshtein distance, for "did you mean" hints on misspelled fields. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function closest(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const lower = key.toLowerCase();
    const distance =
      candidate.toLowerCase() === lower
        ? 0
        : lower.length >= 4 && candidate.startsWith(lower)
          ? 1
          : editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

/** Error map for an object of the wrong type (its unknown fields are kept: see `unusedFields`). */
function objectErrors(what: string) {
  const wrongType = expected(what);
  return (issue: { code?: string | undefined; input?: unknown }): string | undefined =>
    issue.code === 'invalid_type' ? wrongType(issue) : undefined;
}

/** `speed_multipler` -> ` (did you mean "speed_multiplier"?)`, or '' when no known field is that close. */
export function didYouMean(key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/**
 * The one line reported for a failed parse: a missing required field first (as the original's loader
 * does: the rest of a file that lacks `mode` or `symbols` is beside the point), else the first issue.
 */
export function issueToLine(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues.find((i) => i.message.startsWith('missing')) ?? issues[0];
  if (issue === undefined) return 'session config: invalid';
  const where = issue.path.length === 0 ? 'session config' : formatPath(issue.path);
  return `${where}: ${issue.message.replace(/\s+/g, ' ')}`;
}

// ---------------------------------------------------------------------------------------------------------
// Schemas

/** A JSON value: null, a boolean, a finite number, a string, or a list or plain object of JSON values. */
export function isJsonValue(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonValue);
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every(isJsonValue);
}

const ignoredSection = z.custom<unknown>(isJsonValue, {
  error: 'not a JSON value (ignored sections are kept as given and must be JSON)',
});

const ignoredSections = <const K extends readonly string[]>(keys: K) =>
  Object.fromEntries(keys.map((key) => [key, ignoredSection.optional()])) as {
    [P in K[number]]: z.ZodOptional<typeof ignoredSection>;
  };

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

const dateSchema = z.string({ error: expected('a date "YYYY-MM-DD"') }).check((ctx) => {
  const text = ctx.value;
  if (!isCalendarDate(text)) {
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `${describeValue(text)} is not a date (expected YYYY-MM-DD)`,
    });
  } else if (text < FIRST_DATE || text > LAST_DATE) {
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `${describeValue(text)} is outside the supported dates (${FIRST_DATE} to ${LAST_DATE})`,
    });
  }
});

const backtestSchema = z
  .looseObject(
    {
      start_date: dateSchema,
      end_date: dateSchema,
      speed_multiplier: z
        .number({ error: expected(SPEED_RULE) })
        .check((ctx) => {
          if (!isSpeed(ctx.value)) {
            ctx.issues.push({
              code: 'custom',
              input: ctx.value,
              message: `expected ${SPEED_RULE}, got ${describeValue(ctx.value)}`,
            });
          }
        })
        .optional(),
    },
    { error: objectErrors('an object with start_date, end_date, speed_multiplier') },
  )
  .check((ctx) => {
    const { start_date: start, end_date: end } = ctx.value;
    if (start > end) {
      ctx.issues.push({
        code: 'custom',
        input: end,
        path: ['end_date'],
        message: `"${end}" is before start_date "${start}" (expected start_date <= end_date)`,
      });
    }
  });

const TICKER = /^[A-Z][A-Z0-9]*(?:[.-][A-Z0-9]+)?$/;

function tickerProblem(symbol: string): string | null {
  if (symbol.length <= MAX_TICKER_LENGTH && TICKER.test(symbol)) return null;
  const upper = symbol.toUpperCase();
  if (upper !== symbol && upper.length <= MAX_TICKER_LENGTH && TICKER.test(upper)) {
    return `${describeValue(symbol)} is not upper case (write "${upper}")`;
  }
  return `${describeValue(symbol)} is not a ticker (expected upper-case letters and digits such as "RIVN", optionally with a class suffix such as "BRK.B")`;
}

function pushDuplicates(
  ctx: { issues: z.core.$ZodRawIssue[] },
  values: readonly string[],
  inputs: readonly unknown[],
  path: readonly PropertyKey[],
): void {
  const seen = new Map<string, number>();
  values.forEach((value, index) => {
    const first = seen.get(value);
    if (first === undefined) {
      seen.set(value, index);
      return;
    }
    const same =
      inputs[first] === inputs[index]
        ? ''
        : ` (${describeValue(inputs[first])} and ${describeValue(inputs[index])} are the same)`;
    ctx.issues.push({
      code: 'custom',
      input: inputs[index],
      path: [...path, index],
      message: `${describeValue(value)} is listed twice${same}`,
    });
  });
}

const symbolsSchema = z
  .array(z.string({ error: expected('a ticker such as "RIVN" or "BRK.B"') }), {
    error: expected('a non-empty list of tickers such as ["RIVN", "AAPL"]'),
  })
  .check((ctx) => {
    const symbols = ctx.value;
    if (symbols.length === 0) {
      ctx.issues.push({
        code: 'custom',
        input: symbols,
        message: 'must list at least one symbol (a ticker such as "RIVN")',
      });
      return;
    }
    symbols.forEach((symbol, index) => {
      const problem = tickerProblem(symbol);
      if (problem !== null)
        ctx.issues.push({ code: 'custom', input: symbol, path: [index], message: problem });
    });
    pushDuplicates(ctx, symbols, symbols, []);
  });

const STREAM_NAMES = ['ticks', 'quotes'] as const;
const STREAMS_ACCEPTED = `accepted: "ticks", "quotes", "1m" and derived minute intervals such as "5m" or 5`;
const streamValue = z.union([z.number(), z.string()], {
  error: expected(`a stream name (${STREAMS_ACCEPTED})`),
});

/** A stream entry in canonical form ("ticks", "quotes", "5m"), or the message saying why it is not one. */
function normalizeStream(value: number | string): { ok: true; value: string } | { ok: false; error: string } {
  if (value === 'ticks' || value === 'quotes') return { ok: true, value };
  let interval: string;
  try {
    interval = normalizeInterval(value);
  } catch (error) {
    const looksLikeInterval = typeof value === 'number' || /^[0-9]/.test(value);
    return {
      ok: false,
      error: looksLikeInterval
        ? (error as Error).message
        : `${describeValue(value)} is not a stream (${STREAMS_ACCEPTED})`,
    };
  }
  if (interval === DAILY_INTERVAL) {
    return { ok: false, error: `"1d" is a daily interval, accepted only in session_data_config.historical` };
  }
  return { ok: true, value: interval };
}

const streamsSchema = z
  .array(streamValue, { error: expected(`a list of streams (${STREAMS_ACCEPTED})`) })
  .check((ctx) => {
    const normal: string[] = [];
    ctx.value.forEach((value, index) => {
      const result = normalizeStream(value);
      if (result.ok) normal.push(result.value);
      else ctx.issues.push({ code: 'custom', input: value, path: [index], message: result.error });
    });
    if (normal.length !== ctx.value.length) return;
    pushDuplicates(ctx, normal, ctx.value, []);
    const minuteIntervals = normal.filter((s) => !(STREAM_NAMES as readonly string[]).includes(s));
    if (!minuteIntervals.includes(BASE_INTERVAL)) {
      const smallest = [...minuteIntervals].sort((a, b) => intervalMinutes(a) - intervalMinutes(b))[0];
      const got = smallest === undefined ? 'none is listed' : `the smallest listed is "${smallest}"`;
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `must include the base interval "1m" (the generator produces 1-minute bars; ${got})`,
      });
      return;
    }
    normal.forEach((stream, index) => {
      if (stream === BASE_INTERVAL || !minuteIntervals.includes(stream)) return;
      const problem = derivedIntervalProblem(stream, BASE_INTERVAL);
      if (problem !== null)
        ctx.issues.push({ code: 'custom', input: stream, path: [index], message: problem });
    });
  })
  .transform((values) => values.map((value) => (normalizeStream(value) as { value: string }).value));

const intervalSchema = z
  .union([z.number(), z.string()], {
    error: expected(`an interval (${INTERVAL_ACCEPTED})`),
  })
  .transform((value, ctx) => {
    try {
      return normalizeInterval(value);
    } catch (error) {
      ctx.issues.push({ code: 'custom', input: value, message: (error as Error).message });
      return z.NEVER;
    }
  });

const TRAILING_DAYS_ACCEPTED = `a whole number of days from 1 to ${MAX_TRAILING_DAYS}`;

const historicalEntrySchema = z
  .looseObject(
    {
      interval: intervalSchema.optional(),
      intervals: z
        .array(intervalSchema, { error: expected('a list of intervals such as ["1m", "1d"]') })
        .check((ctx) => {
          if (ctx.value.length === 0) {
            ctx.issues.push({
              code: 'custom',
              input: ctx.value,
              message: 'must list at least one interval (such as "1m" or "1d")',
            });
          }
          pushDuplicates(ctx, ctx.value, ctx.value, []);
        })
        .optional(),
      trailing_days: z.number({ error: expected(TRAILING_DAYS_ACCEPTED) }).check((ctx) => {
        const days = ctx.value;
        if (!Number.isInteger(days) || days < 1 || days > MAX_TRAILING_DAYS) {
          ctx.issues.push({
            code: 'custom',
            input: days,
            message: `expected ${TRAILING_DAYS_ACCEPTED}, got ${describeValue(days)}`,
          });
        }
      }),
      apply_to: z
        .union([z.literal('all'), z.array(z.string())], {
          error: expected('"all" or a list of symbols from session_data_config.symbols'),
        })
        .check((ctx) => {
          if (ctx.value === 'all') return;
          if (ctx.value.length === 0) {
            ctx.issues.push({
              code: 'custom',
              input: ctx.value,
              message: 'must name at least one symbol, or be "all"',
            });
          }
          pushDuplicates(ctx, ctx.value, ctx.value, []);
        })
        .optional(),
    },
    {
      error: objectErrors(
        'an object such as {"interval": "1m", "trailing_days": 10} or {"trailing_days": 10, "intervals": ["1m"], "apply_to": "all"}',
      ),
    },
  )
  .check((ctx) => {
    const { interval, intervals } = ctx.value;
    if (interval !== undefined && intervals !== undefined) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: 'give either "interval" or "intervals" (a list), not both',
      });
    } else if (interval === undefined && intervals === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: undefined,
        path: ['intervals'],
        message: 'missing (expected "intervals": a list such as ["1m", "1d"], or "interval": "1m")',
      });
    }
  });

const historicalSchema = z
  .looseObject(
    {
      enabled: z.boolean({ error: expected('true or false') }).optional(),
      data: z
        .array(historicalEntrySchema, {
          error: expected(
            'a list of {"interval", "trailing_days"} or {"trailing_days", "intervals", "apply_to"}',
          ),
        })
        .optional(),
      ...ignoredSections(IGNORED_HISTORICAL_SECTIONS),
    },
    {
      error: objectErrors(
        'an object such as {"enabled": true, "data": [{"interval": "1m", "trailing_days": 10}]}',
      ),
    },
  )
  .check((ctx) => {
    if (ctx.value.enabled !== false && ctx.value.data === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: undefined,
        path: ['data'],
        message: 'missing (expected a list of historical requests, or "enabled": false for none)',
      });
    }
  });

const sessionDataSchema = z
  .looseObject(
    {
      symbols: symbolsSchema,
      streams: streamsSchema,
      historical: historicalSchema.optional(),
      ...ignoredSections(IGNORED_SECTIONS),
    },
    {
      error: objectErrors('an object with symbols, streams, historical'),
    },
  )
  .check((ctx) => {
    const { symbols, historical } = ctx.value;
    historical?.data?.forEach((entry, index) => {
      if (entry.apply_to === undefined || entry.apply_to === 'all') return;
      entry.apply_to.forEach((symbol, at) => {
        if (symbols.includes(symbol)) return;
        ctx.issues.push({
          code: 'custom',
          input: symbol,
          path: ['historical', 'data', index, 'apply_to', at],
          message: `${describeValue(symbol)} is not in session_data_config.symbols (${symbols.join(', ')})`,
        });
      });
    });
  });

const nonEmptyName = z.string({ error: expected('a non-empty string') }).check((ctx) => {
  if (ctx.value.trim() === '') {
    ctx.issues.push({ code: 'custom', input: ctx.value, message: 'must not be empty' });
  }
});

export const sessionConfigSchema = z.looseObject(
  {
    session_name: nonEmptyName,
    mode: z.literal('backtest', {
      error: (issue) =>
        issue.input === 'live'
          ? 'only backtests run here: "live" needs a market data feed and a broker (expected "backtest")'
          : expected('"backtest" (the only mode)')(issue),
    }),
    exchange_group: z
      .literal('US_EQUITY', { error: expected('"US_EQUITY" (the only exchange group)') })
      .optional(),
    asset_class: nonEmptyName.optional(),
    backtest_config: backtestSchema,
    session_data_config: sessionDataSchema,
    ...ignoredSections(IGNORED_SECTIONS),
  },
  { error: objectErrors('a JSON object (the session configuration)') },
);

export type SessionConfigInput = z.output<typeof sessionConfigSchema>;
export type HistoricalEntryInput = z.output<typeof historicalEntrySchema>;
