import { describe, expect, it } from 'vitest';
import type { ChartMarker } from '../../../workers/mirror/analysis-types';
import {
  describeTally,
  markerHeadline,
  markersAt,
  sameMarkers,
  seriesMarkersOf,
  strategyName,
  tallyMarkers,
} from './trade-markers';

const COLORS = { buy: 'green', sell: 'red', refused: 'grey' };
const MODULE = 'strategies.examples.simple_ma_cross';

const marker = (
  time: number,
  kind: ChartMarker['kind'],
  side: ChartMarker['side'],
  extra = {},
): ChartMarker => ({
  time,
  kind,
  side,
  quantity: 100,
  price: kind === 'refused' ? null : 12.5,
  strategy: MODULE,
  text: 'sma 10 crossed above sma 20 (12.53 > 12.51)',
  ...extra,
});

describe('trade markers', () => {
  it('draws buys below in green pointing up and sells above in red pointing down', () => {
    const drawn = seriesMarkersOf(
      [
        marker(60, 'signal', 'BUY'),
        marker(120, 'fill', 'BUY'),
        marker(180, 'signal', 'SELL'),
        marker(240, 'fill', 'SELL', { quantity: 1200 }),
        marker(240, 'refused', 'BUY'),
      ],
      COLORS,
    );
    expect(drawn).toEqual([
      { time: 60, position: 'belowBar', shape: 'circle', color: 'green', size: 0.6 },
      { time: 120, position: 'belowBar', shape: 'arrowUp', color: 'green', text: 'B 100' },
      { time: 180, position: 'aboveBar', shape: 'circle', color: 'red', size: 0.6 },
      { time: 240, position: 'aboveBar', shape: 'arrowDown', color: 'red', text: 'S 1,200' },
      { time: 240, position: 'belowBar', shape: 'square', color: 'grey', size: 0.7, text: '✕' },
    ]);
  });

  it('sorts markers by time when they come out of order, keeping those at one time as given', () => {
    const drawn = seriesMarkersOf(
      [marker(120, 'fill', 'BUY'), marker(60, 'signal', 'BUY'), marker(120, 'refused', 'SELL')],
      COLORS,
    );
    expect(drawn.map((m) => [m.time, m.shape])).toEqual([
      [60, 'circle'],
      [120, 'arrowUp'],
      [120, 'square'],
    ]);
  });

  it('finds the markers of a bar, and tells a change', () => {
    const list = [marker(60, 'signal', 'BUY'), marker(120, 'fill', 'BUY'), marker(120, 'refused', 'SELL')];
    expect(markersAt(list, 120).map((m) => m.kind)).toEqual(['fill', 'refused']);
    expect(markersAt(list, 90)).toEqual([]);
    expect(markersAt([], 90)).toEqual([]);
    expect(
      sameMarkers(
        list,
        list.map((m) => ({ ...m })),
      ),
    ).toBe(true);
    expect(sameMarkers(list, list.slice(0, 2))).toBe(false);
    expect(
      sameMarkers(list, [list[0] as ChartMarker, list[1] as ChartMarker, marker(180, 'refused', 'SELL')]),
    ).toBe(false);
  });

  it('says what a marker was, and counts them', () => {
    expect(markerHeadline(marker(0, 'fill', 'BUY'))).toBe('Bought 100 at 12.50');
    expect(markerHeadline(marker(0, 'fill', 'SELL'))).toBe('Sold 100 at 12.50');
    expect(markerHeadline(marker(0, 'signal', 'SELL'))).toBe('SELL signal, 100 at 12.50');
    expect(markerHeadline(marker(0, 'refused', 'BUY'))).toBe('BUY of 100 refused');
    expect(strategyName(MODULE)).toBe('simple_ma_cross');
    expect(strategyName('rsi_strategy')).toBe('rsi_strategy');
    const tally = tallyMarkers([
      marker(0, 'fill', 'BUY'),
      marker(0, 'signal', 'BUY'),
      marker(0, 'fill', 'SELL'),
    ]);
    expect(tally).toEqual({ signals: 1, fills: 2, refused: 0 });
    expect(describeTally(tally)).toBe('2 fills and 1 signal marked');
    expect(describeTally({ signals: 3, fills: 2, refused: 1 })).toBe(
      '2 fills, 3 signals and 1 refused order marked',
    );
    expect(describeTally({ signals: 0, fills: 0, refused: 0 })).toBeNull();
  });
});
