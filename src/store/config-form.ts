// The config form's mapping to and from the JSON text, without React or the engine. The text is the one
// source of truth: the form's fields are read from it on every change, and a form edit writes the text
// again (parsed, the one value changed in place so every other key keeps its place, then pretty-printed
// with two spaces as the app writes configurations). Text that does not parse, or a common field of a
// shape the form cannot show, puts the form out of step: it says why and edits nothing, rather than guess.
// The engine's check still judges every text; the rules copied here (tickers, intervals) only shape what
// the form offers and refuse an obviously bad chip before it is written. Intervals are named as the engine
// names them (`src/intervals.ts`): a stream written "60m" is shown, offered to Add indicator and to Add
// history as "60m", and counts as the "1h" choice (the engine counts the two one stream).
import type { Result } from '../../workers/common/result';
import { BASE_INTERVAL, intervalKeyOf, intervalSeconds, isObject } from '../intervals';

/** A historical request as the form shows it: its interval(s) as written and its trailing days. */
export interface HistoryRow {
  intervals: string[];
  /** null when the entry's `trailing_days` is not a number (the engine's check names it). */
  trailingDays: number | null;
}

/** A session indicator entry, shown by its name, period and interval. */
export interface IndicatorRow {
  name: string;
  period: number | null;
  interval: string;
}

export interface ConfigFormFields {
  sessionName: string;
  startDate: string;
  endDate: string;
  symbols: string[];
  /** The streams as keys (`ticks`, `quotes`, intervals as the engine names them), in the text's order. */
  streams: string[];
  /** Whether `streams` is left out of the text (the engine then streams `1m`). */
  streamsDefault: boolean;
  /** `historical.enabled`: left out counts as on, as the engine reads it. */
  historyEnabled: boolean;
  history: HistoryRow[];
  indicators: IndicatorRow[];
}

export type FormRead = { ok: true; fields: ConfigFormFields } | { ok: false; reason: string };

/** What a configuration that names no streams streams (the engine's DEFAULT_STREAMS). */
export const DEFAULT_STREAM = BASE_INTERVAL;

/** The streams offered as checkboxes; any other the text names is shown beside them. */
export const STREAM_CHOICES: readonly string[] = [
  'ticks',
  'quotes',
  '1s',
  '5s',
  '15s',
  '30s',
  '1m',
  '2m',
  '5m',
  '10m',
  '15m',
  '30m',
  '1h',
  '2h',
  '1d',
  '1w',
];

/** The intervals offered for a new historical request. */
export const HISTORY_INTERVALS: readonly string[] = ['1m', '5m', '15m', '1h', '1d', '1w'];

/** The engine's limits on a historical request's trailing days. */
export const MAX_TRAILING_DAYS = 3650;

/**
 * A stream's key: `ticks`, `quotes`, or the interval as the engine names it (`5`, `"5"` and `"5m"` are
 * `5m`; `"60m"` stays `60m`, the name of its bars in the engine and the exports). null for what is not a
 * stream.
 */
export function streamKey(value: unknown): string | null {
  return value === 'ticks' || value === 'quotes' ? value : intervalKeyOf(value);
}

/** Whether two stream keys are one stream: the same key, or intervals of one length (`60m` and `1h`). */
export function sameStream(a: string, b: string): boolean {
  if (a === b) return true;
  const seconds = intervalSeconds(a);
  return seconds !== null && seconds === intervalSeconds(b);
}

