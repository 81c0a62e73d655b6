// Simple moving average of the close: a running sum over a ring buffer of the last `period` closes.

import type { CalcFactory } from './types';

export const sma: CalcFactory = (period) => {
  const ring = new Float64Array(period);
  let seen = 0;
  let sum = 0;
  return {
    update(_newDay, _open, _high, _low, close, _volume, out) {
      const slot = seen % period;
      if (seen >= period) sum -= ring[slot] as number;
      ring[slot] = close;
      sum += close;
      seen++;
      if (seen < period) return false;
      out[0] = sum / period;
      return true;
    },
  };
};
