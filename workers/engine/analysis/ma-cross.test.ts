// simple_ma_cross on the engine: its signals are exactly at the bars where the exported fast - slow average
// changes sign (the last bar with a difference before it, across days, on the other side), and each order
// fills at the open of the next base bar. The same run with the averages not exported (hidden) agrees.

import { describe, expect, it } from 'vitest';
import { Backtest } from '../backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig, type SessionConfig } from '../config';

type Json = Record<string, unknown> & { session_data_config: Record<string, unknown> };

const MA = 'strategies.examples.simple_ma_cross';

function config(exported: boolean): SessionConfig {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as Json;
  json.session_data_config.symbols = ['RIVN', 'AAPL'];
  json.session_data_config.streams = ['1m', '15m'];
  json.session_data_config.indicators = {
    session: exported
      ? [
          { name: 'sma', period: 10, interval: '5m' },
          { name: 'sma', period: 20, interval: '5m' },
        ]
      : [{ name: 'ema', period: 9, interval: '5m' }],
  };
  json.session_data_config.strategies = [
    {
      module: MA,
      config: { interval: '5m', fast_period: 10, slow_period: 20, min_quality: 0, quantity: 10 },
    },
  ];
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

interface Walked {
  /** `SYMBOL time` -> the expected signal at that 5m bar. */
  crossings: { symbol: string; time: number; action: 'BUY' | 'SELL' }[];
  /** Every base bar's open, by `SYMBOL time`. */
  opens: Map<string, number>;
  baseTimes: Map<string, number[]>;
  backtest: Backtest;
}

/** Runs the three days, reading each session's exported SMA rows and base bars at its close. */
function walk(exported: boolean, gapRate: number): Walked {
  const backtest = new Backtest(config(exported), { seed: 3, gapRate });
  backtest.start();
  const crossings: Walked['crossings'] = [];
  const opens = new Map<string, number>();
  const baseTimes = new Map<string, number[]>();
  const lastSign = new Map<string, number>();
  while (!backtest.finished) {
    backtest.advance(backtest.sessionMinutes - backtest.minute || 1);
    if (backtest.minute !== backtest.sessionMinutes) continue;
    for (const store of backtest.session?.symbols.values() ?? []) {
      const base = store.baseBars;
      const times = baseTimes.get(store.symbol) ?? [];
      baseTimes.set(store.symbol, times);
      for (let i = 0; i < (base?.length ?? 0); i++) {
        opens.set(`${store.symbol} ${base?.time[i]}`, base?.open[i] as number);
        times.push(base?.time[i] as number);
      }
      if (!exported) continue;
      const fast = store.indicators.find((i) => i.spec.key === 'sma_10_5m')?.series;
      const slow = store.indicators.find((i) => i.spec.key === 'sma_20_5m')?.series;
      if (!fast || !slow) throw new Error('the averages are not exported');
      const slowAt = new Map<number, number>();
      for (let i = 0; i < slow.length; i++) slowAt.set(slow.time[i] as number, slow.values[0]?.[i] as number);
      for (let i = 0; i < fast.length; i++) {
        const time = fast.time[i] as number;
        const s = slowAt.get(time);
        if (s === undefined) continue;
        const d = (fast.values[0]?.[i] as number) - s;
        if (d === 0) continue;
        const sign = Math.sign(d);
        const before = lastSign.get(store.symbol);
        lastSign.set(store.symbol, sign);
        if (before !== undefined && before !== sign)
          crossings.push({ symbol: store.symbol, time, action: sign > 0 ? 'BUY' : 'SELL' });
      }
    }
  }
  return { crossings, opens, baseTimes, backtest };
}

describe('simple_ma_cross on the engine', () => {
  for (const gapRate of [0, 0.05]) {
    it(`signals exactly where the exported averages cross, filled at the next base bar's open (gaps ${gapRate})`, () => {
      const { crossings, opens, baseTimes, backtest } = walk(true, gapRate);
      const [record] = backtest.analysis.strategies;
      const signals = record?.signals ?? [];
      expect(crossings.length).toBeGreaterThan(3);
      const bySymbol = <T extends { symbol: string; time: number }>(list: T[]) =>
        [...list].sort((a, b) => a.symbol.localeCompare(b.symbol) || a.time - b.time);
      expect(bySymbol(signals).map((s) => `${s.symbol} ${s.time} ${s.action}`)).toEqual(
        bySymbol(crossings).map((c) => `${c.symbol} ${c.time} ${c.action}`),
      );
      const orders = record?.orders ?? [];
      expect(orders).toHaveLength(signals.length);
      for (const order of orders) {
        // Decided at the 5m bar's close; the first base bar opening at or after it fills the order.
        const decided = order.signalTime + 5 * 60_000;
        const fillTime = baseTimes.get(order.symbol)?.find((t) => t >= decided);
        if (order.status === 'cancelled') {
          expect(fillTime).toBeUndefined();
          continue;
        }
        expect(order.time).toBe(fillTime);
        if (order.status === 'filled') expect(order.price).toBe(opens.get(`${order.symbol} ${order.time}`));
      }
      expect(orders.filter((o) => o.status === 'filled').length).toBeGreaterThan(2);
    });
  }

  it('gives the same signals and orders when the averages are computed but not exported', () => {
    const shown = walk(true, 0).backtest;
    const hidden = walk(false, 0).backtest;
    const rivn = hidden.session?.symbols.get('RIVN');
    expect(rivn?.indicators.map((i) => i.spec.key)).toEqual(['ema_9_5m']);
    expect(rivn?.hiddenIndicators.map((i) => i.spec.key)).toEqual(['sma_10_5m', 'sma_20_5m']);
    // The strategy's 5m bars are built though only 1m and 15m are streamed.
    expect(rivn?.bars.has('5m')).toBe(false);
    expect(rivn?.indicatorBars.get('5m')?.length).toBeGreaterThan(0);
    expect(hidden.analysis.strategies).toEqual(shown.analysis.strategies);
    expect(hidden.analysis.equity.length).toBe(shown.analysis.equity.length);
  });

  it('starts with the configured strategies and no rows before start', () => {
    const backtest = new Backtest(config(true));
    expect(backtest.analysis.strategies.map((s) => [s.module, s.enabled, s.signals.length])).toEqual([
      [MA, true, 0],
    ]);
    expect([...backtest.analysis.positions.keys()]).toEqual(['RIVN', 'AAPL']);
    expect(backtest.analysis.account.cash).toBe(100_000);
  });
});
