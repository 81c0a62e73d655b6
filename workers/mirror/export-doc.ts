// The shape of an export document as a consumer reads it, and the check that a parsed JSON value is one.
// Files made by this app and by the original system are both accepted (docs/export-format.md section 11):
// the original lacks the 2.0 extensions such as `sequence` and `session_id`, may carry another format
// version or none, may give the mode only as `complete` / `diff_mode`, may leave out `total_count`,
// `columns` or `generated`, and writes `null` or `{}` where it had nothing (`session_data: null` for a
// system with no session). What is there is read; what could not be used is said in `notes`.

import { isObject } from '../common/is-object';
import {
  columnsProblem,
  countsProblem,
  defaultColumns,
  describeValue,
  type ExportMode,
  isKnownVersion,
  keyText,
  modeNote,
  NoteTally,
  quoted,
  readMode,
  rowProblem,
  versionNote,
} from '../export/contract';
import { type AnalysisDoc, type BlockReader, readAnalysis } from './analysis-doc';
import { localSeconds } from './row-table';
import type { Row, StreamBlock } from './stream-block';

export type { Row, StreamBlock } from './stream-block';

export interface HistoricalBlock {
  count: number;
  dates?: string[];
  columns: string[];
  data?: Row[];
}

/** What an indicator says in every export (section 9): replaced by each one that carries it. */
export interface IndicatorState {
  /** A number, an object of named outputs, or null while not valid. */
  value: number | Record<string, number | null> | null;
  valid: boolean;
  lastUpdated: string | null;
}

/** What a complete export adds: fields that never change during a session (null when not given). */
export interface IndicatorFields {
  name: string | null;
  type: string | null;
  interval: string | null;
  config: unknown;
}

/** A session indicator's entry; `name`, `type`, `interval` and `config` come in complete exports. */
export interface IndicatorDoc extends IndicatorState, IndicatorFields {
  /** Its series block; `{count: 0}` when the entry has none. */
  series: StreamBlock;
}

export type HistoricalIndicatorDoc = IndicatorState & IndicatorFields;

export interface SymbolDoc {
  session: {
    volume: number;
    high: number | null;
    low: number | null;
    quality: number;
    data: Record<string, StreamBlock>;
  };
  historical?: {
    loaded: boolean;
    date_range: { start_date: string; end_date: string; days: number } | null;
    data: Record<string, HistoricalBlock>;
    /** `historical.indicators` by key (complete exports); missing when the file has none. */
    indicators?: Record<string, HistoricalIndicatorDoc>;
  };
  /** Session indicators by key, in the file's order; missing when the file has none. */
  indicators?: Record<string, IndicatorDoc>;
}

export interface ExportMeta {
  mode: ExportMode;
  generatedAt: string;
  consumer: string | null;
  sequence: number | null;
  previousSequence: number | null;
  sessionId: number | null;
  marketTime: string | null;
}

export interface ExportDoc {
  meta: ExportMeta;
  /** What the file held that could not be used, or had to be assumed, one short line each. */
  notes: string[];
  raw: Record<string, unknown>;
  /** The session's trading date (time_manager.current_session.date), which session rows' times belong to. */
  sessionDate: string | null;
  symbols: Record<string, SymbolDoc>;
  /** The `analysis` section (section 10.1); null when the file has none (left out, or the original's). */
  analysis: AnalysisDoc | null;
}

const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** What reading a file found to say: single lines first, then places grouped by kind (`NoteTally`). */
class Notes {
  private readonly lines: string[] = [];
  readonly tally = new NoteTally();

  push(line: string): void {
    this.lines.push(line);
  }

  list(): string[] {
    return [...this.lines, ...this.tally.lines()];
  }
}

/** The columns a block names, or this app's for the stream (grouped into a note) when it names none. */
function columnsOf(
  block: Record<string, unknown>,
  stream: string,
  where: string,
  notes: Notes,
): Read<string[]> {
  const problem = columnsProblem(where, block.columns);
  if (problem) return { ok: false, error: problem };
  if (Array.isArray(block.columns)) return { ok: true, value: block.columns as string[] };
  notes.tally.add('no-columns', where);
  return { ok: true, value: defaultColumns(stream) };
}

