// obv against technicalindicators OBV, volume_sma against trading-signals SMA, volume_ratio by a direct
// mean of the n volumes before each bar.

import { OBV as TiOBV } from 'technicalindicators';
import { SMA } from 'trading-signals';
import { describe, it } from 'vitest';
import { checkEverywhere, type Expected, meanOf, periodArb, periods } from './indicators.test-support';

describe('volume', () => {
  it('obv matches technicalindicators OBV, from 0 at the first bar', () => {
    checkEverywhere('obv', 1, periodArb(0, 0), periods(0), (bars) => {
      const ref = new TiOBV({ close: [], volume: [] });
      return bars.map((b): Expected => {
        const v = ref.nextValue({ close: b.close, volume: b.volume } as never) as number | undefined;
        return [v ?? 0];
      });
    });
  });

  it('volume_sma matches trading-signals SMA of the volume', () => {
    checkEverywhere('volume_sma', 1, periodArb(), periods(1, 20, 390), (bars, period) => {
      const ref = new SMA(period);
      return bars.map((b) => {
        const v = ref.update(b.volume, false);
        return v === null ? null : [v];
      });
    });
  });

  it('volume_ratio = volume / mean of the n volumes before, valid from bar n + 1, 0 when that mean is 0', () => {
    checkEverywhere('volume_ratio', 1, periodArb(), periods(1, 20, 100), (bars, period) => {
      const volumes = bars.map((b) => b.volume);
      return bars.map((b, i): Expected => {
        if (i < period) return null;
        const mean = meanOf(volumes, i - period, i - 1);
        return [mean === 0 ? 0 : b.volume / mean];
      });
    });
  });
});
