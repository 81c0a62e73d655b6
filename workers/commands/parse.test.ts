import { describe, expect, it } from 'vitest';
import { createRuntime } from '../api/runtime';
import { MAX_ADVANCE_MINUTES, MAX_SPEED_MULTIPLIER } from '../export/contract';
import type { Command } from './commands';
import { parseCommand } from './parse';

const parsed = (line: string): Command => {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.error}`);
  return result.value;
};

const refused = (line: string): string => {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to be refused, got ${JSON.stringify(result.value)}`);
  expect(result.error).not.toMatch(/[\n\r]/);
  return result.error;
};

const SUBCOMMANDS =
  'start, pause, resume, stop, advance, speed, export-status, save-demo, reset-indices or status';

describe('parseCommand: the commands of the contract', () => {
  it('parses the plain verbs', () => {
    expect(parsed('system start')).toEqual({ kind: 'start' });
    expect(parsed('system pause')).toEqual({ kind: 'pause' });
    expect(parsed('system resume')).toEqual({ kind: 'resume' });
    expect(parsed('system stop')).toEqual({ kind: 'stop' });
    expect(parsed('system status')).toEqual({ kind: 'status' });
    expect(parsed('help')).toEqual({ kind: 'help' });
    expect(parsed('  system \t start  \r')).toEqual({ kind: 'start' });
  });

  it('treats blank lines and # comments as no-ops', () => {
    for (const line of ['', '   ', '\t', '# a comment', '   # indented comment', '#system start']) {
      expect(parsed(line)).toEqual({ kind: 'noop' });
    }
  });

  it('parses advance with a default of one minute', () => {
    expect(parsed('system advance')).toEqual({ kind: 'advance', minutes: 1 });
    expect(parsed('system advance 1')).toEqual({ kind: 'advance', minutes: 1 });
    expect(parsed('system advance 390')).toEqual({ kind: 'advance', minutes: 390 });
    expect(parsed('system advance 100000')).toEqual({ kind: 'advance', minutes: 100_000 });
  });

  it('parses speed', () => {
    expect(parsed('system speed 60')).toEqual({ kind: 'speed', multiplier: 60 });
    expect(parsed('system speed 0.5')).toEqual({ kind: 'speed', multiplier: 0.5 });
    expect(parsed('system speed 1000000')).toEqual({ kind: 'speed', multiplier: 1_000_000 });
    // The original's 0: as fast as possible.
    expect(parsed('system speed 0')).toEqual({ kind: 'speed', multiplier: 0 });
  });

  it('parses export-status with options in any order and one file name', () => {
    expect(parsed('system export-status complete=true')).toEqual({ kind: 'export', complete: true });
    expect(parsed('system export-status complete=false')).toEqual({ kind: 'export', complete: false });
    expect(parsed('system export-status complete=true initial_state.json')).toEqual({
      kind: 'export',
      complete: true,
      fileName: 'initial_state.json',
    });
    expect(
      parsed(
        'system export-status live_update consumer=ui exclude=ticks,quotes since=3 layout=compact complete=false',
      ),
    ).toEqual({
      kind: 'export',
      complete: false,
      consumer: 'ui',
      since: 3,
      exclude: ['ticks', 'quotes'],
      layout: 'compact',
      fileName: 'live_update',
    });
    expect(parsed('system export-status complete=true layout=pretty exclude=historical')).toEqual({
      kind: 'export',
      complete: true,
      layout: 'pretty',
      exclude: ['historical'],
    });
    expect(parsed('system export-status complete=false symbols=RIVN,AAPL')).toEqual({
      kind: 'export',
      complete: false,
      symbols: ['RIVN', 'AAPL'],
    });
  });

  it('parses reset-indices', () => {
    expect(parsed('system reset-indices')).toEqual({ kind: 'reset-indices' });
    expect(parsed('system reset-indices consumer=ui')).toEqual({ kind: 'reset-indices', consumer: 'ui' });
  });
});

