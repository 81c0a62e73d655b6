// Exponential moving average of the close, alpha = 2 / (period + 1), seeded with the SMA of the first
// `period` closes: valid from bar `period`.

import { EmaSmoother } from './ema-smoother';
import type { CalcFactory } from './types';

export const ema: CalcFactory = (period) => {
  const smoother = new EmaSmoother(period);
  return {
    update(_newDay, _open, _high, _low, close, _volume, out) {
      if (!smoother.push(close)) return false;
      out[0] = smoother.value;
      return true;
    },
  };
};
