// range_ratio: the last daily bar's range (high - low) over the mean range of the window's bars (which
// include it). Edge: a mean range of 0 (every bar flat, the last one too) gives 0 rather than 0 / 0.

import type { HistoricalCalc } from '../types';
import { dailyWindow } from './daily-window';

export const rangeRatio: HistoricalCalc = (input, period, unit, _params, out) => {
  const window = dailyWindow(input, period, unit);
  if (!window) return false;
  const { high, low } = input.bars;
  let sum = 0;
  for (let i = window.start; i < window.end; i++) sum += (high[i] as number) - (low[i] as number);
  const mean = sum / (window.end - window.start);
  const last = window.end - 1;
  out[0] = mean === 0 ? 0 : ((high[last] as number) - (low[last] as number)) / mean;
  return true;
};
