// On-balance volume: 0 on the first bar, then + volume when the close is above the previous close, - volume
// when below, unchanged when equal. Valid from the first bar.

import type { CalcFactory } from './types';

export const obv: CalcFactory = () => {
  let total = 0;
  let prevClose = Number.NaN;
  return {
    update(_newDay, _open, _high, _low, close, volume, out) {
      if (close > prevClose) total += volume;
      else if (close < prevClose) total -= volume;
      prevClose = close;
      out[0] = total;
      return true;
    },
  };
};
