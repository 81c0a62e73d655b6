// atr_daily: Wilder's ATR of the daily bars, run over every bar before the session (the first one's true
// range being high - low), its last value. The smoothing length is `period` with unit `days`; with unit
// `weeks` it is the number of daily bars in the window (the trading days of the last `period` weeks).
// Valid when at least that many bars are there (the first ATR is the mean of the first `length` TRs).

import { TrueRange } from '../true-range';
import type { HistoricalCalc } from '../types';
import { WilderSmoother } from '../wilder-smoother';
import { dailyWindow } from './daily-window';

export const atrDaily: HistoricalCalc = (input, period, unit, _params, out) => {
  const window = dailyWindow(input, period, unit);
  if (!window) return false;
  const length = window.end - window.start;
  const tr = new TrueRange();
  const smoother = new WilderSmoother(length);
  const { high, low, close } = input.bars;
  for (let i = 0; i < window.end; i++) {
    smoother.push(tr.push(high[i] as number, low[i] as number, close[i] as number));
  }
  if (!smoother.ready) return false;
  out[0] = smoother.value;
  return true;
};
