// Compares two indexed exports, A and B, in the viewer worker (docs/compare.md): the values that differ, the
// keys only one has, and for each stream block the rows B adds beyond A (and, lined up by timestamp, the
// rows at the same time that differ). Only the index is walked; the only bytes read are small lists, long
// strings, the added rows listed (up to the caps) and, by timestamp, the rows where B overlaps A, compared
// as bytes first. Two 100 MB files of one session compare in about the time their objects take to walk.

import type { Result } from '../common/result';
import { shownWord } from '../common/shown-text';
import { defaultColumns } from '../export/contract';
import type {
  CompareLimits,
  CompareResult,
  CompareSide,
  OnlyInOne,
  RowMatch,
  StreamChange,
  ValueChange,
} from './compare-types';
import { cut, type ExportDocument } from './export-document';
import type { ArrayNode, ObjectNode, Slot } from './json-index';
import { isStreamBlock, scalarOf } from './stream-block';
import type { ViewerPath } from './types';

export const COMPARE_LIMITS: CompareLimits = {
  values: 1000,
  only: 500,
  streams: 1000,
  rowsPerStream: 500,
  rows: 5000,
};

/** A list at most this long in bytes is read and compared item by item; a longer one by its size only. */
const SMALL_LIST_BYTES = 64 * 1024;
const PREVIEW_CHARS = 120;
/** Rows read per question (the viewer's page size). */
const READ_ROWS = 1000;
/** The members of a stream block that the stream's entry stands for (not listed as values). */
const STREAM_MEMBERS = new Set(['count', 'total_count', 'data', 'latest']);

const decoder = new TextDecoder();
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

type Scalar = string | number | boolean | null;

function containerPreview(slot: Slot): string {
  if (slot.kind === 'object') return `{${plural(slot.keys.length, 'key')}}`;
  if (slot.kind === 'array') return `[${plural(slot.count, 'item')}]`;
  return cut(slot.text, PREVIEW_CHARS);
}

/** The members of `_metadata` and the sections that say what an export is. */
async function sideOf(document: ExportDocument): Promise<CompareSide> {
  const at = async (path: ViewerPath): Promise<Scalar | undefined> => {
    const slot = await document.resolve(path);
    return slot.ok ? scalarOf(slot.value) : undefined;
  };
  const text = async (path: ViewerPath) => {
    const value = await at(path);
    return typeof value === 'string' ? value : null;
  };
  const number = async (path: ViewerPath) => {
    const value = await at(path);
    return typeof value === 'number' ? value : null;
  };
  const mode = await text(['_metadata', 'mode']);
  return {
    mode: mode === 'complete' || mode === 'delta' ? mode : null,
    consumer: await text(['_metadata', 'consumer']),
    sequence: await number(['_metadata', 'sequence']),
    previousSequence: await number(['_metadata', 'previous_sequence']),
    sessionId: await number(['_metadata', 'session_id']),
    marketTime: await text(['_metadata', 'market_time']),
    generatedAt: await text(['_metadata', 'generated_at']),
    sessionDate: await text(['time_manager', 'current_session', 'date']),
  };
}

interface Block {
  node: ObjectNode;
  /** Rows in the file. */
  rows: number;
  /** Rows the stream held when the export was made. */
  total: number;
  data: ArrayNode | null;
}

function blockOf(document: ExportDocument, node: ObjectNode): Block {
  const count = scalarOf(document.child(node, 'count')) as number;
  const total = scalarOf(document.child(node, 'total_count'));
  const data = document.child(node, 'data');
  const rows = data?.kind === 'array' ? data.count : 0;
  return {
    node,
    rows,
    total: typeof total === 'number' ? total : count,
    data: data?.kind === 'array' ? data : null,
  };
}

