import { describe, expect, it } from 'vitest';
import { HISTORICAL_INDICATORS, SESSION_INDICATORS } from '../common/indicator-catalogue';
import { parseSessionConfig } from './config';
import allIndicators from './fixtures/all-indicators-config.json';
import original from './fixtures/original-config.json';

// biome-ignore lint/suspicious/noExplicitAny: tests edit the configuration freely
type Json = Record<string, any>;

function withIndicators(indicators: unknown): Json {
  const config = structuredClone(original) as Json;
  config.session_data_config.indicators = indicators;
  return config;
}

function error(config: unknown): string {
  const result = parseSessionConfig(config);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.error;
}

describe('session_data_config.indicators', () => {
  it("reads the original's example entries, filling the catalogue's defaults", () => {
    const result = parseSessionConfig(original);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.indicators.session).toEqual([
      { key: 'vwap_1m', name: 'vwap', type: 'trend', period: 0, interval: '1m', params: {} },
      { key: 'rsi_14_5m', name: 'rsi', type: 'momentum', period: 14, interval: '5m', params: {} },
    ]);
    expect(result.value.ignored).not.toContain('session_data_config.indicators');
  });

  it('accepts every indicator of the catalogue, session and historical', () => {
    const result = parseSessionConfig(allIndicators);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { session, historical } = result.value.indicators;
    expect(session.map((s) => s.name)).toEqual(SESSION_INDICATORS.map((i) => i.name));
    expect(historical.map((s) => s.name)).toEqual(HISTORICAL_INDICATORS.map((i) => i.name));
    expect(session.find((s) => s.name === 'bbands')).toMatchObject({
      key: 'bbands_20_5m',
      params: { num_std: 2 },
    });
    expect(historical.find((s) => s.name === 'high_low')).toMatchObject({
      key: 'high_low_52w_1d',
      unit: 'weeks',
    });
    expect(result.value.ignored).toEqual([
      'session_data_config.streaming',
      'session_data_config.historical.enable_quality',
      'session_data_config.gap_filler',
    ]);
  });

  it('fills a period, params and type left out; the stochastic looks back its period', () => {
    const result = parseSessionConfig(
      withIndicators({
        session: [
          { name: 'bbands', interval: 5 },
          { name: 'stochastic', period: 9, interval: '1m' },
        ],
      }),
    );
    expect(result.ok && result.value.indicators.session).toEqual([
      {
        key: 'bbands_20_5m',
        name: 'bbands',
        type: 'volatility',
        period: 20,
        interval: '5m',
        params: { num_std: 2 },
      },
      {
        key: 'stochastic_9_1m',
        name: 'stochastic',
        type: 'momentum',
        period: 9,
        interval: '1m',
        params: { k_period: 9, d_period: 3 },
      },
    ]);
  });

  it('takes an interval that is not streamed (its bars are built for the indicator)', () => {
    const result = parseSessionConfig(
      withIndicators({ session: [{ name: 'sma', period: 5, interval: '30m' }] }),
    );
    expect(result.ok && result.value.indicators.session[0]?.key).toBe('sma_5_30m');
  });

  it('refuses an unknown name with one line listing the catalogue', () => {
    const line = error(withIndicators({ session: [{ name: 'smaa', period: 5, interval: '5m' }] }));
    expect(line).toBe(
      `session_data_config.indicators.session[0].name: "smaa" is not an indicator (did you mean "sma"?) (accepted: ${SESSION_INDICATORS.map((i) => i.name).join(', ')})`,
    );
    expect(error(withIndicators({ historical: [{ name: 'sma', period: 5 }] }))).toMatch(
      /^session_data_config\.indicators\.historical\[0\]\.name: "sma" is not an indicator .*\(accepted: avg_volume, avg_range, atr_daily, gap_stats, range_ratio, high_low\)$/,
    );
  });

  it('names the field of a bad period, interval, parameter, unit or entry', () => {
    const one = (entry: unknown) => error(withIndicators({ session: [entry] }));
    expect(one({ name: 'sma', period: 0, interval: '5m' })).toBe(
      'session_data_config.indicators.session[0].period: expected a whole number from 1 to 5000, got 0',
    );
    expect(one({ name: 'rsi', period: 2.5, interval: '5m' })).toMatch(
      /session\[0\]\.period: expected a whole number/,
    );
    expect(one({ name: 'rsi', period: 14 })).toBe(
      'session_data_config.indicators.session[0].interval: missing (expected a bar interval such as "5m"; it need not be streamed)',
    );
    expect(one({ name: 'rsi', period: 14, interval: '5M' })).toMatch(
      /session\[0\]\.interval: "5M" is not an interval .*write "5m"/,
    );
    expect(one({ name: 'bbands', period: 20, interval: '5m', params: { num_std: 'two' } })).toBe(
      'session_data_config.indicators.session[0].params.num_std: expected a number from 0 to 100, got "two"',
    );
    expect(one({ name: 'macd', interval: '5m', params: { fast: 0 } })).toMatch(
      /params\.fast: expected a whole number from 1/,
    );
    expect(one('sma')).toMatch(/^session_data_config\.indicators\.session\[0\]: expected an object such as/);
    expect(error(withIndicators({ historical: [{ name: 'avg_volume', unit: 'months' }] }))).toBe(
      'session_data_config.indicators.historical[0].unit: expected "days" or "weeks", got "months"',
    );
    expect(error(withIndicators({ historical: [{ name: 'avg_volume', interval: '1m' }] }))).toMatch(
      /historical\[0\]\.interval: expected "1d" \(historical indicators read daily bars\), got "1m"/,
    );
    expect(error(withIndicators('all'))).toMatch(/^session_data_config\.indicators: expected \{"session"/);
  });

  it('refuses the same indicator twice, written two ways', () => {
    expect(
      error(
        withIndicators({
          session: [
            { name: 'sma', period: 20, interval: '5m' },
            { name: 'sma', period: 20, interval: 5 },
          ],
        }),
      ),
    ).toBe('session_data_config.indicators.session[1]: "sma_20_5m" is listed twice (first at [0])');
    expect(
      error(
        withIndicators({
          session: [
            { name: 'ema', period: 9, interval: '60m' },
            { name: 'ema', period: 9, interval: '1h' },
          ],
        }),
      ),
    ).toBe(
      'session_data_config.indicators.session[1]: "ema_9_1h" is listed twice (the same as "ema_9_60m") (first at [0])',
    );
    // A period an indicator does not take is kept, unused, and is not part of its key.
    const vwap = parseSessionConfig(
      withIndicators({ session: [{ name: 'vwap', period: 7, interval: '1m' }] }),
    );
    expect(vwap.ok && vwap.value.indicators.session[0]).toMatchObject({ key: 'vwap_1m', period: 7 });
    expect(
      error(
        withIndicators({
          session: [
            { name: 'vwap', period: 0, interval: '1m' },
            { name: 'vwap', period: 7, interval: '1m' },
          ],
        }),
      ),
    ).toBe('session_data_config.indicators.session[1]: "vwap_1m" is listed twice (first at [0])');
  });

  it('keeps and reports fields it does not know, with a hint', () => {
    const result = parseSessionConfig(
      withIndicators({
        session: [
          {
            name: 'bbands',
            period: 20,
            interval: '5m',
            params: { num_sd: 2, constructor: 1 },
            colour: 'red',
          },
        ],
        scanners: [],
      }),
    );
    expect(result.ok && result.value.ignored).toEqual(
      expect.arrayContaining([
        'session_data_config.indicators.session[0].params.num_sd (did you mean "num_std"?)',
        'session_data_config.indicators.session[0].params.constructor',
        'session_data_config.indicators.session[0].colour',
        'session_data_config.indicators.scanners',
      ]),
    );
    // Kept as given in the configuration that exports show.
    expect(result.ok && (result.value.raw.session_data_config as Json).indicators.session[0].colour).toBe(
      'red',
    );
  });

  it('cuts and escapes a long or invisible name it echoes', () => {
    const line = error(
      withIndicators({ session: [{ name: `\u001b[31m${'x'.repeat(100)}`, interval: '5m' }] }),
    );
    expect(line).not.toContain('\u001b');
    expect(line).toContain('\\u001b');
    expect(line.length).toBeLessThan(400);
  });

  it('treats a list as the session indicators, and null or nothing as none', () => {
    const list = parseSessionConfig(withIndicators([{ name: 'ema', period: 9, interval: '5m' }]));
    expect(list.ok && list.value.indicators.session.map((s) => s.key)).toEqual(['ema_9_5m']);
    const none = parseSessionConfig(withIndicators(null));
    expect(none.ok && none.value.indicators).toEqual({ session: [], historical: [] });
  });
});
