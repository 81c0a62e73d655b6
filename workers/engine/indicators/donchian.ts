// Donchian channel: upper = highest high, lower = lowest low of the last n bars (monotonic deques, amortized
// O(1)), middle = (upper + lower) / 2. Valid from bar n.

import { RollingExtremes } from './rolling-extremes';
import type { CalcFactory } from './types';

export const donchian: CalcFactory = (period) => {
  const extremes = new RollingExtremes(period);
  return {
    update(_newDay, _open, high, low, _close, _volume, out) {
      if (!extremes.push(high, low)) return false;
      out[0] = extremes.highest;
      out[1] = (extremes.highest + extremes.lowest) / 2;
      out[2] = extremes.lowest;
      return true;
    },
  };
};
