// The calculations of the catalogue by name (workers/common/indicator-catalogue.ts), one module each.
// Formulas, warm-up and edge rules: docs/indicators.md.

import { atr } from './atr';
import { bbands } from './bbands';
import { cci } from './cci';
import { donchian } from './donchian';
import { ema } from './ema';
import { highLow } from './high-low';
import { atrDaily } from './historical/atr-daily';
import { avgRange } from './historical/avg-range';
import { avgVolume } from './historical/avg-volume';
import { gapStats } from './historical/gap-stats';
import { historicalHighLow } from './historical/high-low';
import { rangeRatio } from './historical/range-ratio';
import { hma } from './hma';
import { keltner } from './keltner';
import { macd } from './macd';
import { obv } from './obv';
import { pivotPoints } from './pivot-points';
import { rsi } from './rsi';
import { sma } from './sma';
import { stochastic } from './stochastic';
import { swingHigh } from './swing-high';
import { swingLow } from './swing-low';
import type { CalcFactory, HistoricalCalc } from './types';
import { volumeRatio } from './volume-ratio';
import { volumeSma } from './volume-sma';
import { vwap } from './vwap';
import { williamsR } from './williams-r';

export const SESSION_CALCS: Readonly<Record<string, CalcFactory>> = {
  sma,
  ema,
  vwap,
  hma,
  rsi,
  macd,
  stochastic,
  cci,
  williams_r: williamsR,
  atr,
  bbands,
  keltner,
  donchian,
  obv,
  volume_sma: volumeSma,
  volume_ratio: volumeRatio,
  high_low: highLow,
  swing_high: swingHigh,
  swing_low: swingLow,
  pivot_points: pivotPoints,
};

export const HISTORICAL_CALCS: Readonly<Record<string, HistoricalCalc>> = {
  avg_volume: avgVolume,
  avg_range: avgRange,
  atr_daily: atrDaily,
  gap_stats: gapStats,
  range_ratio: rangeRatio,
  high_low: historicalHighLow,
};
