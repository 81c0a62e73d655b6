// Simple moving average of the volume (RollingMean). Valid from bar n.

import { RollingMean } from './rolling-mean';
import type { CalcFactory } from './types';

export const volumeSma: CalcFactory = (period) => {
  const mean = new RollingMean(period);
  return {
    update(_newDay, _open, _high, _low, _close, volume, out) {
      if (!mean.push(volume)) return false;
      out[0] = mean.mean;
      return true;
    },
  };
};
