// The engine's end of the live feed (docs/export-format.md section 4.7): whenever the session changed (or
// an export counted, which changes its `performance_metrics`), the engine takes an export for the UI's own
// consumer (`ui`) and posts its bytes, transferred, to the mirror worker over a MessagePort the page handed
// to both. The page relays nothing: the mirror tells it what
// changed.
//
// One export is in flight at a time: the next is taken only after the mirror answered the last, at most one
// per FEED_INTERVAL_MS, and changes that came meanwhile are folded into it. A delta the mirror cannot apply
// (a gap: another export of `ui` was taken, say from the console) is answered `resync`, and a complete
// export follows. A new session is sent complete at once.
//
// The feed carries rows only for the symbols the page shows (`show`, the first symbol until the page says):
// at a thousand symbols a complete export of every symbol is a gigabyte, and the mirror would hold a second
// copy of every symbol's history. The others' figures ride with each export as a small board
// (symbol-board.ts). Showing other symbols sends a complete export of them at once, without waiting for
// the feed's period, so that the chart switches at once.

import type { Result } from '../common/result';
import type { SessionConfig } from '../engine/config';
import type { EngineSnapshot } from '../engine/types';
import {
  boardBuffers,
  type ExportResult,
  type FeedAnswer,
  type FeedMessage,
  type FeedPort,
  LIVE_CONSUMER,
  type SymbolBoard,
  transferListOf,
} from '../export/contract';
import { parseSymbolSelection } from '../export/symbol-selection';
import type { EngineHost } from './engine-host';
import type { RunExport } from './export-verbs';
import { boardOf } from './symbol-board';

/**
 * Least time between two exports of the feed. A replay tick comes every 100 ms; the charts need no more
 * than a few frames a second, and each export is work for the engine, the mirror and the page alike (the
 * page redraws its chart and tables for each): four a second, the cadence the page used to poll at.
 */
export const FEED_INTERVAL_MS = 250;

export interface FeedClock {
  now(): number;
  later(callback: () => void, ms: number): void;
}

const SYSTEM_CLOCK: FeedClock = {
  now: () => performance.now(),
  later: (callback, ms) => setTimeout(callback, ms),
};

/**
 * What of a snapshot means a delta may carry something new; null before the first session opens. The
 * exports counted are part of it: each one changes `performance_metrics` (its last complete or delta
 * export), which the page's system panel shows from the mirror, also while the session stands still.
 */
