// The one parser of the command language (docs/export-format.md section 7), for the UI's console and the CLI.
// Every refusal is one line naming what was wrong and what is accepted.
//
// Grammar: words separated by spaces or tabs, lower-case as written in the contract. Blank lines and
// lines whose first non-blank character is `#` are no-ops. In `system export-status`, a word holding `=`
// whose key is not an option is refused (so a misspelled `complet=true` is not taken for a file name);
// every other word is the file name. There is no quoting: a file name cannot hold spaces or `=`.
//
// The limits and the consumer-name rule are the export contract module's, the same values the engine and
// the exporter enforce: a command the parser accepts is never refused for a different reason later.

import type { Result } from '../common/result';
import { quotedWord, shownWord } from '../common/shown-text';
import {
  CONSUMER_NAME_RULE,
  checkDemoFileName,
  checkFileName,
  DEMO_EVERY_RULE,
  EXPORT_LAYOUTS,
  type ExportLayout,
  isConsumerName,
  isDemoEvery,
  isSpeed,
  MAX_ADVANCE_MINUTES,
  SPEED_RULE,
} from '../export/contract';
import { type Command, type ExportCommand, type SaveDemoCommand, SYSTEM_SUBCOMMANDS } from './commands';

const WHOLE_NUMBER = /^\d+$/;
const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

const EXPORT_OPTIONS = ['complete', 'consumer', 'since', 'exclude', 'symbols', 'layout'] as const;
type ExportOption = (typeof EXPORT_OPTIONS)[number];

const ok = (value: Command): Result<Command> => ({ ok: true, value });
const fail = (error: string): Result<Command> => ({ ok: false, error });

const SUBCOMMAND_LIST = `${SYSTEM_SUBCOMMANDS.slice(0, -1).join(', ')} or ${SYSTEM_SUBCOMMANDS.at(-1)}`;

export function parseCommand(line: string): Result<Command> {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return ok({ kind: 'noop' });
  const [word = '', ...args] = text.split(/\s+/);
  if (word === 'help') {
    return args.length === 0 ? ok({ kind: 'help' }) : fail(noArguments('help', args));
  }
  if (word !== 'system') {
    const lower = word.toLowerCase();
    if (lower === 'system' || lower === 'help') {
      return fail(`unknown command ${quote(word)} (commands are lower-case: ${lower})`);
    }
    return fail(`unknown command ${quote(word)} (type help for the list of commands)`);
  }
  const [sub, ...rest] = args;
  if (sub === undefined) return fail(`system: a subcommand is expected (${SUBCOMMAND_LIST})`);
  switch (sub) {
    case 'start':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'status':
      return rest.length === 0 ? ok({ kind: sub }) : fail(noArguments(`system ${sub}`, rest));
    case 'advance':
      return parseAdvance(rest);
    case 'speed':
      return parseSpeed(rest);
    case 'export-status':
      return parseExport(rest);
    case 'save-demo':
      return parseSaveDemo(rest);
    case 'reset-indices':
      return parseResetIndices(rest);
    default: {
      const lower = sub.toLowerCase();
      const hint = (SYSTEM_SUBCOMMANDS as readonly string[]).includes(lower) ? ` (lower-case: ${lower})` : '';
      return fail(`system: unknown subcommand ${quote(sub)}${hint} (expected ${SUBCOMMAND_LIST})`);
    }
  }
}

function noArguments(command: string, args: string[]): string {
  return `${command}: takes no arguments (got ${quote(args.join(' '))})`;
}

function parseAdvance(args: string[]): Result<Command> {
  const expected = `expected a whole number of minutes 1-${MAX_ADVANCE_MINUTES}, e.g. system advance 5`;
  if (args.length > 1)
    return fail(`system advance: takes one number of minutes (got ${quote(args.join(' '))}; ${expected})`);
  const [text] = args;
  if (text === undefined) return ok({ kind: 'advance', minutes: 1 });
  const minutes = WHOLE_NUMBER.test(text) ? Number(text) : Number.NaN;
  if (!(minutes >= 1 && minutes <= MAX_ADVANCE_MINUTES)) {
    return fail(`system advance: ${quote(text)} is not a number of minutes (${expected})`);
  }
  return ok({ kind: 'advance', minutes });
}

function parseSpeed(args: string[]): Result<Command> {
  const expected = `expected ${SPEED_RULE}, e.g. system speed 60`;
  const [text] = args;
  if (text === undefined) return fail(`system speed: a speed multiplier is required (${expected})`);
  if (args.length > 1)
    return fail(`system speed: takes one speed multiplier (got ${quote(args.join(' '))}; ${expected})`);
  const multiplier = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!isSpeed(multiplier)) {
    return fail(`system speed: ${quote(text)} is not a speed multiplier (${expected})`);
  }
  return ok({ kind: 'speed', multiplier });
}

function parseResetIndices(args: string[]): Result<Command> {
  const command: { kind: 'reset-indices'; consumer?: string } = { kind: 'reset-indices' };
  for (const arg of args) {
    const [key, value] = splitOption(arg);
    if (key !== 'consumer' || value === null) {
      return fail(`system reset-indices: ${quote(arg)} is not accepted (expected nothing or consumer=NAME)`);
    }
    if (command.consumer !== undefined) return fail('system reset-indices: consumer= is given twice');
    const problem = consumerProblem('system reset-indices', value);
    if (problem !== null) return fail(problem);
    command.consumer = value;
  }
  return ok(command);
}

