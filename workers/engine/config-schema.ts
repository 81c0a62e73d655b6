// Structure of a session configuration in the original system's JSON form (snake_case keys), as zod schemas
// whose issues already carry the one-line, human-readable message shown to the user. The semantic rules
// (intervals, streams, dates, tickers) live here too so that every problem is reported the same way:
// `<field path>: <what is wrong> (<what is accepted>)`. `config.ts` turns a parse result into a SessionConfig.

import { z } from 'zod';
import { type IntervalUnit, intervalSeconds, isDateInterval } from '../common/interval-key';
import { cut, escapeInvisible, hasControlCharacter } from '../common/shown-text';
import { barsPerSession, SESSION_MINUTES } from './bars-per-session';
import { nextTradingDay, previousTradingDay, tradingDaysBetween } from './calendar';
import { AS_FAST_AS_POSSIBLE, isSpeed, SPEED_RULE } from './limits';

// No compiled validators: zod would first probe for `new Function`, which the app's Content-Security-Policy
// forbids (no eval), and the browser reports the refused probe as a violation (Firefox shows it in the
// console) even though zod catches it. A configuration is small; the interpreted checks are quick enough.
z.config({ jitless: true });

export { barsPerSession, SESSION_MINUTES } from './bars-per-session';
/** Seconds intervals run to 59 s; a minute or longer is written in minutes. */
export const MAX_SECOND_INTERVAL = 59;
/** Hour intervals run to 6 h: a regular session is 6.5 hours (its last bar is the shorter one). */
export const MAX_HOUR_INTERVAL = 6;
/** What a configuration that names no streams streams: the one-minute bars the original is built on. */
export const DEFAULT_STREAMS: readonly string[] = ['1m'];
export const FIRST_DATE = '2024-01-01';
export const LAST_DATE = '2027-12-31';
/** Trading days of history, as the original: 3,650 reaches back about fourteen years. */
export const MAX_TRAILING_DAYS = 3650;
/**
 * Bars one historical request may hold per symbol. 3,650 days of 1m bars (1.4 million) fit; 3,650 days of
 * 1s bars (85 million, several GB) would not fit in a browser tab and are refused with what does.
 */
export const MAX_HISTORICAL_BARS = 2_000_000;
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
  'api_config',
  'metadata',
] as const;
/**
 * Sections read by `config-strategies.ts` (section 10), at the top level or in `session_data_config`: the
 * schema only checks that they are JSON, as it does for the ignored ones.
 */
export const STRATEGY_SECTIONS = ['strategies', 'trading_config'] as const;
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

/** Characters of a string value or key shown in a message. */
const SHOWN_CHARS = 40;

/** A short, one-line rendering of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  // Cut before quoting (the quotes and escapes stay whole); invisible characters escaped, so that a value
  // echoed in an error cannot start a terminal escape sequence or forge a line.
  if (typeof value === 'string') return escapeInvisible(JSON.stringify(cut(value, SHOWN_CHARS)));
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
    else if (typeof key === 'string' && key.length <= SHOWN_CHARS && /^[A-Za-z_$][\w$]*$/.test(key))
      out += out === '' ? key : `.${key}`;
    else out += `[${escapeInvisible(JSON.stringify(cut(String(key), SHOWN_CHARS)))}]`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Intervals

const INTERVAL_TEXT = /^([1-9][0-9]*)([smhdw]?)$/;
const INTERVAL_ACCEPTED = `accepted: seconds "1s" to "${MAX_SECOND_INTERVAL}s", minutes 1 to ${SESSION_MINUTES} as 5 or "5m", hours "1h" to "${MAX_HOUR_INTERVAL}h", "1d" and "1w"`;

/** Why `count` of `unit` is not an interval (with a hint where one is close), or null when it is one. */
function intervalCountProblem(count: number, unit: IntervalUnit, given: string): string | null {
  const longerThanSession = `${given} is longer than a trading session (${INTERVAL_ACCEPTED})`;
  switch (unit) {
    case 's':
      if (count <= MAX_SECOND_INTERVAL) return null;
      return `${given} is not an interval (${INTERVAL_ACCEPTED}${count % 60 === 0 ? `; write "${count / 60}m"` : ''})`;
    case 'm':
      return count <= SESSION_MINUTES ? null : longerThanSession;
    case 'h':
      return count <= MAX_HOUR_INTERVAL ? null : longerThanSession;
    case 'd':
      return count === 1
        ? null
        : `${given} is not an interval (${INTERVAL_ACCEPTED}; the only daily interval is "1d")`;
    case 'w':
      return count === 1
        ? null
        : `${given} is not an interval (${INTERVAL_ACCEPTED}; the only weekly interval is "1w")`;
  }
}

