// Historical high_low: the highest high and lowest low of the window's daily bars (daily-window.ts).

import type { HistoricalCalc } from '../types';
import { dailyWindow } from './daily-window';

export const historicalHighLow: HistoricalCalc = (input, period, unit, _params, out) => {
  const window = dailyWindow(input, period, unit);
  if (!window) return false;
  const { high, low } = input.bars;
  let hi = Number.NEGATIVE_INFINITY;
  let lo = Number.POSITIVE_INFINITY;
  for (let i = window.start; i < window.end; i++) {
    hi = Math.max(hi, high[i] as number);
    lo = Math.min(lo, low[i] as number);
  }
  out[0] = hi;
  out[1] = lo;
  return true;
};
