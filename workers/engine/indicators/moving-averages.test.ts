// sma, ema, hma, vwap against technicalindicators (SMA, EMA: SMA-seeded, VWAP) and trading-signals (HMA).

import { EMA as TiEMA, SMA as TiSMA, VWAP as TiVWAP } from 'technicalindicators';
import { HMA } from 'trading-signals';
import { describe, it } from 'vitest';
import {
  type Bar,
  checkEverywhere,
  type Expected,
  periodArb,
  periods,
  typical,
} from './indicators.test-support';

describe('moving averages', () => {
  it('sma matches technicalindicators SMA at every bar', () => {
    checkEverywhere('sma', 1, periodArb(), periods(1, 20, 50, 390), (bars, period) => {
      const ref = new TiSMA({ period, values: [] });
      return bars.map((b) => {
        const v = ref.nextValue(b.close);
        return v === undefined ? null : [v];
      });
    });
  });

  it('ema matches technicalindicators EMA (SMA-seeded, valid from bar n)', () => {
    checkEverywhere('ema', 1, periodArb(), periods(1, 9, 20, 200), (bars, period) => {
      const ref = new TiEMA({ period, values: [] });
      return bars.map((b) => {
        const v = ref.nextValue(b.close);
        return v === undefined ? null : [v];
      });
    });
  });

  it('hma matches trading-signals HMA (floor(n/2), floor(sqrt(n)))', () => {
    checkEverywhere('hma', 1, periodArb(2, 30), periods(2, 9, 20, 55), (bars, period) => {
      const ref = new HMA(period);
      return bars.map((b) => {
        const v = ref.update(b.close, false);
        return v === null ? null : [v];
      });
    });
  });

  it('vwap matches technicalindicators VWAP restarted each day; a day still without volume gives the typical price', () => {
    checkEverywhere('vwap', 1, periodArb(0, 0), periods(0), (bars) => {
      let ref = new TiVWAP({ high: [], low: [], close: [], volume: [] });
      let dayVolume = 0;
      let valid = false;
      return bars.map((b: Bar): Expected => {
        if (b.newDay) {
          ref = new TiVWAP({ high: [], low: [], close: [], volume: [] });
          dayVolume = 0;
        }
        const v = ref.nextValue({
          high: b.high,
          low: b.low,
          close: b.close,
          volume: b.volume,
        } as never) as number;
        dayVolume += b.volume;
        if (dayVolume > 0) valid = true;
        if (!valid) return null;
        return [dayVolume > 0 ? v : typical(b)];
      });
    });
  });
});