describe('parseCommand: one clear line for every bad command', () => {
  it('names unknown commands and subcommands', () => {
    expect(refused('foo')).toBe('unknown command "foo" (type help for the list of commands)');
    expect(refused('start')).toBe('unknown command "start" (type help for the list of commands)');
    expect(refused('SYSTEM start')).toBe('unknown command "SYSTEM" (commands are lower-case: system)');
    expect(refused('Help')).toBe('unknown command "Help" (commands are lower-case: help)');
    expect(refused('system')).toBe(`system: a subcommand is expected (${SUBCOMMANDS})`);
    expect(refused('system frobnicate')).toBe(
      `system: unknown subcommand "frobnicate" (expected ${SUBCOMMANDS})`,
    );
    expect(refused('system START')).toBe(
      `system: unknown subcommand "START" (lower-case: start) (expected ${SUBCOMMANDS})`,
    );
    expect(refused('system export')).toBe(`system: unknown subcommand "export" (expected ${SUBCOMMANDS})`);
  });

  it('refuses arguments to commands that take none', () => {
    expect(refused('system start now')).toBe('system start: takes no arguments (got "now")');
    expect(refused('system status --verbose x')).toBe(
      'system status: takes no arguments (got "--verbose x")',
    );
    expect(refused('help me')).toBe('help: takes no arguments (got "me")');
  });

  it('says what advance accepts', () => {
    const expected = '(expected a whole number of minutes 1-100000, e.g. system advance 5)';
    expect(refused('system advance -3')).toBe(`system advance: "-3" is not a number of minutes ${expected}`);
    for (const n of ['0', '1.5', 'ten', '+3', '1e3', '100001', '99999999999999999999', '0x10']) {
      expect(refused(`system advance ${n}`)).toBe(
        `system advance: "${n}" is not a number of minutes ${expected}`,
      );
    }
    expect(refused('system advance 1 2')).toBe(
      'system advance: takes one number of minutes (got "1 2"; expected a whole number of minutes 1-100000, e.g. system advance 5)',
    );
  });

  it('says what speed accepts', () => {
    const expected =
      '(expected 0 (as fast as possible) or a number > 0 and <= 1000000, e.g. system speed 60)';
    expect(refused('system speed')).toBe(`system speed: a speed multiplier is required ${expected}`);
    for (const x of ['-1', 'fast', '1000001', 'Infinity', 'NaN', '2x']) {
      expect(refused(`system speed ${x}`)).toBe(`system speed: "${x}" is not a speed multiplier ${expected}`);
    }
  });

  it('says what export-status accepts', () => {
    const e = 'system export-status:';
    expect(refused('system export-status complete=maybe')).toBe(
      `${e} complete=maybe is not accepted (expected complete=true or complete=false)`,
    );
    expect(refused('system export-status complete=TRUE')).toBe(
      `${e} complete=TRUE is not accepted (expected complete=true or complete=false)`,
    );
    expect(refused('system export-status')).toBe(
      `${e} complete=true or complete=false is required (complete=true for everything, complete=false for a delta)`,
    );
    expect(refused('system export-status first.json')).toContain(
      'complete=true or complete=false is required',
    );
    expect(refused('system export-status complete=true complete=false')).toBe(
      `${e} complete= is given twice`,
    );
    expect(refused('system export-status complete=true a.json b.json')).toBe(
      `${e} only one file name can be given (got "a.json" and "b.json")`,
    );
    expect(refused('system export-status complet=true')).toBe(
      `${e} "complet=true" is not an option (accepted: complete=, consumer=, since=, exclude=, symbols=, layout=)`,
    );
    expect(refused('system export-status complete=false since=abc')).toBe(
      `${e} since=abc is not accepted (expected since=SEQ, the sequence number of an earlier export of the consumer, e.g. since=2)`,
    );
    expect(refused('system export-status complete=false since=0')).toContain('since=0 is not accepted');
    expect(refused('system export-status complete=true since=2')).toBe(
      `${e} since= applies to delta exports only (use complete=false)`,
    );
    expect(refused('system export-status complete=false exclude=')).toBe(
      `${e} exclude= is not accepted (expected a comma-separated list of streams or sections, e.g. exclude=ticks,quotes)`,
    );
    expect(refused('system export-status complete=false exclude=ticks,,quotes')).toContain(
      'exclude=ticks,,quotes is not accepted',
    );
    expect(refused('system export-status complete=false symbols=RIVN,,AAPL')).toBe(
      `${e} symbols=RIVN,,AAPL is not accepted (expected a comma-separated list of the session's symbols, e.g. symbols=RIVN,AAPL)`,
    );
    expect(refused('system export-status complete=false layout=fancy')).toBe(
      `${e} layout=fancy is not accepted (expected layout=pretty or layout=compact)`,
    );
    expect(refused('system export-status complete=false consumer=')).toBe(
      `${e} consumer= is not a consumer name (expected 1-64 letters, digits, "_", "-" or ".")`,
    );
    expect(refused('system export-status complete=false consumer=a/b')).toContain(
      'consumer=a/b is not a consumer name',
    );
  });

  it('refuses a bad file name with the file name rules', () => {
    const rules =
      '(expected a plain file name of at most 240 bytes in UTF-8 with its extension (an accented letter takes 2) without "/", "\\", "..", control or invisible characters, not a device name such as CON or NUL and not ending in a space, e.g. my_export.json)';
    expect(refused('system export-status complete=true ../escape.json')).toBe(
      `system export-status: file name "../escape.json" is not accepted: it holds "/" ${rules}`,
    );
    expect(refused('system export-status complete=true ..')).toBe(
      `system export-status: file name ".." is not accepted: it holds ".." ${rules}`,
    );
    expect(refused('system export-status complete=true a\\b')).toContain('it holds "\\"');
    expect(refused('system export-status complete=true a\u0001b')).toBe(
      `system export-status: file name "a\\u0001b" is not accepted: it holds a control or invisible character ${rules}`,
    );
  });

  it('says what reset-indices accepts', () => {
    expect(refused('system reset-indices ui')).toBe(
      'system reset-indices: "ui" is not accepted (expected nothing or consumer=NAME)',
    );
    expect(refused('system reset-indices since=2')).toBe(
      'system reset-indices: "since=2" is not accepted (expected nothing or consumer=NAME)',
    );
    expect(refused('system reset-indices consumer=a consumer=b')).toBe(
      'system reset-indices: consumer= is given twice',
    );
    expect(refused('system reset-indices consumer=bad!name')).toBe(
      'system reset-indices: consumer=bad!name is not a consumer name (expected 1-64 letters, digits, "_", "-" or ".")',
    );
  });
});

