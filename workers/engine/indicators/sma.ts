// Simple moving average of the close: a running sum over a ring buffer of the last `period` closes
// (RollingMean). Valid from bar `period`.

import { RollingMean } from './rolling-mean';
import type { CalcFactory } from './types';

export const sma: CalcFactory = (period) => {
  const mean = new RollingMean(period);
  return {
    update(_newDay, _open, _high, _low, close, _volume, out) {
      if (!mean.push(close)) return false;
      out[0] = mean.mean;
      return true;
    },
  };
};
