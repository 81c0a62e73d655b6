// Highest high and lowest low. With a period n > 0: of the last n bars (monotonic deques), valid from bar n.
// With period 0: since the day's first bar (running max / min that `newDay` resets), valid from the first
// bar.

import { RollingExtremes } from './rolling-extremes';
import type { CalcFactory } from './types';

export const highLow: CalcFactory = (period) => {
  if (period > 0) {
    const extremes = new RollingExtremes(period);
    return {
      update(_newDay, _open, high, low, _close, _volume, out) {
        if (!extremes.push(high, low)) return false;
        out[0] = extremes.highest;
        out[1] = extremes.lowest;
        return true;
      },
    };
  }
  let dayHigh = Number.NEGATIVE_INFINITY;
  let dayLow = Number.POSITIVE_INFINITY;
  return {
    update(newDay, _open, high, low, _close, _volume, out) {
      if (newDay) {
        dayHigh = Number.NEGATIVE_INFINITY;
        dayLow = Number.POSITIVE_INFINITY;
      }
      if (high > dayHigh) dayHigh = high;
      if (low < dayLow) dayLow = low;
      out[0] = dayHigh;
      out[1] = dayLow;
      return true;
    },
  };
};
