// `system save-demo` (docs/demo-files.md): replays the running session in a separate engine, from the first
// minute of the backtest to where the running session is, exporting for that engine's own consumer at each
// step, then packs the exports into a tape and the tape into the player's page.
//
// Why a separate engine: the running session's cursors, sequences, state and clock must not move, and it
// may go on playing meanwhile. The engine is deterministic, so a second backtest of the same configuration,
// market options and run source (imports included) replays the very same rows. The work is done in slices
// that yield to the event loop, so that the worker keeps answering (polls, the replay's ticks, Cancel).

import { concatBytes } from '../common/bytes';
import type { Result } from '../common/result';
import { shownWord } from '../common/shown-text';
import { yieldToEvents } from '../common/yield-to-events';
import { Backtest } from '../engine/backtest';
import { formatLocalDateTime } from '../engine/calendar';
import {
  checkDemoFileName,
  DEFAULT_DEMO_EVERY,
  DEMO_CONSUMER,
  DEMO_EVERY_RULE,
  DEMO_TAPE_FORMAT,
  DEMO_TAPE_VERSION,
  type DemoFile,
  type DemoProgress,
  type DemoRequest,
  type DemoTapeFile,
  defaultDemoFileName,
  encodeDemoTape,
  exportFileName,
  isDemoEvery,
  MAX_DEMO_TAPE_BYTES,
  placeTape,
  uniqueFileName,
} from '../export/contract';
import { parseExclusions } from '../export/exclusions';
import { Exporter, fileTimestamp } from '../export/exporter';
import { base64InSlices, gzipInSlices } from './demo-packing';
import { type DemoStep, demoSteps } from './demo-steps';
import { preloadHistory } from './history-preload';

const COMMAND = 'system save-demo';

export interface DemoMakerOptions {
  /** The player's page with its one tape placeholder (the Vite build's, the command line's, a test's). */
  template: () => Promise<string>;
  /** Wall clock for `generated_at`, `written_at` and the default name. */
  now: () => number;
  onProgress?: (progress: DemoProgress) => void;
  /** Checked between steps: a reason stops the demo, which then leaves nothing behind. */
  stopped?: () => string | null;
  /** Longest stretch of work between two yields to the event loop. */
  sliceMs?: number;
  /** Most bytes of exports the tape may hold (default: what the player reads, `MAX_DEMO_TAPE_BYTES`). */
  maxTapeBytes?: number;
}

const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/** Shortest time between two progress reports while replaying. */
const REPORT_MS = 100;

/** More than the header takes besides its entries (the session name is at most a few KB of JSON). */
const HEADER_ALLOWANCE = 64 * 1024;
/** More than an entry's JSON takes besides its name (at most 6 bytes a character once escaped). */
const ENTRY_ALLOWANCE = 64;

interface Plan {
  every: number;
  excluded: string[];
  fileName: string;
  steps: DemoStep[];
  endMarketTime: string;
}

/** Everything that can be refused, refused before any work: the options, the name, nothing to replay. */
function plan(running: Backtest, request: DemoRequest, now: number): Result<Plan> {
  const every = request.every ?? DEFAULT_DEMO_EVERY;
  if (!isDemoEvery(every))
    return fail(
      `${COMMAND}: every=${shownWord(String(every))} is not accepted (expected ${DEMO_EVERY_RULE})`,
    );
  const exclusions = parseExclusions(request.exclude ?? [], running.config, COMMAND);
  if (!exclusions.ok) return exclusions;
  let fileName = defaultDemoFileName(running.config.sessionName, fileTimestamp(now));
  if (request.fileName !== undefined) {
    const given = checkDemoFileName(request.fileName);
    if (!given.ok) return fail(`${COMMAND}: ${given.error}`);
    fileName = given.value;
  }
  const end = { day: running.sessionIndex, minute: running.minute };
  const time = running.marketTimeMs;
  if (end.day < 0 || time === null) {
    return fail(`${COMMAND}: no session has started, so there is nothing to replay (system start first)`);
  }
  const endMarketTime = formatLocalDateTime(time);
  if (end.day === 0 && end.minute === 0) {
    return fail(
      `${COMMAND}: the session is still at its first minute (${endMarketTime.replace('T', ' ')}), so there is nothing to replay yet; let it run or advance it first`,
    );
  }
  const steps = demoSteps(running.tradingDays, end, every);
  return { ok: true, value: { every, excluded: [...exclusions.value], fileName, steps, endMarketTime } };
}

