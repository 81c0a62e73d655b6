// The command line, as a function the tests call in-process; `cli.ts` wires it to the real process.
// Commands come from repeated `-c "command"` or, without -c, from standard input one per line, and run in
// order through the same parser and executor as the UI's console. Exports are written to `--out` chunk by
// chunk, each to a file created exclusively (`wx`), so no existing file is ever overwritten.

import {
  accessSync,
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { makeDemo } from './api/demo-maker';
import { createRuntime, type Runtime } from './api/runtime';
import { cliDemoPlayerPage } from './cli-demo-player';
import { COMMAND_HELP } from './commands/commands';
import { type CommandOutcome, executeCommandAsync, type SavedDemo } from './commands/execute';
import { parseCommand } from './commands/parse';
import type { Result } from './common/result';
import { quotedWord, shownWord } from './common/shown-text';
import { parseSessionConfigText } from './engine/config';
import type { MarketDataOptions } from './engine/market-data';
import { uniqueFileName } from './export/contract';

export interface CliOutput {
  /** One result line (standard output). */
  out(line: string): void;
  /** One error or notice line (standard error). */
  err(line: string): void;
}

/** Standard input's lines; called only when no `-c` is given. */
export type LineSource = () => AsyncIterable<string> | Iterable<string>;

export interface CliOptions {
  /** Folder that relative `--config` and `--out` paths start from (default: the process's). */
  cwd?: string;
  /** Where exports go without `--out`. */
  defaultOutDir?: string;
  /** Standard input is a terminal: say how to get help and how to quit. */
  interactive?: boolean;
  /** Wall clock for `generated_at` and default file names (tests pin it). */
  now?: () => number;
  /**
   * Writes a chunk of an export file (default `fs.writeSync`). Tests make it fail, to check that an export
   * whose file is not written is not counted: a write error cannot be provoked otherwise when run as root.
   */
  writeChunk?: ChunkWriter;
  /** The demo player's page for `system save-demo` (default: scripts/demo-player.ts; tests give a small one). */
  demoPlayer?: () => Promise<string>;
}

/** `fs.writeSync`'s shape for a chunk: bytes written, or a throw. */
export type ChunkWriter = (fd: number, chunk: Uint8Array, offset: number, length: number) => number;

export const EXIT_OK = 0;
export const EXIT_COMMAND_FAILED = 1;
export const EXIT_USAGE = 2;

export const USAGE = [
  'Usage: npm run cli -- [--config FILE] [--out DIR] [--gap-rate R] [--seed N] [-c "COMMAND"]...',
  '',
  'Replays the backtest from the command line. The clock moves only with system advance, so a script',
  'always gives the same rows.',
  '',
  'Options:',
  '  --config FILE  session configuration in the original JSON form (default: the built-in example session)',
  '  --out DIR      folder for export files (default: data/status/ in the project folder; created when needed)',
  '  --gap-rate R   share of minutes the built-in market leaves without trades (0 to 0.5, default 0), to',
  '                 show data quality below 100%',
  '  --seed N       seed of the built-in market data (a whole number, default 1)',
  '  -c COMMAND     run COMMAND; may be repeated, runs in order; standard input is then not read',
  '  -h, --help     show this help',
  '',
  'Without -c, commands are read from standard input, one per line; blank lines and lines starting with #',
  'are skipped. Each result is printed as one line on standard output. A command that fails prints one line',
  'starting with "error: " on standard error ("error: line N: ..." when read from standard input), changes',
  'nothing, and the next commands still run.',
  'Exports are never written over an existing file: when the name is taken, _2, _3, ... is added before the',
  'extension, and the result line names the file actually written.',
  'Exit status: 0 when every command succeeded, 1 when any command failed, 2 for a bad option or',
  'configuration file.',
  '',
  'Commands:',
  ...COMMAND_HELP.map((line) => `  ${line}`),
].join('\n');

interface CliArgs {
  help: boolean;
  config?: string;
  out?: string;
  gapRate?: number;
  seed?: number;
  commands: string[];
}

const VALUE_FLAGS = ['--config', '--out', '--gap-rate', '--seed', '-c'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

/** Reads a numeric option, or says what is accepted. */
function numberOption(flag: '--gap-rate' | '--seed', value: string): number | string {
  const n = Number(value);
  if (flag === '--gap-rate') {
    return value.trim() !== '' && n >= 0 && n <= 0.5
      ? n
      : `--gap-rate ${shownWord(value)} is not accepted (expected a number from 0 to 0.5)`;
  }
  return /^\d{1,9}$/.test(value)
    ? n
    : `--seed ${shownWord(value)} is not accepted (expected a whole number from 0 to 999999999)`;
}

function parseArgs(args: readonly string[]): CliArgs | string {
  const parsed: CliArgs = { help: false, commands: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-h' || arg === '--help') {
      parsed.help = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      return arg.startsWith('-')
        ? `unknown option ${quotedWord(arg)} (accepted: --config FILE, --out DIR, --gap-rate R, --seed N, -c COMMAND, --help)`
        : `unexpected argument ${quotedWord(arg)} (commands are given with -c "COMMAND" or on standard input)`;
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    const example: Record<ValueFlag, string> = {
      '-c': '-c "system start"',
      '--config': '--config FILE',
      '--out': '--out DIR',
      '--gap-rate': '--gap-rate 0.02',
      '--seed': '--seed 7',
    };
    if (value === undefined) return `${flag} needs a value (${example[flag as ValueFlag]})`;
    if (flag === '-c') {
      parsed.commands.push(value);
      continue;
    }
    const key = (
      { '--config': 'config', '--out': 'out', '--gap-rate': 'gapRate', '--seed': 'seed' } as const
    )[flag as Exclude<ValueFlag, '-c'>];
    if (parsed[key] !== undefined) return `${flag} is given twice`;
    if (key === 'gapRate' || key === 'seed') {
      const n = numberOption(flag as '--gap-rate' | '--seed', value);
      if (typeof n === 'string') return n;
      parsed[key] = n;
    } else parsed[key] = value;
  }
  return parsed;
}

/** Runs the command line; resolves to the exit status. Never throws for a user's mistake. */
export async function runCli(
  args: readonly string[],
  stdin: LineSource,
  output: CliOutput,
  options: CliOptions = {},
): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    output.err(`error: ${parsed}`);
    return EXIT_USAGE;
  }
  if (parsed.help) {
    output.out(USAGE);
    return EXIT_OK;
  }
  const cwd = options.cwd ?? process.cwd();
  const market = {
    ...(parsed.gapRate !== undefined ? { gapRate: parsed.gapRate } : {}),
    ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}),
  };
  const runtime = loadRuntime(parsed.config, cwd, market, options.now);
  if (typeof runtime === 'string') {
    output.err(`error: ${runtime}`);
    return EXIT_USAGE;
  }
  // What the configuration holds that this app keeps (in session_config) but does not use: said once, on
  // standard error, so that a script's output stays the commands' answers.
  const unused = runtime.backtest.config.ignored;
  if (parsed.config !== undefined && unused.length > 0) {
    output.err(`note: --config ${shownWord(parsed.config, 200)}: kept, not used: ${unused.join(', ')}`);
  }
  const outDir =
    parsed.out !== undefined
      ? resolve(cwd, parsed.out)
      : (options.defaultOutDir ?? resolve(cwd, 'data/status'));
  const files = new ExportFiles(outDir, options.writeChunk ?? writeSync);
  const demoPlayer = options.demoPlayer ?? cliDemoPlayerPage;

  const fromStdin = parsed.commands.length === 0;
  if (fromStdin && options.interactive) {
    output.err('Session Tape: type a command (help lists them); Ctrl-D quits.');
  }
  let failed = false;
  let lineNumber = 0;
  for await (const line of fromStdin ? stdin() : parsed.commands) {
    lineNumber++;
    const where = fromStdin ? `line ${lineNumber}: ` : '';
    const outcome = await runLine(runtime, line, files, { cwd, demoPlayer });
    if (outcome.message === '') continue;
    if (outcome.ok) output.out(outcome.message);
    else {
      failed = true;
      output.err(`error: ${where}${outcome.message}`);
    }
  }
  return failed ? EXIT_COMMAND_FAILED : EXIT_OK;
}