/** The times section 3 writes, and all that `localSeconds` reads: a time of day, a date, a date-time. */
const TIME = /^(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,9})?)?|\d{2}:\d{2}:\d{2}(\.\d{1,9})?)$/;

/** Where a time cell cannot be placed on a date (the mirror keeps times as seconds), or null. */
function timeProblem(where: string, i: number, cell: unknown, date: string | null): string | null {
  if (typeof cell !== 'string') return null;
  const at = `${where}.data[${i}][0]`;
  if (!TIME.test(cell)) return `${at}: ${describeValue(cell)} is not a time`;
  if (cell.length < 10 && date === null)
    return `${at}: ${describeValue(cell)} has no date (the file gives no session date)`;
  // Digits in the right places may still be no date (month 13): `localSeconds` says so by throwing.
  try {
    if (!Number.isNaN(localSeconds(cell, date))) return null;
  } catch {
    // Said below, with the place.
  }
  return `${at}: ${describeValue(cell)} is not a time`;
}

/**
 * A block's `data` as rows, each checked to be a list of `width` plain values with a time the mirror can
 * place, or the first place that is not. Missing or null `data` is no rows.
 */
function rowsOf(data: unknown, where: string, width: number, date: string | null): Read<Row[]> {
  if (data === undefined || data === null) return { ok: true, value: [] };
  if (!Array.isArray(data))
    return { ok: false, error: `${where}.data is ${describeValue(data)}, not a list of rows` };
  for (let i = 0; i < data.length; i++) {
    const problem = rowProblem(where, i, data[i], width) ?? timeProblem(where, i, data[i][0], date);
    if (problem) return { ok: false, error: problem };
  }
  return { ok: true, value: data as Row[] };
}

/** What a block is read in: the export's mode, the session's date, and where the notes go. */
interface BlockContext {
  complete: boolean;
  date: string | null;
  notes: Notes;
}

/** A stream block as the mirror needs it, or why it cannot be one; `null` and `{}` are "nothing new". */
function streamBlock(
  block: unknown,
  where: string,
  stream: string,
  context: BlockContext,
): Read<StreamBlock> {
  if (block === null || (isObject(block) && Object.keys(block).length === 0)) {
    return {
      ok: true,
      value: { count: 0, total_count: 0, totalKnown: false, columns: defaultColumns(stream) },
    };
  }
  if (!isObject(block))
    return { ok: false, error: `${where} is ${describeValue(block)}, not a stream block` };
  const columns = columnsOf(block, stream, where, context.notes);
  if (!columns.ok) return columns;
  const rows = rowsOf(block.data, where, columns.value.length, context.date);
  if (!rows.ok) return rows;
  const { complete } = context;
  const counts = countsProblem(
    where,
    { count: block.count, total: block.total_count },
    rows.value.length,
    complete,
  );
  if (counts) return { ok: false, error: counts };
  const count = rows.value.length;
  let total = count;
  let totalKnown = typeof block.total_count === 'number';
  if (totalKnown) total = block.total_count as number;
  // A complete block holds every row: its count is the total. A delta's cannot be checked to follow.
  else if (complete) totalKnown = true;
  else context.notes.tally.add('no-total', where, 'no total_count: its rows are taken to follow on');
  const value: StreamBlock = {
    count,
    total_count: total,
    totalKnown,
    columns: columns.value,
    data: rows.value,
  };
  if (typeof block.generated === 'boolean') value.generated = block.generated;
  if (isObject(block.latest)) value.latest = block.latest as Record<string, string | number | null>;
  return { ok: true, value };
}

