// Hull moving average: WMA(2 * WMA(close, floor(n / 2)) - WMA(close, n), floor(sqrt(n))), the convention of
// trading-signals' HMA (floor for both lengths). Three O(1) weighted averages; valid from bar
// n + floor(sqrt(n)) - 1, when the outer average has its first full window of differences.

import type { CalcFactory } from './types';
import { WeightedAverage } from './weighted-average';

export const hma: CalcFactory = (period) => {
  const half = new WeightedAverage(Math.max(1, Math.floor(period / 2)));
  const full = new WeightedAverage(period);
  const outer = new WeightedAverage(Math.max(1, Math.floor(Math.sqrt(period))));
  return {
    update(_newDay, _open, _high, _low, close, _volume, out) {
      const halfReady = half.push(close);
      if (!full.push(close) || !halfReady) return false;
      if (!outer.push(2 * half.value - full.value)) return false;
      out[0] = outer.value;
      return true;
    },
  };
};