/** How one document's row is ordered against the other's: its first column, with the session's date. */
function rowKey(row: unknown, sessionDate: string | null): string | number | null {
  const first = Array.isArray(row) ? row[0] : undefined;
  if (typeof first === 'number') return first;
  if (typeof first !== 'string') return null;
  // Session rows carry the time of day only (section 3.2): the day is the session's.
  return /^\d\d:\d\d/.test(first) && sessionDate !== null ? `${sessionDate}T${first}` : first;
}

const later = (a: string | number, b: string | number) =>
  typeof a === typeof b ? a > b : String(a) > String(b);

export class ExportComparison {
  private readonly values: ValueChange[] = [];
  private valuesTotal = 0;
  private readonly only: OnlyInOne[] = [];
  private onlyInA = 0;
  private onlyInB = 0;
  private notCarried = 0;
  private readonly streams: StreamChange[] = [];
  private streamsTotal = 0;
  private streamsCompared = 0;
  private addedRows = 0;
  private addedStreams = 0;
  private changedRows = 0;
  private rowsListed = 0;
  /** The side that is a delta when the other is complete: what it leaves out is not a difference. */
  private deltaSide: 'a' | 'b' | null = null;
  private match: RowMatch = 'position';
  private sideA: CompareSide | null = null;
  private sideB: CompareSide | null = null;

  constructor(
    private readonly a: ExportDocument,
    private readonly b: ExportDocument,
    private readonly limits: CompareLimits = COMPARE_LIMITS,
    /** Asked between steps (a key, a window of rows): true stops the comparison (`CompareCancelled`). */
    private readonly isCancelled: () => boolean = () => false,
  ) {}

  /** Throws `CompareCancelled` once the caller has cancelled: every step that reads the files asks first. */
  private goOn(): void {
    if (this.isCancelled()) throw new CompareCancelled();
  }

  async run(): Promise<CompareResult> {
    const started = performance.now();
    const a = await sideOf(this.a);
    const b = await sideOf(this.b);
    this.sideA = a;
    this.sideB = b;
    if (a.mode === 'delta' && b.mode !== 'delta') this.deltaSide = 'a';
    if (b.mode === 'delta' && a.mode !== 'delta') this.deltaSide = 'b';
    const starts = await this.starts();
    const sameDay = a.sessionId === b.sessionId && a.sessionDate === b.sessionDate;
    const sameSession = sameDay && starts.a === starts.b;
    this.match = sameSession ? 'position' : 'timestamp';
    await this.objects([], this.a.root, this.b.root);
    return {
      a,
      b,
      sameSession,
      match: this.match,
      notes: this.notes(a, b, sameSession, sameDay ? starts : null),
      values: this.values,
      valuesTotal: this.valuesTotal,
      only: this.only,
      onlyInA: this.onlyInA,
      onlyInB: this.onlyInB,
      notCarried: this.notCarried,
      streams: this.streams,
      streamsTotal: this.streamsTotal,
      streamsCompared: this.streamsCompared,
      addedRows: this.addedRows,
      addedStreams: this.addedStreams,
      changedRows: this.changedRows,
      rowsListed: this.rowsListed,
      limits: this.limits,
      tookMs: Math.round(performance.now() - started),
    };
  }

  /**
   * The `system start` each export was made after: the same session id and date after another start is
   * another run (a restart keeps the session id at 1).
   */
  private async starts(): Promise<{ a: unknown; b: unknown }> {
    const startOf = async (document: ExportDocument) => {
      const slot = await document.resolve(['system_manager', '_start_time']);
      return slot.ok ? scalarOf(slot.value) : undefined;
    };
    return { a: await startOf(this.a), b: await startOf(this.b) };
  }