/** Makes the demo file of `running`'s session so far; `running` itself is only read, at the start. */
export async function makeDemo(
  running: Backtest,
  request: DemoRequest,
  options: DemoMakerOptions,
): Promise<Result<DemoFile>> {
  const started = options.now();
  const planned = plan(running, request, started);
  if (!planned.ok) return planned;
  const { every, excluded, fileName, steps, endMarketTime } = planned.value;
  // Everything the replay needs is taken before the first await: the running session may go on, or start
  // over with other imports, meanwhile. (Its configuration and market options never change: a new
  // configuration is a new engine.)
  const source = running.replaySource;
  // The page is loaded and checked first: a player without its placeholder fails before the replay.
  let template: string;
  try {
    template = await options.template();
  } catch (error) {
    return fail(
      `${COMMAND}: the demo player's page could not be loaded (${errorText(error)}); no demo was written`,
    );
  }
  const placed = placeTape(template, '');
  if (!placed.ok) return fail(`${COMMAND}: ${placed.error}; no demo was written`);

  const replay = new Backtest(running.config, running.market);
  replay.source = source;
  const exporter = new Exporter(replay, options.now);
  const sessionName = running.config.sessionName;
  const progress = (stepsDone: number, phase: DemoProgress['phase']): DemoProgress => ({
    stepsDone,
    stepsTotal: steps.length,
    marketTime: replay.marketTimeMs === null ? null : formatLocalDateTime(replay.marketTimeMs),
    endMarketTime,
    phase,
  });

  const sliceMs = options.sliceMs ?? 12;
  let sliceStart = performance.now();
  let reportedAt = Number.NEGATIVE_INFINITY;
  /**
   * Tells the page how far the replay is, at most every `REPORT_MS`: often enough to keep the page's call
   * alive through a long complete export, seldom enough not to flood it with messages.
   */
  const report = (stepsDone: number) => {
    if (performance.now() - reportedAt < REPORT_MS) return;
    reportedAt = performance.now();
    options.onProgress?.(progress(stepsDone, 'replaying'));
  };
  /** Yields once a slice is used up; the reason to stop, or null to go on. */
  const breathe = async (stepsDone: number): Promise<string | null> => {
    if (performance.now() - sliceStart >= sliceMs) {
      report(stepsDone);
      await yieldToEvents();
      sliceStart = performance.now();
    }
    return options.stopped?.() ?? null;
  };
  const stoppedWith = (reason: string) => fail<DemoFile>(`${COMMAND}: ${reason}; no demo was written`);

  // The first day's history, a trading day at a time, as `start` loads it.
  let stop: string | null = null;
  const loaded = await preloadHistory(replay, async () => {
    stop = await breathe(0);
    return stop === null;
  });
  if (!loaded) return stoppedWith(stop ?? 'stopped');
  const opened = replay.start();
  if (!opened.ok) return fail(`${opened.error}; no demo was written`);

  const files: DemoTapeFile[] = [];
  const names = new Set<string>();
  let firstMarketTime = '';
  const maxTapeBytes = options.maxTapeBytes ?? MAX_DEMO_TAPE_BYTES;
  // The tape's size as the player will count it, over-estimated: the header's fixed part, and each entry's
  // bytes with its `{"name":...,"bytes":...}` in the header.
  let tapeBytes = HEADER_ALLOWANCE;
  for (const [i, step] of steps.entries()) {
    const moved = moveTo(replay, step);
    if (moved !== null) return fail(`${COMMAND}: ${moved}; no demo was written`);
    const made = await exporter.exportInSlices(
      { complete: step.complete, consumer: DEMO_CONSUMER, exclude: excluded, layout: 'compact' },
      { isCancelled: () => options.stopped?.() != null, onProgress: () => report(i), sliceMs },
    );
    if (!made.ok) {
      const reason = options.stopped?.();
      return reason != null ? stoppedWith(reason) : fail(made.error);
    }
    const name = uniqueFileName(exportFileName(undefined, sessionName, made.value.metadata), (n) =>
      names.has(n),
    );
    names.add(name);
    // A tape the player would refuse to inflate is not worth finishing (nor the memory it takes).
    tapeBytes += made.value.bytes + ENTRY_ALLOWANCE + name.length * 6;
    if (tapeBytes > maxTapeBytes) {
      return fail(
        `${COMMAND}: the demo would hold more than ${mebibytes(maxTapeBytes)}, more than the player reads (reached at ${made.value.metadata.marketTime ?? 'the start'}); take a larger every=, or leave out more (exclude=historical or exclude=ticks,quotes); no demo was written`,
      );
    }
    if (i === 0) firstMarketTime = made.value.metadata.marketTime ?? '';
    files.push({
      name,
      bytes: concatBytes(made.value.chunks),
      mode: made.value.metadata.mode,
      marketTime: made.value.metadata.marketTime,
    });
    const reason = await breathe(i + 1);
    if (reason !== null) return stoppedWith(reason);
  }

  options.onProgress?.(progress(steps.length, 'packing'));
  const header = {
    format: DEMO_TAPE_FORMAT,
    version: DEMO_TAPE_VERSION,
    session_name: sessionName,
    first_market_time: firstMarketTime,
    last_market_time: endMarketTime,
    every_minutes: every,
    excluded,
    written_at: new Date(started).toISOString(),
  } as const;
  const tape = encodeDemoTape(header, files);
  // Between slices of packing: a word to the page (which keeps its call alive), and Cancel.
  const between = () => {
    options.onProgress?.(progress(steps.length, 'packing'));
    const reason = options.stopped?.();
    if (reason != null) throw new Stopped(reason);
  };
  let packed: Uint8Array;
  let base64: string;
  try {
    packed = await gzipInSlices(tape, between);
    base64 = base64InSlices(packed, between);
  } catch (error) {
    if (error instanceof Stopped) return stoppedWith(error.message);
    throw error;
  }
  const page = placeTape(template, base64);
  if (!page.ok) return fail(`${COMMAND}: ${page.error}; no demo was written`);
  const bytes = new TextEncoder().encode(page.value);
  return {
    ok: true,
    value: {
      bytes,
      summary: {
        fileName,
        bytes: bytes.byteLength,
        steps: steps.length,
        tradingDays: (steps.at(-1)?.day ?? 0) + 1,
        firstMarketTime: header.first_market_time,
        lastMarketTime: endMarketTime,
        every,
        excluded,
        exportBytes: files.reduce((n, f) => n + f.bytes.byteLength, 0),
        tapeBytes: tape.byteLength,
        gzipBytes: packed.byteLength,
        base64Chars: base64.length,
      },
    },
  };
}

/** Thrown between slices of packing to stop it; its message is the reason. */
class Stopped extends Error {}

/** Advances the replay to `step`; a line saying why it could not, or null. */
function moveTo(replay: Backtest, step: DemoStep): string | null {
  const sameDay = replay.sessionIndex === step.day;
  const minutes = sameDay ? step.minute - replay.minute : step.minute;
  if (minutes > 0) {
    const advanced = replay.advance(minutes);
    if (!advanced.ok) return advanced.error;
  }
  // The replay is the running session's twin: reaching another moment would be an engine bug.
  if (replay.sessionIndex !== step.day || replay.minute !== step.minute)
    return `the replay reached day ${replay.sessionIndex} minute ${replay.minute} instead of day ${step.day} minute ${step.minute}`;
  return null;
}

const mebibytes = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MiB`
    : `${bytes.toLocaleString('en-US')} bytes`;

function errorText(error: unknown): string {
  return shownWord((error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' '), 200);
}