function loadRuntime(
  configPath: string | undefined,
  cwd: string,
  market: Partial<MarketDataOptions>,
  now?: () => number,
): Runtime | string {
  let config: unknown;
  if (configPath !== undefined) {
    let text: string;
    try {
      const bytes = readFileSync(resolve(cwd, configPath));
      // A gzipped configuration (`.json.gz`) reads as well as a plain one.
      text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
    } catch (error) {
      return `--config ${shownWord(configPath, 200)}: cannot read the file (${systemError(error)})`;
    }
    const result = parseSessionConfigText(text);
    if (!result.ok) return `--config ${shownWord(configPath, 200)}: ${result.error}`;
    config = result.value.raw;
  }
  try {
    return createRuntime({
      ...(config !== undefined ? { config } : {}),
      realtime: false,
      market,
      ...(now ? { now } : {}),
    });
  } catch (error) {
    return `--config ${configPath === undefined ? '(built-in)' : shownWord(configPath, 200)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function runLine(
  runtime: Runtime,
  line: string,
  files: ExportFiles,
  demo: { cwd: string; demoPlayer: () => Promise<string> },
): Promise<CommandOutcome> {
  const parsed = parseCommand(line);
  if (!parsed.ok) return { ok: false, message: parsed.error };
  const command = parsed.value;
  if (command.kind === 'export' || command.kind === 'save-demo') {
    // The folder must be usable before the work: an export moves the consumer's cursor, a demo takes long.
    const problem = files.prepare();
    if (problem !== null) {
      const name = command.kind === 'export' ? 'system export-status' : 'system save-demo';
      const nothing = command.kind === 'export' ? 'nothing was exported' : 'no demo was written';
      return { ok: false, message: `${name}: ${problem}; ${nothing}` };
    }
  }
  // An export counts (its consumer's cursor and sequence move) only once `save` has written and closed its
  // file: if creating or writing the file fails, the next delta still carries the rows.
  const outcome = await executeCommandAsync(runtime, command, {
    takeFileName: (name) => files.take(name),
    save: (_name, result) => files.write(result.chunks),
    saveDemo: async (request): Promise<Result<SavedDemo>> => {
      const made = await makeDemo(runtime.backtest, request, { template: demo.demoPlayer, now: runtime.now });
      if (!made.ok) return made;
      const { summary } = made.value;
      const fileName = files.take(summary.fileName);
      const problem = files.write([made.value.bytes]);
      if (problem !== null) return { ok: false, error: `system save-demo: ${problem}; no demo was written` };
      const path = join(files.dir, fileName);
      const shown = relative(demo.cwd, path);
      return {
        ok: true,
        value: {
          summary: { ...summary, fileName },
          where: shown === '' || shown.startsWith('..') || isAbsolute(shown) ? path : shown,
          verb: 'written',
        },
      };
    },
  });
  if (!outcome.ok) files.release();
  return outcome;
}

/** The folder exports go to, and the file reserved for the export under way. */
class ExportFiles {
  private reserved: { fd: number; path: string } | null = null;

  constructor(
    readonly dir: string,
    private readonly writeChunk: ChunkWriter,
  ) {}

  /** Creates the folder when missing; a line saying why it cannot be written to, or null. */
  prepare(): string | null {
    try {
      mkdirSync(this.dir, { recursive: true });
      accessSync(this.dir, constants.W_OK);
      return null;
    } catch (error) {
      return `cannot write to the folder ${this.dir} (${systemError(error)})`;
    }
  }

  /** Creates the file exclusively under `name` or its first free variant, and keeps it for `write`. */
  take(name: string): string {
    this.release();
    for (let attempt = 0; attempt < 100; attempt++) {
      const candidate = uniqueFileName(name, (n) => exists(join(this.dir, n)));
      const path = join(this.dir, candidate);
      try {
        this.reserved = { fd: openSync(path, 'wx'), path };
        return candidate;
      } catch (error) {
        // Created by someone else between the check and the open: look for the next free name.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new Error(`cannot create a file named like ${name} in ${this.dir}`);
  }

  /** Writes the chunks as they are into the reserved file; a line saying what failed, or null. */
  write(chunks: readonly Uint8Array[]): string | null {
    const file = this.reserved;
    if (file === null) return 'no file was reserved for the export';
    this.reserved = null;
    try {
      for (const chunk of chunks) {
        let offset = 0;
        while (offset < chunk.length)
          offset += this.writeChunk(file.fd, chunk, offset, chunk.length - offset);
      }
      closeSync(file.fd);
      return null;
    } catch (error) {
      try {
        closeSync(file.fd);
      } catch {}
      try {
        unlinkSync(file.path);
      } catch {}
      return `could not write ${file.path} (${systemError(error)})`;
    }
  }

  /** Drops a reservation that was not written (the command failed after `take`). */
  release(): void {
    const file = this.reserved;
    if (file === null) return;
    this.reserved = null;
    try {
      closeSync(file.fd);
      unlinkSync(file.path);
    } catch {}
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function systemError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error.message.replace(/\s+/g, ' ');
    return code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
  }
  return String(error);
}
