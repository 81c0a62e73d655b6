// Bollinger bands: middle = SMA(close, n), upper / lower = middle +/- num_std * the POPULATION standard
// deviation of the last n closes (divided by n, as Bollinger defines it). RollingVariance keeps both in
// amortized O(1) with a numerically careful update. Outputs upper, middle, lower; valid from bar n.

import { RollingVariance } from './rolling-variance';
import type { CalcFactory } from './types';

export const bbands: CalcFactory = (period, params) => {
  const numStd = params.num_std ?? 2;
  const window = new RollingVariance(period);
  return {
    update(_newDay, _open, _high, _low, close, _volume, out) {
      if (!window.push(close)) return false;
      const middle = window.mean;
      const width = numStd * Math.sqrt(window.variance);
      out[0] = middle + width;
      out[1] = middle;
      out[2] = middle - width;
      return true;
    },
  };
};
