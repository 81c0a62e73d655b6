// The strategies' signals and fills of the symbol shown, as lightweight-charts markers on the candles: a
// BUY below its bar in green pointing up, a SELL above in red pointing down; a fill is an arrow, a signal a
// small circle, a refused order a grey square with a cross. Markers cannot be hovered in lightweight-charts,
// so the legend finds the markers of the bar under the crosshair (`markersAt`) and says what they were.
// Pure, for the tests.
import type { SeriesMarker, Time, UTCTimestamp } from 'lightweight-charts';
import type { ChartMarker } from '../../../workers/mirror/analysis-types';
import { formatCount } from '../../format';
import { formatPrice } from './analysis-format';

export interface MarkerColors {
  buy: string;
  sell: string;
  refused: string;
}

/** One chart marker as lightweight-charts draws it. */
export function seriesMarkerOf(marker: ChartMarker, colors: MarkerColors): SeriesMarker<Time> {
  const buy = marker.side === 'BUY';
  const time = marker.time as UTCTimestamp;
  const position = buy ? 'belowBar' : 'aboveBar';
  if (marker.kind === 'refused')
    return { time, position, shape: 'square', color: colors.refused, size: 0.7, text: '✕' };
  const color = buy ? colors.buy : colors.sell;
  if (marker.kind === 'signal') return { time, position, shape: 'circle', color, size: 0.6 };
  return {
    time,
    position,
    shape: buy ? 'arrowUp' : 'arrowDown',
    color,
    text: `${buy ? 'B' : 'S'} ${formatCount(marker.quantity)}`,
  };
}

/**
 * The markers in the order lightweight-charts needs (by time; at one time as given). The view sends them by
 * time already; a stable sort costs little, and markers change only when a strategy acts.
 */
export function seriesMarkersOf(markers: readonly ChartMarker[], colors: MarkerColors): SeriesMarker<Time>[] {
  const sorted = markers.every((m, i) => i === 0 || (markers[i - 1] as ChartMarker).time <= m.time)
    ? markers
    : [...markers].sort((a, b) => a.time - b.time);
  return sorted.map((m) => seriesMarkerOf(m, colors));
}

/** Whether two lists of markers draw the same: a read that brings no new signal or fill changes nothing. */
export function sameMarkers(a: readonly ChartMarker[], b: readonly ChartMarker[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ChartMarker;
    const y = b[i] as ChartMarker;
    if (x.time !== y.time || x.kind !== y.kind || x.side !== y.side || x.quantity !== y.quantity)
      return false;
    if (x.price !== y.price || x.text !== y.text || x.strategy !== y.strategy) return false;
  }
  return true;
}

/** The markers on the bar at `time` (the list is by time). */
export function markersAt(markers: readonly ChartMarker[], time: number): ChartMarker[] {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((markers[mid] as ChartMarker).time < time) lo = mid + 1;
    else hi = mid;
  }
  const out: ChartMarker[] = [];
  for (let i = lo; i < markers.length && (markers[i] as ChartMarker).time === time; i++)
    out.push(markers[i] as ChartMarker);
  return out;
}

/** The module's last part: `strategies.examples.simple_ma_cross` -> `simple_ma_cross`. */
export const strategyName = (module: string): string => module.split('.').at(-1) ?? module;

/**
 * What a marker was, in words, for the legend and the chart's text alternative:
 * `Bought 100 at 12.53`, `BUY signal, 100 at 12.51`, `SELL of 100 refused`.
 */
export function markerHeadline(marker: ChartMarker): string {
  const qty = formatCount(marker.quantity);
  if (marker.kind === 'refused') return `${marker.side} of ${qty} refused`;
  if (marker.kind === 'signal') return `${marker.side} signal, ${qty} at ${formatPrice(marker.price)}`;
  return `${marker.side === 'BUY' ? 'Bought' : 'Sold'} ${qty} at ${formatPrice(marker.price)}`;
}

export interface MarkerTally {
  signals: number;
  fills: number;
  refused: number;
}

export function tallyMarkers(markers: readonly ChartMarker[]): MarkerTally {
  const tally: MarkerTally = { signals: 0, fills: 0, refused: 0 };
  for (const m of markers) {
    if (m.kind === 'signal') tally.signals++;
    else if (m.kind === 'fill') tally.fills++;
    else tally.refused++;
  }
  return tally;
}

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/** `2 fills, 3 signals and 1 refused order marked`, or null when there is none. */
export function describeTally({ signals, fills, refused }: MarkerTally): string | null {
  const parts = [
    fills > 0 ? plural(fills, 'fill', 'fills') : null,
    signals > 0 ? plural(signals, 'signal', 'signals') : null,
    refused > 0 ? plural(refused, 'refused order', 'refused orders') : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return null;
  const last = parts.pop();
  return `${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last} marked`;
}
