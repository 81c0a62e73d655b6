// Fuzzing surface: the command language (parser and executor) on a runtime, as the command line runs it.
//
// Inputs are random text (any Unicode, control characters, very long lines) and near-valid commands
// (`system export-status ...` with random options and file names, `system advance N`, `system speed X`, the
// clock verbs). Exports are written to a temporary folder and counted only once written, as the command line
// does; one export in twenty has its write fail on purpose. Checked for every input:
// - nothing is thrown out of parseCommand or executeCommand;
// - no input takes longer than HANG_MS;
// - after a refused command (a parse error, a refusal, a failed write) the runtime's snapshot and every
//   consumer's cursor are as they were.
// The session is small (one symbol, no history) so that each input is cheap; it is replaced every few
// hundred inputs, so that a long run does not spend its time in a FINISHED backtest.

import { existsSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createRuntime, type Runtime } from '../workers/api/runtime';
import { executeCommand } from '../workers/commands/execute';
import { parseCommand } from '../workers/commands/parse';
import { type ExportResult, uniqueFileName } from '../workers/export/contract';
import { type FuzzReport, type FuzzSurface, fail, HANG_MS, report } from './types';

const NOW = Date.UTC(2025, 11, 3, 19, 15, 45);
const INPUTS_PER_RUNTIME = 300;

/** A small session: one day, one symbol, a few streams, no history, so that start and exports are cheap. */
const CONFIG = {
  session_name: 'Fuzz Session',
  mode: 'backtest',
  backtest_config: { start_date: '2025-07-01', end_date: '2025-07-02', speed_multiplier: 0 },
  session_data_config: {
    symbols: ['RIVN'],
    streams: ['1m', '5m', 'ticks', 'quotes'],
    historical: { enabled: false },
  },
};

const WORDS = ['true', 'false', 'default', 'ui', 'ticks', 'quotes', '1m', '5m', 'historical', 'threads'];
const OPTIONS = ['complete', 'consumer', 'since', 'exclude', 'layout', 'complet', 'COMPLETE', ''];

/** Text of any kind: full Unicode, control characters, long runs. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom('\u001b[31m', '\u202e', '\u200b', '\u0085', '\u2028', '\ud800', '\u007f', 'é', '語', '😀'),
  fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)),
  fc.nat({ max: 300 }).map((n) => 'é'.repeat(n)),
);

const numberText = fc.oneof(
  fc.integer({ min: -5, max: 400 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom(
    '0',
    '1e3',
    '100000',
    '100001',
    '1000000',
    '1000001',
    '0.5',
    '.5',
    '5.',
    '-0',
    'NaN',
    '',
    '٣',
  ),
);

const option = fc.oneof(
  fc
    .tuple(fc.constantFrom(...OPTIONS), fc.oneof(fc.constantFrom(...WORDS), numberText, anyText))
    .map(([key, value]) => `${key}=${value}`),
  fc.constantFrom('complete=true', 'complete=false', 'layout=compact', 'consumer=ui', 'since=1', 'since=2'),
  fc
    .array(fc.constantFrom(...WORDS, 'nope', ''), { maxLength: 4 })
    .map((names) => `exclude=${names.join(',')}`),
);

const fileName = fc.oneof(
  anyText,
  fc.constantFrom('a.json', 'CON', 'nul.json', 'report.', '.hidden', '..', 'a/b', 'report ', 'x.txt'),
);

const exportCommand = fc
  .tuple(fc.array(option, { maxLength: 5 }), fc.option(fileName, { nil: undefined }), fc.boolean())
  .map(([options, name, withComplete]) =>
    [
      'system',
      'export-status',
      ...(withComplete ? ['complete=false'] : []),
      ...options,
      ...(name ? [name] : []),
    ].join(' '),
  );

const nearValid = fc.oneof(
  { weight: 5, arbitrary: exportCommand },
  { weight: 3, arbitrary: numberText.map((n) => `system advance ${n}`) },
  { weight: 1, arbitrary: numberText.map((n) => `system speed ${n}`) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'system start',
      'system pause',
      'system resume',
      'system stop',
      'system status',
      'system advance',
      'system advance 30',
      'system reset-indices',
      'system reset-indices consumer=ui',
      'help',
      '# a comment',
      '',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('system', 'help', 'System', ''), anyText).map((p) => p.join(' ')),
  },
);

const line = fc.oneof({ weight: 1, arbitrary: anyText }, { weight: 4, arbitrary: nearValid });

/** The state a refused command must leave as it was. */
const stateOf = (runtime: Runtime): string =>
  `${JSON.stringify(runtime.snapshot())}|${runtime.exporter.cursorFingerprint()}`;

