// The calculations of the catalogue by name (workers/common/indicator-catalogue.ts), one module each.

import { sma } from './sma';
import type { CalcFactory, HistoricalCalc } from './types';

export const SESSION_CALCS: Readonly<Record<string, CalcFactory>> = {
  sma,
};

export const HISTORICAL_CALCS: Readonly<Record<string, HistoricalCalc>> = {};
