// Relative strength index with Wilder's smoothing: the average gain and average loss of the close-to-close
// changes (first = mean of the first `period` changes, then (prev * (period - 1) + x) / period), and
// RSI = 100 - 100 / (1 + avgGain / avgLoss). Valid from bar period + 1 (period changes). Edges: avgLoss 0
// gives 100; avgGain and avgLoss both 0 (no change at all yet) gives 50, the neutral value.

import type { CalcFactory } from './types';
import { WilderSmoother } from './wilder-smoother';

export const rsi: CalcFactory = (period) => {
  const gains = new WilderSmoother(period);
  const losses = new WilderSmoother(period);
  let prev = Number.NaN;
  return {
    update(_newDay, _open, _high, _low, close, _volume, out) {
      const last = prev;
      prev = close;
      if (Number.isNaN(last)) return false;
      const change = close - last;
      gains.push(Math.max(change, 0));
      if (!losses.push(Math.max(-change, 0))) return false;
      const gain = gains.value;
      const loss = losses.value;
      if (loss === 0) out[0] = gain === 0 ? 50 : 100;
      else out[0] = 100 - 100 / (1 + gain / loss);
      return true;
    },
  };
};