/**
 * The canonical key of an interval: an integer number of minutes `5` (or `"5"`, `"5m"`) is `"5m"`; seconds,
 * hours, days and weeks keep their unit (`"5s"`, `"1h"`, `"1d"`, `"1w"`). Anything else (`0`, `2.5`, `"5M"`,
 * `"2d"`, `"05m"`, `"7h"`) throws a RangeError whose message names the value and what is accepted.
 */
export function normalizeInterval(value: number | string): string {
  const given = describeValue(value);
  const notAnInterval = (hint = '') =>
    new RangeError(`${given} is not an interval (${INTERVAL_ACCEPTED}${hint})`);
  let count: number;
  let unit: IntervalUnit;
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || value < 1) throw notAnInterval();
    count = value;
    unit = 'm';
  } else if (typeof value === 'string') {
    const match = INTERVAL_TEXT.exec(value);
    if (match === null) {
      const lower = value.toLowerCase();
      throw notAnInterval(lower !== value && INTERVAL_TEXT.test(lower) ? `; write "${lower}"` : '');
    }
    count = Number(match[1]);
    unit = (match[2] || 'm') as IntervalUnit;
  } else {
    throw notAnInterval();
  }
  const problem = intervalCountProblem(count, unit, given);
  if (problem !== null) throw new RangeError(problem);
  return `${count}${unit}`;
}

/**
 * Why `interval` cannot be derived from bars of `baseInterval`, or null if it can. Days and weeks are built
 * from daily bars, whatever the base; an intraday interval must be longer than the base and a whole
 * multiple of it (bars are built from whole base bars).
 */
