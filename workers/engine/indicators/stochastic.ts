// Stochastic oscillator: %K = 100 * (close - lowest low) / (highest high - lowest low) over the last
// k_period bars (monotonic deques), %D = SMA(%K, d_period). Valid from bar k_period + d_period - 1, when %D
// exists. Edge: a flat window (highest high == lowest low) gives %K = 50, the middle of the range, rather
// than 0 / 0.

import { RollingExtremes } from './rolling-extremes';
import { RollingMean } from './rolling-mean';
import type { CalcFactory } from './types';

export const stochastic: CalcFactory = (period, params) => {
  const extremes = new RollingExtremes(params.k_period ?? period);
  const d = new RollingMean(params.d_period ?? 3);
  return {
    update(_newDay, _open, high, low, close, _volume, out) {
      if (!extremes.push(high, low)) return false;
      const hh = extremes.highest;
      const ll = extremes.lowest;
      const k = hh === ll ? 50 : (100 * (close - ll)) / (hh - ll);
      if (!d.push(k)) return false;
      out[0] = k;
      out[1] = d.mean;
      return true;
    },
  };
};