function changeKey(s: EngineSnapshot, exportsMade: number): string | null {
  if (s.marketTime === null) return null;
  return [
    s.sessionId,
    s.state,
    s.marketTime,
    s.barsProcessed,
    s.ticksProcessed,
    s.quotesProcessed,
    exportsMade,
  ].join('|');
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The symbols the feed carries rows for: those the page asked for that the configuration has, in its
 * order; the first symbol when the page asked for none yet, or when none of those it showed is left (a new
 * configuration). An empty list asked for stays empty: the page shows no symbol's rows.
 */
export function shownIn(config: SessionConfig, asked: readonly string[] | null): string[] {
  const first = config.symbols.slice(0, 1);
  if (asked === null) return first;
  if (asked.length === 0) return [];
  const shown = config.symbols.filter((symbol) => asked.includes(symbol));
  return shown.length > 0 ? shown : first;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export function createLiveFeed(host: EngineHost, runExport: RunExport, clock: FeedClock = SYSTEM_CLOCK) {
  let port: FeedPort | null = null;
  let needComplete = true;
  /** The state the mirror has (or is being sent): a change of key means there is something to send. */
  let sentKey: string | null = null;
  /** The session the mirror holds: a new one is sent complete, not as a delta the mirror must refuse. */
  let sentSession: number | null = null;
  /** An export is being taken, or posted and not yet answered. */
  let busy = false;
  /** Bumped by a new port or a new runtime: an export taken before belongs to neither. */
  let epoch = 0;
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let timerSet = false;
  /** The symbols the page said it shows (null until it says): kept across configurations and mirrors. */
  let asked: string[] | null = null;
  /** The symbols of the last export taken: another list is sent complete. */
  let sentSymbols: string[] | null = null;
  /** Other symbols are to be shown: the next export goes without waiting for the feed's period. */
  let urgent = false;
  let unsubscribe = host.runtime.onChange(() => pump());

  async function send(target: FeedPort, key: string, sessionId: number): Promise<void> {
    busy = true;
    const taken = epoch;
    const symbols = shownIn(host.runtime.backtest.config, asked);
    const complete =
      needComplete || sessionId !== sentSession || sentSymbols === null || !sameList(symbols, sentSymbols);
    // Taken now, not when the export is sent: a `show` meanwhile compares with what is on its way.
    sentSymbols = symbols;
    let board: SymbolBoard | null = null;
    let result: Result<ExportResult>;
    try {
      result = await runExport(
        { complete, consumer: LIVE_CONSUMER, layout: 'compact', record: false, symbols },
        {
          cancellable: false,
          // Asked in the same task as the export takes its rows and metrics, right before: the board taken
          // here describes the same instant as the export.
          skipIf: () => {
            if (epoch !== taken) return true;
            board = boardOf(host.runtime.backtest);
            return false;
          },
        },
      );
    } catch (error) {
      result = { ok: false, error: messageOf(error) };
    }
    // Reconnected or reconfigured meanwhile: drop it (unmade if it was still waiting), start over.
    if (epoch !== taken) {
      if (port === target) {
        busy = false;
        pump();
      }
      return;
    }
    try {
      if (!result.ok) {
        busy = false;
        needComplete = true;
        post(target, { kind: 'failed', reason: result.error });
        return;
      }
      const { chunks, metadata } = result.value;
      sentKey = key;
      sentSession = sessionId;
      needComplete = false;
      post(target, {
        kind: 'export',
        mode: metadata.mode,
        sequence: metadata.sequence,
        parts: chunks,
        board: board ?? emptyBoard(sessionId),
      });
    } catch {
      // The port could not take the message (closed under us): the next connection starts over.
      busy = false;
      needComplete = true;
    }
  }

  function post(target: FeedPort, message: FeedMessage): void {
    target.postMessage(
      message,
      message.kind === 'export' ? [...transferListOf(message.parts), ...boardBuffers(message.board)] : [],
    );
  }

  /** Sends the next export if the session changed since the last one and the mirror is free. */
  function pump(): void {
    // A period's timer may be set: other symbols to show go now, and the timer then finds nothing new.
    if (port === null || busy || (timerSet && !urgent)) return;
    const snapshot = host.runtime.snapshot();
    const key = changeKey(snapshot, host.runtime.exporter.stats.exportsMade);
    if (key === null || (key === sentKey && !needComplete)) return;
    const wait = lastSentAt + FEED_INTERVAL_MS - clock.now();
    if (urgent) urgent = false;
    else if (wait > 0) {
      // Too soon after the last one: the changes until then go in one export.
      timerSet = true;
      clock.later(() => {
        timerSet = false;
        pump();
      }, wait);
      return;
    }
    lastSentAt = clock.now();
    void send(port, key, snapshot.sessionId);
  }

  function answered(answer: FeedAnswer): void {
    busy = false;
    // Refused bytes are a bug, not a gap: a complete export at the next change, not in a loop now.
    if (answer.kind === 'refused') {
      needComplete = true;
      return;
    }
    if (answer.kind === 'resync') needComplete = true;
    pump();
  }

  /** Everything the mirror had is void: the next export is complete. */
  function startOver(): void {
    epoch++;
    needComplete = true;
    sentKey = null;
    sentSession = null;
    sentSymbols = null;
  }

  // A new configuration: the old session is gone from the mirror too, and the new one starts complete.
  host.onReplaced((runtime) => {
    unsubscribe();
    unsubscribe = runtime.onChange(() => pump());
    startOver();
    if (port !== null) {
      try {
        post(port, { kind: 'reset' });
      } catch {
        // A closed port: the page joins a new one.
      }
    }
    pump();
  });

  return {
    /** Feeds the mirror at the other end of `next` from now on (a page load, a restarted mirror). */
    connect(next: FeedPort): void {
      port?.close();
      port = next;
      startOver();
      busy = false;
      lastSentAt = Number.NEGATIVE_INFINITY;
      next.onmessage = (event) => {
        if (port === next) answered(event.data as FeedAnswer);
      };
      pump();
    },

    /**
     * The page shows these symbols: the feed carries their rows only, from a complete export sent at once
     * (unless it is the list already sent). A name that is not a symbol of the session is refused, and
     * nothing changes.
     */
    show(symbols: readonly string[]): Result<void> {
      if (!Array.isArray(symbols) || symbols.some((s) => typeof s !== 'string')) {
        return { ok: false, error: 'show symbols: expected a list of the session\'s symbols, e.g. ["RIVN"]' };
      }
      const { config } = host.runtime.backtest;
      const checked = parseSymbolSelection(symbols, config.symbols, 'show symbols: ');
      if (!checked.ok) return checked;
      asked = [...symbols];
      const shown = shownIn(config, asked);
      if (sentSymbols === null || !sameList(shown, sentSymbols)) {
        needComplete = true;
        urgent = true;
        pump();
      }
      return { ok: true, value: undefined };
    },

    /** The symbols the feed carries rows for now. */
    shown: (): string[] => shownIn(host.runtime.backtest.config, asked),
  };
}

/** A board of no symbol (an export made with no session open, which the feed never sends). */
function emptyBoard(sessionId: number): SymbolBoard {
  const none = () => new Float64Array(0);
  return {
    sessionId,
    symbols: [],
    lastPrice: none(),
    volume: none(),
    high: none(),
    low: none(),
    quality: none(),
  };
}