/** A historical block, or why it cannot be one; null for `null` and `{}` (no rows). */
function historicalBlock(
  block: unknown,
  where: string,
  interval: string,
  context: BlockContext,
): Read<HistoricalBlock | null> {
  if (block === null || (isObject(block) && Object.keys(block).length === 0))
    return { ok: true, value: null };
  if (!isObject(block))
    return { ok: false, error: `${where} is ${describeValue(block)}, not a block of rows` };
  const columns = columnsOf(block, interval, where, context.notes);
  if (!columns.ok) return columns;
  // Historical rows carry their full date-time: no session date is needed to place them.
  const rows = rowsOf(block.data, where, columns.value.length, null);
  if (!rows.ok) return rows;
  // Historical blocks have no total_count (section 3): only `count` is checked.
  const counts = countsProblem(where, { count: block.count, total: undefined }, rows.value.length, true);
  if (counts) return { ok: false, error: counts };
  const entry: HistoricalBlock = { count: rows.value.length, data: rows.value, columns: columns.value };
  if (Array.isArray(block.dates)) entry.dates = block.dates.filter((d): d is string => typeof d === 'string');
  return { ok: true, value: entry };
}

/** A symbol's `historical` part: its blocks by interval, or why one cannot be read. */
function historicalOf(
  historical: Record<string, unknown>,
  where: string,
  context: BlockContext,
): Read<NonNullable<SymbolDoc['historical']>> {
  const blocks: Record<string, HistoricalBlock> = {};
  const dataIn = historical.data === null || historical.data === undefined ? {} : historical.data;
  if (!isObject(dataIn))
    return { ok: false, error: `${where}.historical.data is ${describeValue(dataIn)}, not an object` };
  for (const [interval, block] of Object.entries(dataIn)) {
    const read = historicalBlock(block, `${where}.historical.data.${keyText(interval)}`, interval, context);
    if (!read.ok) return read;
    if (read.value !== null) blocks[interval] = read.value;
  }
  const range = historical.date_range;
  const value: NonNullable<SymbolDoc['historical']> = {
    loaded: historical.loaded === true,
    date_range: isObject(range) ? (range as { start_date: string; end_date: string; days: number }) : null,
    data: blocks,
  };
  const indicators = indicatorEntries(historical.indicators, `${where}.historical.indicators`, context.notes);
  if (indicators) {
    value.indicators = {};
    for (const [key, entry, at] of indicators) {
      if (!isObject(entry)) continue;
      const state = indicatorState(entry, at, context.notes);
      if (state) value.indicators[key] = { ...state, ...indicatorFields(entry) };
    }
  }
  return { ok: true, value };
}

/**
 * The entries of an `indicators` member with their places, or null when there are none: missing or
 * `null` is none; anything else that is not an object is noted and read as none. An entry that is not an
 * object is noted and left out here (the caller skips it).
 */
function indicatorEntries(
  member: unknown,
  where: string,
  notes: Notes,
): [key: string, entry: unknown, where: string][] | null {
  if (member === undefined || member === null) return null;
  if (!isObject(member)) {
    notes.tally.add('indicators-not-object', where, describeValue(member));
    return null;
  }
  return Object.entries(member).map(([key, entry]) => {
    const at = `${where}.${keyText(key)}`;
    if (!isObject(entry))
      notes.tally.add('indicator-damaged', at, `${at} is ${describeValue(entry)}, not an object`);
    return [key, entry, at];
  });
}

const textOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function indicatorFields(entry: Record<string, unknown>): IndicatorFields {
  return {
    name: textOrNull(entry.name),
    type: textOrNull(entry.type),
    interval: textOrNull(entry.interval),
    config: entry.config ?? null,
  };
}

/**
 * `value`, `valid` and `last_updated`, or null (noted) when the value is neither a number, null, nor an
 * object of outputs. An indicator that is not valid has no value, whatever the file wrote.
 */
function indicatorState(entry: Record<string, unknown>, where: string, notes: Notes): IndicatorState | null {
  const raw = entry.value ?? null;
  // A file that does not say whether it is valid (the original's may not) has a value when it gives one.
  const valid = typeof entry.valid === 'boolean' ? entry.valid : raw !== null;
  let value: IndicatorState['value'];
  if (raw === null || typeof raw === 'number') value = raw;
  else if (isObject(raw) && Object.values(raw).every((v) => v === null || typeof v === 'number'))
    value = raw as Record<string, number | null>;
  else {
    notes.tally.add(
      'indicator-damaged',
      where,
      `${where}.value is ${describeValue(raw)} (expected a number, null, or an object of numbers)`,
    );
    return null;
  }
  return { value: valid ? value : null, valid, lastUpdated: textOrNull(entry.last_updated) };
}

