// The live feed: how the engine hands its `ui` consumer's exports straight to the mirror worker over a
// MessagePort of their own, so that the page never relays export bytes (docs/export-format.md section 4.7).
// Both ends are in workers/: the engine's in workers/api/live-feed.ts, the mirror's in
// workers/mirror/live-link.ts.

import type { ExportMode } from './types';

/**
 * Every symbol's figures for the symbol table, as the export carrying it started: one entry per symbol of
 * the session, in its order, column by column (plain numbers, their buffers transferred). The feed's
 * exports carry rows only for the symbols the page shows (section 4.7); this is how the others' figures
 * reach the page, O(symbols) small numbers per export.
 */
export interface SymbolBoard {
  sessionId: number;
  symbols: string[];
  /** The last trade's price, else the last base bar's close; NaN before either. */
  lastPrice: Float64Array;
  volume: Float64Array;
  /** NaN until the session's first bar. */
  high: Float64Array;
  low: Float64Array;
  quality: Float64Array;
}

/** The columns of a board, to transfer them. */
export function boardBuffers(board: SymbolBoard): ArrayBuffer[] {
  return [board.lastPrice, board.volume, board.high, board.low, board.quality].map(
    (column) => column.buffer as ArrayBuffer,
  );
}

/** What the engine sends. */
export type FeedMessage =
  /**
   * One export of the `ui` consumer, its bytes transferred (the engine keeps no copy), with the board of
   * every symbol's figures taken as it started.
   */
  | { kind: 'export'; mode: ExportMode; sequence: number; parts: Uint8Array[]; board: SymbolBoard }
  /** The engine's session is gone (a new configuration): drop what is mirrored. */
  | { kind: 'reset' }
  /** The engine could not make the export (a bug, not a gap): the mirror keeps what it holds. */
  | { kind: 'failed'; reason: string };

/** What the mirror answers, once per export: the engine sends the next export only after the answer. */
export type FeedAnswer =
  | { kind: 'applied' }
  /** The delta does not follow what the mirror holds (a gap, a new session): send a complete export. */
  | { kind: 'resync'; reason: string }
  /** The bytes were refused (a bug, not a gap): send a complete export at the next change. */
  | { kind: 'refused'; reason: string };

/** The side of a port either end uses; a `MessagePort` has it, and so does a test's stand-in. */
export interface FeedPort {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** The distinct buffers under some chunks, to transfer them (two views of one buffer are listed once). */
export function transferListOf(parts: readonly Uint8Array[]): ArrayBuffer[] {
  return [...new Set(parts.map((part) => part.buffer as ArrayBuffer))];
}
