import { describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../api/runtime';
import type { ExportResult } from '../export/contract';
import { uniqueFileName } from '../export/contract';
import type { Command } from './commands';
import { type CommandOutcome, executeCommand, executeCommandAsync, type SavedDemo } from './execute';
import { parseCommand } from './parse';

// 2025-12-03 19:15:45 UTC is 14:15:45 in New York (EST).
const NOW = Date.UTC(2025, 11, 3, 19, 15, 45);

interface Harness {
  runtime: Runtime;
  taken: string[];
  run(line: string): CommandOutcome;
  exec(command: Command): CommandOutcome;
}

function harness(): Harness {
  const runtime = createRuntime({ realtime: false, now: () => NOW });
  const taken: string[] = [];
  const ctx = {
    takeFileName: (name: string) => {
      const unique = uniqueFileName(name, (n) => taken.includes(n));
      taken.push(unique);
      return unique;
    },
  };
  const exec = (command: Command) => executeCommand(runtime, command, ctx);
  const run = (line: string) => {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(`does not parse: ${line}: ${parsed.error}`);
    return exec(parsed.value);
  };
  return { runtime, taken, run, exec };
}

const message = (outcome: CommandOutcome) => outcome.message;

function document(result: ExportResult) {
  return JSON.parse(Buffer.concat(result.chunks).toString('utf8'));
}

function exported(outcome: CommandOutcome) {
  if (!outcome.ok || outcome.export === undefined) throw new Error(`no export: ${outcome.message}`);
  return { ...outcome.export, doc: document(outcome.export.result) };
}

/** The analysis section's streams with new rows in a delta, and their rows (section 10.1). */
function analysisChanges(doc: { _metadata: { changed_paths: string[] }; analysis?: unknown }) {
  const streams = doc._metadata.changed_paths.filter((p) => p.startsWith('analysis.')).length;
  const section = doc.analysis as {
    strategies: Record<string, { signals: { count: number }; orders: { count: number } }>;
    equity: { count: number };
  };
  let rows = section.equity.count;
  for (const s of Object.values(section.strategies)) rows += s.signals.count + s.orders.count;
  return { streams, rows };
}

const DEFAULT_NAME = /^system_status_Example_Trading_Session_(complete|delta)_\d{8}_\d{6}(_\d+)?\.json$/;

describe('executeCommand: the clock', () => {
  it('answers start, advance, pause, resume and stop with one line each', () => {
    const h = harness();
    expect(h.run('system start')).toEqual({
      ok: true,
      message: 'started Example Trading Session: 2025-07-01 09:30 ET, RUNNING',
    });
    expect(h.run('system advance')).toEqual({
      ok: true,
      message: 'advanced 1 minute to 2025-07-01 09:31 ET',
    });
    expect(message(h.run('system advance 29'))).toBe('advanced 29 minutes to 2025-07-01 10:00 ET');
    expect(message(h.run('system pause'))).toBe('paused at 2025-07-01 10:00 ET, PAUSED');
    expect(message(h.run('system advance 1'))).toBe('advanced 1 minute to 2025-07-01 10:01 ET');
    expect(message(h.run('system resume'))).toBe('resumed at 2025-07-01 10:01 ET, RUNNING');
    expect(message(h.run('system speed 120'))).toBe('speed set to 120x');
    expect(h.runtime.snapshot().speedMultiplier).toBe(120);
    expect(message(h.run('system stop'))).toBe(
      "stopped at 2025-07-01 10:01 ET, STOPPED (the session's data stays available for exports until the next start)",
    );
  });

  it('says when the session closes, a new one opens and the backtest ends', () => {
    const h = harness();
    h.run('system start');
    expect(message(h.run('system advance 390'))).toBe(
      'advanced 390 minutes to 2025-07-01 16:00 ET (the session is closed; the next minute opens the next day)',
    );
    expect(message(h.run('system advance'))).toBe(
      'advanced 1 minute to 2025-07-02 09:31 ET (new session 2025-07-02)',
    );
    // 2025-07-03 closes early at 13:00: 389 + 210 minutes are left.
    expect(message(h.run('system advance 1000'))).toBe(
      'advanced 599 of 1,000 minutes to 2025-07-03 13:00 ET: the backtest is FINISHED',
    );
    expect(h.run('system advance')).toEqual({
      ok: false,
      message: 'system advance: the backtest is FINISHED; use system start to replay it again',
    });
  });

  it('passes the engine refusals through as one line and changes nothing', () => {
    const h = harness();
    expect(h.run('system advance')).toEqual({
      ok: false,
      message: 'system advance: the system is STOPPED; use system start first',
    });
    expect(h.run('system pause')).toEqual({
      ok: false,
      message: 'system pause: only a RUNNING system can pause (it is STOPPED)',
    });
    h.run('system start');
    const before = h.runtime.snapshot();
    expect(h.run('system start')).toEqual({
      ok: false,
      message: 'system start: the system is already RUNNING; stop it first to start over',
    });
    expect(h.run('system resume').ok).toBe(false);
    expect(h.exec({ kind: 'advance', minutes: -3 })).toEqual({
      ok: false,
      message: 'system advance: "-3" is not a number of minutes (expected a whole number 1-100000)',
    });
    expect(h.exec({ kind: 'speed', multiplier: -1 }).ok).toBe(false);
    expect(h.runtime.snapshot()).toEqual(before);
  });
});

describe('executeCommand: status and help', () => {
  it('summarizes the system in one line', () => {
    const h = harness();
    expect(h.run('system status')).toEqual({
      ok: true,
      message:
        'Example Trading Session: STOPPED, not started (backtest 2025-07-01 to 2025-07-03, speed 60x); symbols: RIVN, AAPL, TSLA',
    });
    h.run('system start');
    h.run('system advance 5');
    expect(message(h.run('system status'))).toBe(
      'Example Trading Session: RUNNING, session 2025-07-01, market time 09:35 ET (minute 5 of 390), speed 60x; 1m bars: RIVN 5, AAPL 5, TSLA 5',
    );
  });

  it('lists every command in help', () => {
    const help = message(harness().run('help'));
    for (const command of [
      'system start',
      'system pause',
      'system resume',
      'system stop',
      'system advance [N]',
      'system speed X',
      'system export-status complete=true|false [consumer=NAME] [since=SEQ] [exclude=LIST]',
      'system reset-indices [consumer=NAME]',
      'system status',
      'help',
    ]) {
      expect(help).toContain(command);
    }
  });

  it('does nothing for a blank line or a comment', () => {
    expect(harness().run('# comment')).toEqual({ ok: true, message: '' });
  });
});

describe('executeCommand: exports', () => {
  it('names exports by the contract and reports what was exported', () => {
    const h = harness();
    h.run('system start');
    h.run('system advance');
    const complete = exported(h.run('system export-status complete=true'));
    expect(complete.fileName).toBe('system_status_Example_Trading_Session_complete_20251203_141545.json');
    expect(complete.doc._metadata.generated_at).toBe('2025-12-03T14:15:45-05:00');
    h.run('system advance 2');
    const outcome = h.run('system export-status complete=false');
    const delta = exported(outcome);
    expect(delta.fileName).toBe('system_status_Example_Trading_Session_delta_20251203_141545.json');
    const rows = delta.result.rows;
    expect(rows).toBeGreaterThan(6);
    // 1m, ticks and quotes, and the built-in 1m indicator's series (vwap_1m), for three symbols; then the
    // analysis section's streams that got rows (the built-in strategy's equity samples, when it runs one).
    const changed = 12 + analysisChanges(delta.doc).streams;
    expect(outcome.message).toBe(
      `exported delta #2 for consumer default: ${changed} streams changed, ${rows.toLocaleString('en-US')} rows, ${delta.result.bytes.toLocaleString('en-US')} bytes -> system_status_Example_Trading_Session_delta_20251203_141545.json`,
    );
    expect(delta.doc.session_data.symbols.RIVN.session.data['1m'].count).toBe(2);
    expect(delta.doc.session_data.symbols.RIVN.historical.data).toEqual({});
    expect(h.taken).toEqual([complete.fileName, delta.fileName]);
  });

  it('never reuses a name: a repeated default or user name gets a suffix, and the answer says so', () => {
    const h = harness();
    h.run('system start');
    const names = [1, 2, 3].map(() => exported(h.run('system export-status complete=false')).fileName);
    expect(names).toEqual([
      'system_status_Example_Trading_Session_delta_20251203_141545.json',
      'system_status_Example_Trading_Session_delta_20251203_141545_2.json',
      'system_status_Example_Trading_Session_delta_20251203_141545_3.json',
    ]);
    for (const name of names) expect(name).toMatch(DEFAULT_NAME);
    expect(exported(h.run('system export-status complete=true first')).fileName).toBe('first.json');
    const again = h.run('system export-status complete=true first.json');
    expect(exported(again).fileName).toBe('first_2.json');
    expect(again.message).toMatch(/ -> first_2\.json \(first\.json already exists\)$/);
  });

  it('refuses a bad file name before exporting, so the next delta still has the rows', () => {
    const h = harness();
    h.run('system start');
    h.run('system advance');
    exported(h.run('system export-status complete=true'));
    h.run('system advance');
    for (const fileName of ['../x.json', 'a/b.json', '', '..', 'a\u0000b']) {
      const outcome = h.exec({ kind: 'export', complete: false, fileName });
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toMatch(/^system export-status: file name ".*" is not accepted: /);
      expect(outcome.message).not.toMatch(/\n/);
    }
    expect(h.taken).toHaveLength(1);
    const delta = exported(h.run('system export-status complete=false after.json'));
    expect(delta.doc._metadata.sequence).toBe(2);
    expect(delta.doc._metadata.previous_sequence).toBe(1);
    expect(delta.doc.session_data.symbols.RIVN.session.data['1m'].count).toBe(1);
    expect(delta.doc.session_data.symbols.RIVN.session.data['1m'].data).toHaveLength(1);
  });

  it('refuses a failed export without taking a file name, and moves no cursor', () => {
    const h = harness();
    h.run('system start');
    h.run('system advance 3');
    expect(h.run('system export-status complete=false since=7')).toEqual({
      ok: false,
      message:
        'system export-status: since=7 is not an export of consumer "default" in this session (known: none yet)',
    });
    const exclude = h.run('system export-status complete=false exclude=ticks,volume');
    expect(exclude.ok).toBe(false);
    expect(exclude.message).toMatch(
      /^system export-status: exclude=volume is not a stream or section of this session \(accepted: .*ticks.*\)$/,
    );
    expect(h.taken).toEqual([]);
    const delta = exported(h.run('system export-status complete=false'));
    expect(delta.doc._metadata.sequence).toBe(1);
    expect(delta.doc.session_data.symbols.RIVN.session.data['1m'].count).toBe(3);
  });

  it('passes consumer, since, exclude and layout to the exporter', () => {
    const h = harness();
    h.run('system start');
    h.run('system advance');
    exported(h.run('system export-status complete=false consumer=ui'));
    h.run('system advance');
    exported(h.run('system export-status complete=false consumer=ui'));
    const outcome = h.run(
      'system export-status complete=false consumer=ui since=1 exclude=ticks,quotes layout=compact',
    );
    const again = exported(outcome);
    // The 1m stream and vwap_1m series of three symbols, a row each since #1, and the analysis section's.
    const analysis = analysisChanges(again.doc);
    expect(outcome.message).toMatch(
      new RegExp(
        `^exported delta #3 since #1 for consumer ui: ${6 + analysis.streams} streams changed, ${6 + analysis.rows} rows, [\\d,]+ bytes \\(excluded: ticks, quotes\\) -> system_status_Example_Trading_Session_delta_20251203_141545_3\\.json \\(system_status_Example_Trading_Session_delta_20251203_141545\\.json already exists\\)$`,
      ),
    );
    expect(again.doc._metadata.consumer).toBe('ui');
    expect(again.doc._metadata.previous_sequence).toBe(1);
    expect(again.doc._metadata.excluded).toEqual(['ticks', 'quotes']);
    expect(again.doc.session_data.symbols.RIVN.session.data.ticks).toBeUndefined();
    expect(Buffer.concat(again.result.chunks).toString('utf8').trimEnd()).not.toContain('\n');
    // The default consumer is independent: its first delta still has every row.
    const other = exported(h.run('system export-status complete=false'));
    expect(other.doc._metadata.consumer).toBe('default');
    expect(other.doc.session_data.symbols.RIVN.session.data['1m'].count).toBe(2);
  });

  it('passes symbols= to the exporter, says it in the summary, and refuses an unknown symbol', () => {
    const h = harness();
    h.run('system start');
    h.run('system advance 2');
    const outcome = h.run('system export-status complete=false symbols=TSLA');
    const only = exported(outcome);
    expect(Object.keys(only.doc.session_data.symbols)).toEqual(['TSLA']);
    expect(outcome.message).toContain('(symbols: TSLA) -> ');
    const refused = h.run('system export-status complete=false symbols=ZZZZ');
    expect(refused.ok).toBe(false);
    expect(message(refused)).toBe(
      'system export-status: symbols=ZZZZ is not a symbol of this session (accepted: RIVN, AAPL, TSLA)',
    );
    // RIVN was left out: its first delta still has every row.
    const all = exported(h.run('system export-status complete=false'));
    expect(all.doc.session_data.symbols.RIVN.session.data['1m'].count).toBe(2);
  });

  it('reset-indices sends the session again from the start', () => {
    const h = harness();
    h.run('system start');
    h.run('system advance 4');
    exported(h.run('system export-status complete=false'));
    expect(h.run('system reset-indices')).toEqual({
      ok: true,
      message: 'reset consumer default: its next delta starts again from the start of the session',
    });
    const delta = exported(h.run('system export-status complete=false'));
    expect(delta.doc.session_data.symbols.RIVN.session.data['1m'].count).toBe(4);
    expect(message(h.run('system reset-indices consumer=ui'))).toMatch(/^reset consumer ui: /);
  });

  it('reports a failure of takeFileName as one line', () => {
    const runtime = createRuntime({ realtime: false, now: () => NOW });
    runtime.start();
    const outcome = executeCommand(
      runtime,
      { kind: 'export', complete: true },
      {
        takeFileName: () => {
          throw new Error('EACCES: permission denied,\nopen x');
        },
      },
    );
    expect(outcome).toEqual({
      ok: false,
      message: 'system export-status: failed unexpectedly: EACCES: permission denied, open x',
    });
  });
});

describe('executeCommand: an export counts only once it is saved', () => {
  const command = (line: string) => {
    const parsed = parseCommand(line);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.value;
  };

  it('leaves the cursor and sequence when saving or naming fails, so the next delta carries the rows', () => {
    const runtime = createRuntime({ realtime: false, now: () => NOW });
    let saveProblem: string | null = null;
    let nameThrows = false;
    const saved: string[] = [];
    const ctx = {
      takeFileName: (name: string) => {
        if (nameThrows) throw new Error('ENAMETOOLONG: name too long, open');
        return name;
      },
      save: (fileName: string) => {
        if (saveProblem === null) saved.push(fileName);
        return saveProblem;
      },
    };
    const run = (line: string) => executeCommand(runtime, command(line), ctx);
    run('system start');
    run('system advance 1');
    expect(exported(run('system export-status complete=false a.json')).doc._metadata.sequence).toBe(1);
    run('system advance 1');

    const before = runtime.exporter.cursorFingerprint();
    saveProblem = 'could not write b.json (EIO)';
    expect(run('system export-status complete=false b.json')).toEqual({
      ok: false,
      message:
        "system export-status: could not write b.json (EIO); nothing was exported: consumer default's cursor and sequence are unchanged, so the next export carries the same rows",
    });
    expect(runtime.exporter.cursorFingerprint()).toBe(before);

    saveProblem = null;
    nameThrows = true;
    const refused = run('system export-status complete=false c.json');
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('could not create the file (ENAMETOOLONG: name too long, open)');
    expect(runtime.exporter.cursorFingerprint()).toBe(before);

    nameThrows = false;
    const next = exported(run('system export-status complete=false d.json')).doc;
    expect(saved).toEqual(['a.json', 'd.json']);
    expect(next._metadata.sequence).toBe(2);
    expect(next._metadata.previous_sequence).toBe(1);
    expect(next.session_data.symbols.RIVN.session.data['1m'].count).toBe(1);
  });
});

describe('executeCommand: values echoed in errors', () => {
  const RAW_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

  it('cuts exclude= short and escapes its control and invisible characters', () => {
    const h = harness();
    h.run('system start');
    const before = h.runtime.exporter.cursorFingerprint();
    const outcome = h.run(
      `system export-status complete=true exclude=\u001b]0;pwned\u0007\u202e${'y'.repeat(500)}`,
    );
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(
      /^system export-status: exclude=\\u001b]0;pwned\\u0007\\u202ey+… is not a stream or section of this session \(accepted: /,
    );
    expect(outcome.message).not.toMatch(RAW_CONTROL);
    expect(outcome.message.length).toBeLessThan(400);
    expect(h.runtime.exporter.cursorFingerprint()).toBe(before);
  });

  it('escapes C1, DEL and bidi characters in every parser message', () => {
    for (const line of [
      'system \u009b31mstart',
      'system advance 1\u007f',
      'system speed \u202e1',
      'system export-status complete=true a\u2066b',
      'system export-status complete=true consumer=\u200bme',
      '\u001bsystem',
    ]) {
      const parsed = parseCommand(line);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).not.toMatch(RAW_CONTROL);
    }
  });
});