  /** `starts` is given when the two are the same session id and date (then only the start differs). */
  private notes(
    a: CompareSide,
    b: CompareSide,
    sameSession: boolean,
    starts: { a: unknown; b: unknown } | null,
  ): string[] {
    const notes: string[] = [];
    const lined =
      "rows are lined up by their timestamp, and B's rows later than A's last are counted as added.";
    if (!sameSession && starts !== null)
      notes.push(
        `A and B are from two runs of session ${a.sessionId ?? '?'} on ${a.sessionDate ?? 'no date'} (started ${startText(starts.a)} and ${startText(starts.b)}): ${lined}`,
      );
    else if (!sameSession)
      notes.push(
        `A and B are from different sessions (session ${a.sessionId ?? '?'} on ${a.sessionDate ?? 'no date'}, session ${b.sessionId ?? '?'} on ${b.sessionDate ?? 'no date'}): ${lined}`,
      );
    if (a.consumer !== b.consumer)
      notes.push(`A was made for consumer "${a.consumer ?? '?'}" and B for "${b.consumer ?? '?'}".`);
    const follows =
      sameSession && b.mode === 'delta' && a.consumer === b.consumer && b.previousSequence === a.sequence;
    if (follows)
      notes.push(
        `B is the delta that follows A (#${b.sequence} since #${a.sequence}): its rows are what A lacks.`,
      );
    else if (b.mode === 'delta')
      notes.push(
        `B is a delta${b.previousSequence === null ? '' : ` since #${b.previousSequence}`}: it carries only the rows after its consumer's previous export, and leaves out what did not change.`,
      );
    if (a.mode === 'delta')
      notes.push(
        "A is a delta: it holds only some of its streams' rows; positions in the stream still line up.",
      );
    if (this.deltaSide !== null && this.notCarried > 0)
      notes.push(
        `${plural(this.notCarried, 'key')} of the complete export ${this.notCarried === 1 ? 'is' : 'are'} not in the delta (a delta never carries session_config, historical rows, or what did not change): not counted as differences.`,
      );
    if (a.marketTime !== null && b.marketTime !== null && sameSession && b.marketTime < a.marketTime)
      notes.push(
        `B (market ${b.marketTime}) is earlier than A (market ${a.marketTime}): swap them to see what B adds.`,
      );
    return notes;
  }

  private async walk(path: ViewerPath, slotA: Slot | undefined, slotB: Slot | undefined): Promise<void> {
    if (slotA === undefined || slotB === undefined) return this.onlyOne(path, slotA, slotB);
    if (isStreamBlock(this.a, slotA) && isStreamBlock(this.b, slotB)) return this.stream(path, slotA, slotB);
    if (slotA.kind === 'object' && slotB.kind === 'object') return this.objects(path, slotA, slotB);
    if (slotA.kind === 'array' && slotB.kind === 'array') return this.lists(path, slotA, slotB);
    if (slotA.kind === 'value' && slotB.kind === 'value') return this.scalars(path, slotA, slotB);
    this.changed({ path, a: containerPreview(slotA), b: containerPreview(slotB) });
  }

  private async objects(path: ViewerPath, nodeA: ObjectNode, nodeB: ObjectNode, skip?: Set<string>) {
    const keys = [...new Set([...nodeA.keys, ...nodeB.keys])];
    for (const key of keys) {
      if (skip?.has(key)) continue;
      this.goOn();
      await this.walk([...path, key], this.a.child(nodeA, key), this.b.child(nodeB, key));
    }
  }

  private async onlyOne(path: ViewerPath, slotA: Slot | undefined, slotB: Slot | undefined) {
    const side = slotA === undefined ? 'b' : 'a';
    const slot = (slotA ?? slotB) as Slot;
    const document = side === 'a' ? this.a : this.b;
    // Missing from the delta while the other is complete: the delta did not carry it, nothing more is known.
    if (side !== this.deltaSide && this.deltaSide !== null) {
      this.notCarried++;
      return;
    }
    // A stream block that only one has is listed with the streams (its rows are all B's, or all A's).
    if (isStreamBlock(document, slot))
      return this.stream(path, side === 'a' ? slot : null, side === 'b' ? slot : null);
    if (side === 'a') this.onlyInA++;
    else this.onlyInB++;
    if (this.only.length < this.limits.only) this.only.push({ path, side, preview: containerPreview(slot) });
  }