/** A series' columns when the file names none: the time, then the outputs its value names. */
function seriesColumnsOf(value: IndicatorState['value']): string[] {
  return ['timestamp', ...(isObject(value) ? Object.keys(value) : ['value'])];
}

/** A session indicator's entry, or null (noted, left out) when it is damaged; the rest of the file is read. */
function indicatorDoc(
  entry: Record<string, unknown>,
  where: string,
  context: BlockContext,
): IndicatorDoc | null {
  const state = indicatorState(entry, where, context.notes);
  if (!state) return null;
  const at = `${where}.series`;
  let block = entry.series ?? null;
  const columns = seriesColumnsOf(state.value);
  // No series (the original's entries), `null` or `{}`: no rows, nothing to check or note.
  if (block === null || (isObject(block) && Object.keys(block).length === 0)) {
    const none: StreamBlock = { count: 0, total_count: 0, totalKnown: false, columns };
    return { ...state, ...indicatorFields(entry), series: none };
  }
  if (isObject(block) && (block.columns === undefined || block.columns === null)) {
    context.notes.tally.add('no-columns', at);
    block = { ...block, columns };
  }
  const series = streamBlock(block, at, 'series', context);
  if (!series.ok) {
    context.notes.tally.add('indicator-damaged', where, series.error);
    return null;
  }
  return { ...state, ...indicatorFields(entry), series: series.value };
}

/** A symbol's session indicators, damaged entries left out. */
function indicatorsOf(
  member: unknown,
  where: string,
  context: BlockContext,
): Record<string, IndicatorDoc> | null {
  const entries = indicatorEntries(member, where, context.notes);
  if (!entries) return null;
  const indicators: Record<string, IndicatorDoc> = {};
  for (const [key, entry, at] of entries) {
    if (!isObject(entry)) continue;
    const doc = indicatorDoc(entry, at, context);
    if (doc) indicators[key] = doc;
  }
  return indicators;
}

/** One symbol's blocks as the mirror needs them, or why they cannot be read. */
function symbolDoc(doc: unknown, symbol: string, context: BlockContext): Read<SymbolDoc | null> {
  const where = `session_data.symbols.${keyText(symbol)}`;
  if (doc === null) {
    context.notes.push(`${where} is null: nothing to show for ${keyText(symbol)}`);
    return { ok: true, value: null };
  }
  if (!isObject(doc)) return { ok: false, error: `${where} is ${describeValue(doc)}, not an object` };
  const session = doc.session === null || doc.session === undefined ? {} : doc.session;
  if (!isObject(session))
    return { ok: false, error: `${where}.session is ${describeValue(session)}, not an object` };
  const dataIn = session.data === null || session.data === undefined ? {} : session.data;
  if (!isObject(dataIn))
    return { ok: false, error: `${where}.session.data is ${describeValue(dataIn)}, not an object` };
  const data: Record<string, StreamBlock> = {};
  for (const [name, block] of Object.entries(dataIn)) {
    const read = streamBlock(block, `${where}.session.data.${keyText(name)}`, name, context);
    if (!read.ok) return read;
    data[name] = read.value;
  }
  const number = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
  const value: SymbolDoc = {
    session: {
      volume: number(session.volume, 0),
      high: numberOrNull(session.high),
      low: numberOrNull(session.low),
      quality: number(session.quality, 100),
      data,
    },
  };
  // `historical: null` (or missing) is no history, as the original writes it; anything else is damaged.
  if (doc.historical !== null && doc.historical !== undefined) {
    if (!isObject(doc.historical))
      return { ok: false, error: `${where}.historical is ${describeValue(doc.historical)}, not an object` };
    const historical = historicalOf(doc.historical, where, context);
    if (!historical.ok) return historical;
    value.historical = historical.value;
  }
  const indicators = indicatorsOf(doc.indicators, `${where}.indicators`, context);
  if (indicators) value.indicators = indicators;
  return { ok: true, value };
}

/**
 * `session_data.symbols`, or none (`{}`, noted) when the file has no symbols: the original writes `null` or
 * `{}` for a system with no session. Anything else that is not an object is not an export.
 */
