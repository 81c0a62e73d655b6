// Classic floor pivots from the previous trading day's high H, low L and close C (days delimited by
// `newDay`): P = (H + L + C) / 3, r1 = 2P - L, s1 = 2P - H, r2 = P + (H - L), s2 = P - (H - L),
// r3 = H + 2(P - L), s3 = L - 2(H - P). Outputs in catalogue order: pivot, r1, r2, r3, s1, s2, s3.
//
// A day counts as complete only when its first bar was seen (it came with `newDay`): bars fed from the
// middle of a day would give a partial high and low. Valid from the first bar of the day after a complete
// day; the levels then stay fixed through that day.

import type { CalcFactory } from './types';

export const pivotPoints: CalcFactory = () => {
  let dayHigh = Number.NEGATIVE_INFINITY;
  let dayLow = Number.POSITIVE_INFINITY;
  let dayClose = Number.NaN;
  let dayComplete = false;
  let valid = false;
  const levels = new Float64Array(7);
  return {
    update(newDay, _open, high, low, close, _volume, out) {
      if (newDay) {
        if (dayComplete) {
          const h = dayHigh;
          const l = dayLow;
          const p = (h + l + dayClose) / 3;
          levels[0] = p;
          levels[1] = 2 * p - l;
          levels[2] = p + (h - l);
          levels[3] = h + 2 * (p - l);
          levels[4] = 2 * p - h;
          levels[5] = p - (h - l);
          levels[6] = l - 2 * (h - p);
          valid = true;
        }
        dayHigh = Number.NEGATIVE_INFINITY;
        dayLow = Number.POSITIVE_INFINITY;
        dayComplete = true;
      }
      if (high > dayHigh) dayHigh = high;
      if (low < dayLow) dayLow = low;
      dayClose = close;
      if (!valid) return false;
      out.set(levels);
      return true;
    },
  };
};
