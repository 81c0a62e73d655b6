// The indicator catalogue of docs/export-format.md section 9: every indicator the original's example
// configuration names, with what it outputs, where a chart draws it, and the parameters it takes. Plain data:
// the configuration checks entries against it, the engine computes what it names, and every reader (the
// mirror, the viewer, the player) draws an export's indicators by it. Formulas: docs/indicators.md.

/** Where a chart draws an indicator: over the candles (price units) or in a pane of its own below them. */
export type IndicatorPlacement = 'price' | 'pane';

/** A numeric parameter: its default, its range, and whether it must be whole. */
export interface ParamRule {
  default: number;
  min: number;
  max: number;
  integer: boolean;
}

export interface SessionIndicatorInfo {
  name: string;
  /** The original's `type` when a configuration leaves it out. */
  type: string;
  /** Named outputs, in series column order; a single output is `value` and exports as a plain number. */
  outputs: readonly string[];
  placement: IndicatorPlacement;
  /** The `period` rule; null when the indicator takes none (any given period is kept and not used). */
  period: ParamRule | null;
  params: Readonly<Record<string, ParamRule>>;
  /** One line for the config editor's catalogue. */
  summary: string;
}

export interface HistoricalIndicatorInfo {
  name: string;
  type: string;
  outputs: readonly string[];
  period: ParamRule;
  params: Readonly<Record<string, ParamRule>>;
  summary: string;
}

/** Longest look-back a period may ask for, in bars (a full session of 1m bars is 390). */
export const MAX_INDICATOR_PERIOD = 5000;

const period = (fallback: number, min = 1): ParamRule => ({
  default: fallback,
  min,
  max: MAX_INDICATOR_PERIOD,
  integer: true,
});
const whole = (fallback: number, min = 1, max = MAX_INDICATOR_PERIOD): ParamRule => ({
  default: fallback,
  min,
  max,
  integer: true,
});
const real = (fallback: number, min: number, max: number): ParamRule => ({
  default: fallback,
  min,
  max,
  integer: false,
});

const VALUE = ['value'] as const;
const BANDS = ['upper', 'middle', 'lower'] as const;

export const SESSION_INDICATORS: readonly SessionIndicatorInfo[] = [
  {
    name: 'sma',
    type: 'trend',
    outputs: VALUE,
    placement: 'price',
    period: period(20),
    params: {},
    summary: 'simple moving average of the close',
  },
  {
    name: 'ema',
    type: 'trend',
    outputs: VALUE,
    placement: 'price',
    period: period(20),
    params: {},
    summary: 'exponential moving average of the close, seeded with the SMA',
  },
  {
    name: 'vwap',
    type: 'trend',
    outputs: VALUE,
    placement: 'price',
    period: null,
    params: {},
    summary: "volume-weighted average typical price since the day's open",
  },
  {
    name: 'hma',
    type: 'trend',
    outputs: VALUE,
    placement: 'price',
    period: period(20, 2),
    params: {},
    summary: 'Hull moving average',
  },
  {
    name: 'rsi',
    type: 'momentum',
    outputs: VALUE,
    placement: 'pane',
    period: period(14),
    params: {},
    summary: 'relative strength index, Wilder smoothing',
  },
  {
    name: 'macd',
    type: 'momentum',
    outputs: ['macd', 'signal', 'histogram'],
    placement: 'pane',
    period: null,
    params: { fast: whole(12), slow: whole(26), signal: whole(9) },
    summary: 'MACD line (fast EMA - slow EMA), its signal EMA and the histogram',
  },
  {
    name: 'stochastic',
    type: 'momentum',
    outputs: ['k', 'd'],
    placement: 'pane',
    period: period(14),
    params: { k_period: whole(14), d_period: whole(3) },
    summary: 'stochastic oscillator %K and its SMA %D',
  },
  {
    name: 'cci',
    type: 'momentum',
    outputs: VALUE,
    placement: 'pane',
    period: period(20),
    params: {},
    summary: 'commodity channel index of the typical price',
  },
  {
    name: 'williams_r',
    type: 'momentum',
    outputs: VALUE,
    placement: 'pane',
    period: period(14),
    params: {},
    summary: 'Williams %R, -100 to 0',
  },
  {
    name: 'atr',
    type: 'volatility',
    outputs: VALUE,
    placement: 'pane',
    period: period(14),
    params: {},
    summary: 'average true range, Wilder smoothing',
  },
  {
    name: 'bbands',
    type: 'volatility',
    outputs: BANDS,
    placement: 'price',
    period: period(20),
    params: { num_std: real(2, 0, 100) },
    summary: 'Bollinger bands: SMA and num_std population standard deviations',
  },
  {
    name: 'keltner',
    type: 'volatility',
    outputs: BANDS,
    placement: 'price',
    period: period(20),
    params: { atr_multiplier: real(2, 0, 100) },
    summary: 'Keltner channel: EMA and atr_multiplier ATRs',
  },
  {
    name: 'donchian',
    type: 'volatility',
    outputs: BANDS,
    placement: 'price',
    period: period(20),
    params: {},
    summary: 'Donchian channel: highest high, lowest low and their midpoint',
  },
  {
    name: 'obv',
    type: 'volume',
    outputs: VALUE,
    placement: 'pane',
    period: null,
    params: {},
    summary: 'on-balance volume',
  },
  {
    name: 'volume_sma',
    type: 'volume',
    outputs: VALUE,
    placement: 'pane',
    period: period(20),
    params: {},
    summary: 'simple moving average of the volume',
  },
  {
    name: 'volume_ratio',
    type: 'volume',
    outputs: VALUE,
    placement: 'pane',
    period: period(20),
    params: {},
    summary: "the bar's volume over the average of the period bars before it",
  },
  {
    name: 'high_low',
    type: 'levels',
    outputs: ['high', 'low'],
    placement: 'price',
    period: period(0, 0),
    params: {},
    summary: "highest high and lowest low of the period bars (0: since the day's open)",
  },
  {
    name: 'swing_high',
    type: 'levels',
    outputs: VALUE,
    placement: 'price',
    period: period(2),
    params: {},
    summary: 'the last high above the period bars on each side',
  },
  {
    name: 'swing_low',
    type: 'levels',
    outputs: VALUE,
    placement: 'price',
    period: period(2),
    params: {},
    summary: 'the last low below the period bars on each side',
  },
  {
    name: 'pivot_points',
    type: 'levels',
    outputs: ['pivot', 'r1', 'r2', 'r3', 's1', 's2', 's3'],
    placement: 'price',
    period: null,
    params: {},
    summary: "classic floor pivots from the previous day's high, low and close",
  },
];

