// The bar's volume over the mean volume of the n bars BEFORE it (the bar itself is left out, so a spike is
// measured against what came before). Valid from bar n + 1. Edge: when those n volumes are all 0 the ratio
// is reported as 0 (not infinity or 0 / 0), which keeps the export finite.

import { RollingMean } from './rolling-mean';
import type { CalcFactory } from './types';

export const volumeRatio: CalcFactory = (period) => {
  const before = new RollingMean(period);
  return {
    update(_newDay, _open, _high, _low, _close, volume, out) {
      const ready = before.full;
      const mean = before.mean;
      before.push(volume);
      if (!ready) return false;
      out[0] = mean === 0 ? 0 : volume / mean;
      return true;
    },
  };
};
