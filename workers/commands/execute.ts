// Carries out a parsed command on the runtime and answers with one line (`help` is the one multi-line
// answer). A command that fails changes nothing: its answer is the engine's or the parser's one-line error.
//
// Exports: a user-given file name is checked BEFORE the export runs (a refused name leaves the consumer's
// cursor where it was); the default name needs the export's own timestamp, so it is made after. Either name
// then goes through `ctx.takeFileName`, which makes it unique against what already exists; the answer
// reports the name actually used. Writing the chunks is the caller's business (the CLI writes a file, the
// UI offers a download).
//
// A caller that can fail to keep an export (the CLI's file) gives `ctx.save`: the export is then produced
// uncounted, named, saved, and counted only once `save` succeeded. If naming or saving fails, the consumer's
// cursor and sequence stay as they were and the next export carries the same rows (section 4, rule 4).

import type { Result } from '../common/result';
import { shownWord } from '../common/shown-text';
import type { EngineSnapshot } from '../engine/types';
import type {
  DemoRequest,
  DemoSummary,
  ExportRequest,
  ExportResult,
  PendingExport,
} from '../export/contract';
import { checkGivenFileName, exportFileName } from '../export/contract';
import { COMMAND_HELP, type Command, type ExportCommand, type SaveDemoCommand } from './commands';
import type { CommandTarget } from './target';

export type CommandOutcome =
  | { ok: true; message: string; export?: { fileName: string; result: ExportResult } }
  | { ok: false; message: string };

export interface CommandContext {
  /** The name to save an export under: `name` itself, or a unique variant when `name` is taken. */
  takeFileName: (name: string) => string;
  /**
   * Keeps the export's bytes under the name `takeFileName` gave (writes and closes the file): null once
   * they are kept, or a line saying what failed. When given, an export counts only after it succeeded.
   */
  save?: (fileName: string, result: ExportResult) => string | null;
}

/** A demo made and kept by the host: written to a file (command line) or handed to the page. */
export interface SavedDemo {
  summary: DemoSummary;
  /** Where it went, as the answer names it: the file's path, or the download's name. */
  where: string;
  /** `written` for a file, `made` for bytes handed to the page, which downloads them. */
  verb: 'written' | 'made';
}

/** Makes and keeps a demo (`system save-demo`); the host's, since it alone knows where the file goes. */
export type DemoSaver = (request: DemoRequest) => Promise<Result<SavedDemo>>;

const done = (message: string): CommandOutcome => ({ ok: true, message });
const failed = (message: string): CommandOutcome => ({ ok: false, message });

export function executeCommand(
  runtime: CommandTarget,
  command: Command,
  ctx: CommandContext,
): CommandOutcome {
  try {
    return execute(runtime, command, ctx);
  } catch (error) {
    // Not an expected refusal (those are Results): an engine bug or a failing file system in takeFileName.
    return failed(`${commandName(command)}: failed unexpectedly: ${oneLine(error)}`);
  }
}

function execute(runtime: CommandTarget, command: Command, ctx: CommandContext): CommandOutcome {
  switch (command.kind) {
    case 'noop':
      return done('');
    case 'help':
      return done(['Commands:', ...COMMAND_HELP.map((line) => `  ${line}`)].join('\n'));
    case 'status':
      return done(statusLine(runtime));
    case 'start': {
      const result = runtime.start();
      if (!result.ok) return failed(result.error);
      const snapshot = result.value;
      return done(`started ${snapshot.sessionName}: ${marketTimeOf(snapshot)}, ${snapshot.state}`);
    }
    case 'pause': {
      const result = runtime.pause();
      return result.ok
        ? done(`paused at ${marketTimeOf(result.value)}, ${result.value.state}`)
        : failed(result.error);
    }
    case 'resume': {
      const result = runtime.resume();
      return result.ok
        ? done(`resumed at ${marketTimeOf(result.value)}, ${result.value.state}`)
        : failed(result.error);
    }
    case 'stop': {
      const result = runtime.stop();
      if (!result.ok) return failed(result.error);
      return done(
        `stopped at ${marketTimeOf(result.value)}, ${result.value.state} (the session's data stays available for exports until the next start)`,
      );
    }
    case 'advance':
      return advance(runtime, command.minutes);
    case 'speed': {
      const result = runtime.setSpeed(command.multiplier);
      return result.ok ? done(`speed set to ${result.value.speedMultiplier}x`) : failed(result.error);
    }
    case 'reset-indices': {
      const result = runtime.resetIndices(command.consumer);
      if (!result.ok) return failed(result.error);
      return done(
        `reset consumer ${result.value}: its next delta starts again from the start of the session`,
      );
    }
    case 'export':
      return exportStatus(runtime, command, ctx);
    case 'save-demo':
      // Making a demo replays the session in slices: only `executeCommandAsync` with a `saveDemo` does it.
      return failed('system save-demo: this host cannot make demo files (use the app or the command line)');
  }
}