  private changed(change: ValueChange) {
    this.valuesTotal++;
    if (this.values.length < this.limits.values) this.values.push(change);
  }

  private async scalars(path: ViewerPath, slotA: Slot & { kind: 'value' }, slotB: Slot & { kind: 'value' }) {
    if (!slotA.truncated && !slotB.truncated && slotA.text === slotB.text) return;
    const textA = slotA.truncated ? await this.textOf(this.a, slotA) : slotA.text;
    const textB = slotB.truncated ? await this.textOf(this.b, slotB) : slotB.text;
    const valueA = parse(textA);
    const valueB = parse(textB);
    if (valueA === valueB && valueA !== undefined) return; // 1.0 and 1
    if (textA === textB) return;
    const change: ValueChange = { path, a: cut(textA, PREVIEW_CHARS), b: cut(textB, PREVIEW_CHARS) };
    if (typeof valueA === 'number' && typeof valueB === 'number') {
      change.change = roundChange(valueB - valueA);
      if (valueA !== 0) change.percent = roundChange(((valueB - valueA) / Math.abs(valueA)) * 100);
    }
    this.changed(change);
  }

  private async lists(path: ViewerPath, listA: ArrayNode, listB: ArrayNode) {
    const bytesA = listA.end - listA.start;
    const bytesB = listB.end - listB.start;
    if (bytesA <= SMALL_LIST_BYTES && bytesB <= SMALL_LIST_BYTES) {
      const itemsA = await this.a.small(listA);
      const itemsB = await this.b.small(listB);
      const textA = JSON.stringify(itemsA);
      const textB = JSON.stringify(itemsB);
      if (textA !== textB) this.changed({ path, a: cut(textA, PREVIEW_CHARS), b: cut(textB, PREVIEW_CHARS) });
      return;
    }
    // A long list outside a stream block (none in this app's exports): told apart by its length and size.
    if (listA.count !== listB.count || bytesA !== bytesB)
      this.changed({
        path,
        a: `[${plural(listA.count, 'item')}, ${bytesA} bytes]`,
        b: `[${plural(listB.count, 'item')}, ${bytesB} bytes]`,
      });
  }

  private async textOf(document: ExportDocument, slot: Slot): Promise<string> {
    return decoder.decode(await document.source.read(slot.start, slot.end));
  }