describe('system save-demo', () => {
  const summary = (bytes: number, steps: number, tradingDays: number): SavedDemo['summary'] => ({
    fileName: 'd.html',
    bytes,
    steps,
    tradingDays,
    firstMarketTime: '2025-07-01T09:30:00',
    lastMarketTime: '2025-07-03T13:00:00',
    every: 1,
    excluded: [],
    exportBytes: 0,
    tapeBytes: 0,
    gzipBytes: 0,
    base64Chars: 0,
  });

  it("passes every=, exclude= and the file name to the host's saver, and answers with where, size and steps", async () => {
    const { runtime } = harness();
    const asked: unknown[] = [];
    const ctx = {
      takeFileName: (name: string) => name,
      saveDemo: async (request: unknown) => {
        asked.push(request);
        const steps = asked.length === 1 ? 1 : 1170;
        const value: SavedDemo = {
          summary: summary(asked.length === 1 ? 900 : 3_565_158, steps, asked.length === 1 ? 1 : 3),
          where: 'out/d.html',
          verb: 'written',
        };
        return { ok: true as const, value };
      },
    };
    const line = async (text: string) => {
      const parsed = parseCommand(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return executeCommandAsync(runtime, parsed.value, ctx);
    };
    expect(await line('system save-demo every=5 exclude=ticks d')).toEqual({
      ok: true,
      message: 'demo written: out/d.html (900 bytes, 1 step over 1 trading day)',
    });
    expect(asked[0]).toEqual({ every: 5, exclude: ['ticks'], fileName: 'd' });
    expect(message(await line('system save-demo'))).toBe(
      'demo written: out/d.html (3.4 MB, 1,170 steps over 3 trading days)',
    );
    expect(asked[1]).toEqual({});
  });

  it("answers the saver's refusal or failure with one line, and a host without a saver with one too", async () => {
    const { runtime, exec } = harness();
    const refusing = {
      takeFileName: (name: string) => name,
      saveDemo: async () => ({
        ok: false as const,
        error: 'system save-demo: cancelled; no demo was written',
      }),
    };
    expect(await executeCommandAsync(runtime, { kind: 'save-demo' }, refusing)).toEqual({
      ok: false,
      message: 'system save-demo: cancelled; no demo was written',
    });
    const throwing = {
      takeFileName: (name: string) => name,
      saveDemo: async () => {
        throw new Error('EACCES:\npermission denied');
      },
    };
    expect(await executeCommandAsync(runtime, { kind: 'save-demo' }, throwing)).toEqual({
      ok: false,
      message: 'system save-demo: failed unexpectedly: EACCES: permission denied; no demo was written',
    });
    expect(exec({ kind: 'save-demo' })).toEqual({
      ok: false,
      message: 'system save-demo: this host cannot make demo files (use the app or the command line)',
    });
  });
});
