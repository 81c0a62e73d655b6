// The indicators a configuration names (section 9), checked and filled with the catalogue's defaults.

import type { HistoricalUnit } from '../../common/indicator-catalogue';

export interface SessionIndicatorSpec {
  /** What it is exported under: `sma_20_5m`, `vwap_1m` (catalogue `indicatorKey`). */
  key: string;
  name: string;
  type: string;
  /** As given (0 when none); indicators that take no period keep it unused. */
  period: number;
  /** A streamed bar interval (`"5m"`). */
  interval: string;
  /** Every parameter of the catalogue entry, as given or its default. */
  params: Record<string, number>;
}

export interface HistoricalIndicatorSpec {
  key: string;
  name: string;
  type: string;
  period: number;
  unit: HistoricalUnit;
  /** The bars it reads: `"1d"` (the default). */
  interval: string;
  params: Record<string, number>;
}

export interface IndicatorsConfig {
  session: SessionIndicatorSpec[];
  historical: HistoricalIndicatorSpec[];
}