function advance(runtime: CommandTarget, minutes: number): CommandOutcome {
  const before = runtime.snapshot();
  const result = runtime.step(minutes);
  if (!result.ok) return failed(result.error);
  const after = result.value;
  const sessionBefore = before.sessionId;
  const advanced = after.minutesProcessed - before.minutesProcessed;
  const howFar =
    advanced === minutes ? withUnit(advanced, 'minute') : `${advanced} of ${withUnit(minutes, 'minute')}`;
  let note = '';
  if (after.state === 'FINISHED') note = ': the backtest is FINISHED';
  else if (after.sessionId !== sessionBefore) note = ` (new session ${after.sessionDate})`;
  else if (after.sessionMinute === after.sessionMinutes)
    note = ' (the session is closed; the next minute opens the next day)';
  return done(`advanced ${howFar} to ${marketTimeOf(after)}${note}`);
}

interface PreparedExport {
  request: ExportRequest;
  /** The user's file name, checked; undefined for the default name. */
  given: string | undefined;
}

/** A bad name is refused before the export runs, so the consumer's cursor stays where it was. */
function prepareExport(
  command: ExportCommand,
): { ok: true; value: PreparedExport } | { ok: false; error: string } {
  const given = checkGivenFileName(command.fileName);
  if (!given.ok) return { ok: false, error: `system export-status: ${given.error}` };
  const request: ExportRequest = { complete: command.complete };
  if (command.consumer !== undefined) request.consumer = command.consumer;
  if (command.since !== undefined) request.since = command.since;
  if (command.exclude !== undefined) request.exclude = command.exclude;
  if (command.symbols !== undefined) request.symbols = command.symbols;
  if (command.layout !== undefined) request.layout = command.layout;
  return { ok: true, value: { request, given: given.value } };
}

/** Names the produced export and answers with its one-line summary. */
function finishExport(
  runtime: CommandTarget,
  command: ExportCommand,
  given: string | undefined,
  result: ExportResult,
  ctx: CommandContext,
): CommandOutcome {
  const metadata = result.metadata;
  const wanted = exportFileName(given, runtime.snapshot().sessionName, metadata);
  const fileName = ctx.takeFileName(wanted);
  const parts: string[] = [];
  if (metadata.mode === 'delta') parts.push(`${withUnit(metadata.changedPaths.length, 'stream')} changed`);
  parts.push(withUnit(result.rows, 'row'), withUnit(result.bytes, 'byte'));
  const since = command.since !== undefined ? ` since #${command.since}` : '';
  const excluded = metadata.excluded.length > 0 ? ` (excluded: ${metadata.excluded.join(', ')})` : '';
  const only = metadata.symbols === undefined ? '' : ` (symbols: ${metadata.symbols.join(', ') || 'none'})`;
  const renamed = fileName !== wanted ? ` (${wanted} already exists)` : '';
  return {
    ok: true,
    message: `exported ${metadata.mode} #${metadata.sequence}${since} for consumer ${metadata.consumer}: ${parts.join(', ')}${excluded}${only} -> ${fileName}${renamed}`,
    export: { fileName, result },
  };
}

function exportStatus(runtime: CommandTarget, command: ExportCommand, ctx: CommandContext): CommandOutcome {
  const prepared = prepareExport(command);
  if (!prepared.ok) return failed(prepared.error);
  const { request, given } = prepared.value;
  if (ctx.save === undefined) {
    const result = runtime.exportStatus(request);
    if (!result.ok) return failed(result.error);
    return finishExport(runtime, command, given, result.value, ctx);
  }
  const pending = runtime.prepareExport(request);
  if (!pending.ok) return failed(pending.error);
  return saveThenCommit(runtime, command, given, pending.value, { ...ctx, save: ctx.save });
}

/** Names and saves a produced export, and counts it only once it is saved. */
function saveThenCommit(
  runtime: CommandTarget,
  command: ExportCommand,
  given: string | undefined,
  pending: PendingExport,
  ctx: Required<CommandContext>,
): CommandOutcome {
  const metadata = pending.result.metadata;
  const unchanged = `nothing was exported: consumer ${metadata.consumer}'s cursor and sequence are unchanged, so the next export carries the same rows`;
  let outcome: CommandOutcome;
  try {
    // Taking the name may fail too (the CLI creates the file there: ENAMETOOLONG, EACCES).
    outcome = finishExport(runtime, command, given, pending.result, ctx);
  } catch (error) {
    return failed(`system export-status: could not create the file (${oneLine(error)}); ${unchanged}`);
  }
  if (!outcome.ok || outcome.export === undefined) return outcome;
  const problem = ctx.save(outcome.export.fileName, pending.result);
  if (problem !== null) return failed(`system export-status: ${problem}; ${unchanged}`);
  const committed = pending.commit();
  return committed.ok ? outcome : failed(committed.error);
}

