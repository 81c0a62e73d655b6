// rsi, macd, stochastic, cci, williams_r against the libraries, with this project's edge rules (docs/indicators.md)
// applied where a library decides otherwise or divides by zero.

import fc from 'fast-check';
import { EMA as TiEMA } from 'technicalindicators';
import { CCI, RSI, StochasticOscillator, WilliamsR } from 'trading-signals';
import { describe, it } from 'vitest';
import {
  type Bar,
  checkEverywhere,
  type Expected,
  periodArb,
  periods,
  typical,
} from './indicators.test-support';

/** Highest high and lowest low of bars[i - n + 1 .. i], a direct scan. */
function extremes(bars: readonly Bar[], i: number, n: number): [number, number] {
  let hh = Number.NEGATIVE_INFINITY;
  let ll = Number.POSITIVE_INFINITY;
  for (let j = i - n + 1; j <= i; j++) {
    hh = Math.max(hh, (bars[j] as Bar).high);
    ll = Math.min(ll, (bars[j] as Bar).low);
  }
  return [hh, ll];
}

describe('momentum', () => {
  it('rsi matches trading-signals RSI (Wilder, SMA-seeded); 50 while no change at all', () => {
    checkEverywhere('rsi', 1, periodArb(1, 30), periods(1, 2, 14, 50), (bars, period) => {
      // trading-signals needs period >= 2; for period 1 Wilder's average is the last change itself.
      const ref = period > 1 ? new RSI(period) : undefined;
      let anyChange = false;
      return bars.map((b, i): Expected => {
        const v = ref?.update(b.close, false) ?? null;
        if (i === 0) return null;
        const change = b.close - (bars[i - 1] as Bar).close;
        if (change !== 0) anyChange = true;
        if (!ref) return [change > 0 ? 100 : change < 0 ? 0 : 50];
        if (v === null) return null;
        return [anyChange ? v : 50];
      });
    });
  });

  const macdArb = fc
    .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 15 }))
    .map(([fast, slow, signal]) => ({ period: 0, params: { fast, slow, signal } }));

  it('macd = technicalindicators EMA(fast) - EMA(slow) (SMA-seeded); signal = a plain SMA-seeded EMA of it', () => {
    // technicalindicators' own MACD cannot be the reference: its EMA skips a seed of exactly 0 (`if (prevEma)`),
    // which a MACD line of a flat stretch is, and then misaligns. Its EMA is fine on prices (never 0), so the
    // line comes from two of them and the signal from the textbook recursion written out here.
    const sample = [
      { period: 0, params: { fast: 12, slow: 26, signal: 9 } },
      { period: 0, params: { fast: 3, slow: 10, signal: 16 } },
      { period: 0, params: { fast: 26, slow: 12, signal: 9 } },
    ];
    checkEverywhere('macd', 3, macdArb, sample, (bars, _period, params) => {
      const fast = new TiEMA({ period: params.fast as number, values: [] });
      const slow = new TiEMA({ period: params.slow as number, values: [] });
      const n = params.signal as number;
      const lines: number[] = [];
      let signal = Number.NaN;
      return bars.map((b): Expected => {
        const f = fast.nextValue(b.close);
        const s = slow.nextValue(b.close);
        if (f === undefined || s === undefined) return null;
        const line = f - s;
        lines.push(line);
        if (lines.length < n) return null;
        if (lines.length === n) signal = lines.reduce((a, x) => a + x, 0) / n;
        else signal = signal + (2 / (n + 1)) * (line - signal);
        return [line, signal, line - signal];
      });
    });
  });

  const stochArb = fc
    .tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 10 }))
    .map(([k, d]) => ({ period: k, params: { k_period: k, d_period: d } }));

  it('stochastic matches trading-signals %K (slowing 1), 50 on a flat window, %D = plain mean of %K', () => {
    const sample = [
      { period: 14, params: { k_period: 14, d_period: 3 } },
      { period: 5, params: { k_period: 5, d_period: 1 } },
    ];
    checkEverywhere('stochastic', 2, stochArb, sample, (bars, _period, params) => {
      const kp = params.k_period as number;
      const dp = params.d_period as number;
      const ref = new StochasticOscillator({ kPeriod: kp, kSlowingPeriod: 1, dPeriod: 1 });
      const ks: number[] = [];
      return bars.map((b, i): Expected => {
        const v = ref.update(b, false);
        if (v === null) return null;
        const [hh, ll] = extremes(bars, i, kp);
        ks.push(hh === ll ? 50 : v.stochK);
        if (ks.length < dp) return null;
        let sum = 0;
        for (let j = ks.length - dp; j < ks.length; j++) sum += ks[j] as number;
        return [ks[ks.length - 1] as number, sum / dp];
      });
    });
  });

  it('cci matches trading-signals CCI; 0 on a window of equal typical prices', () => {
    checkEverywhere('cci', 1, periodArb(1, 30), periods(1, 20, 100, 1000), (bars, period) => {
      const ref = new CCI(period);
      return bars.map((b, i): Expected => {
        const v = ref.update(b, false);
        if (v === null) return null;
        const tp = typical(b);
        let flat = true;
        for (let j = i - period + 1; j <= i; j++) if (typical(bars[j] as Bar) !== tp) flat = false;
        return [flat ? 0 : v];
      });
    });
  });

  it('williams_r matches trading-signals WilliamsR; -50 on a flat window', () => {
    checkEverywhere('williams_r', 1, periodArb(1, 30), periods(1, 14, 60, 1000), (bars, period) => {
      const ref = new WilliamsR(period);
      return bars.map((b, i): Expected => {
        const v = ref.update(b, false);
        if (v === null) return null;
        const [hh, ll] = extremes(bars, i, period);
        return [hh === ll ? -50 : v];
      });
    });
  });
});
