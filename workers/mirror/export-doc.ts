// The shape of an export document as a consumer reads it, and the check that a parsed JSON value is one.
// Files made by this app and by the original system are both accepted (docs/export-format.md section 11):
// the original lacks the 2.0 extensions such as `sequence` and `session_id`, may carry another format
// version or none, may give the mode only as `complete` / `diff_mode`, may leave out `total_count`,
// `columns` or `generated`, and writes `null` or `{}` where it had nothing (`session_data: null` for a
// system with no session). What is there is read; what could not be used is said in `notes`.

import {
  defaultColumns,
  type ExportMode,
  isKnownVersion,
  keyText,
  NoteTally,
  quoted,
  versionNote,
} from '../export/contract';

export type Row = (string | number | null)[];

export interface StreamBlock {
  count: number;
  /** The rows the stream holds; when the file did not say (`totalKnown` false), the rows in this block. */
  total_count: number;
  /** Whether the file gave `total_count` (a delta without it cannot be checked to follow on). */
  totalKnown: boolean;
  generated?: boolean;
  /** The row fields; this app's columns for the stream when the file names none. */
  columns: string[];
  data?: Row[];
  latest?: Record<string, string | number | null>;
}

export interface HistoricalBlock {
  count: number;
  dates?: string[];
  columns: string[];
  data?: Row[];
}

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
  };
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
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** `complete` / `delta` from `mode`, or from the original's `complete`, `delta` and `diff_mode` flags. */
function modeOf(meta: Record<string, unknown>): ExportMode | undefined {
  if (meta.mode === 'complete' || meta.mode === 'delta') return meta.mode;
  if (meta.mode !== undefined && meta.mode !== null) return undefined;
  if (meta.complete === true || meta.diff_mode === false || meta.delta === false) return 'complete';
  if (meta.complete === false || meta.diff_mode === true || meta.delta === true) return 'delta';
  return undefined;
}

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
function columnsOf(block: Record<string, unknown>, stream: string, where: string, notes: Notes): string[] {
  if (Array.isArray(block.columns) && block.columns.every((c) => typeof c === 'string')) {
    return block.columns as string[];
  }
  notes.tally.add('no-columns', where);
  return defaultColumns(stream);
}

const isRows = (value: unknown): value is Row[] => Array.isArray(value) && value.every(Array.isArray);

/** A stream block as the mirror needs it, or why it cannot be one; `null` and `{}` are "nothing new". */
function streamBlock(
  block: unknown,
  complete: boolean,
  where: string,
  stream: string,
  notes: Notes,
): Read<StreamBlock> {
  if (block === null || (isObject(block) && Object.keys(block).length === 0)) {
    return {
      ok: true,
      value: { count: 0, total_count: 0, totalKnown: false, columns: defaultColumns(stream) },
    };
  }
  if (!isObject(block)) return { ok: false, error: `${where} is not a stream block` };
  const rows = block.data === undefined || block.data === null ? [] : block.data;
  if (!isRows(rows)) return { ok: false, error: `${where}.data is not a list of rows` };
  const count = typeof block.count === 'number' ? block.count : rows.length;
  if (!Number.isInteger(count) || count < 0) return { ok: false, error: `${where}.count is not a row count` };
  if (rows.length !== count) {
    return { ok: false, error: `${where} says count ${count} but holds ${rows.length} rows` };
  }
  let total: number;
  let totalKnown = typeof block.total_count === 'number';
  if (totalKnown) total = block.total_count as number;
  else {
    total = count;
    // A complete block holds every row: its count is the total. A delta's cannot be checked to follow.
    if (complete) totalKnown = true;
    else notes.tally.add('no-total', where, 'no total_count: its rows are taken to follow on');
  }
  const columns = columnsOf(block, stream, where, notes);
  const value: StreamBlock = { count, total_count: total, totalKnown, columns, data: rows };
  if (typeof block.generated === 'boolean') value.generated = block.generated;
  if (isObject(block.latest)) value.latest = block.latest as Record<string, string | number | null>;
  return { ok: true, value };
}

