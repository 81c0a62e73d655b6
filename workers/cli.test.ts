import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli-main';
import { fromBase64 } from './common/base64';
import { gunzip } from './common/gzip';
import { DEFAULT_SESSION_CONFIG_JSON } from './engine/config';
import { decodeDemoTape, MAX_DEMO_TAPE_BYTES } from './export/contract';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
// 2025-12-03 19:15:45 UTC is 14:15:45 in New York (EST).
const NOW = Date.UTC(2025, 11, 3, 19, 15, 45);

const ACCEPTANCE = [
  'system start',
  'system advance 1',
  'system export-status complete=true first.json',
  'system advance 1',
  'system export-status complete=false second.json',
];

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'session-tape-cli-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], stdin: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  let stdinRead = false;
  const code = await runCli(
    args,
    () => {
      stdinRead = true;
      return stdin;
    },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
    { now: () => NOW },
  );
  return { code, out, err, stdinRead };
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('runCli', () => {
  it('runs the acceptance script from standard input', async () => {
    const dir = join(tempDir(), 'x');
    const { code, out, err } = await cli(['--out', dir], ACCEPTANCE);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(5);
    expect(out[0]).toBe('started Example Trading Session: 2025-07-01 09:30 ET, RUNNING');
    expect(out[1]).toBe('advanced 1 minute to 2025-07-01 09:31 ET');
    expect(out[2]).toMatch(
      /^exported complete #1 for consumer default: [\d,]+ rows, [\d,]+ bytes -> first\.json$/,
    );
    // 1m, ticks, quotes and vwap_1m of three symbols, and the built-in strategy's equity samples (section 10.1).
    expect(out[4]).toMatch(
      /^exported delta #2 for consumer default: 13 streams changed, [\d,]+ rows, [\d,]+ bytes -> second\.json$/,
    );
    expect(readdirSync(dir).sort()).toEqual(['first.json', 'second.json']);
    const first = readJson(join(dir, 'first.json'));
    expect(first._metadata.mode).toBe('complete');
    expect(first.session_data.symbols.RIVN.session.data['1m'].count).toBe(1);
    expect(first.session_data.symbols.RIVN.historical.data['1m'].count).toBe(3900);
    const second = readJson(join(dir, 'second.json'));
    expect(second._metadata.mode).toBe('delta');
    expect(second.session_data.symbols.RIVN.session.data['1m'].count).toBe(1);
    expect(second.session_data.symbols.RIVN.session.data['1m'].data[0][0]).toBe('09:31:00');
    expect(second.session_data.symbols.RIVN.historical.data).toEqual({});
    expect(readFileSync(join(dir, 'second.json'), 'utf8').endsWith('}\n')).toBe(true);
  });

  it('runs -c commands in order and does not read standard input then', async () => {
    const dir = tempDir();
    const { code, out, stdinRead } = await cli([
      '--out',
      dir,
      '-c',
      'system start',
      '-c',
      'system advance 2',
      '-c',
      'system export-status complete=false',
    ]);
    expect(code).toBe(0);
    expect(stdinRead).toBe(false);
    expect(out[1]).toBe('advanced 2 minutes to 2025-07-01 09:32 ET');
    const name = 'system_status_Example_Trading_Session_delta_20251203_141545.json';
    expect(out[2]).toMatch(new RegExp(` -> ${name.replaceAll('.', '\\.')}$`));
    expect(readdirSync(dir)).toEqual([name]);
    expect(readJson(join(dir, name)).session_data.symbols.AAPL.session.data['1m'].count).toBe(2);
  });

  it('never overwrites a file: existing and repeated names get a suffix', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'first.json'), 'keep me');
    const defaultName = 'system_status_Example_Trading_Session_complete_20251203_141545.json';
    writeFileSync(join(dir, defaultName), 'keep me too');
    const { code, out } = await cli(
      ['--out', dir],
      [
        'system start',
        'system export-status complete=true first.json',
        'system export-status complete=true first',
        'system export-status complete=true',
        'system export-status complete=true',
      ],
    );
    expect(code).toBe(0);
    expect(out[1]).toMatch(/ -> first_2\.json \(first\.json already exists\)$/);
    expect(out[2]).toMatch(/ -> first_3\.json \(first\.json already exists\)$/);
    expect(out[3]).toMatch(/_complete_20251203_141545_2\.json \(system_status_.*already exists\)$/);
    expect(out[4]).toMatch(/_complete_20251203_141545_3\.json \(system_status_.*already exists\)$/);
    expect(readFileSync(join(dir, 'first.json'), 'utf8')).toBe('keep me');
    expect(readFileSync(join(dir, defaultName), 'utf8')).toBe('keep me too');
    for (const name of ['first_2.json', 'first_3.json', defaultName.replace('.json', '_2.json')]) {
      expect(readJson(join(dir, name))._metadata.mode).toBe('complete');
    }
  });

  it('prints one error line per failed command, goes on, and exits 1', async () => {
    const dir = tempDir();
    const { code, out, err } = await cli(
      ['--out', dir],
      [
        '# a script',
        '',
        'system start',
        'system export-status complete=maybe',
        'foo',
        'system advance -3',
        'system export-status complete=false ../escape.json',
        'system advance',
        'system export-status complete=false after.json',
      ],
    );
    expect(code).toBe(1);
    expect(err).toEqual([
      'error: line 4: system export-status: complete=maybe is not accepted (expected complete=true or complete=false)',
      'error: line 5: unknown command "foo" (type help for the list of commands)',
      'error: line 6: system advance: "-3" is not a number of minutes (expected a whole number of minutes 1-100000, e.g. system advance 5)',
      'error: line 7: system export-status: file name "../escape.json" is not accepted: it holds "/" (expected a plain file name of at most 240 bytes in UTF-8 with its extension (an accented letter takes 2) without "/", "\\", "..", control or invisible characters, not a device name such as CON or NUL and not ending in a space, e.g. my_export.json)',
    ]);
    expect(out).toHaveLength(3);
    // The refused exports moved nothing: the first delta that ran is #1 and has every row.
    const after = readJson(join(dir, 'after.json'));
    expect(after._metadata.sequence).toBe(1);
    expect(after.session_data.symbols.RIVN.session.data['1m'].count).toBe(1);
    expect(readdirSync(dir)).toEqual(['after.json']);
    expect(existsSync(join(dir, '..', 'escape.json'))).toBe(false);
  });

  it('prints errors of -c commands without a line number', async () => {
    const { code, err } = await cli(['-c', 'system pause']);
    expect(code).toBe(1);
    expect(err).toEqual(['error: system pause: only a RUNNING system can pause (it is STOPPED)']);
  });

  it('creates the output folder when missing, and only when exporting', async () => {
    const base = tempDir();
    const dir = join(base, 'a', 'b');
    await cli(['--out', dir, '-c', 'system start']);
    expect(existsSync(dir)).toBe(false);
    const { code } = await cli([
      '--out',
      dir,
      '-c',
      'system start',
      '-c',
      'system export-status complete=true x',
    ]);
    expect(code).toBe(0);
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('refuses an export to a folder it cannot create, before exporting', async () => {
    const base = tempDir();
    writeFileSync(join(base, 'file'), '');
    const { code, out, err } = await cli(
      ['--out', join(base, 'file', 'sub')],
      ['system start', 'system export-status complete=false', 'system status'],
    );
    expect(code).toBe(1);
    expect(out).toHaveLength(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^error: line 2: system export-status: cannot write to the folder .*file\/sub \(ENOTDIR: .*\); nothing was exported$/,
    );
  });

  it('counts an export only once its file is written: a failed write leaves the cursor and sequence', async () => {
    const dir = tempDir();
    let failWrites = false;
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      [
        '--out',
        dir,
        '-c',
        'system start',
        '-c',
        'system advance 1',
        '-c',
        'system export-status complete=false first.json',
        '-c',
        'system advance 1',
        '-c',
        'system export-status complete=false lost.json',
        '-c',
        'system advance 1',
        '-c',
        'system export-status complete=false third.json',
      ],
      () => [],
      {
        out: (line) => {
          out.push(line);
          if (line.startsWith('advanced 1 minute to 2025-07-01 09:32')) failWrites = true;
        },
        err: (line) => err.push(line),
      },
      {
        now: () => NOW,
        writeChunk: (fd, chunk, offset, length) => {
          if (failWrites) {
            failWrites = false;
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          return writeSync(fd, chunk, offset, length);
        },
      },
    );
    // The write of lost.json fails: the hook is armed by the answer to the second advance.
    expect(code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['first.json', 'third.json']);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      /^error: system export-status: could not write .*lost\.json \(ENOSPC: no space left on device, write\); nothing was exported: consumer default's cursor and sequence are unchanged, so the next export carries the same rows$/,
    );
    const third = readJson(join(dir, 'third.json'));
    // The next delta follows the last export actually written, and carries the lost export's rows too.
    expect(third._metadata.sequence).toBe(2);
    expect(third._metadata.previous_sequence).toBe(1);
    const rows = third.session_data.symbols.RIVN.session.data['1m'];
    expect(rows.count).toBe(2);
    expect(rows.data.map((row: unknown[]) => row[0])).toEqual(['09:31:00', '09:32:00']);
  });

  it('refuses a file name too long in bytes before exporting, leaving the cursor', async () => {
    const dir = tempDir();
    const { code, err } = await cli([
      '--out',
      dir,
      '-c',
      'system start',
      '-c',
      `system export-status complete=false ${'é'.repeat(200)}`,
      '-c',
      'system export-status complete=false next.json',
    ]);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('is not accepted: it is too long (405 bytes as written)');
    expect(readdirSync(dir)).toEqual(['next.json']);
    const next = readJson(join(dir, 'next.json'));
    expect(next._metadata.sequence).toBe(1);
    expect(next._metadata.previous_sequence).toBeNull();
  });
});

