// gap_stats: for each bar i of the window, the opening gap gap_i = (open_i / close_{i-1} - 1) * 100, in
// percent of the previous day's close. Outputs: avg_gap_pct = mean |gap|, max_gap_up_pct = the largest
// positive gap (0 when none), max_gap_down_pct = the most negative gap (0 when none), gap_up_days and
// gap_down_days = how many gaps are > 0 and < 0. The window's first bar needs the close of the bar before
// it, so at least one bar must precede the window; otherwise it is invalid.

import type { HistoricalCalc } from '../types';
import { dailyWindow } from './daily-window';

export const gapStats: HistoricalCalc = (input, period, unit, _params, out) => {
  const window = dailyWindow(input, period, unit);
  if (!window || window.start < 1) return false;
  const { open, close } = input.bars;
  let absSum = 0;
  let maxUp = 0;
  let maxDown = 0;
  let upDays = 0;
  let downDays = 0;
  for (let i = window.start; i < window.end; i++) {
    const gap = ((open[i] as number) / (close[i - 1] as number) - 1) * 100;
    absSum += Math.abs(gap);
    if (gap > 0) {
      upDays++;
      if (gap > maxUp) maxUp = gap;
    } else if (gap < 0) {
      downDays++;
      if (gap < maxDown) maxDown = gap;
    }
  }
  out[0] = absSum / (window.end - window.start);
  out[1] = maxUp;
  out[2] = maxDown;
  out[3] = upDays;
  out[4] = downDays;
  return true;
};