/** Writes exports as the command line does: a fresh name in `dir`, created exclusively, checked, removed. */
class TempFiles {
  failNext = false;

  constructor(readonly dir: string) {}

  take = (name: string): string => uniqueFileName(name, (n) => existsSync(join(this.dir, n)));

  save = (name: string, result: ExportResult): string | null => {
    if (this.failNext) {
      this.failNext = false;
      return `could not write ${name} (EIO: injected by the fuzzer)`;
    }
    const path = join(this.dir, name);
    try {
      writeFileSync(path, Buffer.concat(result.chunks), { flag: 'wx' });
      const size = statSync(path).size;
      // Kept only long enough to check it: a long run would otherwise fill the disk.
      unlinkSync(path);
      return size === result.bytes ? null : `wrote ${size} of ${result.bytes} bytes`;
    } catch (error) {
      return `could not write ${name} (${error instanceof Error ? error.message : String(error)})`;
    }
  };
}

function freshRuntime(): Runtime {
  const runtime = createRuntime({ config: CONFIG, realtime: false, now: () => NOW });
  runtime.start();
  runtime.step(5);
  return runtime;
}

/** One input: counts it, and whatever must never happen. */
function runOne(into: FuzzReport, runtime: Runtime, files: TempFiles, text: string, where: string): void {
  into.inputs++;
  const before = stateOf(runtime);
  const started = performance.now();
  try {
    const parsed = parseCommand(text);
    const outcome = parsed.ok
      ? executeCommand(runtime, parsed.value, { takeFileName: files.take, save: files.save })
      : { ok: false, message: parsed.error };
    if (!outcome.ok) {
      into.refused++;
      if (stateOf(runtime) !== before) fail(into, 'state', `${where}: ${JSON.stringify(text).slice(0, 200)}`);
      if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(outcome.message) || outcome.message.length > 2000) {
        fail(into, 'state', `${where}: unsafe message ${JSON.stringify(outcome.message).slice(0, 200)}`);
      }
    }
  } catch (error) {
    fail(into, 'crash', `${where}: ${JSON.stringify(text).slice(0, 200)}: ${String(error).slice(0, 200)}`);
  }
  if (performance.now() - started > HANG_MS)
    fail(into, 'hang', `${where}: ${JSON.stringify(text).slice(0, 200)}`);
}

const surface: FuzzSurface = async (runs, seed) => {
  const into = report('commands');
  const lines = fc.sample(line, { seed, numRuns: runs });
  // Which exports have their write fail: drawn from the seed too, so a run repeats exactly.
  const failures = fc.sample(fc.nat({ max: 19 }), { seed: seed + 1, numRuns: runs });
  const dir = mkdtempSync(join(tmpdir(), 'session-tape-fuzz-commands-'));
  try {
    let runtime = freshRuntime();
    lines.forEach((text, index) => {
      if (index > 0 && index % INPUTS_PER_RUNTIME === 0) runtime = freshRuntime();
      const files = new TempFiles(dir);
      files.failNext = failures[index] === 0;
      runOne(into, runtime, files, text, `seed ${seed} input ${index}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return into;
};

export default surface;
