// MACD: macd = EMA(close, fast) - EMA(close, slow), signal = EMA(macd, signal) seeded with the mean of the
// first `signal` macd values, histogram = macd - signal. All EMAs are SMA-seeded (EmaSmoother). Valid from
// bar max(fast, slow) + signal - 1, when all three exist.

import { EmaSmoother } from './ema-smoother';
import type { CalcFactory } from './types';

export const macd: CalcFactory = (_period, params) => {
  const fast = new EmaSmoother(params.fast ?? 12);
  const slow = new EmaSmoother(params.slow ?? 26);
  const signal = new EmaSmoother(params.signal ?? 9);
  return {
    update(_newDay, _open, _high, _low, close, _volume, out) {
      const fastReady = fast.push(close);
      if (!slow.push(close) || !fastReady) return false;
      const line = fast.value - slow.value;
      if (!signal.push(line)) return false;
      out[0] = line;
      out[1] = signal.value;
      out[2] = line - signal.value;
      return true;
    },
  };
};
