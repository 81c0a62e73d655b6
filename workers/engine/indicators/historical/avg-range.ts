// avg_range: the mean of high - low over the window's bars (daily-window.ts).

import type { HistoricalCalc } from '../types';
import { dailyWindow } from './daily-window';

export const avgRange: HistoricalCalc = (input, period, unit, _params, out) => {
  const window = dailyWindow(input, period, unit);
  if (!window) return false;
  const { high, low } = input.bars;
  let sum = 0;
  for (let i = window.start; i < window.end; i++) sum += (high[i] as number) - (low[i] as number);
  out[0] = sum / (window.end - window.start);
  return true;
};
