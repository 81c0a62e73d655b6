import { describe, expect, it } from 'vitest';
import type { SessionIndicatorInfo } from '../engine-client';
import { draftOf, entryOf, insertSessionIndicator, paramValue } from './config-indicators';

const rule = (value: number) => ({ default: value, min: 1, max: 5000, integer: true });
const macd: SessionIndicatorInfo = {
  name: 'macd',
  type: 'momentum',
  outputs: ['macd', 'signal', 'histogram'],
  placement: 'pane',
  period: null,
  params: { fast: rule(12), slow: rule(26), signal: rule(9) },
  summary: 'MACD',
};
const sma: SessionIndicatorInfo = { ...macd, name: 'sma', type: 'trend', period: rule(20), params: {} };

const config = (sessionData: Record<string, unknown>) =>
  JSON.stringify({ session_name: 'x', session_data_config: { symbols: ['AAPL'], ...sessionData } }, null, 2);

describe('add indicator', () => {
  it("fills the catalogue's defaults, with period 0 for an indicator without one", () => {
    const draft = draftOf(macd, ['5m', '1m']);
    expect(draft).toEqual({
      name: 'macd',
      period: null,
      interval: '5m',
      params: { fast: 12, slow: 26, signal: 9 },
    });
    expect(entryOf(macd, draft)).toEqual({
      name: 'macd',
      period: 0,
      interval: '5m',
      type: 'momentum',
      params: { fast: 12, slow: 26, signal: 9 },
    });
    expect(entryOf(sma, draftOf(sma, []))).toMatchObject({ period: 20, interval: '1m', params: {} });
  });

  it('writes no stochastic %K look-back unless changed, so that the period typed is the one used', () => {
    const stochastic: SessionIndicatorInfo = {
      ...sma,
      name: 'stochastic',
      period: rule(14),
      params: { k_period: rule(14), d_period: rule(3) },
    };
    const draft = { ...draftOf(stochastic, ['5m']), period: 5 };
    expect(entryOf(stochastic, draft).params).toEqual({ d_period: 3 });
    expect(paramValue(stochastic, draft, 'k_period')).toBe(5);
    expect(paramValue(stochastic, { ...draft, params: { k_period: 9 } }, 'k_period')).toBe(9);
    expect(paramValue(stochastic, draft, 'd_period')).toBe(3);
  });

  it('adds the entry to session_data_config.indicators.session, making the list when absent', () => {
    const entry = entryOf(sma, draftOf(sma, ['1m']));
    const added = insertSessionIndicator(config({ streams: ['1m'] }), entry);
    if (!added.ok) throw new Error(added.error);
    expect(JSON.parse(added.value).session_data_config.indicators).toEqual({ session: [entry] });
    expect(added.value.endsWith('}\n')).toBe(true);
    const again = insertSessionIndicator(added.value, { ...entry, period: 50 });
    if (!again.ok) throw new Error(again.error);
    expect(
      JSON.parse(again.value).session_data_config.indicators.session.map((e: { period: number }) => e.period),
    ).toEqual([20, 50]);
    // Historical entries beside it are kept.
    const withHistory = config({ indicators: { historical: [{ name: 'avg_volume' }] } });
    const kept = insertSessionIndicator(withHistory, entry);
    expect(kept.ok && JSON.parse(kept.value).session_data_config.indicators.historical).toEqual([
      { name: 'avg_volume' },
    ]);
  });

  it('refuses with one line when the text cannot take an entry', () => {
    const entry = entryOf(sma, draftOf(sma, ['1m']));
    expect(insertSessionIndicator('{', entry)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(insertSessionIndicator('{"session_name": "x"}', entry)).toEqual({
      ok: false,
      error: 'session_data_config: expected an object',
    });
    expect(insertSessionIndicator(config({ indicators: { session: {} } }), entry)).toEqual({
      ok: false,
      error: 'session_data_config.indicators.session: expected a list',
    });
  });
});
