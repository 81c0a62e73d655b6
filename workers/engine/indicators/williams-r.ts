// Williams %R: -100 * (highest high - close) / (highest high - lowest low) over the last n bars (monotonic
// deques), from -100 (close at the low) to 0 (close at the high). Valid from bar n. Edge: a flat window
// (highest high == lowest low) gives -50, the middle, as stochastic's %K gives 50.

import { RollingExtremes } from './rolling-extremes';
import type { CalcFactory } from './types';

export const williamsR: CalcFactory = (period) => {
  const extremes = new RollingExtremes(period);
  return {
    update(_newDay, _open, high, low, close, _volume, out) {
      if (!extremes.push(high, low)) return false;
      const hh = extremes.highest;
      const ll = extremes.lowest;
      out[0] = hh === ll ? -50 : (-100 * (hh - close)) / (hh - ll);
      return true;
    },
  };
};
