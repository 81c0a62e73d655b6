// Volume-weighted average of the typical price (h + l + c) / 3 since the day's first bar: two running sums
// that `newDay` resets. Valid from the first bar whose day has traded volume. Once valid it stays valid
// (the interface's rule), so a bar where the day's volume is still 0 (a quiet first bar of a later day)
// reports its own typical price rather than 0 / 0.

import type { CalcFactory } from './types';

export const vwap: CalcFactory = () => {
  let priceVolume = 0;
  let volumeSum = 0;
  let valid = false;
  return {
    update(newDay, _open, high, low, close, volume, out) {
      if (newDay) {
        priceVolume = 0;
        volumeSum = 0;
      }
      const typical = (high + low + close) / 3;
      priceVolume += typical * volume;
      volumeSum += volume;
      if (volumeSum > 0) {
        valid = true;
        out[0] = priceVolume / volumeSum;
      } else {
        out[0] = typical;
      }
      return valid;
    },
  };
};
