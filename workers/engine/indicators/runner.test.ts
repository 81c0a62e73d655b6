import { describe, expect, it } from 'vitest';
import { Backtest } from '../backtest';
import type { BarColumns } from '../columns';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig, type SessionConfig } from '../config';
import type { SymbolStore } from '../session-store';
import { historyBarsFor } from './history-bars';
import { SESSION_CALCS } from './index';

// biome-ignore lint/suspicious/noExplicitAny: tests edit the configuration freely
type Json = Record<string, any>;

/** The built-in session with `indicators` and `historical` data replaced. */
function config(indicators: unknown[], historical: unknown[], startDate = '2025-07-01'): SessionConfig {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as Json;
  json.backtest_config.start_date = startDate;
  json.session_data_config.indicators = { session: indicators };
  json.session_data_config.historical = { enabled: historical.length > 0, data: historical };
  const result = parseSessionConfig(json);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function run(c: SessionConfig, minutes: number): SymbolStore {
  const backtest = new Backtest(c, { seed: 7 });
  expect(backtest.start().ok).toBe(true);
  if (minutes > 0) expect(backtest.advance(minutes).ok).toBe(true);
  const store = backtest.session?.symbols.get('RIVN');
  if (!store) throw new Error('no RIVN');
  return store;
}

const closes = (bars: BarColumns | undefined) => Array.from(bars?.close.subarray(0, bars.length) ?? []);
const column = (values: Float64Array[] | undefined, n: number) =>
  Array.from(values?.[0]?.subarray(0, n) ?? []);

function smaOf(series: number[], period: number, at: number): number {
  let sum = 0;
  for (let i = at - period + 1; i <= at; i++) sum += series[i] as number;
  return sum / period;
}

describe('indicator runner', () => {
  const sma20 = { name: 'sma', period: 20, interval: '5m' };

  it('warms up on 5m bars built from the 1m history, valid from the first session bar', () => {
    const store = run(config([sma20], [{ interval: '1m', trailing_days: 10 }]), 60);
    const indicator = store.indicators[0];
    const session5m = store.bars.get('5m');
    expect(session5m?.length).toBe(12);
    expect(indicator?.series.length).toBe(12);
    // The same SMA, computed directly over the 5m history the engine loads for a 5m request.
    const reference = run(config([], [{ interval: '5m', trailing_days: 10 }]), 60);
    const all = [...closes(reference.historical.get('5m')?.bars), ...closes(reference.bars.get('5m'))];
    const history = all.length - 12;
    const expected = Array.from({ length: 12 }, (_, k) => smaOf(all, 20, history + k));
    const got = column(indicator?.series.values, 12);
    for (const [k, value] of got.entries()) expect(value).toBeCloseTo(expected[k] as number, 9);
    expect(Array.from(indicator?.series.time.subarray(0, 12) ?? [])).toEqual(
      Array.from(session5m?.time.subarray(0, 12) ?? []),
    );
  });

  it('starts the series only once valid when there is no history to warm up on', () => {
    const store = run(config([sma20], []), 200);
    const indicator = store.indicators[0];
    expect(store.bars.get('5m')?.length).toBe(40);
    expect(indicator?.series.length).toBe(40 - 19);
    const all = closes(store.bars.get('5m'));
    expect(indicator?.series.values[0]?.[0]).toBeCloseTo(smaOf(all, 20, 19), 9);
    expect(indicator?.series.time[0]).toBe(store.bars.get('5m')?.time[19]);
  });

  it('gives a day the same values whichever backtest window contains it', () => {
    const history = [{ interval: '1m', trailing_days: 5 }];
    const fromFirst = new Backtest(config([sma20], history), { seed: 7 });
    fromFirst.start();
    fromFirst.advance(390 + 120); // the whole first day, then two hours of 2025-07-02
    const fromSecond = new Backtest(config([sma20], history, '2025-07-02'), { seed: 7 });
    fromSecond.start();
    fromSecond.advance(120);
    const a = fromFirst.session?.symbols.get('AAPL')?.indicators[0];
    const b = fromSecond.session?.symbols.get('AAPL')?.indicators[0];
    expect(fromFirst.session?.date).toBe('2025-07-02');
    expect(a?.series.length).toBe(24);
    expect(column(a?.series.values, 24)).toEqual(column(b?.series.values, 24));
  });

  it('builds the bars of an interval that only an indicator reads, and exports none of them', () => {
    const store = run(config([{ name: 'sma', period: 2, interval: '30m' }], []), 120);
    expect(store.bars.has('30m')).toBe(false);
    expect(store.indicatorBars.get('30m')?.length).toBe(4);
    expect(store.indicators[0]?.series.length).toBe(3);
  });

  it('warms up on the last bars that matter: the same values as a warm-up on the whole history', () => {
    const specs = [
      { name: 'rsi', period: 14, interval: '5m' },
      { name: 'ema', period: 9, interval: '5m' },
      { name: 'macd', interval: '5m' },
      { name: 'atr', period: 14, interval: '5m' },
    ];
    const store = run(config(specs, [{ interval: '1m', trailing_days: 10 }]), 5);
    const whole = historyBarsFor('5m', store.historical);
    expect(whole?.length).toBe(780); // more than the 20 look-backs and two days used
    const session = store.bars.get('5m');
    for (const indicator of store.indicators) {
      const make = SESSION_CALCS[indicator.spec.name];
      if (!make || !whole || !session) throw new Error('missing');
      const calc = make(indicator.spec.period, indicator.spec.params);
      const out = new Float64Array(indicator.outputs.length);
      let day = Number.NaN;
      for (const bars of [whole, session]) {
        for (let i = 0; i < bars.length; i++) {
          const today = Math.floor((bars.time[i] as number) / 86_400_000);
          calc.update(
            today !== day,
            bars.open[i] as number,
            bars.high[i] as number,
            bars.low[i] as number,
            bars.close[i] as number,
            bars.volume[i] as number,
            out,
          );
          day = today;
        }
      }
      for (let k = 0; k < out.length; k++) {
        const got = indicator.value[k] as number;
        expect(Math.abs(got - (out[k] as number))).toBeLessThanOrEqual(
          1e-8 * Math.max(1, Math.abs(out[k] as number)),
        );
      }
    }
  });
});