describe('runCli: system save-demo', () => {
  const PAGE =
    '<html><script id="session-tape" type="application/x-session-tape">__SESSION_TAPE__</script></html>';

  async function demoCli(
    commands: string[],
    options: { out: string; cwd?: string; page?: string; fail?: boolean },
  ) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['--out', options.out, ...commands.flatMap((c) => ['-c', c])],
      () => [],
      { out: (line) => out.push(line), err: (line) => err.push(line) },
      {
        now: () => NOW,
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        demoPlayer: async () => options.page ?? PAGE,
        ...(options.fail
          ? {
              writeChunk: () => {
                throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
              },
            }
          : {}),
      },
    );
    return { code, out, err };
  }

  it('writes the demo in the output folder and prints its path, size and steps', async () => {
    const base = tempDir();
    const { code, out, err } = await demoCli(
      ['system start', 'system advance 20', 'system save-demo every=5 exclude=ticks,quotes'],
      { out: 'out', cwd: base },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[2]).toMatch(
      /^demo written: out\/session_tape_Example_Trading_Session_20251203_141545\.html \(\d+ KB, 5 steps over 1 trading day\)$/,
    );
    const html = readFileSync(
      join(base, 'out', 'session_tape_Example_Trading_Session_20251203_141545.html'),
      'utf8',
    );
    const base64 =
      /<script id="session-tape" type="application\/x-session-tape">([^<]*)</.exec(html)?.[1] ?? '';
    const tape = decodeDemoTape(await gunzip(fromBase64(base64) ?? new Uint8Array(), MAX_DEMO_TAPE_BYTES));
    if (!tape.ok) throw new Error(tape.error);
    expect(tape.value.header).toMatchObject({ every_minutes: 5, last_market_time: '2025-07-01T09:50:00' });
    expect(tape.value.files).toHaveLength(5);
    // A name taken is not overwritten: the second demo gets _2, and a given name gets .html.
    const again = await demoCli(
      ['system start', 'system advance 3', 'system save-demo', 'system save-demo mine'],
      {
        out: join(base, 'out'),
      },
    );
    expect(again.out[2]).toMatch(/session_tape_Example_Trading_Session_20251203_141545_2\.html \(/);
    expect(again.out[3]).toMatch(
      /^demo written: .*\/out\/mine\.html \(\d+ KB, 4 steps over 1 trading day\)$/,
    );
  });

  it('refuses with one line, writing nothing: nothing to replay, a bad page, a folder it cannot write, a failed write', async () => {
    const dir = tempDir();
    const early = await demoCli(['system save-demo', 'system start', 'system save-demo'], { out: dir });
    expect(early.code).toBe(1);
    expect(early.err).toEqual([
      'error: system save-demo: no session has started, so there is nothing to replay (system start first)',
      'error: system save-demo: the session is still at its first minute (2025-07-01 09:30:00), so there is nothing to replay yet; let it run or advance it first',
    ]);
    const page = await demoCli(['system start', 'system advance', 'system save-demo'], {
      out: dir,
      page: '<html>',
    });
    expect(page.err).toEqual([
      'error: system save-demo: the demo player\'s page holds no tape element (<script id="session-tape" type="application/x-session-tape">__SESSION_TAPE__</script>); expected exactly one; no demo was written',
    ]);
    writeFileSync(join(dir, 'file'), '');
    const folder = await demoCli(['system start', 'system advance', 'system save-demo'], {
      out: join(dir, 'file', 'sub'),
    });
    expect(folder.err[0]).toMatch(
      /^error: system save-demo: cannot write to the folder .*file\/sub \(ENOTDIR: .*\); no demo was written$/,
    );
    const full = await demoCli(['system start', 'system advance', 'system save-demo d.html'], {
      out: dir,
      fail: true,
    });
    expect(full.err[0]).toMatch(
      /^error: system save-demo: could not write .*d\.html \(ENOSPC: no space left on device, write\); no demo was written$/,
    );
    expect(readdirSync(dir)).toEqual(['file']);
  });
});

