// Per-consumer delta cursors: for each symbol and stream, how many rows the consumer has been sent.
// One integer per stream (O(1) memory per stream), plus the positions after each earlier export of the
// session so that `since=<sequence>` can regenerate a delta from any of them.

import { MAX_REMEMBERED_EXPORTS } from './contract';

/** Positions per symbol, one entry per stream in the session's stream order. */
export type Positions = Map<string, Int32Array>;

/** What an export reads of a consumer's cursor; `CursorRegistry.peek` gives it without changing anything. */
export interface CursorView {
  readonly name: string;
  readonly sequence: number;
  readonly lastGeneratedAt: string | null;
  readonly positions: Positions;
  readonly positionsFrom: number | null;
  readonly history: ReadonlyMap<number, Positions>;
  /** Counts every change of the cursor: an export counted later checks that nothing moved it meanwhile. */
  readonly version: number;
}

export class ConsumerCursor implements CursorView {
  version = 0;
  /** The last sequence this consumer took, in any session (0 before its first export). */
  sequence = 0;
  /** `generated_at` of this consumer's previous export. */
  lastGeneratedAt: string | null = null;
  sessionId = 0;
  positions: Positions = new Map();
  /** The export the current positions come from; null after a session change or a reset. */
  positionsFrom: number | null = null;
  /** Positions right after each export of this session, by sequence. */
  readonly history = new Map<number, Positions>();

  constructor(readonly name: string) {}

  /** Streams restarted: every position goes back to zero and earlier exports no longer apply. */
  enterSession(sessionId: number): void {
    if (this.sessionId === sessionId) return;
    this.version++;
    this.sessionId = sessionId;
    this.reset();
    this.history.clear();
  }

  reset(): void {
    this.version++;
    this.positions = new Map();
    this.positionsFrom = null;
  }

  /** Called only once an export was produced whole. */
  commit(sequence: number, generatedAt: string, positions: Positions): void {
    this.version++;
    this.sequence = sequence;
    this.lastGeneratedAt = generatedAt;
    this.positions = positions;
    this.positionsFrom = sequence;
    this.history.set(sequence, positions);
    if (this.history.size > MAX_REMEMBERED_EXPORTS) {
      const oldest = this.history.keys().next().value;
      if (oldest !== undefined) this.history.delete(oldest);
    }
  }
}

export function copyPositions(positions: Positions): Positions {
  return new Map([...positions].map(([symbol, p]) => [symbol, p.slice()]));
}

export class CursorRegistry {
  private readonly consumers = new Map<string, ConsumerCursor>();

  /** The consumer's cursor, moved into the given session (created on first use). */
  get(name: string, sessionId: number): ConsumerCursor {
    let cursor = this.consumers.get(name);
    if (!cursor) {
      cursor = new ConsumerCursor(name);
      this.consumers.set(name, cursor);
    }
    cursor.enterSession(sessionId);
    return cursor;
  }

  /**
   * The consumer's cursor as an export in session `sessionId` starts from, without creating or moving it:
   * an export that is never counted (refused, cancelled, its file not written) leaves no trace.
   */
  peek(name: string, sessionId: number): CursorView {
    const cursor = this.consumers.get(name);
    if (cursor !== undefined && cursor.sessionId === sessionId) return cursor;
    return {
      name,
      sequence: cursor?.sequence ?? 0,
      lastGeneratedAt: cursor?.lastGeneratedAt ?? null,
      positions: new Map(),
      positionsFrom: null,
      history: new Map(),
      version: cursor?.version ?? 0,
    };
  }

  /** A short text of every consumer's cursor, equal exactly when no cursor changed (tests, fuzzing). */
  fingerprint(): string {
    return [...this.consumers.values()]
      .map((c) => `${c.name}:${c.version}:${c.sequence}:${c.sessionId}:${c.positionsFrom}`)
      .join(',');
  }

  names(): string[] {
    return [...this.consumers.keys()];
  }
}