export function derivedIntervalProblem(interval: string, baseInterval: string): string | null {
  const normal = normalizeInterval(interval);
  const base = normalizeInterval(baseInterval);
  const seconds = intervalSeconds(normal);
  const baseSeconds = intervalSeconds(base);
  if (seconds <= baseSeconds) return `"${normal}" is not longer than the base interval "${base}"`;
  if (isDateInterval(normal)) return null;
  if (seconds % baseSeconds !== 0) {
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
 * The one line reported for a failed parse: the mode first (a live configuration lacks `backtest_config`
 * because it is live, and that is what to say), then a missing required field (as the original's loader
 * does: the rest of a file that lacks `mode` or `symbols` is beside the point), else the first issue.
 */
export function issueToLine(issues: readonly z.core.$ZodIssue[]): string {
  const issue =
    issues.find((i) => i.path.length === 1 && i.path[0] === 'mode') ??
    issues.find((i) => i.message.startsWith('missing')) ??
    issues[0];
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

/** Whether `text` is a real date written YYYY-MM-DD (not 2025-02-30). */
export function isCalendarDate(text: string): boolean {
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
      return;
    }
    const closed = closedWindowProblem(start, end);
    if (closed !== null) {
      // On start_date, so that the editor marks the line where the window begins.
      ctx.issues.push({ code: 'custom', input: start, path: ['start_date'], message: closed });
    }
  });

/**
 * Why the window `start`..`end` cannot be replayed because it holds no trading day (a weekend, a holiday,
 * or both), naming the nearest trading days inside the supported dates; null when it holds one, or when a
 * date is not valid (that date's own message is the one shown). Here, at parse time, so that the editor,
 * the CLI and every other reader refuse the window before Start would.
 */
function closedWindowProblem(start: string, end: string): string | null {
  const inRange = (d: string) => isCalendarDate(d) && d >= FIRST_DATE && d <= LAST_DATE;
  if (!inRange(start) || !inRange(end) || tradingDaysBetween(start, end).length > 0) return null;
  const window = start === end ? `"${start}"` : `"${start}" to "${end}"`;
  const nearest = [previousTradingDay(start), nextTradingDay(end)].filter(inRange).map((d) => `"${d}"`);
  return `the backtest window ${window} holds no trading day on the US equity exchange calendar (weekends and exchange holidays are closed; accepted: a window with at least one trading day, such as ${nearest.join(' or ')})`;
}

const TICKER = /^[A-Z][A-Z0-9]*(?:[.-][A-Z0-9]+)?$/;

function tickerProblem(symbol: string): string | null {
  if (symbol.length <= MAX_TICKER_LENGTH && TICKER.test(symbol)) return null;
  const upper = symbol.toUpperCase();
  if (upper !== symbol && upper.length <= MAX_TICKER_LENGTH && TICKER.test(upper)) {
    return `${describeValue(symbol)} is not upper case (write "${upper}")`;
  }
  return `${describeValue(symbol)} is not a ticker (expected upper-case letters and digits such as "RIVN", optionally with a class suffix such as "BRK.B")`;
}

/**
 * An issue for each entry whose `keys` entry repeats an earlier one. `names` are what the message calls the
 * entries (the keys themselves unless given: streams compare by length, so "60m" and "1h" are one).
 */
function pushDuplicates(
  ctx: { issues: z.core.$ZodRawIssue[] },
  keys: readonly string[],
  inputs: readonly unknown[],
  path: readonly PropertyKey[],
  names: readonly string[] = keys,
): void {
  const seen = new Map<string, number>();
  keys.forEach((key, index) => {
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
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
      message: `${describeValue(names[index])} is listed twice${same}`,
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
const STREAMS_ACCEPTED = `accepted: "ticks", "quotes" and bar intervals such as "1s", "1m", 5, "1h", "1d", "1w"`;
const streamValue = z.union([z.number(), z.string()], {
  error: expected(`a stream name (${STREAMS_ACCEPTED})`),
});

/** A stream entry in canonical form ("ticks", "quotes", "5m"), or the message saying why it is not one. */
function normalizeStream(value: number | string): { ok: true; value: string } | { ok: false; error: string } {
  if (value === 'ticks' || value === 'quotes') return { ok: true, value };
  try {
    return { ok: true, value: normalizeInterval(value) };
  } catch (error) {
    const looksLikeInterval = typeof value === 'number' || /^[0-9]/.test(value);
    return {
      ok: false,
      error: looksLikeInterval
        ? (error as Error).message
        : `${describeValue(value)} is not a stream (${STREAMS_ACCEPTED})`,
    };
  }
}

/** The bar intervals of a list of canonical streams, shortest first: the first is the base. */
export function barIntervalsOf(streams: readonly string[]): string[] {
  return streams
    .filter((s) => !(STREAM_NAMES as readonly string[]).includes(s))
    .sort((a, b) => intervalSeconds(a) - intervalSeconds(b));
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
    // "60m" and "1h" are one stream written two ways.
    const lengths = normal.map((s) =>
      (STREAM_NAMES as readonly string[]).includes(s) ? s : String(intervalSeconds(s)),
    );
    pushDuplicates(ctx, lengths, ctx.value, [], normal);
    const [base, ...derived] = barIntervalsOf(normal);
    if (base === undefined) return;
    for (const stream of derived) {
      const problem = derivedIntervalProblem(stream, base);
      if (problem !== null)
        ctx.issues.push({ code: 'custom', input: stream, path: [normal.indexOf(stream)], message: problem });
    }
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

const TRAILING_DAYS_ACCEPTED = `a whole number of trading days from 1 to ${MAX_TRAILING_DAYS.toLocaleString('en-US')}`;

/** A request for more history than a browser tab can hold, in one line naming what fits; null if it fits. */
function historicalBarsProblem(interval: string, days: number): string | null {
  const perDay = barsPerSession(interval);
  const bars = perDay * days;
  if (bars <= MAX_HISTORICAL_BARS) return null;
  const fits = Math.floor(MAX_HISTORICAL_BARS / perDay);
  const count = (n: number) => n.toLocaleString('en-US');
  return `"${interval}" for ${count(days)} trading days is up to ${count(bars)} bars per symbol (accepted: at most ${count(MAX_HISTORICAL_BARS)}, about ${count(fits)} days of "${interval}")`;
}

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
    for (const one of intervals ?? (interval === undefined ? [] : [interval])) {
      const problem = historicalBarsProblem(one, ctx.value.trailing_days);
      if (problem !== null) {
        ctx.issues.push({
          code: 'custom',
          input: ctx.value.trailing_days,
          path: ['trailing_days'],
          message: problem,
        });
        return;
      }
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
      streams: streamsSchema.optional(),
      historical: historicalSchema.optional(),
      ...ignoredSections(IGNORED_SECTIONS),
      ...ignoredSections(STRATEGY_SECTIONS),
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

/**
 * A name shown on every status line and in every export: not empty, and without control or invisible
 * characters (C0, DEL, C1, bidi overrides, zero-width, line separators), which would start terminal escape
 * sequences, forge lines or make the name read as another.
 */
const nonEmptyName = z.string({ error: expected('a non-empty string') }).check((ctx) => {
  if (ctx.value.trim() === '') {
    ctx.issues.push({ code: 'custom', input: ctx.value, message: 'must not be empty' });
  } else if (hasControlCharacter(ctx.value)) {
    ctx.issues.push({
      code: 'custom',
      input: ctx.value,
      message: `${describeValue(ctx.value)} holds a control or invisible character (expected printable text, e.g. "Example Trading Session")`,
    });
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
    ...ignoredSections(STRATEGY_SECTIONS),
  },
  { error: objectErrors('a JSON object (the session configuration)') },
);

export type SessionConfigInput = z.output<typeof sessionConfigSchema>;
export type HistoricalEntryInput = z.output<typeof historicalEntrySchema>;
