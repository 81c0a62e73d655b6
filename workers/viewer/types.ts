// Plain data that crosses between the viewer worker and the UI (the UI imports these with `import type`).

import type { ExportMode } from '../export/contract';

/** Where a node is: object keys as strings, array positions as numbers. `[]` is the document itself. */
export type ViewerPath = readonly (string | number)[];

export type EntryKind = 'object' | 'array' | 'value';

/** One child of an object or array, as the tree shows it before it is opened. */
export interface ViewerEntry {
  /** The key in its object, or the position in its array as a number. */
  key: string | number;
  kind: EntryKind;
  /** Keys of an object, elements of an array, or bytes of a value's JSON text. */
  size: number;
  /** A short text: a value's JSON (cut with `…` when long), an object's keys, a small array's items. */
  preview: string;
  /** A scalar's value, when it is short enough to be kept whole. */
  value?: string | number | boolean | null;
  /** An object that has a numeric `count` (a stream block): its `count` and, if present, `total_count`. */
  counts?: { count: number; total?: number };
  /**
   * An array whose object also has `columns` (a stream's `data`): the names of its row fields. A stream
   * block that names none (the original's) gets this app's columns for that stream (section 11.2).
   */
  columns?: string[];
}

export interface ViewerSummary {
  /** Size of the file in bytes. */
  bytes: number;
  /** `_metadata.version` when it is text; another version than 2.x, or none, is read all the same. */
  version: string | null;
  mode: ExportMode;
  generatedAt: string | null;
  consumer: string | null;
  sequence: number | null;
  sessionId: number | null;
  marketTime: string | null;
  symbols: number;
  /**
   * Stream blocks (session, historical, indicator series, and the analysis section's signals, orders and
   * equity) and the rows they carry in this file.
   */
  streams: number;
  rows: number;
  /**
   * What the file held that could not be used, or had to be assumed (an unknown version, a mode from the
   * original's flags, blocks without `total_count` or `columns`, `null` sections), one short line per
   * kind, with how many places had it.
   */
  notes: string[];
  /** How long reading and indexing took in the worker. */
  indexMs: number;
  /** The document's top-level entries, so the tree can show them without another call. */
  root: ViewerEntry[];
}

export interface OpenedExport {
  id: string;
  summary: ViewerSummary;
}

export interface OpenProgress {
  bytesRead: number;
  bytesTotal: number;
}

/** A page of an array's elements: rows come back as plain arrays. */
export interface RowPage {
  offset: number;
  /** Elements in the whole array. */
  total: number;
  rows: unknown[];
}

/** The most rows (or children) one call returns. */
export const MAX_PAGE = 1000;

/** One place a search matched: a key (the path ends at it) or a scalar value. */
export interface SearchMatch {
  path: ViewerPath;
  where: 'key' | 'value';
  /** The key or the value's text, cut short when long. */
  text: string;
}

export interface SearchResult {
  query: string;
  /** Every match in what was searched; `matches` holds the first of them (up to the cap). */
  total: number;
  matches: SearchMatch[];
}

/** A node's JSON text as written in the file, cut at a size limit. */
export interface ValueText {
  text: string;
  /** The node's whole size in bytes. */
  bytes: number;
  /** `text` holds only the first bytes (the node is larger than the limit asked for). */
  truncated: boolean;
  /**
   * Bytes of `text` in UTF-8: the limit, or a little less when the cut fell inside a character (a text is
   * cut between characters, never inside one, so an emoji is never split into a broken half).
   */
  shown: number;
}

/** Copy value's limit: a larger node is copied cut short, with a note. */
export const MAX_VALUE_TEXT = 1_000_000;

/** The raw view's limit: a larger node's pretty text is shown cut short, with a note. */
export const MAX_RAW_TEXT = 1_000_000;

/**
 * A node's text as the raw view shows it: the file's own bytes re-indented by two spaces (numbers and
 * strings exactly as written), lists of a few scalars kept on one line. `bytes` is the node's size in the
 * file; `shown` the size of `text`.
 */
export type RawText = ValueText;

/** How a rows table is sorted: by one column (its position in a row), one way. */
export interface RowSort {
  column: number;
  direction: 'ascending' | 'descending';
}

/** What a rows table shows of an array: every row in file order, or sorted, or filtered (see row-filter.ts). */
export interface RowQuery {
  sort?: RowSort;
  /** Text found in any cell, or conditions `column op value` joined by `and`; blank is no filter. */
  filter?: string;
  /** The names of the row's fields, as the table shows them (a filter names its columns by these). */
  columns?: string[];
}

/** A page of an array's rows in a query's order. */
export interface RowViewPage extends RowPage {
  /** Each row's position in the file's array (the table's `#`). */
  indices: number[];
  /** Rows in the whole array; `total` counts those the filter keeps. */
  all: number;
}