/** How a stream key sorts among the checkboxes: ticks and quotes, then intervals shortest first. */
export function streamOrder(key: string): number {
  if (key === 'ticks') return -2;
  if (key === 'quotes') return -1;
  return intervalSeconds(key) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * `choices` (intervals the form offers) named as the text's `streams` name the same length: with a `60m`
 * stream the `1h` choice is `60m`, so the form never shows one stream two ways, nor offers the other
 * spelling (an indicator or history on `1h` would be other bars than the `60m` stream's).
 */
export function spelledAsStreams(choices: readonly string[], streams: readonly string[]): string[] {
  return choices.map((choice) => streams.find((stream) => sameStream(stream, choice)) ?? choice);
}

/** The streams' checkboxes: the common ones (as the text names them) and any other the text names. */
export function streamChoices(streams: readonly string[]): string[] {
  return [...new Set([...spelledAsStreams(STREAM_CHOICES, streams), ...streams])].sort(
    (a, b) => streamOrder(a) - streamOrder(b),
  );
}

/**
 * The bar intervals of the form's streams, in the text's order, each once (a text may name one twice):
 * Add indicator's choices (`1m` if none).
 */
export function barIntervals(streams: readonly string[]): string[] {
  const intervals = [...new Set(streams.filter((s) => intervalSeconds(s) !== null))];
  return intervals.length > 0 ? intervals : [BASE_INTERVAL];
}

const TICKER = /^[A-Z][A-Z0-9]*(?:[.-][A-Z0-9]+)?$/;
export const MAX_TICKER_LENGTH = 10;

/** Shown text of something typed: cut to 20 characters and quoted, so an echo stays one short line. */
const shown = (text: string) => JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}…` : text);

/**
 * A symbol typed into the form, upper-cased, or why it cannot be added (the engine's ticker rule, and no
 * repeats). Upper-casing is the form's help: the engine would refuse "rivn" and say to write "RIVN".
 */
export function symbolToAdd(typed: string, symbols: readonly string[]): Result<string> {
  const symbol = typed.trim().toUpperCase();
  if (symbol === '') return { ok: false, error: 'Type a ticker such as RIVN, then Add.' };
  if (symbol.length > MAX_TICKER_LENGTH || !TICKER.test(symbol)) {
    return {
      ok: false,
      error: `${shown(typed.trim())} is not a ticker (accepted: up to ${MAX_TICKER_LENGTH} letters and digits starting with a letter, such as RIVN, optionally with a class suffix such as BRK.B).`,
    };
  }
  if (symbols.includes(symbol)) return { ok: false, error: `${symbol} is listed already.` };
  return { ok: true, value: symbol };
}

const text = (value: unknown): value is string => typeof value === 'string';

/** An interval as the form shows it: as the engine names it, or as written when it is none. */
const shownInterval = (value: unknown): string => intervalKeyOf(value) ?? String(value);

/** The value at `key` of an object that may be missing: undefined is fine, another shape is not. */
function objectOrMissing(value: unknown): Record<string, unknown> | null | undefined {
  if (value === undefined) return undefined;
  return isObject(value) ? value : null;
}

/** Reads the form's fields from the JSON text; out of step (with the reason) when it cannot. */
export function readForm(source: string): FormRead {
  return parseForm(source).read;
}

/** The text parsed once: its root (for an edit to change) and the form's fields read from it. */
function parseForm(source: string): { root: unknown; read: FormRead } {
  let root: unknown;
  try {
    root = JSON.parse(source);
  } catch (error) {
    return {
      root: undefined,
      read: {
        ok: false,
        reason: `The JSON does not parse (${(error as Error).message}). Fix it in the editor; the form follows.`,
      },
    };
  }
  return { root, read: fieldsOf(root) };
}

/** The form's fields of a parsed configuration; out of step (with the reason) when it cannot show them. */
function fieldsOf(root: unknown): FormRead {
  const wrong = (field: string, what: string): FormRead => ({
    ok: false,
    reason: `${field} is not ${what}, so the form cannot show it. Edit it in the JSON; the form follows.`,
  });
  if (!isObject(root)) return wrong('The configuration', 'a JSON object');
  const name = root.session_name ?? '';
  if (!text(name)) return wrong('session_name', 'text');
  const backtest = objectOrMissing(root.backtest_config);
  if (backtest === null) return wrong('backtest_config', 'an object');
  const start = backtest?.start_date ?? '';
  const end = backtest?.end_date ?? '';
  if (!text(start)) return wrong('backtest_config.start_date', 'a date as text');
  if (!text(end)) return wrong('backtest_config.end_date', 'a date as text');
  const data = objectOrMissing(root.session_data_config);
  if (data === null) return wrong('session_data_config', 'an object');
  const symbols = data?.symbols ?? [];
  if (!Array.isArray(symbols) || !symbols.every(text))
    return wrong('session_data_config.symbols', 'a list of tickers');
  const streams = data?.streams;
  if (streams !== undefined && (!Array.isArray(streams) || streams.some((s) => streamKey(s) === null)))
    return wrong('session_data_config.streams', 'a list of streams ("ticks", "quotes", intervals)');
  const historical = objectOrMissing(data?.historical);
  if (historical === null) return wrong('session_data_config.historical', 'an object');
  const enabled = historical?.enabled ?? true;
  if (typeof enabled !== 'boolean') return wrong('session_data_config.historical.enabled', 'true or false');
  const entries = historical?.data ?? [];
  if (!Array.isArray(entries) || !entries.every(isObject))
    return wrong('session_data_config.historical.data', 'a list of requests');
  const history: HistoryRow[] = [];
  for (const entry of entries) {
    const list = entry.intervals ?? (entry.interval === undefined ? [] : [entry.interval]);
    if (!Array.isArray(list) || !list.every((i) => text(i) || typeof i === 'number'))
      return wrong('session_data_config.historical.data', 'a list of requests with intervals');
    const days = entry.trailing_days;
    history.push({
      intervals: list.map(shownInterval),
      trailingDays: typeof days === 'number' ? days : null,
    });
  }
  const indicatorsSection = objectOrMissing(data?.indicators);
  if (indicatorsSection === null) return wrong('session_data_config.indicators', 'an object');
  const session = indicatorsSection?.session ?? [];
  if (!Array.isArray(session) || !session.every(isObject))
    return wrong('session_data_config.indicators.session', 'a list of indicators');
  const indicators = session.map((entry) => ({
    name: String(entry.name ?? '?'),
    period: typeof entry.period === 'number' ? entry.period : null,
    interval: shownInterval(entry.interval ?? '?'),
  }));
  return {
    ok: true,
    fields: {
      sessionName: name,
      startDate: start,
      endDate: end,
      symbols,
      streams: streams === undefined ? [DEFAULT_STREAM] : streams.map((s) => streamKey(s) as string),
      streamsDefault: streams === undefined,
      historyEnabled: enabled,
      history,
      indicators,
    },
  };
}

/** The object at `path` under `root`, made (as the last key of its parent) where missing. */
function objectAt(root: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  let at = root;
  for (const key of path) {
    const next = at[key];
    if (isObject(next)) at = next;
    else {
      const made: Record<string, unknown> = {};
      at[key] = made;
      at = made;
    }
  }
  return at;
}

/** The text written as the app writes configurations: two-space JSON and a final newline. */
export const configText = (root: unknown): string => `${JSON.stringify(root, null, 2)}\n`;

/**
 * `source` with `change` made to its parsed root, written again; refused (nothing changes) when the text
 * is out of step. Keys keep their order; a key made new goes last in its object.
 */
export function editForm(source: string, change: (root: Record<string, unknown>) => void): Result<string> {
  // Parsed once: the fields read are only the check that the form may edit it; the root is changed.
  const { root, read } = parseForm(source);
  if (!read.ok) return { ok: false, error: read.reason };
  // Fields read means the root is an object (`fieldsOf` refuses anything else).
  change(root as Record<string, unknown>);
  return { ok: true, value: configText(root) };
}

const SESSION_DATA = ['session_data_config'] as const;

export const setSessionName = (source: string, name: string) =>
  editForm(source, (root) => {
    root.session_name = name;
  });

/** Sets the start and/or end date of `backtest_config`. */
export const setDates = (source: string, dates: { start?: string; end?: string }) =>
  editForm(source, (root) => {
    const backtest = objectAt(root, ['backtest_config']);
    if (dates.start !== undefined) backtest.start_date = dates.start;
    if (dates.end !== undefined) backtest.end_date = dates.end;
  });

export const setSymbols = (source: string, symbols: readonly string[]) =>
  editForm(source, (root) => {
    objectAt(root, SESSION_DATA).symbols = [...symbols];
  });

/**
 * Streams `key` or stops streaming it. On: added at the end as the key is written (`"5m"`), unless a stream
 * of that length is there already (`"60m"` for `1h`). Off: every entry that is that key (`5`, `"5m"`) goes.
 * A text that names no streams starts from the default.
 */
export const setStream = (source: string, key: string, on: boolean) =>
  editForm(source, (root) => {
    const data = objectAt(root, SESSION_DATA);
    const streams: unknown[] = Array.isArray(data.streams) ? data.streams : [DEFAULT_STREAM];
    const keys = streams.map(streamKey);
    if (on && !keys.some((k) => k !== null && sameStream(k, key))) data.streams = [...streams, key];
    else if (!on && keys.includes(key)) data.streams = streams.filter((_, i) => keys[i] !== key);
  });

const historical = (root: Record<string, unknown>) => objectAt(root, [...SESSION_DATA, 'historical']);

const historyEntries = (root: Record<string, unknown>): Record<string, unknown>[] => {
  const section = historical(root);
  if (!Array.isArray(section.data)) section.data = [];
  return section.data as Record<string, unknown>[];
};

export const setHistoryEnabled = (source: string, enabled: boolean) =>
  editForm(source, (root) => {
    historical(root).enabled = enabled;
  });

/** The trailing days of the `index`th historical request. */
export const setHistoryDays = (source: string, index: number, days: number) =>
  editForm(source, (root) => {
    const entry = historyEntries(root)[index];
    if (entry) entry.trailing_days = days;
  });

export const addHistory = (source: string, interval: string, days: number) =>
  editForm(source, (root) => {
    historyEntries(root).push({ interval, trailing_days: days });
  });

export const removeHistory = (source: string, index: number) =>
  editForm(source, (root) => {
    historyEntries(root).splice(index, 1);
  });

export const removeIndicator = (source: string, index: number) =>
  editForm(source, (root) => {
    const section = objectAt(root, [...SESSION_DATA, 'indicators']);
    if (Array.isArray(section.session)) section.session.splice(index, 1);
  });

/** The form's parts, for tying the engine's one-line problem to the part it is about. */
export type FormPart = 'name' | 'dates' | 'symbols' | 'streams' | 'history' | 'indicators';

/** Which part of the form the engine's problem `field` (a dotted path) is about; null for none. */
export function partOfField(field: string): FormPart | null {
  if (field === 'session_name') return 'name';
  if (field.startsWith('backtest_config.start_date') || field.startsWith('backtest_config.end_date'))
    return 'dates';
  const parts: [string, FormPart][] = [
    ['session_data_config.symbols', 'symbols'],
    ['session_data_config.streams', 'streams'],
    ['session_data_config.historical', 'history'],
    ['session_data_config.indicators', 'indicators'],
  ];
  const under = (prefix: string) =>
    field === prefix || (field.startsWith(prefix) && /^[.[]/.test(field.slice(prefix.length)));
  return parts.find(([prefix]) => under(prefix))?.[1] ?? null;
}
