// Plain data of a comparison of two exports (the viewer worker's `compare` verb; the UI imports these with
// `import type`). What is compared, and the caps, are explained in docs/compare.md.

import type { ExportMode } from '../export/contract';
import type { ViewerPath } from './types';

/** One scalar (or small list) whose value is not the same in A and B. */
export interface ValueChange {
  path: ViewerPath;
  /** The value's JSON text in A and in B, cut short when long (`{3 keys}`, `[12 items]` for a container). */
  a: string;
  b: string;
  /** Both numbers: B − A. */
  change?: number;
  /** Both numbers and A not 0: the change in percent of |A|. */
  percent?: number;
}

/** A key that one export has and the other has not. */
export interface OnlyInOne {
  path: ViewerPath;
  side: 'a' | 'b';
  /** What is there: the value's JSON text, or `{3 keys}`, `[12 items]`. */
  preview: string;
}

/** How rows of B were lined up with A's: by position in the stream, or by their first column. */
export type RowMatch = 'position' | 'timestamp';

/** A stream block (a row table) whose rows differ between A and B, or that only one of them has. */
export interface StreamChange {
  path: ViewerPath;
  /** The row fields, from B's block (A's when only A has it). */
  columns: string[];
  /** Rows in each file (`count`), null when that export has no such block. */
  rowsA: number | null;
  rowsB: number | null;
  /** Rows the stream held at each export (`total_count`, or `count` for a block without it). */
  totalA: number | null;
  totalB: number | null;
  /** Rows B adds beyond A (every row of B's when A has no such block). */
  added: number;
  /** Of `added`, the rows B's file does not carry (a delta that starts after A's last row). */
  notInB: number;
  /**
   * Rows A holds beyond B's (A is the later export of the two); lined up by timestamp, A's rows later than
   * B's last row, and A's rows inside the span both cover at a timestamp B lacks.
   */
  onlyInA: number;
  /**
   * Lined up by timestamp: B's rows inside the span both cover (not later than A's last) at a timestamp A
   * lacks. Not among `added` or `rows`, which are B's rows later than A's last. Always 0 by position.
   */
  onlyInBWithin: number;
  /**
   * Lined up by timestamp: rows at a timestamp both files hold whose values differ (rows the same but for
   * their layout do not). Always 0 by position: within a session a row never changes.
   */
  changed: number;
  /** The first added rows that B carries (up to the cap), in stream order. */
  rows: unknown[];
  /** The stream position of `rows[0]` (0 for the first row of the stream), when rows are lined up by position. */
  firstRow: number | null;
}

/** What each export says it is, read from its `_metadata` and sections. */
export interface CompareSide {
  mode: ExportMode | null;
  consumer: string | null;
  sequence: number | null;
  previousSequence: number | null;
  sessionId: number | null;
  marketTime: string | null;
  generatedAt: string | null;
  sessionDate: string | null;
}

export interface CompareLimits {
  values: number;
  only: number;
  streams: number;
  rowsPerStream: number;
  rows: number;
}

export interface CompareResult {
  a: CompareSide;
  b: CompareSide;
  /** Same session (same session id, trading day and start time): rows are lined up by position. */
  sameSession: boolean;
  match: RowMatch;
  /** One line each: how the two relate (B follows A, different sessions, B earlier than A, ...). */
  notes: string[];
  values: ValueChange[];
  /** Every value that differs (the list holds the first `limits.values`). */
  valuesTotal: number;
  only: OnlyInOne[];
  onlyInA: number;
  onlyInB: number;
  /** Keys the complete export has that the delta one leaves out (a delta carries only what changed). */
  notCarried: number;
  streams: StreamChange[];
  /** Every stream block that differs (the list holds the first `limits.streams`). */
  streamsTotal: number;
  /** Stream blocks looked at in either export. */
  streamsCompared: number;
  /** Rows B adds beyond A, in all streams, and in how many streams. */
  addedRows: number;
  addedStreams: number;
  /** Rows at the same timestamp in A and B whose values differ, all streams together (`changed`). */
  changedRows: number;
  /** Added rows carried in `streams[].rows`, all streams together. */
  rowsListed: number;
  limits: CompareLimits;
  tookMs: number;
}