function oneLine(error: unknown): string {
  return shownWord((error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' '), 200);
}

/**
 * The same commands for a host that produces exports asynchronously (the worker, which slices a large
 * export so that it can report progress and be cancelled). Every other command runs as `executeCommand`.
 */
export async function executeCommandAsync(
  runtime: CommandTarget,
  command: Command,
  ctx: CommandContext & {
    runExport?: (request: ExportRequest) => Promise<Result<ExportResult>>;
    saveDemo?: DemoSaver;
  },
): Promise<CommandOutcome> {
  if (command.kind === 'save-demo' && ctx.saveDemo !== undefined) return saveDemo(command, ctx.saveDemo);
  if (command.kind !== 'export' || ctx.runExport === undefined) return executeCommand(runtime, command, ctx);
  try {
    const prepared = prepareExport(command);
    if (!prepared.ok) return failed(prepared.error);
    const result = await ctx.runExport(prepared.value.request);
    if (!result.ok) return failed(result.error);
    return finishExport(runtime, command, prepared.value.given, result.value, ctx);
  } catch (error) {
    return failed(`system export-status: failed unexpectedly: ${oneLine(error)}`);
  }
}

async function saveDemo(command: SaveDemoCommand, save: DemoSaver): Promise<CommandOutcome> {
  const request: DemoRequest = {};
  if (command.every !== undefined) request.every = command.every;
  if (command.exclude !== undefined) request.exclude = command.exclude;
  if (command.fileName !== undefined) request.fileName = command.fileName;
  try {
    const saved = await save(request);
    if (!saved.ok) return failed(saved.error);
    return done(`demo ${saved.value.verb}: ${saved.value.where} (${demoLine(saved.value.summary)})`);
  } catch (error) {
    return failed(`system save-demo: failed unexpectedly: ${oneLine(error)}; no demo was written`);
  }
}

/** `412 KB, 391 steps over 1 trading day`. */
export function demoLine(summary: DemoSummary): string {
  return `${sizeText(summary.bytes)}, ${withUnit(summary.steps, 'step')} over ${withUnit(summary.tradingDays, 'trading day')}`;
}

/** Bytes as the answer line shows them: `812 bytes`, `412 KB`, `3.4 MB` (1 KB = 1,024 bytes). */
function sizeText(bytes: number): string {
  if (bytes < 1024) return withUnit(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${withThousands(Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function statusLine(runtime: CommandTarget): string {
  const snapshot = runtime.snapshot();
  const session = runtime.sessionBars();
  if (session === null || snapshot.sessionDate === null) {
    return `${snapshot.sessionName}: ${snapshot.state}, not started (backtest ${snapshot.backtestWindow.startDate} to ${snapshot.backtestWindow.endDate}, speed ${snapshot.speedMultiplier}x); symbols: ${snapshot.symbols.join(', ')}`;
  }
  const bars = session.bars.map(({ symbol, rows }) => `${symbol} ${withThousands(rows)}`);
  const held =
    session.interval === null ? 'no bars streamed' : `${session.interval} bars: ${bars.join(', ')}`;
  return `${snapshot.sessionName}: ${snapshot.state}, session ${snapshot.sessionDate}, market time ${marketTimeOf(snapshot).slice(11)} (minute ${snapshot.sessionMinute} of ${snapshot.sessionMinutes}), speed ${snapshot.speedMultiplier}x; ${held}`;
}

/** The snapshot's market time: `2025-07-01T09:31:00` -> `2025-07-01 09:31 ET` (seconds only when not zero). */
function marketTimeOf(snapshot: EngineSnapshot): string {
  if (snapshot.marketTime === null) return 'not started';
  const [date, time = ''] = snapshot.marketTime.split('T');
  return `${date} ${time.endsWith(':00') ? time.slice(0, 5) : time} ET`;
}

function commandName(command: Command): string {
  switch (command.kind) {
    case 'export':
      return 'system export-status';
    case 'save-demo':
      return 'system save-demo';
    case 'help':
    case 'noop':
      return command.kind;
    default:
      return `system ${command.kind}`;
  }
}

/**
 * A whole number with thousands separators: `2345` -> `2,345` (as `formatCount` in src/format.ts, which
 * this layer may not import).
 */
function withThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The number and its unit, plural unless it is 1: `1` row, `2,345` rows. */
function withUnit(n: number, unit: string): string {
  return `${withThousands(n)} ${n === 1 ? unit : `${unit}s`}`;
}