  /** A stream block in A, in B or in both: its other members as values, its rows as the stream's entry. */
  private async stream(path: ViewerPath, nodeA: ObjectNode | null, nodeB: ObjectNode | null) {
    this.streamsCompared++;
    if (nodeA !== null && nodeB !== null) await this.objects(path, nodeA, nodeB, STREAM_MEMBERS);
    const a = nodeA === null ? null : blockOf(this.a, nodeA);
    const b = nodeB === null ? null : blockOf(this.b, nodeB);
    const columns =
      (nodeB === null ? null : await this.b.columnsOf(nodeB)) ??
      (nodeA === null ? null : await this.a.columnsOf(nodeA)) ??
      defaultColumns(String(path.at(-1)));
    const entry: StreamChange = {
      path,
      columns,
      rowsA: a?.rows ?? null,
      rowsB: b?.rows ?? null,
      totalA: a?.total ?? null,
      totalB: b?.total ?? null,
      added: 0,
      notInB: 0,
      onlyInA: 0,
      onlyInBWithin: 0,
      changed: 0,
      rows: [],
      firstRow: null,
    };
    if (b !== null && b.data !== null) {
      // B's file holds stream rows [first, b.total); those past A's are added.
      const first = b.total - b.rows;
      let from: number; // index in B's data of the first added row
      if (a === null) from = 0;
      else if (this.match === 'position') {
        entry.added = Math.max(0, b.total - a.total);
        from = Math.max(0, a.total - first);
        entry.notInB = Math.max(0, Math.min(entry.added, first - a.total));
      } else {
        from = await this.firstLater(path, a, b);
        // B's rows up to A's last may share timestamps with A's: those are compared, not added.
        const overlap = await this.overlapOf(path, a, b, from);
        entry.changed = overlap.changed;
        entry.onlyInBWithin = overlap.onlyInB;
        entry.onlyInA = overlap.onlyInA + (await this.laterThanB(path, a, b));
      }
      const carried = Math.max(0, b.rows - from);
      if (a === null || this.match === 'timestamp') entry.added = carried;
      // Rows are read only for a stream that will be listed: past the streams' cap they are only counted.
      if (this.streams.length < this.limits.streams) entry.rows = await this.readRows(path, from, carried);
      if (this.match === 'position' && entry.rows.length > 0) entry.firstRow = first + from;
    } else if (b !== null && a !== null && this.match === 'position') {
      entry.added = Math.max(0, b.total - a.total);
      entry.notInB = entry.added;
    }
    if (a !== null && b !== null && this.match === 'position') entry.onlyInA = Math.max(0, a.total - b.total);
    if (a !== null && b === null) entry.onlyInA = a.rows;
    const differs =
      entry.added > 0 ||
      entry.onlyInA > 0 ||
      entry.onlyInBWithin > 0 ||
      entry.changed > 0 ||
      a === null ||
      b === null ||
      a.total !== b.total;
    if (!differs) return;
    this.streamsTotal++;
    this.changedRows += entry.changed;
    if (entry.added > 0) {
      this.addedRows += entry.added;
      this.addedStreams++;
    }
    if (this.streams.length < this.limits.streams) this.streams.push(entry);
  }

  /** The first row of B's data later than A's last row (by first column), found by halving. */
  private async firstLater(path: ViewerPath, a: Block, b: Block): Promise<number> {
    if (a.rows === 0) return 0;
    const keyA = await this.keyAt(this.a, path, a.rows - 1);
    if (keyA === null) return 0;
    return this.firstWhere(this.b, path, b.rows, (key) => later(key, keyA));
  }

  /** Rows of A's data later than B's last row: A goes on after B stops. 0 when B carries no row. */
  private async laterThanB(path: ViewerPath, a: Block, b: Block): Promise<number> {
    if (b.rows === 0 || a.rows === 0) return 0;
    const keyB = await this.keyAt(this.b, path, b.rows - 1);
    if (keyB === null) return 0;
    return a.rows - (await this.firstWhere(this.a, path, a.rows, (key) => later(key, keyB)));
  }