function symbolsOf(sessionData: unknown, notes: Notes): Read<Record<string, unknown>> {
  const none = (note: string): Read<Record<string, unknown>> => {
    notes.push(note);
    return { ok: true, value: {} };
  };
  if (sessionData === null) return none('session_data is null: no symbols');
  if (!isObject(sessionData)) return { ok: false, error: 'session_data is not an object' };
  const { symbols } = sessionData;
  if (symbols === undefined)
    return none(
      Object.keys(sessionData).length === 0
        ? 'session_data is {}: no symbols'
        : 'session_data has no symbols',
    );
  if (symbols === null) return none('session_data.symbols is null: no symbols');
  if (!isObject(symbols)) return { ok: false, error: 'session_data.symbols is not an object' };
  return { ok: true, value: symbols };
}

/**
 * Reads a parsed JSON value as an export, or says in one line why it is not one. Checks the envelope
 * (`_metadata` with a mode, `session_data`) and the shape of every stream block, so that nothing downstream
 * has to trust the file. A version other than 2.x, or none, is noted and read all the same.
 */
export function readExport(value: unknown): { ok: true; value: ExportDoc } | { ok: false; error: string } {
  const notExport = (why: string) => ({
    ok: false as const,
    error: `not a Session Tape export: ${why} (expected a status export 2.0 JSON file with _metadata and session_data)`,
  });
  if (!isObject(value)) return notExport('the file does not hold a JSON object');
  const meta = value._metadata;
  if (!isObject(meta)) return notExport('there is no _metadata');
  const read = readMode((name) => meta[name]);
  if (read === undefined) {
    return notExport('_metadata gives no mode ("mode", or the original\'s "complete" / "diff_mode")');
  }
  if (!('session_data' in value)) return notExport('there is no session_data');
  const notes = new Notes();
  const { mode } = read;
  if (read.from !== null) notes.push(modeNote({ ...read, from: read.from }));
  if (!isKnownVersion(meta.version))
    notes.push(
      versionNote(meta.version === undefined || meta.version === null ? null : quoted(meta.version)),
    );
  const symbolsIn = symbolsOf(value.session_data, notes);
  if (!symbolsIn.ok) return notExport(symbolsIn.error);
  const timeManager = value.time_manager;
  const current =
    isObject(timeManager) && isObject(timeManager.current_session) ? timeManager.current_session : null;
  const sessionDate = current && typeof current.date === 'string' ? current.date : null;
  const context: BlockContext = { complete: mode === 'complete', date: sessionDate, notes };
  const symbols: Record<string, SymbolDoc> = {};
  for (const [symbol, doc] of Object.entries(symbolsIn.value)) {
    const read = symbolDoc(doc, symbol, context);
    // A status export with a damaged part: the line names the place (section 11.2, item 8).
    if (!read.ok) return read;
    if (read.value !== null) symbols[symbol] = read.value;
  }
  // Analysis rows carry their full date-time: no session date places them.
  const analysisContext: BlockContext = { ...context, date: null };
  const readBlock: BlockReader = (block, where, columns) => {
    let given = block;
    if (isObject(given) && (given.columns === undefined || given.columns === null)) {
      notes.tally.add('no-columns', where);
      given = { ...given, columns };
    }
    return streamBlock(given, where, 'analysis', analysisContext);
  };
  const analysis = readAnalysis(value.analysis, readBlock, (where, problem) =>
    notes.tally.add('analysis-damaged', where, problem),
  );
  return {
    ok: true,
    value: {
      meta: {
        mode,
        generatedAt: typeof meta.generated_at === 'string' ? meta.generated_at : '',
        consumer: typeof meta.consumer === 'string' ? meta.consumer : null,
        sequence: numberOrNull(meta.sequence),
        previousSequence: numberOrNull(meta.previous_sequence),
        sessionId: numberOrNull(meta.session_id),
        marketTime: typeof meta.market_time === 'string' ? meta.market_time : null,
      },
      notes: notes.list(),
      raw: value,
      sessionDate,
      symbols,
      analysis,
    },
  };
}
