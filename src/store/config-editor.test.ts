import { describe, expect, it } from 'vitest';
import {
  type ConfigCheck,
  checkSummary,
  configFileName,
  configProblem,
  debounce,
  describeIgnored,
  lineOfField,
  lineStart,
  sameConfigText,
  type Timers,
} from './config-editor';

const TEXT = `{
  "session_name": "S",
  "backtest_config": {
    "start_date": "2025-07-01",
    "speed_multiplier": "fast"
  },
  "session_data_config": {
    "symbols": ["RIVN"],
    "streams": ["1m", "7x"]
  }
}`;

describe('config editor logic', () => {
  it('turns the engine’s one line into a field, a reason and the line it is on', () => {
    expect(configProblem('backtest_config.speed_multiplier: expected a number, got "fast"', TEXT)).toEqual({
      status: 'error',
      field: 'backtest_config.speed_multiplier',
      reason: 'expected a number, got "fast"',
      line: 5,
    });
    expect(configProblem('session_data_config.streams[1]: not an interval', TEXT).line).toBe(9);
    expect(configProblem('invalid JSON: Unexpected token } (line 4 column 3)', TEXT)).toEqual({
      status: 'error',
      field: 'JSON',
      reason: 'Unexpected token } (line 4 column 3)',
      line: 4,
    });
    expect(configProblem('session config: expected an object', TEXT)).toMatchObject({
      field: 'session config',
      line: null,
    });
    expect(configProblem('something odd', TEXT)).toMatchObject({
      field: 'session config',
      reason: 'something odd',
    });
  });

  it('finds a field’s line by its keys in order, or says it is not written', () => {
    expect(lineOfField(TEXT, 'session_data_config.symbols')).toBe(8);
    expect(lineOfField(TEXT, 'backtest_config.end_date')).toBe(3);
    expect(lineOfField(TEXT, 'mode')).toBeNull();
  });

  it('lists the ignored sections and sums up a check', () => {
    expect(describeIgnored([])).toBeNull();
    expect(describeIgnored(['session_data_config.indicators', 'session_data_config.gap_filler'])).toBe(
      'kept, not used: session_data_config.indicators, session_data_config.gap_filler',
    );
    const ok: ConfigCheck = { status: 'ok', sessionName: 'S', ignored: [] };
    expect(checkSummary(ok, false)).toBe('In force: session “S”.');
    expect(checkSummary(ok, true)).toBe('Valid: session “S”. Apply to put it in force.');
    expect(checkSummary({ status: 'checking' }, true)).toBe('Checking…');
    expect(checkSummary({ status: 'error', field: 'a.b', reason: 'bad', line: 2 }, true)).toBe('a.b: bad');
  });

  it('names the saved file after the session and compares texts loosely', () => {
    expect(configFileName('Original Format Example')).toBe('session_config_Original_Format_Example.json');
    expect(configFileName('  ')).toBe('session_config_unnamed.json');
    expect(configFileName('a/b:c')).toBe('session_config_a_b_c.json');
    expect(sameConfigText('{\r\n}\n', '{\n}')).toBe(true);
    expect(sameConfigText('{}', '{ }')).toBe(false);
  });

  it('debounces: runs once typing pauses, flushes or cancels on demand', () => {
    let now = 0;
    const due: { at: number; run: () => void; id: number }[] = [];
    let ids = 0;
    const timers: Timers = {
      setTimeout: (run, ms) => {
        const id = ++ids;
        due.push({ at: now + ms, run, id });
        return id;
      },
      clearTimeout: (id) => {
        const i = due.findIndex((d) => d.id === id);
        if (i >= 0) due.splice(i, 1);
      },
    };
    const advance = (ms: number) => {
      now += ms;
      for (const d of due.filter((x) => x.at <= now)) {
        due.splice(due.indexOf(d), 1);
        d.run();
      }
    };
    let runs = 0;
    const d = debounce(() => runs++, 300, timers);
    d.schedule();
    advance(200);
    d.schedule();
    advance(200);
    expect(runs).toBe(0);
    advance(100);
    expect(runs).toBe(1);
    d.schedule();
    d.flush();
    expect(runs).toBe(2);
    d.flush();
    expect(runs).toBe(2);
    d.schedule();
    expect(d.pending).toBe(true);
    d.cancel();
    advance(1000);
    expect(runs).toBe(2);
  });
});

describe('lineStart', () => {
  it('gives the offset where a line starts, for Go to line', () => {
    const text = '{\n  "a": 1,\n\n  "b": 2\n}';
    expect(lineStart(text, 1)).toBe(0);
    expect(text.slice(lineStart(text, 2))).toMatch(/^ {2}"a": 1/);
    expect(lineStart(text, 3)).toBe(text.indexOf('\n\n') + 1);
    expect(text.slice(lineStart(text, 5))).toBe('}');
    expect(lineStart(text, 9)).toBe(text.length);
  });
});