describe('runCli: configurations', () => {
  it('loads --config, and names files after its session', async () => {
    const dir = tempDir();
    const config = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
      session_name: string;
      session_data_config: { symbols: string[]; strategies?: unknown };
    };
    config.session_name = 'My Test / Session';
    config.session_data_config.symbols = ['AAPL'];
    // The built-in strategy trades RIVN, which this session leaves out.
    delete config.session_data_config.strategies;
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    const { code, out } = await cli(
      ['--config', join(dir, 'config.json'), '--out', join(dir, 'out')],
      ['system start', 'system status', 'system export-status complete=true'],
    );
    expect(code).toBe(0);
    expect(out[0]).toBe('started My Test / Session: 2025-07-01 09:30 ET, RUNNING');
    expect(out[1]).toMatch(/; 1m bars: AAPL 0$/);
    expect(readdirSync(join(dir, 'out'))).toEqual([
      'system_status_My_Test_Session_complete_20251203_141545.json',
    ]);
  });

  it('refuses a configuration whose window holds no trading day, before any command runs', async () => {
    const dir = tempDir();
    const config = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
      backtest_config: { start_date: string; end_date: string };
    };
    config.backtest_config.start_date = '2025-07-05';
    config.backtest_config.end_date = '2025-07-06';
    writeFileSync(join(dir, 'weekend.json'), JSON.stringify(config));
    const run = await cli(
      ['--config', join(dir, 'weekend.json'), '--out', join(dir, 'out')],
      ['system start'],
    );
    expect(run.code).not.toBe(0);
    expect(run.out).toEqual([]);
    expect(run.err.join('\n')).toMatch(
      /backtest_config\.start_date: the backtest window "2025-07-05" to "2025-07-06" holds no trading day/,
    );
  });

  it('loads a configuration with fields it does not know, says so on standard error, and keeps them', async () => {
    const dir = tempDir();
    const config = JSON.parse(JSON.stringify(DEFAULT_SESSION_CONFIG_JSON));
    config.comment = 'written for the original';
    config.backtest_config.prefetch_days = 2;
    config.backtest_config.use_clock_time = false;
    delete config.exchange_group;
    writeFileSync(join(dir, 'original.json'), JSON.stringify(config));
    const out = join(dir, 'out');
    const run = await cli(
      ['--config', join(dir, 'original.json'), '--out', out],
      ['system start', 'system advance 3', 'system export-status complete=true all.json'],
    );
    expect(run.code).toBe(0);
    expect(run.err).toEqual([
      `note: --config ${join(dir, 'original.json')}: kept, not used: backtest_config.prefetch_days, backtest_config.use_clock_time, comment`,
    ]);
    expect(run.out[1]).toBe('advanced 3 minutes to 2025-07-01 09:33 ET');
    const exported = readJson(join(out, 'all.json'));
    // Every field as given, the default exchange group filled in.
    expect(exported.session_config).toMatchObject({
      comment: 'written for the original',
      exchange_group: 'US_EQUITY',
      backtest_config: { prefetch_days: 2, use_clock_time: false },
    });
  });

  describe("the original system's configuration forms", () => {
    const fixture = (name: string) => join(ROOT, 'workers', 'engine', 'fixtures', name);
    const RUNS = [
      ['original-config.json', 'the documented example'],
      ['original-52-week.json', '365 trailing days of daily bars, speed 0'],
      ['original-second-bars.json', 'second bars from ticks'],
      ['original-weekly-history.json', 'hour, day and week streams, 260 days of weekly history'],
      ['original-unknown-fields.json', 'unknown fields and no streams'],
    ] as const;

    it.each(RUNS)('%s (%s) loads, runs and exports every field as given', async (name) => {
      const dir = tempDir();
      const run = await cli(
        ['--config', fixture(name), '--out', dir],
        ['system start', 'system advance 3', 'system export-status complete=true all.json'],
      );
      expect(run.err.filter((line) => !line.startsWith('note: '))).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.out[1]).toMatch(/^advanced 3 minutes to 20\d\d-\d\d-\d\d 09:33 ET$/);
      const given = readJson(fixture(name));
      const exported = readJson(join(dir, 'all.json'));
      expect(exported.session_config).toMatchObject(given);
      // Every stream block the configuration names is there, with its rows.
      const symbol = given.session_data_config.symbols[0];
      const streams: string[] = given.session_data_config.streams ?? ['1m'];
      const data = exported.session_data.symbols[symbol].session.data;
      expect(Object.keys(data).sort()).toEqual([...streams].sort());
    });

    it('reads a gzipped configuration as well as a plain one', async () => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 'weekly.json.gz'),
        gzipSync(readFileSync(fixture('original-weekly-history.json'))),
      );
      const run = await cli(['--config', join(dir, 'weekly.json.gz'), '-c', 'system status']);
      expect(run.code).toBe(0);
      expect(run.out[0]).toMatch(/^Weekly Swing: STOPPED, not started/);
    });

    it('starts a session on the first trading day of 2024 with its history reaching into 2023', async () => {
      const dir = tempDir();
      const config = JSON.parse(JSON.stringify(DEFAULT_SESSION_CONFIG_JSON));
      config.backtest_config.start_date = '2024-01-02';
      config.backtest_config.end_date = '2024-01-03';
      writeFileSync(join(dir, 'new-year.json'), JSON.stringify(config));
      const run = await cli(
        ['--config', join(dir, 'new-year.json'), '--out', dir],
        ['system start', 'system status', 'system export-status complete=true all.json'],
      );
      expect(run.err).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.out[1]).toMatch(/: RUNNING, session 2024-01-02, market time 09:30 /);
      const history = readJson(join(dir, 'all.json')).session_data.symbols.RIVN.historical;
      // 30 trading days of daily bars before 2024-01-02 start in November 2023.
      expect(history.date_range).toMatchObject({
        start_date: '2023-11-16',
        end_date: '2023-12-29',
        days: 30,
      });
    });

    it('says what it keeps and does not use, with a hint for a slip', async () => {
      const run = await cli(['--config', fixture('original-unknown-fields.json'), '-c', 'system status']);
      expect(run.code).toBe(0);
      expect(run.err).toEqual([
        `note: --config ${fixture('original-unknown-fields.json')}: kept, not used: enabled, comment, backtest_config.prefetch_days, backtest_config.use_clock_time, backtest_config.speed_multipler (did you mean "speed_multiplier"?), session_data_config.sybmols_note`,
      ]);
    });

    const REFUSED = [
      ['original-missing-mode.json', 'mode: missing (expected "backtest" (the only mode))'],
      [
        'original-missing-symbols.json',
        'session_data_config.symbols: missing (expected a non-empty list of tickers such as ["RIVN", "AAPL"])',
      ],
      [
        'original-live.json',
        'mode: only backtests run here: "live" needs a market data feed and a broker (expected "backtest")',
      ],
    ] as const;

    it.each(REFUSED)('%s is refused with the real problem: %s', async (name, problem) => {
      const run = await cli(['--config', fixture(name), '-c', 'system start']);
      expect(run.code).toBe(2);
      expect(run.out).toEqual([]);
      expect(run.err).toEqual([`error: --config ${fixture(name)}: ${problem}`]);
    });
  });

  it('refuses a bad --config with one line and exit 2', async () => {
    const dir = tempDir();
    const missing = await cli(['--config', join(dir, 'nope.json'), '-c', 'system start']);
    expect(missing.code).toBe(2);
    expect(missing.err).toHaveLength(1);
    expect(missing.err[0]).toMatch(/^error: --config .*nope\.json: cannot read the file \(ENOENT: /);
    expect(missing.out).toEqual([]);

    writeFileSync(join(dir, 'bad.json'), '{"session_name": 3}');
    const bad = await cli(['--config', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stdinRead).toBe(false);
    // Required fields are missing: they are what is reported, before a field of the wrong type.
    expect(bad.err).toEqual([
      `error: --config ${join(dir, 'bad.json')}: mode: missing (expected "backtest" (the only mode))`,
    ]);

    writeFileSync(join(dir, 'broken.json'), '{\n  "session_name": \n}');
    const broken = await cli(['--config', join(dir, 'broken.json')]);
    expect(broken.code).toBe(2);
    expect(broken.err[0]).toMatch(/^error: --config .*broken\.json: invalid JSON: /);
  });

  it('refuses bad options with exit 2 and prints usage for --help', async () => {
    expect((await cli(['--bogus'])).err).toEqual([
      'error: unknown option "--bogus" (accepted: --config FILE, --out DIR, --gap-rate R, --seed N, -c COMMAND, --help)',
    ]);
    expect((await cli(['--bogus'])).code).toBe(2);
    expect((await cli(['system', 'start'])).err).toEqual([
      'error: unexpected argument "system" (commands are given with -c "COMMAND" or on standard input)',
    ]);
    expect((await cli(['--out'])).err).toEqual(['error: --out needs a value (--out DIR)']);
    expect((await cli(['-c'])).code).toBe(2);
    expect((await cli(['--out', 'a', '--out=b'])).err).toEqual(['error: --out is given twice']);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdinRead).toBe(false);
    expect(help.out.join('\n')).toContain(
      'Usage: npm run cli -- [--config FILE] [--out DIR] [--gap-rate R] [--seed N] [-c "COMMAND"]...',
    );
    expect(help.out.join('\n')).toContain('system export-status complete=true|false');
    expect(help.out.join('\n')).toContain('"error: "');
    expect((await cli(['--gap-rate', '2'])).err).toEqual([
      'error: --gap-rate 2 is not accepted (expected a number from 0 to 0.5)',
    ]);
    expect((await cli(['--seed=x'])).err).toEqual([
      'error: --seed x is not accepted (expected a whole number from 0 to 999999999)',
    ]);
  });

  it('replays a market with minutes missing at --gap-rate', async () => {
    const result = await cli([
      '--gap-rate',
      '0.2',
      '-c',
      'system start',
      '-c',
      'system advance 100',
      '-c',
      'system status',
    ]);
    expect(result.code).toBe(0);
    const bars = /1m bars: RIVN (\d+)/.exec(result.out.join('\n'))?.[1];
    expect(Number(bars)).toBeLessThan(95);
    expect(Number(bars)).toBeGreaterThan(60);
  });
});

describe('workers/cli.ts', () => {
  it('runs the acceptance example as a real process', async () => {
    const dir = join(tempDir(), 'x');
    const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, ['workers/cli.ts', '--out', dir], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: ROOT },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString('utf8');
    });
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString('utf8');
    });
    child.stdin.end(`${ACCEPTANCE.join('\n')}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toHaveLength(5);
    const second = readJson(join(dir, 'second.json'));
    expect(second.session_data.symbols.RIVN.session.data['1m'].count).toBe(1);
    expect(second.session_data.symbols.RIVN.historical.data).toEqual({});
    expect(readJson(join(dir, 'first.json'))._metadata.mode).toBe('complete');

    const failing = spawn(
      tsx,
      ['workers/cli.ts', '--out', dir, '-c', 'system export-status complete=maybe'],
      {
        cwd: ROOT,
      },
    );
    let failingErr = '';
    failing.stderr.on('data', (data: Buffer) => {
      failingErr += data.toString('utf8');
    });
    expect(await new Promise<number | null>((resolve) => failing.on('close', resolve))).toBe(1);
    expect(failingErr).toBe(
      'error: system export-status: complete=maybe is not accepted (expected complete=true or complete=false)\n',
    );
  }, 30_000);
});
