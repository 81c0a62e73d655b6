// Answers the tree's questions about one indexed export: what a node's children are, and a page of an
// array's rows. Only the bytes a question needs are read from the file, and only those are parsed.

import type { Result } from '../common/result';
import { defaultColumns, rowProblem } from '../export/contract';
import type { ByteSource } from './byte-source';
import { type ArrayNode, indexJson, type ObjectNode, type Slot, type ValueSlot } from './json-index';
import { prettyText, utf8Cut } from './raw-text';
import { readFilter } from './row-filter';
import { buildOrder, runsOf } from './row-view';
import { MAX_SEARCH_MATCHES, queryProblem, searchIndex } from './search';
import { scalarOf } from './stream-block';
import {
  MAX_PAGE,
  MAX_RAW_TEXT,
  MAX_VALUE_TEXT,
  type RawText,
  type RowPage,
  type RowQuery,
  type RowViewPage,
  type SearchResult,
  type ValueText,
  type ViewerEntry,
  type ViewerPath,
} from './types';

/** Arrays at most this long in bytes are read to show their items as a preview (`columns`, `dates`). */
const SMALL_ARRAY_BYTES = 600;
const PREVIEW_CHARS = 120;
/** Objects with more keys than this get a map from key to slot, built the first time one is looked up. */
const KEY_MAP_FROM = 24;
/** Sorted or filtered orders kept per array (4 bytes a row each). */
const KEPT_ORDERS = 4;

const decoder = new TextDecoder();
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/** `session_data.symbols.RIVN.session.data.1m`, `session_config.historical.data[0]`; `the document` for []. */
export function describePath(path: ViewerPath): string {
  if (path.length === 0) return 'the document';
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text;
}

/** The stream a path leads to (`session_data.symbols.<S>.session.data.<stream>`, or `historical`), or null. */
function streamOf(path: ViewerPath): string | null {
  const [top, symbols, , part, data, stream] = path;
  const isBlock =
    path.length === 6 &&
    top === 'session_data' &&
    symbols === 'symbols' &&
    (part === 'session' || part === 'historical') &&
    data === 'data';
  return isBlock && typeof stream === 'string' ? stream : null;
}

/** Whether `path` leads to an indicator's series block (section 9.1), whose rows are checked like a stream's. */
function isSeriesBlock(path: ViewerPath): boolean {
  const [top, symbols, , part, , series] = path;
  return (
    path.length === 6 &&
    top === 'session_data' &&
    symbols === 'symbols' &&
    part === 'indicators' &&
    series === 'series'
  );
}

function isPath(value: unknown): value is ViewerPath {
  return (
    Array.isArray(value) &&
    value.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s) && s >= 0))
  );
}

export function cut(text: string, max = PREVIEW_CHARS): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Drops the separator (`,` and whitespace) that follows an element up to the next one. */
function trimSeparator(text: string): string {
  return text.replace(/\s*,?\s*$/, '');
}

export class ExportDocument {
  private readonly keyMaps = new WeakMap<ObjectNode, Map<string, number>>();
  private readonly elements = new WeakMap<ArrayNode, Map<number, Slot>>();
  /** Row orders of sorted or filtered tables, per array, by query. */
  private readonly orders = new WeakMap<ArrayNode, Map<string, Uint32Array>>();
  /**
   * The table's latest scan, per array: one started for another query stops it between slices (its answer
   * would be dropped), and the same query asked again meanwhile (two pages at once) waits for it.
   */
  private readonly scans = new WeakMap<ArrayNode, { key: string; answer: Promise<Result<Uint32Array>> }>();

  constructor(
    readonly source: ByteSource,
    readonly root: ObjectNode,
  ) {}

