// Long histories: the running sums (sma, volume_sma, the WMAs of hma, bbands' variance) must not drift.
// 200,000 bars whose price falls from ~400 to a few dollars with changing volatility (a history of many
// minute sessions), compared at every bar with the two-pass references of trading-signals.

import { BollingerBands, HMA, SMA } from 'trading-signals';
import { describe, it } from 'vitest';
import { assertSame, type Bar, type Expected, runSession } from './indicators.test-support';

/** A small deterministic generator (mulberry32), so the run is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function longBars(count: number): Bar[] {
  const next = random(20240601);
  const bars: Bar[] = [];
  let price = 400;
  for (let i = 0; i < count; i++) {
    const vol = i % 20_000 < 10_000 ? 0.004 : 0.0002;
    const open = price;
    const close = Math.max(0.5, open * (1 - 2e-5 + vol * (next() - 0.5)));
    const high = Math.max(open, close) * (1 + vol * next() * 0.5);
    const low = Math.min(open, close) * (1 - vol * next() * 0.5);
    bars.push({ newDay: i % 390 === 0, open, high, low, close, volume: Math.floor(next() * 1e6) });
    price = close;
  }
  return bars;
}

describe('long histories', () => {
  const bars = longBars(200_000);

  for (const period of [50, 390]) {
    it(`sma, volume_sma, hma and bbands (${period}) do not drift over 200,000 bars`, () => {
      const sma = new SMA(period);
      const vsma = new SMA(period);
      const hma = new HMA(period);
      const bb = new BollingerBands(period, 2);
      const expSma: Expected[] = [];
      const expVsma: Expected[] = [];
      const expHma: Expected[] = [];
      const expBb: Expected[] = [];
      for (const b of bars) {
        const s = sma.update(b.close, false);
        const v = vsma.update(b.volume, false);
        const h = hma.update(b.close, false);
        const w = bb.update(b.close, false);
        expSma.push(s === null ? null : [s]);
        expVsma.push(v === null ? null : [v]);
        expHma.push(h === null ? null : [h]);
        expBb.push(w === null ? null : [w.upper, w.middle, w.lower]);
      }
      assertSame('sma', runSession('sma', period, {}, 1, bars), expSma);
      assertSame('volume_sma', runSession('volume_sma', period, {}, 1, bars), expVsma);
      assertSame('hma', runSession('hma', period, {}, 1, bars), expHma);
      assertSame('bbands', runSession('bbands', period, { num_std: 2 }, 3, bars), expBb);
      // 200,000 bars through four indicators and their references: a few seconds on a busy 2-core machine.
    }, 30_000);
  }
});
