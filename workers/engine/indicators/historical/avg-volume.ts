// avg_volume: the mean daily volume of the window's bars (daily-window.ts).

import type { HistoricalCalc } from '../types';
import { dailyWindow } from './daily-window';

export const avgVolume: HistoricalCalc = (input, period, unit, _params, out) => {
  const window = dailyWindow(input, period, unit);
  if (!window) return false;
  const { volume } = input.bars;
  let sum = 0;
  for (let i = window.start; i < window.end; i++) sum += volume[i] as number;
  out[0] = sum / (window.end - window.start);
  return true;
};