  /** The slot under `key`, or undefined. Later duplicates win, as in `JSON.parse`. */
  child(node: ObjectNode, key: string): Slot | undefined {
    if (node.keys.length <= KEY_MAP_FROM) {
      const at = node.keys.lastIndexOf(key);
      return at < 0 ? undefined : node.slots[at];
    }
    let map = this.keyMaps.get(node);
    if (!map) {
      map = new Map(node.keys.map((k, i) => [k, i]));
      this.keyMaps.set(node, map);
    }
    const at = map.get(key);
    return at === undefined ? undefined : node.slots[at];
  }

  /** The node at `path`, reading and indexing an array element the first time a path goes through it. */
  async resolve(path: unknown): Promise<Result<Slot>> {
    if (!isPath(path)) return fail('A path is a list of keys (strings) and positions (whole numbers).');
    let slot: Slot = this.root;
    for (let depth = 0; depth < path.length; depth++) {
      const step = path[depth] as string | number;
      const here = describePath(path.slice(0, depth));
      if (slot.kind === 'object') {
        const next: Slot | undefined = typeof step === 'string' ? this.child(slot, step) : undefined;
        if (next === undefined) return fail(`There is no "${step}" in ${here}.`);
        slot = next;
      } else if (slot.kind === 'array') {
        if (typeof step !== 'number' || step >= slot.count) {
          const items = slot.count === 1 ? 'item' : 'items';
          return fail(`${here} has ${slot.count} ${items}: there is no item ${JSON.stringify(step)}.`);
        }
        const element = await this.element(slot, step);
        if (!element.ok) return element;
        slot = element.value;
      } else return fail(`${here} is a single value: it has no "${step}".`);
    }
    return { ok: true, value: slot };
  }

  /** The children of the object or array at `path`: every key of an object, a page of an array's items. */
  async children(path: unknown, offset = 0, limit = MAX_PAGE): Promise<Result<ViewerEntry[]>> {
    const slot = await this.resolve(path);
    if (!slot.ok) return slot;
    const node = slot.value;
    if (node.kind === 'value')
      return fail(`${describePath(path as ViewerPath)} is a single value, not a list.`);
    if (node.kind === 'object')
      return { ok: true, value: await this.entries(node, streamOf(path as ViewerPath)) };
    const range = pageRange(node.count, offset, limit);
    if (!range.ok) return range;
    const entries: ViewerEntry[] = [];
    for (let i = range.value.from; i < range.value.to; i++) {
      const element = await this.element(node, i);
      if (!element.ok) return element;
      entries.push(await this.entry(i, element.value, null));
    }
    return { ok: true, value: entries };
  }

  /** Items `offset` to `offset + limit` of the array at `path`, parsed: rows come back as plain arrays. */
  async rows(path: unknown, offset: number, limit: number): Promise<Result<RowPage>> {
    const slot = await this.resolve(path);
    if (!slot.ok) return slot;
    const node = slot.value;
    if (node.kind !== 'array') return fail(`${describePath(path as ViewerPath)} is not a list of rows.`);
    const range = pageRange(node.count, offset, limit);
    if (!range.ok) return range;
    const { from, to } = range.value;
    const rows = await this.readRows(node, path as ViewerPath, from, to);
    return rows.ok ? { ok: true, value: { offset: from, total: node.count, rows: rows.value } } : rows;
  }

