// Sums an indexed export up for the viewer (docs/export-format.md section 11.2): what the file says it is
// (version, mode, consumer, sequence, market time), the symbols, streams and rows it holds, and what could
// not be used or had to be assumed. Only the index is looked at, and the short `columns` lists: no row is
// read again, so a file of any size is summed up at once.
//
// A file is refused when it is not a status export: no `_metadata` object, no mode, or no `session_data`
// (null is fine: a system with no session); or when a stream block is damaged (counts that do not match its
// rows, `data` or `columns` that are not lists; section 11.2, item 8). What the original leaves out is noted.

import type { Result } from '../common/result';
import {
  countsProblem,
  isKnownVersion,
  keyText,
  modeNote,
  NoteTally,
  quoted,
  readMode,
  versionNote,
} from '../export/contract';
import type { ExportDocument } from './export-document';
import type { ArrayNode, ObjectNode, Slot } from './json-index';
import { scalarOf } from './stream-block';
import type { ViewerSummary } from './types';

export const NOT_AN_EXPORT = 'This file is not a Session Tape export';

const fail = <T>(error: string): Result<T> => ({ ok: false, error });
const text = (v: unknown) => (typeof v === 'string' ? v : null);
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const isNull = (slot: Slot | undefined) => slot?.kind === 'value' && scalarOf(slot) === null;

/** A slot as a note quotes it: a value's JSON (cut short and escaped), or what kind of container it is. */
function describeSlot(slot: Slot): string {
  if (slot.kind === 'object') return 'an object';
  if (slot.kind === 'array') return 'a list';
  const value = scalarOf(slot);
  return value === undefined ? 'a long value' : quoted(value);
}

/** `_metadata.version` as text, or null; a version other than 2.x, or none, is noted, never refused. */
function versionOf(slot: Slot | undefined, notes: string[]): string | null {
  const version = slot === undefined ? undefined : scalarOf(slot);
  if (isKnownVersion(version)) return version as string;
  notes.push(versionNote(slot === undefined || isNull(slot) ? null : describeSlot(slot)));
  return typeof version === 'string' ? version : null;
}

/**
 * `session_data.symbols`, null when the file has no symbols (the original writes `null` or `{}` for a
 * system with no session: noted), or why the file is not an export.
 */
function symbolsOf(document: ExportDocument, notes: string[]): Result<ObjectNode | null> {
  const none = (note: string): Result<null> => {
    notes.push(note);
    return { ok: true, value: null };
  };
  const sessionData = document.child(document.root, 'session_data');
  if (sessionData === undefined) return fail(`${NOT_AN_EXPORT}: it has no session_data.`);
  if (isNull(sessionData)) return none('session_data is null: no symbols');
  if (sessionData.kind !== 'object')
    return fail(`${NOT_AN_EXPORT}: its session_data is ${describeSlot(sessionData)}, not an object.`);
  const symbols = document.child(sessionData, 'symbols');
  if (symbols === undefined)
    return none(
      sessionData.keys.length === 0 ? 'session_data is {}: no symbols' : 'session_data has no symbols',
    );
  if (isNull(symbols)) return none('session_data.symbols is null: no symbols');
  if (symbols.kind !== 'object')
    return fail(`${NOT_AN_EXPORT}: its session_data.symbols is ${describeSlot(symbols)}, not an object.`);
  return { ok: true, value: symbols };
}

/**
 * Counts the stream blocks (session and historical) of every symbol and the rows they carry, and notes
 * what they lack of this app's blocks, or what is not a block at all.
 */
class StreamCounter {
  streams = 0;
  rows = 0;
  readonly tally = new NoteTally();
  /** The first damage found (section 11.2, item 8): the file is then refused with this line. */
  damage: string | null = null;
  /** Every `columns` list, to check that it names fields (its items are read once the file is indexed). */
  readonly columnLists: { where: string; node: ArrayNode }[] = [];

  constructor(
    private readonly document: ExportDocument,
    private readonly complete: boolean,
  ) {}

  symbols(symbols: ObjectNode): void {
    symbols.keys.forEach((key, i) => {
      const slot = symbols.slots[i] as Slot;
      const where = `session_data.symbols.${keyText(key)}`;
      if (isNull(slot)) this.tally.add('symbol-null', where, keyText(key));
      else if (slot.kind !== 'object') this.tally.add('symbol-not-object', where, describeSlot(slot));
      else {
        for (const part of ['session', 'historical'] as const) this.part(slot, part, where);
        this.indicators(slot, where);
      }
    });
  }

