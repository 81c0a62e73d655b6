// The mirror's end of the live feed (docs/export-format.md section 4.7): the engine posts the `ui`
// consumer's exports here over a port of their own; each is applied to the live mirror, answered (so the
// engine sends the next), and the page is told what changed over a second port, in a few plain fields. The
// page then asks the mirror for what it draws; it never sees the export bytes.

import type { FeedAnswer, FeedMessage, FeedPort, SymbolBoard } from '../export/contract';
import { type ExportDoc, readExport } from './export-doc';
import { Mirror } from './mirror';
import { parseExportBytes } from './parse-export';

/** What the page is told after each message of the feed. */
export type LiveUpdate =
  /** A complete export is being applied (the first one, or a resync). */
  | { kind: 'syncing' }
  | {
      kind: 'complete';
      sequence: number | null;
      sessionId: number | null;
      sessionDate: string | null;
      rowsHeld: number;
      /** Why the mirror had to start over, if it did: `new-session`, or the gap found. */
      resyncReason: string | null;
    }
  | { kind: 'delta'; sequence: number | null; rowsAdded: number }
  /** A delta did not follow; a complete export was asked for. The mirror still holds the last state. */
  | { kind: 'resyncing'; reason: string }
  /** The export could not be read or applied (a bug, not a gap); the mirror holds what it held before. */
  | { kind: 'refused'; reason: string }
  /** The engine could not make the export. */
  | { kind: 'failed'; reason: string }
  /** The engine's session is gone (a new configuration): nothing is mirrored. */
  | { kind: 'reset' };

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  if (parts.length === 1) return parts[0] as Uint8Array;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

/** One connection: the two ports, and the mirror they feed. */
interface Connection {
  engine: FeedPort;
  page: FeedPort;
  mirror: Mirror;
  /** Why the complete export on its way was asked for; told to the page once it is applied. */
  resyncReason: string | null;
}

export class LiveLink {
  private current: Connection | null = null;
  /** Messages are handled one at a time, in order: a complete export may take a while to parse. */
  private queue: Promise<void> = Promise.resolve();
  private detached = new Mirror();

  /** What the live mirror holds (an empty mirror when nothing is connected). */
  get mirror(): Mirror {
    return this.current?.mirror ?? this.detached;
  }

  /** Follows the engine at the other end of `engine` from now on; drops what was mirrored before. */
  connect(engine: FeedPort, page: FeedPort): void {
    this.close();
    const connection: Connection = { engine, page, mirror: new Mirror(), resyncReason: null };
    this.current = connection;
    this.queue = Promise.resolve();
    engine.onmessage = (event) => {
      if (this.current !== connection) return;
      const message = event.data as FeedMessage;
      this.queue = this.queue
        .then(() => this.handle(connection, message))
        // Whatever went wrong, the engine gets its answer (or it would wait forever) and the page is told.
        .catch((error: unknown) => this.refuse(connection, `the live mirror failed: ${messageOf(error)}`));
    };
  }

  close(): void {
    const connection = this.current;
    if (connection === null) return;
    connection.engine.close();
    connection.page.close();
    this.current = null;
    this.detached = new Mirror();
  }

  private async handle(connection: Connection, message: FeedMessage): Promise<void> {
    if (this.current !== connection) return;
    switch (message?.kind) {
      case 'reset':
        connection.mirror = new Mirror();
        connection.resyncReason = null;
        tell(connection, { kind: 'reset' });
        return;
      case 'failed':
        tell(connection, { kind: 'failed', reason: String(message.reason) });
        return;
      case 'export': {
        if (message.mode === 'complete') tell(connection, { kind: 'syncing' });
        // A board is plain data; anything else in its place (an older engine) is read as none.
        const board = message.board && Array.isArray(message.board.symbols) ? message.board : null;
        const answer = await this.apply(connection, message.parts, board);
        if (this.current === connection) connection.engine.postMessage(answer satisfies FeedAnswer);
        return;
      }
      default:
        throw new Error(`unknown message from the engine: ${JSON.stringify(message)?.slice(0, 80)}`);
    }
  }

  private async apply(
    connection: Connection,
    parts: Uint8Array[],
    board: SymbolBoard | null,
  ): Promise<FeedAnswer> {
    const parsed = await parseExportBytes('export', concat(parts));
    const doc = parsed.ok ? readExport(parsed.value) : parsed;
    if (!doc.ok) {
      tell(connection, { kind: 'refused', reason: doc.error });
      return { kind: 'refused', reason: doc.error };
    }
    const { mirror } = connection;
    const newSession = isNewSession(mirror, doc.value);
    const outcome = mirror.apply(doc.value);
    // The board describes the moment of the export: taken with it, and kept with the state before a gap.
    if (outcome.kind !== 'resync') mirror.takeBoard(board);
    switch (outcome.kind) {
      case 'resync': {
        const reason = newSession ? 'new-session' : outcome.reason;
        connection.resyncReason = reason;
        tell(connection, { kind: 'resyncing', reason });
        return { kind: 'resync', reason: outcome.reason };
      }
      case 'delta':
        tell(connection, { kind: 'delta', sequence: outcome.sequence, rowsAdded: outcome.rowsAdded });
        return { kind: 'applied' };
      case 'complete': {
        // A complete export of another session closes that session: say so even if none was asked for.
        const resyncReason = connection.resyncReason ?? (newSession ? 'new-session' : null);
        connection.resyncReason = null;
        tell(connection, {
          kind: 'complete',
          sequence: mirror.sequence,
          sessionId: mirror.sessionId,
          sessionDate: mirror.sessionDate,
          rowsHeld: mirror.rowsHeld,
          resyncReason,
        });
        return { kind: 'applied' };
      }
    }
  }

  private refuse(connection: Connection, reason: string): void {
    if (this.current !== connection) return;
    tell(connection, { kind: 'refused', reason });
    connection.engine.postMessage({ kind: 'refused', reason } satisfies FeedAnswer);
  }
}

function isNewSession(mirror: Mirror, doc: ExportDoc): boolean {
  const held = mirror.sessionId;
  return held !== null && doc.meta.sessionId !== null && doc.meta.sessionId !== held;
}

function tell(connection: Connection, update: LiveUpdate): void {
  connection.page.postMessage(update);
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);
}