  /**
   * A page of the array at `path` sorted and filtered as `query` asks, over the whole array (see
   * row-view.ts). The order is worked out once per query and kept for the next pages.
   */
  async rowView(path: unknown, query: RowQuery, offset: number, limit: number): Promise<Result<RowViewPage>> {
    const slot = await this.resolve(path);
    if (!slot.ok) return slot;
    const node = slot.value;
    if (node.kind !== 'array') return fail(`${describePath(path as ViewerPath)} is not a list of rows.`);
    const order = await this.orderOf(node, path as ViewerPath, query);
    if (!order.ok) return order;
    const all = node.count;
    const total = order.value === null ? all : order.value.length;
    const range = pageRange(total, offset, limit);
    if (!range.ok) return range;
    const { from, to } = range.value;
    if (order.value === null) {
      const read = await this.readRows(node, path as ViewerPath, from, to);
      if (!read.ok) return read;
      const indices = Array.from({ length: to - from }, (_, k) => from + k);
      return { ok: true, value: { offset, total, all, rows: read.value, indices } };
    }
    // Sorted rows lie scattered in the file, a run or so each: they are read without the damage check,
    // which the scan that ordered them already made of every row (buildOrder reads through readRows).
    const indices = Array.from(order.value.subarray(from, to));
    const rows: unknown[] = new Array(indices.length);
    for (const run of runsOf(indices)) {
      const read = await this.readRows(node, path as ViewerPath, run.from, run.to, false);
      if (!read.ok) return read;
      for (let k = 0; k < read.value.length; k++) rows[run.at + k] = read.value[k];
    }
    return { ok: true, value: { offset, total, all, rows, indices } };
  }

  /**
   * Rows `from` to `to` of an indexed array, parsed, and checked against their stream block's columns unless
   * `check` is false (rows a scan has checked already).
   */
  private async readRows(
    node: ArrayNode,
    path: ViewerPath,
    from: number,
    to: number,
    check = true,
  ): Promise<Result<unknown[]>> {
    if (from === to) return { ok: true, value: [] };
    const start = node.starts[from] as number;
    const end = to < node.count ? (node.starts[to] as number) : node.end - 1;
    const text = decoder.decode(await this.source.read(start, end));
    let rows: unknown[];
    try {
      rows = JSON.parse(`[${trimSeparator(text)}]`) as unknown[];
      if (rows.length !== to - from) throw new Error('row count');
    } catch {
      return fail(
        `The file is damaged: items ${from + 1}-${to} of ${describePath(path)} are not valid JSON (bytes ${start}-${end}).`,
      );
    }
    const damage = check ? await this.rowsDamage(path, from, rows) : null;
    if (damage !== null) return fail(`The file is damaged: ${damage}.`);
    return { ok: true, value: rows };
  }

  /**
   * The positions of the rows a query shows, in its order; null for every row in file order. Kept for the
   * last few queries, so paging through a sorted table reads only its pages.
   */
  private async orderOf(
    node: ArrayNode,
    path: ViewerPath,
    query: RowQuery,
  ): Promise<Result<Uint32Array | null>> {
    if (typeof query !== 'object' || query === null) return fail('A row query is an object.');
    const columns = Array.isArray(query.columns) ? query.columns.filter((c) => typeof c === 'string') : [];
    const filter = readFilter(query.filter ?? '', columns);
    if (!filter.ok) return filter;
    const sort = query.sort ?? null;
    if (
      sort !== null &&
      (!Number.isInteger(sort.column) ||
        sort.column < 0 ||
        (sort.direction !== 'ascending' && sort.direction !== 'descending'))
    )
      return fail(
        'A sort names a column by its position (a whole number) and a direction (ascending or descending).',
      );
    if (filter.value === null && sort === null) return { ok: true, value: null };
    const key = JSON.stringify([path, sort, (query.filter ?? '').trim(), columns]);
    const cached = this.orders.get(node)?.get(key);
    if (cached) return { ok: true, value: cached };
    const scanned = {
      count: node.count,
      startOf: (i: number) => (i < node.count ? (node.starts[i] as number) : node.end - 1),
    };
    const running = this.scans.get(node);
    if (running?.key === key) return running.answer;
    // Set as the latest before it starts (it asks at once whether it still is); its answer is set next.
    const scan = { key, answer: Promise.resolve<Result<Uint32Array>>(fail('Not scanned yet.')) };
    this.scans.set(node, scan);
    scan.answer = buildOrder(
      scanned,
      (from, to) => this.readRows(node, path, from, to),
      filter.value,
      sort,
      () => this.scans.get(node) !== scan,
    );
    const built = await scan.answer;
    if (this.scans.get(node) === scan) this.scans.delete(node);
    if (!built.ok) return built;
    let kept = this.orders.get(node);
    if (!kept) {
      kept = new Map();
      this.orders.set(node, kept);
    }
    kept.set(key, built.value);
    // The oldest orders go first (a Map keeps its keys in the order they were set).
    for (const old of kept.keys()) if (kept.size > KEPT_ORDERS) kept.delete(old);
    return { ok: true, value: built.value };
  }