/** A bare word of `export-status` or `save-demo` is the file name: one at most, checked by `check`. */
function fileNameProblem(
  name: string,
  given: string | undefined,
  arg: string,
  check: (fileName: string) => Result<string>,
): string | null {
  if (given !== undefined) {
    return `${name}: only one file name can be given (got ${quote(given)} and ${quote(arg)})`;
  }
  const checked = check(arg);
  return checked.ok ? null : `${name}: ${checked.error}`;
}

function parseExport(args: string[]): Result<Command> {
  const name = 'system export-status';
  const seen = new Set<ExportOption>();
  let complete: boolean | undefined;
  const command: Omit<ExportCommand, 'complete'> = { kind: 'export' };
  for (const arg of args) {
    const [key, value] = splitOption(arg);
    if (value === null) {
      const problem = fileNameProblem(name, command.fileName, arg, checkFileName);
      if (problem !== null) return fail(problem);
      command.fileName = arg;
      continue;
    }
    if (!isExportOption(key)) {
      return fail(
        `${name}: ${quote(arg)} is not an option (accepted: ${EXPORT_OPTIONS.map((o) => `${o}=`).join(', ')})`,
      );
    }
    if (seen.has(key)) return fail(`${name}: ${key}= is given twice`);
    seen.add(key);
    switch (key) {
      case 'complete':
        if (value !== 'true' && value !== 'false') {
          return fail(`${name}: ${plain(arg)} is not accepted (expected complete=true or complete=false)`);
        }
        complete = value === 'true';
        break;
      case 'consumer': {
        const problem = consumerProblem(name, value);
        if (problem !== null) return fail(problem);
        command.consumer = value;
        break;
      }
      case 'since': {
        const since = WHOLE_NUMBER.test(value) ? Number(value) : Number.NaN;
        if (!(since >= 1 && Number.isSafeInteger(since))) {
          return fail(
            `${name}: ${plain(arg)} is not accepted (expected since=SEQ, the sequence number of an earlier export of the consumer, e.g. since=2)`,
          );
        }
        command.since = since;
        break;
      }
      case 'exclude': {
        const names = value.split(',');
        if (names.some((n) => n === '')) {
          return fail(
            `${name}: ${plain(arg)} is not accepted (expected a comma-separated list of streams or sections, e.g. exclude=ticks,quotes)`,
          );
        }
        command.exclude = names;
        break;
      }
      case 'symbols': {
        const names = value.split(',');
        if (names.some((n) => n === '')) {
          return fail(
            `${name}: ${plain(arg)} is not accepted (expected a comma-separated list of the session's symbols, e.g. symbols=RIVN,AAPL)`,
          );
        }
        command.symbols = names;
        break;
      }
      case 'layout':
        if (!isLayout(value)) {
          return fail(`${name}: ${plain(arg)} is not accepted (expected layout=pretty or layout=compact)`);
        }
        command.layout = value;
        break;
    }
  }
  if (complete === undefined) {
    return fail(
      `${name}: complete=true or complete=false is required (complete=true for everything, complete=false for a delta)`,
    );
  }
  if (complete && command.since !== undefined) {
    return fail(`${name}: since= applies to delta exports only (use complete=false)`);
  }
  return ok({ ...command, complete });
}

const DEMO_OPTIONS = ['every', 'exclude'] as const;

/** `system save-demo [every=N] [exclude=LIST] [FILENAME]`: the same word rules as `export-status`. */
function parseSaveDemo(args: string[]): Result<Command> {
  const name = 'system save-demo';
  const command: SaveDemoCommand = { kind: 'save-demo' };
  for (const arg of args) {
    const [key, value] = splitOption(arg);
    if (value === null) {
      const problem = fileNameProblem(name, command.fileName, arg, checkDemoFileName);
      if (problem !== null) return fail(problem);
      command.fileName = arg;
      continue;
    }
    if (key !== 'every' && key !== 'exclude') {
      return fail(
        `${name}: ${quote(arg)} is not an option (accepted: ${DEMO_OPTIONS.map((o) => `${o}=`).join(', ')})`,
      );
    }
    if (command[key] !== undefined) return fail(`${name}: ${key}= is given twice`);
    if (key === 'every') {
      const every = WHOLE_NUMBER.test(value) ? Number(value) : Number.NaN;
      if (!isDemoEvery(every))
        return fail(`${name}: ${plain(arg)} is not accepted (expected ${DEMO_EVERY_RULE})`);
      command.every = every;
      continue;
    }
    const names = value.split(',');
    if (names.some((n) => n === '')) {
      return fail(
        `${name}: ${plain(arg)} is not accepted (expected a comma-separated list of streams or sections, e.g. exclude=ticks,quotes)`,
      );
    }
    command.exclude = names;
  }
  return ok(command);
}

function isExportOption(key: string): key is ExportOption {
  return (EXPORT_OPTIONS as readonly string[]).includes(key);
}

/** `key=value` -> [key, value]; a word without `=` -> [word, null]. */
function splitOption(arg: string): [string, string | null] {
  const eq = arg.indexOf('=');
  return eq < 0 ? [arg, null] : [arg.slice(0, eq), arg.slice(eq + 1)];
}

function consumerProblem(command: string, consumer: string): string | null {
  if (isConsumerName(consumer)) return null;
  return `${command}: consumer=${plain(consumer)} is not a consumer name (expected ${CONSUMER_NAME_RULE})`;
}

/** A word as typed, for a message: cut short, control and invisible characters escaped (one safe line). */
const plain = (word: string): string => shownWord(word);

/** A word in double quotes, escaped as by `plain` (and its quotes and backslashes too). */
const quote = (word: string): string => quotedWord(word);

const isLayout = (value: string): value is ExportLayout =>
  (EXPORT_LAYOUTS as readonly string[]).includes(value);
