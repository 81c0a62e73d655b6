// Average true range with Wilder's smoothing: the first ATR is the mean of the first n true ranges (the
// first bar's being high - low), then (prev * (n - 1) + TR) / n. Valid from bar n.

import { TrueRange } from './true-range';
import type { CalcFactory } from './types';
import { WilderSmoother } from './wilder-smoother';

export const atr: CalcFactory = (period) => {
  const tr = new TrueRange();
  const smoother = new WilderSmoother(period);
  return {
    update(_newDay, _open, high, low, close, _volume, out) {
      if (!smoother.push(tr.push(high, low, close))) return false;
      out[0] = smoother.value;
      return true;
    },
  };
};