  /**
   * A symbol's `indicators` (section 9.1): each entry's `series` is a stream block, counted with its rows.
   * As the mirror does, a damaged entry is noted and not counted, and the rest of the file is read.
   */
  private indicators(symbol: ObjectNode, where: string): void {
    const member = this.document.child(symbol, 'indicators');
    if (member === undefined || isNull(member)) return;
    const at = `${where}.indicators`;
    if (member.kind !== 'object') {
      this.tally.add('indicators-not-object', at, describeSlot(member));
      return;
    }
    member.keys.forEach((key, i) => {
      const entry = member.slots[i] as Slot;
      const place = `${at}.${keyText(key)}`;
      if (entry.kind !== 'object') {
        this.tally.add('indicator-damaged', place, `${place} is ${describeSlot(entry)}, not an object`);
        return;
      }
      const series = this.document.child(entry, 'series');
      if (series === undefined || isNull(series)) return;
      const problem = this.seriesProblem(series, `${place}.series`);
      if (problem !== null) {
        this.tally.add('indicator-damaged', place, problem);
        return;
      }
      const block = series as ObjectNode;
      this.streams++;
      this.countRows(block, `${place}.series`);
      this.checkTotal(block, `${place}.series`);
    });
  }

  /**
   * The `analysis` section (section 10.1): each strategy's signals and orders and the equity samples are
   * stream blocks, counted with their rows. As the mirror does, a damaged part is noted and not counted.
   */
  analysis(section: Slot | undefined): void {
    if (section === undefined || isNull(section)) return;
    if (section.kind !== 'object') {
      this.tally.add('analysis-damaged', 'analysis', `analysis is ${describeSlot(section)}, not an object`);
      return;
    }
    const strategies = this.document.child(section, 'strategies');
    if (strategies?.kind === 'object') {
      strategies.keys.forEach((module, i) => {
        const entry = strategies.slots[i] as Slot;
        const place = `analysis.strategies.${keyText(module)}`;
        if (entry.kind !== 'object') {
          this.tally.add('analysis-damaged', place, `${place} is ${describeSlot(entry)}, not an object`);
          return;
        }
        for (const name of ['signals', 'orders'])
          this.analysisBlock(this.document.child(entry, name), `${place}.${name}`);
      });
    }
    this.analysisBlock(this.document.child(section, 'equity'), 'analysis.equity');
  }

  private analysisBlock(block: Slot | undefined, where: string): void {
    if (block === undefined || isNull(block)) return;
    const problem = this.seriesProblem(block, where);
    if (problem !== null) {
      this.tally.add('analysis-damaged', where, problem);
      return;
    }
    this.streams++;
    this.countRows(block as ObjectNode, where);
    this.checkTotal(block as ObjectNode, where);
  }

  /** What makes a series block damaged (as `checkShape` says of stream blocks), or null. */
  private seriesProblem(series: Slot, where: string): string | null {
    if (series.kind !== 'object') return `${where} is ${describeSlot(series)}, not a stream block`;
    const data = this.document.child(series, 'data');
    if (data !== undefined && !isNull(data) && data.kind !== 'array')
      return `${where}.data is ${describeSlot(data)}, not a list of rows`;
    const columns = this.document.child(series, 'columns');
    if (columns !== undefined && !isNull(columns) && columns.kind !== 'array')
      return `${where}.columns is ${describeSlot(columns)}, not a list of names`;
    const rows = data?.kind === 'array' ? data.count : 0;
    const count = scalarOf(this.document.child(series, 'count'));
    const total = scalarOf(this.document.child(series, 'total_count'));
    return countsProblem(where, { count, total }, rows, this.complete);
  }

  /** A symbol's `session` or `historical` block: its streams are counted, a null one noted. */
  private part(symbol: ObjectNode, part: 'session' | 'historical', where: string): void {
    const section = this.document.child(symbol, part);
    if (section === undefined) return;
    if (isNull(section)) this.tally.add(`${part}-null`, where);
    else if (section.kind !== 'object')
      this.tally.add('part-not-object', `${where}.${part}`, describeSlot(section));
    else this.blocks(this.document.child(section, 'data'), `${where}.${part}.data`, part === 'session');
  }

  private blocks(data: Slot | undefined, where: string, session: boolean): void {
    // No `data`, or null: nothing, as the original writes it (a delta's historical data is `{}` anyway).
    if (data === undefined || isNull(data)) return;
    if (data.kind !== 'object') {
      this.tally.add('part-not-object', where, describeSlot(data));
      return;
    }
    data.keys.forEach((name, i) => {
      this.block(data.slots[i] as Slot, `${where}.${keyText(name)}`, session);
    });
  }

  /** One stream block: counted with its rows, and noted when it lacks what this app's blocks have. */
  private block(block: Slot, where: string, session: boolean): void {
    if (isNull(block) || (block.kind === 'object' && block.keys.length === 0)) {
      this.streams++;
      this.tally.add('block-empty', where, block.kind === 'object' ? '{}' : 'null');
      return;
    }
    if (block.kind !== 'object') {
      this.tally.add('block-not-object', where, describeSlot(block));
      return;
    }
    this.streams++;
    this.checkShape(block, where, session);
    this.countRows(block, where);
    // Historical blocks have no total_count in the contract (section 3): only session blocks should.
    if (session) this.checkTotal(block, where);
    this.checkColumns(block, where);
  }

