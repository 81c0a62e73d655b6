// How the toggles and the legend name an indicator and show its values: `sma 20 · 5m`, `rsi 14 · 1m 56.21`,
// `macd · 1m macd 0.052 signal 0.047 histogram 0.005`. Pure, for the legend's tests.
import { formatCount } from '../../format';

/** What naming and formatting need of an indicator. */
export interface NamedIndicator {
  key: string;
  name: string;
  interval: string | null;
}

/**
 * `sma_20_5m` -> `sma 20 · 5m`, `vwap_1m` -> `vwap · 1m`: the name, the period, and the interval after a dot.
 * A key of another form is shown as it is.
 */
export function indicatorLabel({ key, name, interval }: NamedIndicator): string {
  const suffix = interval === null ? '' : `_${interval}`;
  if (!key.startsWith(`${name}`) || !key.endsWith(suffix)) return key;
  const middle = key.slice(name.length, key.length - suffix.length).replace(/^_/, '');
  const head = middle === '' ? name : `${name} ${middle.replaceAll('_', ' ')}`;
  return interval === null ? head : `${head} · ${interval}`;
}

/** Decimals by what the values are: prices to the cent, oscillators to 0.01, small differences to 0.001. */
const DECIMALS: Readonly<Record<string, number>> = {
  rsi: 2,
  stochastic: 2,
  williams_r: 2,
  cci: 2,
  volume_ratio: 2,
  macd: 3,
  atr: 3,
};

const VOLUMES = new Set(['obv', 'volume_sma']);

/** Decimals an indicator's values are shown with (the legend, and the price scale of its pane). */
export const indicatorDecimals = (name: string): number => DECIMALS[name] ?? 2;

/** One value for the legend; `—` for none (before the indicator is valid, or a bar with no row). */
export function formatIndicatorValue(name: string, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  if (VOLUMES.has(name)) return formatCount(value);
  const decimals = DECIMALS[name];
  if (decimals !== undefined) return value.toFixed(decimals);
  // The catalogue's overlays are prices; anything else by its size.
  const size = Math.abs(value);
  if (size >= 10_000) return formatCount(value);
  return value.toFixed(size !== 0 && size < 1 ? 4 : 2);
}

/** An output's name beside its value; a single `value` needs none. */
export const outputLabel = (output: string): string => (output === 'value' ? '' : output);
