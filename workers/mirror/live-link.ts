// The mirror's end of the live feed (docs/export-format.md 4.7): the engine posts the `ui` consumer's
// exports here over a port of their own; each is applied to the live mirror, answered (so the engine sends
// the next), and the page is told what changed over a second port, in a few plain fields. The page then
// asks the mirror for what it draws; it never sees the export bytes.

import type { FeedAnswer, FeedMessage } from '../export/contract';
import type { ExportDoc } from './export-doc';
import { readExport } from './export-doc';
import { Mirror, type StreamChange } from './mirror';
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
      /** Why the mirror had to resync, if it did: `new-session`, or the gap found. */
      resyncReason: string | null;
    }
  | { kind: 'delta'; sequence: number | null; rowsAdded: number; changed: StreamChange[] }
  /** A delta did not follow; a complete export was asked for. The mirror still holds the last state. */
  | { kind: 'resyncing'; reason: string }
  /** The export's bytes could not be read (a bug, not a gap). */
  | { kind: 'refused'; reason: string }
  /** The engine could not make the export. */
  | { kind: 'failed'; reason: string }
  /** The engine's session is gone (a new configuration): nothing is mirrored. */
  | { kind: 'reset' };

/** The side of a port the link uses; a `MessagePort` has it. */
export interface LinkPort {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

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

export class LiveLink {
  mirror = new Mirror();
  private engine: LinkPort | null = null;
  private page: LinkPort | null = null;
  /** Messages are handled one at a time, in order: a complete export may take a while to parse. */
  private queue: Promise<void> = Promise.resolve();
  /** Why the complete export on its way was asked for; told to the page once it is applied. */
  private resyncReason: string | null = null;

  /** Follows the engine at the other end of `engine` from now on; drops what was mirrored before. */
  connect(engine: LinkPort, page: LinkPort): void {
    this.close();
    this.mirror = new Mirror();
    this.resyncReason = null;
    this.engine = engine;
    this.page = page;
    engine.onmessage = (event) => {
      if (this.engine !== engine) return;
      const message = event.data as FeedMessage;
      this.queue = this.queue.then(() => this.handle(engine, message));
    };
  }

  close(): void {
    this.engine?.close();
    this.page?.close();
    this.engine = null;
    this.page = null;
  }

  private async handle(engine: LinkPort, message: FeedMessage): Promise<void> {
    if (this.engine !== engine) return;
    switch (message.kind) {
      case 'reset':
        this.mirror = new Mirror();
        this.resyncReason = null;
        this.tell({ kind: 'reset' });
        return;
      case 'failed':
        this.tell({ kind: 'failed', reason: message.reason });
        return;
      case 'export':
        if (message.mode === 'complete') this.tell({ kind: 'syncing' });
        this.answer(engine, await this.apply(message.parts));
    }
  }

  private async apply(parts: Uint8Array[]): Promise<FeedAnswer> {
    const parsed = await parseExportBytes('export', concat(parts));
    const doc = parsed.ok ? readExport(parsed.value) : parsed;
    if (!doc.ok) {
      this.tell({ kind: 'refused', reason: doc.error });
      return { kind: 'refused', reason: doc.error };
    }
    const newSession = this.isNewSession(doc.value);
    const outcome = this.mirror.apply(doc.value);
    switch (outcome.kind) {
      case 'resync': {
        const reason = newSession ? 'new-session' : outcome.reason;
        this.resyncReason = reason;
        this.tell({ kind: 'resyncing', reason });
        return { kind: 'resync', reason: outcome.reason };
      }
      case 'delta':
        this.tell({
          kind: 'delta',
          sequence: outcome.sequence,
          rowsAdded: outcome.rowsAdded,
          changed: outcome.changed,
        });
        return { kind: 'applied' };
      case 'complete': {
        const { mirror } = this;
        this.tell({
          kind: 'complete',
          sequence: mirror.sequence,
          sessionId: mirror.sessionId,
          sessionDate: mirror.sessionDate,
          rowsHeld: mirror.rowsHeld,
          resyncReason: this.resyncReason,
        });
        this.resyncReason = null;
        return { kind: 'applied' };
      }
    }
  }

  private isNewSession(doc: ExportDoc): boolean {
    const held = this.mirror.sessionId;
    return held !== null && doc.meta.sessionId !== null && doc.meta.sessionId !== held;
  }

  private answer(engine: LinkPort, answer: FeedAnswer): void {
    if (this.engine === engine) engine.postMessage(answer);
  }

  private tell(update: LiveUpdate): void {
    this.page?.postMessage(update);
  }
}