  /**
   * B's rows [0, end) (those not later than A's last) against A's over the span both cover: how many differ
   * from A's row at the same timestamp, and how many rows of either are at a timestamp the other lacks (a
   * minute one run has and the other has not). The two are walked side by side from B's first timestamp
   * (found in A by halving), as the bytes the files hold them in: two rows of the same bytes are the same
   * row at the same time, so only rows whose bytes differ are parsed, and compared as values (another
   * layout, `1.0`, is no difference). Rows that share a timestamp (ticks in the same millisecond) pair in
   * order. A's rows later than B's last are not counted here (`laterThanB` does).
   */
  private async overlapOf(path: ViewerPath, a: Block, b: Block, end: number): Promise<Overlap> {
    const none: Overlap = { changed: 0, onlyInA: 0, onlyInB: 0 };
    if (end === 0 || a.rows === 0 || a.data === null || b.data === null) return none;
    const first = await this.b.rows([...path, 'data'], 0, 1);
    const dateA = this.sideA?.sessionDate ?? null;
    const dateB = this.sideB?.sessionDate ?? null;
    const firstRow = first.ok ? first.value.rows[0] : undefined;
    const firstB = rowKey(firstRow, dateB);
    if (firstB === null) return none;
    const startA = await this.firstWhere(this.a, path, a.rows, (key) => !later(firstB, key));
    // The same bytes are the same time unless the key takes each export's own date (a time of day).
    const bytesTellTime = dateA === dateB || rowKey(firstRow, dateA) === firstB;
    const rowsA = new RowBytes(this.a.source, a.data);
    const rowsB = new RowBytes(this.b.source, b.data);
    let changed = 0;
    let onlyInA = 0;
    let onlyInB = 0;
    let i = startA;
    let j = 0;
    while (i < a.rows && j < end) {
      if (!rowsA.holds(i)) {
        this.goOn();
        await rowsA.load(i);
      }
      if (!rowsB.holds(j)) {
        this.goOn();
        await rowsB.load(j);
      }
      const bytesA = rowsA.row(i);
      const bytesB = rowsB.row(j);
      if (bytesTellTime && sameBytes(bytesA, bytesB)) {
        i++;
        j++;
        continue;
      }
      const rowA = rowsA.value(i);
      const rowB = rowsB.value(j);
      const keyA = rowKey(rowA, dateA);
      const keyB = rowKey(rowB, dateB);
      // A damaged row, or one without a timestamp, ends the walk: the rows before it were compared.
      if (keyA === null || keyB === null) return { changed, onlyInA, onlyInB };
      if (later(keyB, keyA)) {
        onlyInA++;
        i++;
      } else if (later(keyA, keyB)) {
        onlyInB++;
        j++;
      } else {
        if (!sameRow(rowA, rowB)) changed++;
        i++;
        j++;
      }
    }
    // B's rows left are not later than A's last, which has passed: A lacks their timestamps. A's rows left
    // are inside the span when B goes on past A's last; else they are later than B's last (`laterThanB`).
    onlyInB += end - j;
    if (end < b.rows) onlyInA += a.rows - i;
    return { changed, onlyInA, onlyInB };
  }

  /** The key of row `i` of a stream block's data (its first column, with the export's session date). */
  private async keyAt(document: ExportDocument, path: ViewerPath, i: number) {
    const row = await document.rows([...path, 'data'], i, 1);
    const date = (document === this.a ? this.sideA : this.sideB)?.sessionDate ?? null;
    return row.ok ? rowKey(row.value.rows[0], date) : null;
  }

  /** The first of `rows` rows whose key `is` (false up to some row, true from it on), found by halving. */
  private async firstWhere(
    document: ExportDocument,
    path: ViewerPath,
    rows: number,
    is: (key: string | number) => boolean,
  ): Promise<number> {
    let low = 0;
    let high = rows;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const key = await this.keyAt(document, path, middle);
      if (key !== null && is(key)) high = middle;
      else low = middle + 1;
    }
    return low;
  }

  /** Up to the caps, `count` rows of B's data from `from`. */
  private async readRows(path: ViewerPath, from: number, count: number): Promise<unknown[]> {
    const wanted = Math.min(count, this.limits.rowsPerStream, this.limits.rows - this.rowsListed);
    const rows: unknown[] = [];
    while (rows.length < wanted) {
      this.goOn();
      const page = await this.b.rows(
        [...path, 'data'],
        from + rows.length,
        Math.min(READ_ROWS, wanted - rows.length),
      );
      if (!page.ok || page.value.rows.length === 0) break; // a damaged row: the rows before it are listed
      rows.push(...page.value.rows);
    }
    this.rowsListed += rows.length;
    return rows;
  }
}

/**
 * An array's items as the bytes the file holds them in, read a window of rows at a time; parsed only when
 * a row's value is asked for, the window at once (one JSON.parse of its text costs less than one a row).
 */
class RowBytes {
  private bytes: Uint8Array = new Uint8Array(0);
  private values: unknown[] | null = null;
  private base = 0;
  private from = 0;
  private to = 0;