  /**
   * What would make the block damaged rather than the original's: `data` that is not a list, `columns`
   * that are not a list, counts that are not row counts or do not match the rows the index found.
   */
  private checkShape(block: ObjectNode, where: string, session: boolean): void {
    if (this.damage !== null) return;
    const data = this.document.child(block, 'data');
    const columns = this.document.child(block, 'columns');
    if (data !== undefined && !isNull(data) && data.kind !== 'array')
      this.damage = `${where}.data is ${describeSlot(data)}, not a list of rows`;
    else if (columns?.kind === 'array') this.columnLists.push({ where, node: columns });
    else if (columns !== undefined && !isNull(columns))
      this.damage = `${where}.columns is ${describeSlot(columns)}, not a list of names`;
    if (this.damage !== null) return;
    const rows = data?.kind === 'array' ? data.count : 0;
    const count = scalarOf(this.document.child(block, 'count'));
    const total = session ? scalarOf(this.document.child(block, 'total_count')) : undefined;
    this.damage = countsProblem(where, { count, total }, rows, this.complete);
  }

  private checkTotal(block: ObjectNode, where: string): void {
    const total = this.document.child(block, 'total_count');
    if (typeof scalarOf(total) === 'number') return;
    const detail =
      total === undefined ? 'no total_count' : `total_count ${describeSlot(total)}, not a number`;
    this.tally.add('no-total', where, detail);
  }

  /** Only rows need columns: without them the tree shows this app's columns for the stream. */
  private checkColumns(block: ObjectNode, where: string): void {
    const data = this.document.child(block, 'data');
    if (data?.kind === 'array' && this.document.child(block, 'columns')?.kind !== 'array')
      this.tally.add('no-columns', where);
  }

  /** `count`, or else the rows of `data` (the index knows how many without reading them). */
  private countRows(block: ObjectNode, where: string): void {
    const countSlot = this.document.child(block, 'count');
    const count = scalarOf(countSlot);
    if (typeof count === 'number') {
      this.rows += count;
      return;
    }
    const data = this.document.child(block, 'data');
    this.rows += data?.kind === 'array' ? data.count : 0;
    this.tally.add(
      'no-count',
      where,
      countSlot === undefined ? 'no count' : `count ${describeSlot(countSlot)}, not a number`,
    );
  }
}

/** Longest `columns` list read to check its names: this app's have at most six short ones. */
const COLUMNS_BYTES = 4096;

/** The first `columns` list that is not a short list of names, as a refusal line; null when all are. */
async function columnsDamage(
  document: ExportDocument,
  lists: readonly { where: string; node: ArrayNode }[],
): Promise<string | null> {
  for (const { where, node } of lists) {
    const bad = `${where}.columns is not a list of names`;
    if (node.end - node.start > COLUMNS_BYTES) return `${bad} (${node.count} items)`;
    const items = await document.small(node);
    if (!items?.every((c) => typeof c === 'string')) return bad;
  }
  return null;
}

export async function summarize(document: ExportDocument, indexMs: number): Promise<Result<ViewerSummary>> {
  const meta = document.child(document.root, '_metadata');
  if (meta?.kind !== 'object') return fail(`${NOT_AN_EXPORT}: it has no _metadata object.`);
  const field = (name: string) => scalarOf(document.child(meta, name));
  const read = readMode(field);
  if (read === undefined) {
    const modeSlot = document.child(meta, 'mode');
    const given = modeSlot === undefined ? 'null' : describeSlot(modeSlot);
    return fail(
      `${NOT_AN_EXPORT}: its mode is ${given}, not "complete" or "delta" (nor given by "complete" / "diff_mode").`,
    );
  }
  const notes: string[] = [];
  const version = versionOf(document.child(meta, 'version'), notes);
  if (read.from !== null) notes.push(modeNote({ ...read, from: read.from }));
  const symbols = symbolsOf(document, notes);
  if (!symbols.ok) return symbols;
  const counter = new StreamCounter(document, read.mode === 'complete');
  if (symbols.value) counter.symbols(symbols.value);
  counter.analysis(document.child(document.root, 'analysis'));
  const damage = counter.damage ?? (await columnsDamage(document, counter.columnLists));
  if (damage !== null) return fail(`The file is damaged: ${damage}.`);
  notes.push(...counter.tally.lines());

  return {
    ok: true,
    value: {
      bytes: document.source.size,
      version,
      mode: read.mode,
      generatedAt: text(field('generated_at')),
      consumer: text(field('consumer')),
      sequence: num(field('sequence')),
      sessionId: num(field('session_id')),
      marketTime: text(field('market_time')),
      symbols: symbols.value?.keys.length ?? 0,
      streams: counter.streams,
      rows: counter.rows,
      notes,
      indexMs: Math.round(indexMs),
      root: await document.entries(document.root),
    },
  };
}
