// The engine's end of the live feed (docs/export-format.md 4.7): whenever the session changed, the engine
// takes an export for the UI's own consumer (`ui`) and posts its bytes, transferred, to the mirror worker
// over a MessagePort the page handed to both. The page relays nothing: the mirror tells it what changed.
//
// One export is in flight at a time: the next is taken only after the mirror answered the last, and
// changes that came meanwhile are folded into it. A delta the mirror cannot apply (a gap: another export of
// `ui` was taken, say from the console; a new session) is answered `resync`, and a complete export follows.

import type { Result } from '../common/result';
import type { EngineSnapshot } from '../engine/types';
import { type ExportResult, type FeedAnswer, type FeedMessage, LIVE_CONSUMER } from '../export/contract';
import type { EngineHost } from './engine-host';
import type { RunExport } from './export-verbs';

/**
 * Least time between two exports of the feed. A replay tick comes every 100 ms; the charts need no more
 * than a few frames a second, and each export is work for the engine, the mirror and the page alike.
 */
export const FEED_INTERVAL_MS = 200;

/** The port's side the feed uses; a `MessagePort` has it. */
export interface FeedPort {
  postMessage(message: FeedMessage, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** What of a snapshot means a delta may carry something new; null before the first session opens. */
function changeKey(s: EngineSnapshot): string | null {
  if (s.marketTime === null) return null;
  return [s.sessionId, s.state, s.marketTime, s.barsProcessed, s.ticksProcessed, s.quotesProcessed].join('|');
}

/** The distinct buffers under some views (two views of one buffer must not be listed twice). */
const buffersOf = (parts: readonly Uint8Array[]): ArrayBuffer[] => [
  ...new Set(parts.map((p) => p.buffer as ArrayBuffer)),
];

export function createLiveFeed(
  host: EngineHost,
  runExport: RunExport,
  clock: { now(): number; later(callback: () => void, ms: number): void } = {
    now: () => performance.now(),
    later: (callback, ms) => setTimeout(callback, ms),
  },
) {
  let port: FeedPort | null = null;
  let needComplete = true;
  /** The state the mirror has (or is being sent): a change of key means there is something to send. */
  let sentKey: string | null = null;
  /** An export is being taken, or posted and not yet answered. */
  let busy = false;
  /** Bumped by a new port or a new runtime: an export taken before belongs to neither. */
  let epoch = 0;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timerSet = false;
  let unsubscribe = host.runtime.onChange(() => pump());

  async function send(target: FeedPort, key: string): Promise<void> {
    busy = true;
    const complete = needComplete;
    const taken = epoch;
    let result: Result<ExportResult>;
    try {
      result = await runExport(
        { complete, consumer: LIVE_CONSUMER, layout: 'compact', record: false },
        { cancellable: false },
      );
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    // Reconnected or reconfigured meanwhile: drop it, and start over with a complete export.
    if (epoch !== taken) {
      if (port === target) {
        busy = false;
        pump();
      }
      return;
    }
    if (!result.ok) {
      busy = false;
      needComplete = true;
      target.postMessage({ kind: 'failed', reason: result.error }, []);
      return;
    }
    sentKey = key;
    needComplete = false;
    const { chunks, metadata } = result.value;
    target.postMessage(
      { kind: 'export', mode: metadata.mode, sequence: metadata.sequence, parts: chunks },
      buffersOf(chunks),
    );
  }

  /** Sends the next export if the session changed since the last one and the mirror is free. */
  function pump(): void {
    if (port === null || busy || timerSet) return;
    const key = changeKey(host.runtime.snapshot());
    if (key === null || (key === sentKey && !needComplete)) return;
    const wait = lastSentAt + FEED_INTERVAL_MS - clock.now();
    if (wait > 0) {
      // Too soon after the last one: the changes until then go in one export.
      timerSet = true;
      clock.later(() => {
        timerSet = false;
        pump();
      }, wait);
      return;
    }
    lastSentAt = clock.now();
    void send(port, key);
  }

  function answered(answer: FeedAnswer): void {
    busy = false;
    if (answer.kind === 'resync') needComplete = true;
    if (answer.kind === 'refused') {
      // Not a gap but refused bytes: try a complete export at the next change, not in a loop now.
      needComplete = true;
      return;
    }
    pump();
  }

  // A new configuration: the old session is gone from the mirror too, and the new one starts complete.
  host.onReplaced((runtime) => {
    unsubscribe();
    unsubscribe = runtime.onChange(() => pump());
    epoch++;
    needComplete = true;
    sentKey = null;
    port?.postMessage({ kind: 'reset' }, []);
    pump();
  });

  return {
    /** Feeds the mirror at the other end of `next` from now on (a page load, a restarted mirror). */
    connect(next: FeedPort): void {
      port?.close();
      port = next;
      epoch++;
      needComplete = true;
      sentKey = null;
      busy = false;
      lastSentAt = Number.NEGATIVE_INFINITY;
      next.onmessage = (event) => {
        if (port === next) answered(event.data as FeedAnswer);
      };
      pump();
    },
  };
}
