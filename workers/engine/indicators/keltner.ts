// Keltner channel: middle = EMA(close, n) (SMA-seeded), upper / lower = middle +/- atr_multiplier * ATR(n)
// (Wilder). Both are valid from bar n, so the channel is.

import { EmaSmoother } from './ema-smoother';
import { TrueRange } from './true-range';
import type { CalcFactory } from './types';
import { WilderSmoother } from './wilder-smoother';

export const keltner: CalcFactory = (period, params) => {
  const multiplier = params.atr_multiplier ?? 2;
  const middle = new EmaSmoother(period);
  const tr = new TrueRange();
  const range = new WilderSmoother(period);
  return {
    update(_newDay, _open, high, low, close, _volume, out) {
      const middleReady = middle.push(close);
      if (!range.push(tr.push(high, low, close)) || !middleReady) return false;
      const width = multiplier * range.value;
      out[0] = middle.value + width;
      out[1] = middle.value;
      out[2] = middle.value - width;
      return true;
    },
  };
};
