import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SESSION_CONFIG_JSON,
  defaultSessionConfig,
  derivedIntervalProblem,
  normalizeInterval,
  parseSessionConfig,
  parseSessionConfigText,
  type SessionConfig,
} from './config';
import original from './fixtures/original-config.json';

// biome-ignore lint/suspicious/noExplicitAny: tests edit the fixture freely
type Json = Record<string, any>;

/** A copy of the original-format example, changed by `edit`. */
function example(edit: (config: Json) => void = () => {}): Json {
  const config = structuredClone(original) as Json;
  edit(config);
  return config;
}

function ok(input: unknown): SessionConfig {
  const result = parseSessionConfig(input);
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.error}`);
  return result.value;
}

function error(input: unknown): string {
  const result = parseSessionConfig(input);
  if (result.ok) throw new Error('expected the config to be refused');
  expect(result.error).not.toContain('\n');
  return result.error;
}

describe('intervals', () => {
  it('normalizes integers and strings to "Nm", keeps seconds, hours, "1d" and "1w"', () => {
    expect(normalizeInterval(5)).toBe('5m');
    expect(normalizeInterval('5m')).toBe('5m');
    expect(normalizeInterval('5')).toBe('5m');
    expect(normalizeInterval(1)).toBe('1m');
    expect(normalizeInterval(390)).toBe('390m');
    expect(normalizeInterval('1s')).toBe('1s');
    expect(normalizeInterval('30s')).toBe('30s');
    expect(normalizeInterval('1h')).toBe('1h');
    expect(normalizeInterval('6h')).toBe('6h');
    expect(normalizeInterval('1d')).toBe('1d');
    expect(normalizeInterval('1w')).toBe('1w');
  });

  it('throws a RangeError naming the value and what is accepted', () => {
    for (const bad of [
      0,
      -5,
      2.5,
      391,
      '0m',
      '5M',
      '05m',
      ' 5m',
      '2d',
      '2w',
      '7h',
      '60s',
      '0s',
      '',
      'ticks',
    ]) {
      expect(() => normalizeInterval(bad)).toThrow(RangeError);
    }
    expect(() => normalizeInterval('5M')).toThrow(/"5M" is not an interval .*write "5m"/);
    expect(() => normalizeInterval('120s')).toThrow(/"120s" is not an interval .*write "2m"/);
    expect(() => normalizeInterval('2d')).toThrow(/the only daily interval is "1d"/);
    expect(() => normalizeInterval('7h')).toThrow(/"7h" is longer than a trading session/);
    expect(() => normalizeInterval(400)).toThrow(/400 is longer than a trading session/);
  });

  it('says why an interval cannot be derived from a base', () => {
    expect(derivedIntervalProblem('5m', '1m')).toBeNull();
    expect(derivedIntervalProblem('1m', '1s')).toBeNull();
    expect(derivedIntervalProblem('1h', '15m')).toBeNull();
    expect(derivedIntervalProblem('1d', '1m')).toBeNull();
    expect(derivedIntervalProblem('1w', '1d')).toBeNull();
    expect(derivedIntervalProblem('7m', '2m')).toBe(
      '"7m" is not a multiple of the base interval "2m" (derived bars are built from whole base bars)',
    );
    expect(derivedIntervalProblem('1m', '7s')).toMatch(/not a multiple of the base interval "7s"/);
    expect(derivedIntervalProblem('1m', '1m')).toBe('"1m" is not longer than the base interval "1m"');
  });
});

describe('the built-in default', () => {
  it('has the documented fields', () => {
    const config = defaultSessionConfig();
    expect(config).toMatchObject({
      sessionName: 'Example Trading Session',
      mode: 'backtest',
      exchangeGroup: 'US_EQUITY',
      assetClass: 'EQUITY',
      startDate: '2025-07-01',
      endDate: '2025-07-03',
      speedMultiplier: 60,
      symbols: ['RIVN', 'AAPL', 'TSLA'],
      baseInterval: '1m',
      derivedIntervals: ['5m', '15m'],
      ticks: true,
      quotes: true,
      historical: [
        { interval: '1m', trailingDays: 10, symbols: 'all' },
        { interval: '1d', trailingDays: 30, symbols: 'all' },
      ],
      ignored: [],
    });
    expect(config.raw).toEqual(DEFAULT_SESSION_CONFIG_JSON);
  });

  it('is a fresh copy each time and its JSON cannot be changed', () => {
    const a = defaultSessionConfig();
    a.symbols.push('NVDA');
    (a.raw.session_data_config as Json).symbols.push('NVDA');
    expect(defaultSessionConfig().symbols).toEqual(['RIVN', 'AAPL', 'TSLA']);
    expect(Object.isFrozen(DEFAULT_SESSION_CONFIG_JSON)).toBe(true);
    expect(Object.isFrozen((DEFAULT_SESSION_CONFIG_JSON.session_data_config as Json).symbols)).toBe(true);
  });
});

describe('the original format', () => {
  it('loads the example file unchanged, listing and keeping its ignored sections', () => {
    const config = ok(original);
    expect(config).toMatchObject({
      sessionName: 'Original Format Example',
      symbols: ['RIVN', 'AAPL'],
      derivedIntervals: ['5m', '15m'],
      ticks: true,
      quotes: true,
      speedMultiplier: 60,
      historical: [
        { interval: '1m', trailingDays: 10, symbols: 'all' },
        { interval: '1d', trailingDays: 30, symbols: 'all' },
      ],
    });
    expect(config.ignored).toEqual([
      'session_data_config.streaming',
      'session_data_config.historical.enable_quality',
      'session_data_config.gap_filler',
    ]);
    expect(config.raw).toEqual(original);
    expect(JSON.stringify(config.raw)).toBe(JSON.stringify(original)); // same key order too
    // A deep copy: changing the result does not change the input.
    ((config.raw.session_data_config as Json).indicators as Json).session.push({});
    expect(original.session_data_config.indicators.session).toHaveLength(2);
  });

  it('parses the same from its text, and raw parses to the same config', () => {
    const fromText = parseSessionConfigText(JSON.stringify(original, null, 2));
    expect(fromText).toEqual({ ok: true, value: ok(original) });
    expect(ok(ok(original).raw)).toEqual(ok(original));
  });

  it('keeps ignored sections at the top level and in session_data_config', () => {
    const config = ok(
      example((c) => {
        c.scanner = [{ name: 'orb' }];
        c.metadata = { author: 'x' };
        c.session_data_config.scanners = null;
        c.session_data_config.api_config = { key: 'k' };
      }),
    );
    expect(config.ignored).toEqual([
      'session_data_config.streaming',
      'session_data_config.historical.enable_quality',
      'session_data_config.gap_filler',
      'session_data_config.scanners',
      'session_data_config.api_config',
      'scanner',
      'metadata',
    ]);
    expect(config.raw.scanner).toEqual([{ name: 'orb' }]);
    expect((config.raw.session_data_config as Json).scanners).toBeNull();
  });
});

describe('normalization', () => {
  it('accepts integer intervals and writes them as strings', () => {
    const config = ok(
      example((c) => {
        c.session_data_config.streams = [15, 'quotes', 1, '5'];
        c.session_data_config.historical = { enabled: true, data: [{ interval: 1, trailing_days: 3 }] };
      }),
    );
    expect(config.derivedIntervals).toEqual(['5m', '15m']);
    expect(config.ticks).toBe(false);
    expect(config.quotes).toBe(true);
    expect(config.historical).toEqual([{ interval: '1m', trailingDays: 3, symbols: 'all' }]);
    const sessionData = config.raw.session_data_config as Json;
    expect(sessionData.streams).toEqual(['15m', 'quotes', '1m', '5m']);
    expect(sessionData.historical).toEqual({ enabled: true, data: [{ interval: '1m', trailing_days: 3 }] });
  });

  it('sorts bar intervals by length; the shortest is the base', () => {
    const config = ok(example((c) => (c.session_data_config.streams = ['60m', '1m', 30, '5m', 390])));
    expect(config.derivedIntervals).toEqual(['5m', '30m', '60m', '390m']);
    const every = ok(
      example((c) => (c.session_data_config.streams = ['1w', '1d', '2h', 'ticks', '15m', '5s'])),
    );
    expect(every.barIntervals).toEqual(['5s', '15m', '2h', '1d', '1w']);
    expect(every.baseInterval).toBe('5s');
    expect(every.derivedIntervals).toEqual(['15m', '2h', '1d', '1w']);
    const daily = ok(example((c) => (c.session_data_config.streams = ['1w', '1d'])));
    expect(daily.baseInterval).toBe('1d');
  });

  it('streams 1m when streams are left out, and nothing but metrics for an empty list', () => {
    const absent = ok(example((c) => delete c.session_data_config.streams));
    expect(absent.barIntervals).toEqual(['1m']);
    expect(absent.ticks).toBe(false);
    expect((absent.raw.session_data_config as Json).streams).toEqual(['1m']);
    // The default lands where the field belongs, after symbols.
    expect(Object.keys(absent.raw.session_data_config as Json).slice(0, 2)).toEqual(['symbols', 'streams']);
    const none = ok(example((c) => (c.session_data_config.streams = [])));
    expect(none.barIntervals).toEqual([]);
    expect(none.baseInterval).toBeNull();
  });

  it('reads the design-note historical form', () => {
    const config = ok(
      example((c) => {
        c.session_data_config.historical = {
          enabled: true,
          data: [
            { interval: '1d', trailing_days: 30 },
            { interval: 1, trailing_days: 10 },
          ],
        };
      }),
    );
    expect(config.historical).toEqual([
      { interval: '1m', trailingDays: 10, symbols: 'all' },
      { interval: '1d', trailingDays: 30, symbols: 'all' },
    ]);
    expect(config.ignored).not.toContain('session_data_config.historical.enable_quality');
  });

  it('reads the original historical form with per-symbol requests, merging repeats', () => {
    const config = ok(
      example((c) => {
        c.session_data_config.symbols = ['RIVN', 'AAPL', 'TSLA'];
        c.session_data_config.historical = {
          data: [
            { trailing_days: 5, intervals: ['1m', 5], apply_to: 'all' },
            { trailing_days: 8, intervals: ['1m'] }, // apply_to defaults to "all"
            { trailing_days: 20, intervals: ['1m'], apply_to: ['TSLA', 'RIVN'] },
            { trailing_days: 6, intervals: ['1m'], apply_to: ['AAPL'] }, // covered by "all" for 8 days
            { trailing_days: 30, intervals: ['1d'], apply_to: ['AAPL'] },
            { trailing_days: 12, intervals: ['1d'], apply_to: ['AAPL', 'TSLA'] },
          ],
        };
      }),
    );
    expect(config.historical).toEqual([
      { interval: '1m', trailingDays: 8, symbols: 'all' },
      { interval: '1m', trailingDays: 20, symbols: ['RIVN', 'TSLA'] },
      { interval: '5m', trailingDays: 5, symbols: 'all' },
      { interval: '1d', trailingDays: 30, symbols: ['AAPL'] },
      { interval: '1d', trailingDays: 12, symbols: ['TSLA'] },
    ]);
    const raw = (config.raw.session_data_config as Json).historical as Json;
    expect(raw.data[0]).toEqual({ trailing_days: 5, intervals: ['1m', '5m'], apply_to: 'all' });
  });

  it('treats a missing historical section or enabled: false as none', () => {
    expect(ok(example((c) => delete c.session_data_config.historical)).historical).toEqual([]);
    const disabled = ok(
      example((c) => {
        c.session_data_config.historical = { enabled: false, data: [{ interval: 5, trailing_days: 10 }] };
      }),
    );
    expect(disabled.historical).toEqual([]);
    expect((disabled.raw.session_data_config as Json).historical).toEqual({
      enabled: false,
      data: [{ interval: '5m', trailing_days: 10 }],
    });
    expect(ok(example((c) => (c.session_data_config.historical = { enabled: false }))).historical).toEqual(
      [],
    );
  });

  it('fills defaults in place: asset_class and speed_multiplier', () => {
    const config = ok(
      example((c) => {
        delete c.asset_class;
        delete c.backtest_config.speed_multiplier;
      }),
    );
    expect(config.assetClass).toBe('EQUITY');
    // As the original: no speed named means as fast as possible.
    expect(config.speedMultiplier).toBe(0);
    expect(Object.keys(config.raw).slice(0, 4)).toEqual([
      'session_name',
      'exchange_group',
      'asset_class',
      'mode',
    ]);
    expect(config.raw.backtest_config).toEqual({
      start_date: '2025-07-01',
      end_date: '2025-07-03',
      speed_multiplier: 0,
    });
  });

  it('accepts tickers with a class suffix and a one-day window', () => {
    const config = ok(
      example((c) => {
        c.session_data_config.symbols = ['BRK.B', 'RIVN'];
        c.backtest_config.end_date = c.backtest_config.start_date;
        c.backtest_config.speed_multiplier = 0.5;
      }),
    );
    expect(config.symbols).toEqual(['BRK.B', 'RIVN']);
    expect(config.endDate).toBe(config.startDate);
    expect(config.speedMultiplier).toBe(0.5);
  });
});

describe('error messages', () => {
  it('keeps a field it does not know, lists it as kept but not used, and hints at a near miss', () => {
    const config = ok(
      example((c) => {
        c.backtest_config.prefetch_days = 3;
        c.backtest_config.speed_multipler = 2;
        c.comment = 'from the original';
        c.session_data_config.historical.data[1].apply = 'all';
      }),
    );
    expect(config.ignored).toContain('backtest_config.prefetch_days');
    expect(config.ignored).toContain('backtest_config.speed_multipler (did you mean "speed_multiplier"?)');
    expect(config.ignored).toContain('comment');
    expect(config.ignored).toContain(
      'session_data_config.historical.data[1].apply (did you mean "apply_to"?)',
    );
    // Kept as given, in the configuration an export carries.
    expect(config.raw.comment).toBe('from the original');
    expect((config.raw.backtest_config as Record<string, unknown>).prefetch_days).toBe(3);
    // Parsing what is kept gives the same configuration.
    expect(ok(config.raw).raw).toEqual(config.raw);
  });

  it('names at most 30 fields it keeps but does not use, and counts the rest', () => {
    const config = ok(
      example((c) => {
        for (let i = 0; i < 1000; i++) c[`extra_${i}`] = i;
      }),
    );
    expect(config.ignored).toHaveLength(31);
    expect(config.ignored.slice(-2)).toEqual(['extra_26', '… and 973 more']);
    expect(config.raw.extra_999).toBe(999);
  });

  it('reports a missing required field first, whatever else is wrong', () => {
    expect(
      error(
        example((c) => {
          c.session_data_config.sybmols = c.session_data_config.symbols;
          delete c.session_data_config.symbols;
          c.backtest_config.speed_multiplier = 'fast';
        }),
      ),
    ).toMatch(/^session_data_config\.symbols: missing \(expected a non-empty list of tickers/);
    expect(error(example((c) => delete c.mode))).toMatch(/^mode: missing \(expected "backtest"/);
  });

  it('names a field of the wrong type or missing', () => {
    expect(error(example((c) => (c.backtest_config.speed_multiplier = 'fast')))).toBe(
      'backtest_config.speed_multiplier: expected 0 (as fast as possible) or a number > 0 and <= 1000000, got "fast"',
    );
    expect(error(example((c) => (c.session_data_config.symbols = 'RIVN')))).toBe(
      'session_data_config.symbols: expected a non-empty list of tickers such as ["RIVN", "AAPL"], got "RIVN"',
    );
    expect(error(example((c) => (c.session_name = 42)))).toBe(
      'session_name: expected a non-empty string, got 42',
    );
    expect(error(example((c) => delete c.backtest_config))).toMatch(
      /^backtest_config: missing \(expected an object/,
    );
    expect(error(example((c) => (c.mode = 'live')))).toBe(
      'mode: only backtests run here: "live" needs a market data feed and a broker (expected "backtest")',
    );
    expect(error(example((c) => (c.exchange_group = 'CRYPTO')))).toMatch(
      /^exchange_group: expected "US_EQUITY"/,
    );
    expect(error(example((c) => (c.session_data_config.historical.enabled = 'yes')))).toBe(
      'session_data_config.historical.enabled: expected true or false, got "yes"',
    );
    expect(error([])).toBe('session config: expected a JSON object (the session configuration), got a list');
    expect(error(example((c) => (c.indicators = () => 1)))).toMatch(/^indicators: not a JSON value/);
  });

  it('refuses a window with no trading day, naming the dates and the nearest trading days', () => {
    const window = (start: string, end: string) =>
      example((c) => {
        c.backtest_config.start_date = start;
        c.backtest_config.end_date = end;
      });
    // A weekend: what used to be "Valid" until Start failed.
    expect(error(window('2025-07-05', '2025-07-06'))).toBe(
      'backtest_config.start_date: the backtest window "2025-07-05" to "2025-07-06" holds no trading day on the US equity exchange calendar (weekends and exchange holidays are closed; accepted: a window with at least one trading day, such as "2025-07-03" or "2025-07-07")',
    );
    // A holiday alone (Independence Day), and a holiday joined to its weekend.
    expect(error(window('2025-07-04', '2025-07-04'))).toBe(
      'backtest_config.start_date: the backtest window "2025-07-04" holds no trading day on the US equity exchange calendar (weekends and exchange holidays are closed; accepted: a window with at least one trading day, such as "2025-07-03" or "2025-07-07")',
    );
    expect(error(window('2025-07-04', '2025-07-06'))).toMatch(
      /"2025-07-04" to "2025-07-06" holds no trading day/,
    );
    // At the edge of the supported dates only the nearest day inside them is offered.
    expect(error(window('2024-01-01', '2024-01-01'))).toMatch(/such as "2024-01-02"\)$/);
    // One trading day in the window is enough.
    expect(ok(window('2025-07-04', '2025-07-07')).startDate).toBe('2025-07-04');
    expect(ok(window('2025-07-05', '2025-07-07')).endDate).toBe('2025-07-07');
  });

  it('refuses a bad date, a date out of range, and start after end', () => {
    expect(error(example((c) => (c.backtest_config.start_date = '2025-13-01')))).toBe(
      'backtest_config.start_date: "2025-13-01" is not a date (expected YYYY-MM-DD)',
    );
    expect(error(example((c) => (c.backtest_config.end_date = '2025-02-30')))).toBe(
      'backtest_config.end_date: "2025-02-30" is not a date (expected YYYY-MM-DD)',
    );
    expect(error(example((c) => (c.backtest_config.end_date = '2025-7-3')))).toMatch(/is not a date/);
    expect(error(example((c) => (c.backtest_config.start_date = '2023-12-29')))).toBe(
      'backtest_config.start_date: "2023-12-29" is outside the supported dates (2024-01-01 to 2027-12-31)',
    );
    expect(error(example((c) => (c.backtest_config.start_date = '2025-07-05')))).toBe(
      'backtest_config.end_date: "2025-07-03" is before start_date "2025-07-05" (expected start_date <= end_date)',
    );
    expect(ok(example((c) => (c.backtest_config.speed_multiplier = 0))).speedMultiplier).toBe(0);
    expect(error(example((c) => (c.backtest_config.speed_multiplier = 1e308)))).toBe(
      'backtest_config.speed_multiplier: expected 0 (as fast as possible) or a number > 0 and <= 1000000, got 1e+308',
    );
  });

  it('refuses lower-case, malformed, repeated or no symbols', () => {
    expect(error(example((c) => (c.session_data_config.symbols = ['RIVN', 'aapl'])))).toBe(
      'session_data_config.symbols[1]: "aapl" is not upper case (write "AAPL")',
    );
    expect(error(example((c) => (c.session_data_config.symbols = ['RI VN'])))).toMatch(
      /^session_data_config\.symbols\[0\]: "RI VN" is not a ticker/,
    );
    expect(error(example((c) => (c.session_data_config.symbols = ['RIVN', 'RIVN'])))).toBe(
      'session_data_config.symbols[1]: "RIVN" is listed twice',
    );
    expect(error(example((c) => (c.session_data_config.symbols = [])))).toMatch(
      /^session_data_config\.symbols: must list at least one symbol/,
    );
  });

  it('refuses bad intervals and unknown streams, naming the value', () => {
    const streams = (list: unknown[]) => error(example((c) => (c.session_data_config.streams = list)));
    expect(streams(['1m', 'tick'])).toBe(
      'session_data_config.streams[1]: "tick" is not a stream (accepted: "ticks", "quotes" and bar intervals such as "1s", "1m", 5, "1h", "1d", "1w")',
    );
    expect(streams(['1m', '1H'])).toMatch(
      /^session_data_config\.streams\[1\]: "1H" is not an interval \(accepted: .*; write "1h"\)$/,
    );
    expect(streams(['1m', 2.5])).toMatch(/^session_data_config\.streams\[1\]: 2\.5 is not an interval/);
    expect(streams(['1m', 400])).toMatch(
      /^session_data_config\.streams\[1\]: 400 is longer than a trading session/,
    );
    expect(streams(['1m', '2w'])).toMatch(
      /^session_data_config\.streams\[1\]: "2w" .*the only weekly interval is "1w"\)$/,
    );
    expect(streams(['1m', true])).toMatch(
      /^session_data_config\.streams\[1\]: expected a stream name .*, got true$/,
    );
    expect(streams(['2m', '5m'])).toBe(
      'session_data_config.streams[1]: "5m" is not a multiple of the base interval "2m" (derived bars are built from whole base bars)',
    );
    expect(
      error(example((c) => (c.session_data_config.historical.data[0].intervals = ['1m', '2d']))),
    ).toMatch(/^session_data_config\.historical\.data\[0\]\.intervals\[1\]: "2d" is not an interval/);
  });

  it('refuses repeated streams, also one written two ways', () => {
    const streams = (list: unknown[]) => error(example((c) => (c.session_data_config.streams = list)));
    expect(streams(['1m', 5, '5m'])).toBe(
      'session_data_config.streams[2]: "5m" is listed twice (5 and "5m" are the same)',
    );
    expect(streams(['1m', 'ticks', 'ticks'])).toBe('session_data_config.streams[2]: "ticks" is listed twice');
    expect(streams(['1m', '60m', '1h'])).toBe(
      'session_data_config.streams[2]: "1h" is listed twice ("60m" and "1h" are the same)',
    );
  });

  it('refuses historical requests that are out of range or name other symbols', () => {
    const historical = (edit: (h: Json) => void) =>
      error(example((c) => edit(c.session_data_config.historical)));
    expect(historical((h) => (h.data[1].apply_to = ['RIVN', 'NVDA']))).toBe(
      'session_data_config.historical.data[1].apply_to[1]: "NVDA" is not in session_data_config.symbols (RIVN, AAPL)',
    );
    expect(historical((h) => (h.data[0].apply_to = 'RIVN'))).toMatch(
      /^session_data_config\.historical\.data\[0\]\.apply_to: expected "all" or a list of symbols/,
    );
    expect(historical((h) => (h.data[0].trailing_days = 3651))).toBe(
      'session_data_config.historical.data[0].trailing_days: expected a whole number of trading days from 1 to 3,650, got 3651',
    );
    expect(historical((h) => (h.data[0].trailing_days = 1.5))).toMatch(/got 1\.5$/);
    // 52 weeks and ten years of daily bars are fine; ten years of second bars would not fit in a tab.
    expect(
      ok(example((c) => (c.session_data_config.historical.data[1].trailing_days = 3650))).historical,
    ).toContainEqual({
      interval: '1d',
      trailingDays: 3650,
      symbols: 'all',
    });
    expect(historical((h) => (h.data[0] = { trailing_days: 3650, intervals: ['1s'], apply_to: 'all' }))).toBe(
      'session_data_config.historical.data[0].trailing_days: "1s" for 3,650 trading days is up to 85,410,000 bars per symbol (accepted: at most 2,000,000, about 85 days of "1s")',
    );
    expect(historical((h) => (h.data[0].interval = '1m'))).toBe(
      'session_data_config.historical.data[0]: give either "interval" or "intervals" (a list), not both',
    );
    expect(historical((h) => delete h.data[0].intervals)).toMatch(
      /^session_data_config\.historical\.data\[0\]\.intervals: missing/,
    );
    expect(historical((h) => delete h.data)).toMatch(/^session_data_config\.historical\.data: missing/);
  });
});

describe('JSON text', () => {
  it('reports invalid JSON with its line and column', () => {
    expect(parseSessionConfigText('{\n  "session_name": "x",\n}')).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid JSON: .*\(line 3, column 1\)$/),
    });
    expect(parseSessionConfigText('')).toEqual({ ok: false, error: 'invalid JSON: the text is empty' });
    expect(parseSessionConfigText('[1, 2')).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid JSON: /),
    });
  });

  it('validates the parsed value and accepts a byte-order mark', () => {
    expect(parseSessionConfigText('"backtest"')).toEqual({
      ok: false,
      error: 'session config: expected a JSON object (the session configuration), got "backtest"',
    });
    expect(parseSessionConfigText(`\uFEFF${JSON.stringify(DEFAULT_SESSION_CONFIG_JSON)}`).ok).toBe(true);
  });
});

describe('names and values echoed in errors', () => {
  const RAW_CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

  it('refuses a session_name with control or invisible characters, in one line naming the field', () => {
    const cases: [string, string][] = [
      ['Evil\nsession', '"Evil\\nsession"'],
      ['red\u001b[31m', '"red\\u001b[31m"'],
      ['c1\u009bx', '"c1\\u009bx"'],
      ['del\u007f', '"del\\u007f"'],
      ['abc\u202edef', '"abc\\u202edef"'],
      ['zero\u200bwidth', '"zero\\u200bwidth"'],
    ];
    for (const [name, shown] of cases) {
      const message = error(example((c) => (c.session_name = name)));
      expect(message).toBe(
        `session_name: ${shown} holds a control or invisible character (expected printable text, e.g. "Example Trading Session")`,
      );
      expect(message).not.toMatch(RAW_CONTROL);
    }
    expect(ok(example((c) => (c.session_name = 'Société Générale 😀'))).sessionName).toBe(
      'Société Générale 😀',
    );
  });

  it('cuts and escapes the values and keys it echoes', () => {
    const long = error(example((c) => (c.mode = `\u001b]0;${'x'.repeat(5000)}`)));
    expect(long.length).toBeLessThan(200);
    expect(long).not.toMatch(RAW_CONTROL);
    const key = ok(example((c) => (c[`\u001b[2J${'k'.repeat(500)}`] = 1)));
    for (const line of key.ignored) {
      expect(line.length).toBeLessThan(100);
      expect(line).not.toMatch(RAW_CONTROL);
    }
  });
});

describe('nesting depth', () => {
  const nested = (levels: number) => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);
  const LINE =
    /^[^\n]+: nested more than 64 levels deep \(accepted: objects and lists nested at most 64 levels deep\)$/;

  it('refuses thousands of levels in an unknown or ignored field with one line naming where', () => {
    for (const levels of [2_000, 5_000, 100_000]) {
      const text = JSON.stringify(example()).replace(
        '{',
        `{"comment":${'['.repeat(levels)}${']'.repeat(levels)},`,
      );
      const result = parseSessionConfigText(text);
      expect(result).toEqual({
        ok: false,
        error:
          'comment[0][0][0][0][0][0][0]…: nested more than 64 levels deep (accepted: objects and lists nested at most 64 levels deep)',
      });
    }
    const objects = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const inIndicators = error(example((c) => (c.session_data_config.indicators = JSON.parse(objects))));
    expect(inIndicators).toMatch(LINE);
    expect(inIndicators.startsWith('session_data_config.indicators.a.a.a.a.a.a…')).toBe(true);
  });

  it('accepts 64 levels, and ends on shared or cyclic objects', () => {
    expect(ok(example((c) => (c.comment = nested(63)))).ignored).toContain('comment');
    expect(error(example((c) => (c.comment = nested(64))))).toMatch(LINE);
    // 60 levels of two references to the same list: 2^60 paths, walked once per level.
    let shared: unknown[] = [];
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    expect(ok(example((c) => (c.comment = shared))).ignored).toContain('comment');
    const cycle: Json = {};
    cycle.self = cycle;
    expect(error(example((c) => (c.comment = cycle)))).toMatch(LINE);
  });
});