/** One symbol's blocks as the mirror needs them, or why they cannot be read. */
function symbolDoc(doc: unknown, complete: boolean, symbol: string, notes: Notes): Read<SymbolDoc | null> {
  const where = `session_data.symbols.${keyText(symbol)}`;
  if (doc === null) {
    notes.push(`${where} is null: nothing to show for ${keyText(symbol)}`);
    return { ok: true, value: null };
  }
  if (!isObject(doc)) return { ok: false, error: `${where} is not an object` };
  const session = doc.session === null || doc.session === undefined ? {} : doc.session;
  if (!isObject(session)) return { ok: false, error: `${where}.session is not an object` };
  const dataIn = session.data === null || session.data === undefined ? {} : session.data;
  if (!isObject(dataIn)) return { ok: false, error: `${where}.session.data is not an object` };
  const data: Record<string, StreamBlock> = {};
  for (const [name, block] of Object.entries(dataIn)) {
    const read = streamBlock(block, complete, `${where}.session.data.${keyText(name)}`, name, notes);
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
  if (isObject(doc.historical)) {
    const historical = doc.historical;
    const blocks: Record<string, HistoricalBlock> = {};
    const dataHistorical = isObject(historical.data) ? historical.data : {};
    for (const [interval, block] of Object.entries(dataHistorical)) {
      if (block === null || (isObject(block) && Object.keys(block).length === 0)) continue;
      const rows = isObject(block) ? (block.data ?? []) : undefined;
      if (!isObject(block) || !isRows(rows)) {
        notes.push(`${where}.historical.data.${keyText(interval)} is not a block of rows, left out`);
        continue;
      }
      const blockWhere = `${where}.historical.data.${keyText(interval)}`;
      const entry: HistoricalBlock = {
        count: rows.length,
        data: rows,
        columns: columnsOf(block, interval, blockWhere, notes),
      };
      if (Array.isArray(block.dates))
        entry.dates = block.dates.filter((d): d is string => typeof d === 'string');
      blocks[interval] = entry;
    }
    const range = historical.date_range;
    value.historical = {
      loaded: historical.loaded === true,
      date_range: isObject(range) ? (range as { start_date: string; end_date: string; days: number }) : null,
      data: blocks,
    };
  }
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
  const mode = modeOf(meta);
  if (mode === undefined) {
    return notExport('_metadata gives no mode ("mode", or the original\'s "complete" / "diff_mode")');
  }
  if (!('session_data' in value)) return notExport('there is no session_data');
  const notes = new Notes();
  if (meta.mode !== 'complete' && meta.mode !== 'delta') {
    const flag = ['complete', 'diff_mode', 'delta'].find((f) => typeof meta[f] === 'boolean') as string;
    notes.push(`no "mode": read as ${mode} from "${flag}": ${String(meta[flag])}`);
  }
  if (!isKnownVersion(meta.version))
    notes.push(
      versionNote(meta.version === undefined || meta.version === null ? null : quoted(meta.version)),
    );
  const symbolsIn = symbolsOf(value.session_data, notes);
  if (!symbolsIn.ok) return notExport(symbolsIn.error);
  const symbols: Record<string, SymbolDoc> = {};
  for (const [symbol, doc] of Object.entries(symbolsIn.value)) {
    const read = symbolDoc(doc, mode === 'complete', symbol, notes);
    if (!read.ok) return notExport(read.error);
    if (read.value !== null) symbols[symbol] = read.value;
  }
  const timeManager = value.time_manager;
  const current =
    isObject(timeManager) && isObject(timeManager.current_session) ? timeManager.current_session : null;
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
      sessionDate: current && typeof current.date === 'string' ? current.date : null,
      symbols,
    },
  };
}
