// rsi_strategy on the engine: its signals are exactly where the exported RSI crosses its thresholds (never
// twice the same way in a row per symbol and interval), across days.

import { describe, expect, it } from 'vitest';
import { Backtest } from '../backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../config';

type Json = Record<string, unknown> & { session_data_config: Record<string, unknown> };

describe('rsi_strategy on the engine', () => {
  it('signals exactly where the exported RSI crosses below oversold or above overbought', () => {
    const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as Json;
    json.session_data_config.symbols = ['RIVN', 'AAPL'];
    json.session_data_config.indicators = { session: [{ name: 'rsi', period: 14, interval: '5m' }] };
    // Thresholds near the middle, so that three days cross them often.
    json.session_data_config.strategies = [
      { module: 'rsi_strategy', config: { oversold_threshold: 45, overbought_threshold: 55, quantity: 5 } },
    ];
    const parsed = parseSessionConfig(json);
    if (!parsed.ok) throw new Error(parsed.error);
    const backtest = new Backtest(parsed.value, { seed: 2 });
    backtest.start();
    const expected: string[] = [];
    const last = new Map<string, { value: number; action: string | null }>();
    while (!backtest.finished) {
      backtest.advance(backtest.sessionMinutes - backtest.minute || 1);
      if (backtest.minute !== backtest.sessionMinutes) continue;
      for (const store of backtest.session?.symbols.values() ?? []) {
        const rsi = store.indicators.find((i) => i.spec.key === 'rsi_14_5m')?.series;
        if (!rsi) throw new Error('rsi_14_5m is not exported');
        for (let i = 0; i < rsi.length; i++) {
          const value = rsi.values[0]?.[i] as number;
          const state = last.get(store.symbol) ?? { value: Number.NaN, action: null };
          let action: string | null = null;
          if (state.value >= 45 && value < 45 && state.action !== 'BUY') action = 'BUY';
          else if (state.value <= 55 && value > 55 && state.action !== 'SELL') action = 'SELL';
          last.set(store.symbol, { value, action: action ?? state.action });
          if (action) expected.push(`${store.symbol} ${rsi.time[i]} ${action}`);
        }
      }
    }
    const signals = backtest.analysis.strategies[0]?.signals ?? [];
    expect(expected.length).toBeGreaterThan(4);
    expect(signals.map((s) => `${s.symbol} ${s.time} ${s.action}`).sort()).toEqual(expected.sort());
    // Strictly alternating per symbol: a BUY, then a SELL, ...
    for (const symbol of ['RIVN', 'AAPL']) {
      const actions = signals.filter((s) => s.symbol === symbol).map((s) => s.action);
      expect(actions.every((a, i) => i === 0 || a !== actions[i - 1])).toBe(true);
    }
    expect(signals[0]?.reason).toMatch(/^rsi 14 (fell below 45|rose above 55) \(\d+(\.\d+)?\)$/);
  });
});