  constructor(
    private readonly source: ExportDocument['source'],
    private readonly array: ArrayNode,
  ) {}

  holds(i: number): boolean {
    return i >= this.from && i < this.to;
  }

  /** Reads the window of rows that starts at `i`. */
  async load(i: number): Promise<void> {
    this.from = i;
    this.to = Math.min(this.array.count, i + READ_ROWS);
    this.base = this.array.starts[i] as number;
    this.bytes = await this.source.read(this.base, this.endOf(this.to - 1));
    this.values = null;
  }

  /** Item `i` (in the window read) parsed; undefined when its bytes are not JSON (a damaged file). */
  value(i: number): unknown {
    if (this.values === null) {
      const window = parseRow(this.bytes, true);
      this.values = Array.isArray(window) && window.length === this.to - this.from ? window : [];
    }
    // A window that does not parse as a whole (a damaged row in it) is parsed a row at a time.
    return this.values.length > 0 ? this.values[i - this.from] : parseRow(this.row(i));
  }

  /** Item `i` (in the window read), without the separator after it. */
  row(i: number): Uint8Array {
    const start = (this.array.starts[i] as number) - this.base;
    return withoutSeparator(this.bytes.subarray(start, this.endOf(i) - this.base));
  }

  private endOf(i: number): number {
    return i + 1 < this.array.count ? (this.array.starts[i + 1] as number) : this.array.end - 1;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** A row's bytes parsed (or a window's rows, as a list); undefined when they are not JSON (a damaged file). */
function parseRow(bytes: Uint8Array, list = false): unknown {
  try {
    const text = decoder.decode(list ? withoutSeparator(bytes) : bytes);
    return JSON.parse(list ? `[${text}]` : text) as unknown;
  } catch {
    return undefined;
  }
}

/** `bytes` without the separator (`,` and whitespace) after its last item. */
function withoutSeparator(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && ((bytes[end - 1] as number) === 0x2c || (bytes[end - 1] as number) <= 0x20)) end--;
  return bytes.subarray(0, end);
}

/** Two parsed rows hold the same values: a row of scalars cell by cell, anything else as JSON. */
function sameRow(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x: unknown = a[k];
    const y: unknown = b[k];
    if (x !== y && (typeof x !== 'object' || JSON.stringify(x) !== JSON.stringify(y))) return false;
  }
  return true;
}

function parse(text: string): Scalar | undefined {
  try {
    return JSON.parse(text) as Scalar;
  } catch {
    return undefined;
  }
}

/** B − A without the float noise of the subtraction (0.1 + 0.2), to 10 significant digits. */
function roundChange(n: number): number {
  return Number.parseFloat(n.toPrecision(10));
}

/** Thrown inside a comparison its caller cancelled; `compareExports` answers it as a failure. */
class CompareCancelled extends Error {}

const COMPARE_CANCELLED = 'The comparison was cancelled.';

/** What differs between A and B; cancelled (`isCancelled` true between steps), a failure that says so. */
export async function compareExports(
  a: ExportDocument,
  b: ExportDocument,
  limits?: Partial<CompareLimits>,
  isCancelled?: () => boolean,
): Promise<Result<CompareResult>> {
  try {
    return {
      ok: true,
      value: await new ExportComparison(a, b, { ...COMPARE_LIMITS, ...limits }, isCancelled).run(),
    };
  } catch (error) {
    if (error instanceof CompareCancelled) return { ok: false, error: COMPARE_CANCELLED };
    throw error;
  }
}

/** What the walk over the span two exports' rows both cover found (`ExportComparison.overlapOf`). */
interface Overlap {
  changed: number;
  onlyInA: number;
  onlyInB: number;
}

/** A start time as the export wrote it, cut short and escaped; "at an unknown time" when it has none. */
function startText(start: unknown): string {
  return start === undefined || start === null ? 'at an unknown time' : shownWord(String(start));
}