  /** Paths whose key or value holds `query` (see search.ts for what is searched). */
  async search(query: unknown, limit = MAX_SEARCH_MATCHES): Promise<Result<SearchResult>> {
    const problem = queryProblem(query);
    if (problem !== null) return fail(problem);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_MATCHES)
      return fail(`The limit must be a whole number from 1 to ${MAX_SEARCH_MATCHES}; got ${limit}.`);
    return { ok: true, value: await searchIndex(this, query as string, limit) };
  }

  /** The JSON text of the node at `path`, as the file has it: its first `limit` bytes when it is larger. */
  async valueText(path: unknown, limit = MAX_VALUE_TEXT): Promise<Result<ValueText>> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_VALUE_TEXT)
      return fail(`The limit must be a whole number from 1 to ${MAX_VALUE_TEXT}; got ${limit}.`);
    const slot = await this.resolve(path);
    if (!slot.ok) return slot;
    const { start, end } = slot.value;
    const bytes = end - start;
    const truncated = bytes > limit;
    // One byte more than the limit is read, to see whether the cut falls inside a character.
    const read = await this.source.read(start, truncated ? start + limit + 1 : end);
    const shown = truncated ? utf8Cut(read, limit) : read.length;
    return { ok: true, value: { text: decoder.decode(read.subarray(0, shown)), bytes, truncated, shown } };
  }

  /** The raw view's text of the node at `path`: its bytes re-indented, cut at `limit` bytes (raw-text.ts). */
  async rawText(path: unknown, limit = MAX_RAW_TEXT): Promise<Result<RawText>> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RAW_TEXT)
      return fail(`The limit must be a whole number from 1 to ${MAX_RAW_TEXT}; got ${limit}.`);
    const slot = await this.resolve(path);
    if (!slot.ok) return slot;
    const { start, end } = slot.value;
    const pretty = await prettyText(this.source, start, end, limit);
    return { ok: true, value: { ...pretty, bytes: end - start } };
  }

  /**
   * When `path` is a stream block's `data`, the first of `rows` (from row `from`) that is not a list of
   * plain values as wide as the block's columns (section 11.2, item 8); null otherwise. Rows are checked
   * as they are read: opening a file indexes them without reading them.
   */
  private async rowsDamage(path: ViewerPath, from: number, rows: readonly unknown[]): Promise<string | null> {
    const blockPath = path.slice(0, -1);
    const stream = streamOf(blockPath);
    if ((stream === null && !isSeriesBlock(blockPath)) || path.at(-1) !== 'data') return null;
    const block = await this.resolve(blockPath);
    if (!block.ok || block.value.kind !== 'object') return null;
    // A series names its outputs; without columns its width is not known, and its rows are shown as they are.
    const columns = (await this.columnsOf(block.value)) ?? (stream === null ? null : defaultColumns(stream));
    if (columns === null) return null;
    const width = columns.length;
    const where = describePath(blockPath);
    for (const [i, row] of rows.entries()) {
      const problem = rowProblem(where, from + i, row, width);
      if (problem) return problem;
    }
    return null;
  }

  /** Element `i` of an indexed array, read from the file and indexed on its own the first time. */
  private async element(array: ArrayNode, i: number): Promise<Result<Slot>> {
    let cache = this.elements.get(array);
    const cached = cache?.get(i);
    if (cached) return { ok: true, value: cached };
    const start = array.starts[i] as number;
    const end = i + 1 < array.count ? (array.starts[i + 1] as number) : array.end - 1;
    const bytes = await this.source.read(start, end);
    let length = bytes.length;
    // Trailing separator: whitespace and one comma.
    while (length > 0 && (bytes[length - 1] === 0x2c || (bytes[length - 1] as number) <= 0x20)) length--;
    const indexed = indexJson(bytes.subarray(0, length), start);
    if (!indexed.ok)
      return fail(`The file is damaged at byte ${indexed.error.offset}: ${indexed.error.message}.`);
    if (!cache) {
      cache = new Map();
      this.elements.set(array, cache);
    }
    cache.set(i, indexed.root);
    return { ok: true, value: indexed.root };
  }

  /**
   * The entries of an object, as the tree lists them. `stream` names the stream when the object is a
   * stream block: if it names no columns, its rows get this app's columns for that stream.
   */
  async entries(node: ObjectNode, stream: string | null = null): Promise<ViewerEntry[]> {
    const columns = (await this.columnsOf(node)) ?? (stream === null ? null : defaultColumns(stream));
    const entries: ViewerEntry[] = [];
    for (let i = 0; i < node.keys.length; i++) {
      const key = node.keys[i] as string;
      entries.push(await this.entry(key, node.slots[i] as Slot, key === 'data' ? columns : null));
    }
    return entries;
  }

  private async entry(key: string | number, slot: Slot, columns: string[] | null): Promise<ViewerEntry> {
    if (slot.kind === 'value') return valueEntry(key, slot);
    if (slot.kind === 'object') {
      const entry: ViewerEntry = {
        key,
        kind: 'object',
        size: slot.keys.length,
        preview: cut(slot.keys.join(', ')),
      };
      const count = scalarOf(this.child(slot, 'count'));
      const total = scalarOf(this.child(slot, 'total_count'));
      if (typeof count === 'number') entry.counts = typeof total === 'number' ? { count, total } : { count };
      return entry;
    }
    const entry: ViewerEntry = { key, kind: 'array', size: slot.count, preview: '' };
    if (slot.end - slot.start <= SMALL_ARRAY_BYTES) {
      const items = await this.small(slot);
      if (items) entry.preview = cut(JSON.stringify(items));
    }
    if (columns) entry.columns = columns;
    return entry;
  }

  /** A short array's items, parsed; null if it does not parse. */
  async small(slot: ArrayNode): Promise<unknown[] | null> {
    try {
      return JSON.parse(decoder.decode(await this.source.read(slot.start, slot.end))) as unknown[];
    } catch {
      return null;
    }
  }

  /** The `columns` of a stream block: a short array of strings. */
  async columnsOf(node: ObjectNode): Promise<string[] | null> {
    const slot = this.child(node, 'columns');
    if (slot?.kind !== 'array' || slot.end - slot.start > SMALL_ARRAY_BYTES) return null;
    const items = await this.small(slot);
    return items?.every((c) => typeof c === 'string') ? (items as string[]) : null;
  }
}

/** Rows `offset` to `offset + limit` of `total`, checked: a page asked for by the page. */
function pageRange(total: number, offset: number, limit: number): Result<{ from: number; to: number }> {
  if (!Number.isInteger(offset) || offset < 0 || offset > total)
    return fail(`The offset must be a whole number from 0 to ${total}; got ${offset}.`);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE)
    return fail(`The limit must be a whole number from 1 to ${MAX_PAGE}; got ${limit}.`);
  return { ok: true, value: { from: offset, to: Math.min(total, offset + limit) } };
}

function valueEntry(key: string | number, slot: ValueSlot): ViewerEntry {
  const entry: ViewerEntry = {
    key,
    kind: 'value',
    size: slot.end - slot.start,
    preview: slot.truncated ? `${slot.text.slice(0, PREVIEW_CHARS - 1)}…` : cut(slot.text),
  };
  const value = scalarOf(slot);
  if (value !== undefined) entry.value = value;
  return entry;
}