export const HISTORICAL_INDICATORS: readonly HistoricalIndicatorInfo[] = [
  {
    name: 'avg_volume',
    type: 'volume',
    outputs: VALUE,
    period: period(20),
    params: {},
    summary: 'average daily volume',
  },
  {
    name: 'avg_range',
    type: 'volatility',
    outputs: VALUE,
    period: period(20),
    params: {},
    summary: 'average daily range (high - low)',
  },
  {
    name: 'atr_daily',
    type: 'volatility',
    outputs: VALUE,
    period: period(14),
    params: {},
    summary: 'average true range of the daily bars, Wilder smoothing',
  },
  {
    name: 'gap_stats',
    type: 'volatility',
    outputs: ['avg_gap_pct', 'max_gap_up_pct', 'max_gap_down_pct', 'gap_up_days', 'gap_down_days'],
    period: period(20),
    params: {},
    summary: "opening gaps against the previous day's close, in percent",
  },
  {
    name: 'range_ratio',
    type: 'volatility',
    outputs: VALUE,
    period: period(20),
    params: {},
    summary: "the last day's range over the average daily range",
  },
  {
    name: 'high_low',
    type: 'levels',
    outputs: ['high', 'low'],
    period: period(52),
    params: {},
    summary: 'highest high and lowest low of the period days or weeks',
  },
];

/** `unit` of a historical indicator: its period counts trading days or calendar weeks. */
export const HISTORICAL_UNITS = ['days', 'weeks'] as const;
export type HistoricalUnit = (typeof HISTORICAL_UNITS)[number];

export function sessionIndicatorInfo(name: string): SessionIndicatorInfo | undefined {
  return SESSION_INDICATORS.find((i) => i.name === name);
}

export function historicalIndicatorInfo(name: string): HistoricalIndicatorInfo | undefined {
  return HISTORICAL_INDICATORS.find((i) => i.name === name);
}

/**
 * The key an indicator is exported under: `sma_20_5m`, and without a period (0 or none) `vwap_1m`
 * (section 9).
 */
export function indicatorKey(name: string, period: number, interval: string): string {
  return period > 0 ? `${name}_${period}_${interval}` : `${name}_${interval}`;
}