describe('parseCommand: system save-demo', () => {
  it('parses every=, exclude= and a file name in any order, each optional', () => {
    expect(parsed('system save-demo')).toEqual({ kind: 'save-demo' });
    expect(parsed('system save-demo every=5 exclude=ticks,quotes my_demo')).toEqual({
      kind: 'save-demo',
      every: 5,
      exclude: ['ticks', 'quotes'],
      fileName: 'my_demo',
    });
    expect(parsed('system save-demo demo.html every=390')).toEqual({
      kind: 'save-demo',
      every: 390,
      fileName: 'demo.html',
    });
    expect(parsed('system save-demo every=1')).toEqual({ kind: 'save-demo', every: 1 });
  });

  it('refuses an every= outside 1..390, saying what is accepted', () => {
    for (const bad of ['0', '391', '-1', '2.5', '', 'five', '1e2']) {
      expect(refused(`system save-demo every=${bad}`)).toBe(
        `system save-demo: every=${bad} is not accepted (expected a whole number of market minutes from 1 to 390, e.g. every=5)`,
      );
    }
    expect(refused('system save-demo every=5 every=6')).toBe('system save-demo: every= is given twice');
  });

  it('refuses an empty exclude= name, an unknown option and a second file name', () => {
    expect(refused('system save-demo exclude=ticks,,quotes')).toBe(
      'system save-demo: exclude=ticks,,quotes is not accepted (expected a comma-separated list of streams or sections, e.g. exclude=ticks,quotes)',
    );
    expect(refused('system save-demo evry=5')).toBe(
      'system save-demo: "evry=5" is not an option (accepted: every=, exclude=)',
    );
    expect(refused('system save-demo complete=true')).toBe(
      'system save-demo: "complete=true" is not an option (accepted: every=, exclude=)',
    );
    expect(refused('system save-demo a b')).toBe(
      'system save-demo: only one file name can be given (got "a" and "b")',
    );
  });

  it('refuses a file name with another extension than .html, or one an export could not have', () => {
    expect(refused('system save-demo demo.json')).toBe(
      'system save-demo: file name "demo.json" is not accepted: a demo is an .html page, not ".json" (expected a plain file name ending in .html or without extension (.html is then added), of at most 240 bytes in UTF-8, without "/", "\\", "..", control or invisible characters, not a device name such as CON or NUL and not ending in a space, e.g. my_demo.html)',
    );
    expect(refused('system save-demo ../up')).toMatch(
      /^system save-demo: file name "..\/up" is not accepted: it holds "\/" \(expected a plain file name ending in .html/,
    );
    expect(refused('system save-demo CON.html')).toMatch(
      /is not accepted: "CON" is a device name on Windows/,
    );
    expect(refused(`system save-demo ${'é'.repeat(118)}`)).toMatch(
      /is not accepted: it is too long \(241 bytes as written\)/,
    );
    expect(refused('system save-demo evil\u202ename.html')).toMatch(
      /^system save-demo: file name "evil\\u202ename.html" is not accepted: it holds a control or invisible character/,
    );
    expect(parsed(`system save-demo ${'é'.repeat(117)}`)).toMatchObject({ kind: 'save-demo' });
  });
});

describe('parseCommand agrees with the engine limits', () => {
  it('accepts exactly the advances the engine accepts', () => {
    const runtime = createRuntime({ realtime: false });
    expect(runtime.start().ok).toBe(true);
    for (const minutes of [MAX_ADVANCE_MINUTES + 1, 0, 1]) {
      expect(parseCommand(`system advance ${minutes}`).ok).toBe(runtime.step(minutes).ok);
    }
  });

  it('accepts exactly the speeds the engine accepts', () => {
    const runtime = createRuntime({ realtime: false });
    for (const x of [0, 0.001, 1, MAX_SPEED_MULTIPLIER, MAX_SPEED_MULTIPLIER + 1]) {
      expect(parseCommand(`system speed ${x}`).ok).toBe(runtime.setSpeed(x).ok);
    }
  });

  it('accepts exactly the consumer names the exporter accepts', () => {
    const runtime = createRuntime({ realtime: false });
    for (const name of ['ui', 'a.b-c_d', 'x'.repeat(64), 'x'.repeat(65), 'a b', 'a/b', 'é']) {
      if (name.includes(' ')) continue; // a space separates words: never one consumer name
      expect(parseCommand(`system reset-indices consumer=${name}`).ok).toBe(runtime.resetIndices(name).ok);
    }
  });
});
