import { describe, expect, it } from 'vitest';
import { bandHeight, barStamp, chartPngName, namePart, pngBandOf, pngSavedText } from './chart-png';

const bar = {
  time: Date.UTC(2025, 6, 1, 10, 15) / 1000,
  open: 1,
  high: 2.5,
  low: 0.5,
  close: 2,
  volume: 12345,
};

describe('chart PNG', () => {
  it('is named like the other downloads: session, symbol, interval and the last bar', () => {
    expect(chartPngName('Example Trading Session', 'TSLA', '5m', bar.time)).toBe(
      'session-tape-Example_Trading_Session-TSLA-5m-20250701_1015.png',
    );
    // Nothing to name it by: words that say so, never an empty part.
    expect(chartPngName(null, null, '1m', null)).toBe('session-tape-session-chart-1m-undated.png');
    expect(chartPngName('  ', 'BRK.B', '1d', bar.time)).toBe(
      'session-tape-session-BRK_B-1d-20250701_1015.png',
    );
  });

  it('keeps letters of any script and cuts long names', () => {
    expect(namePart('Société Générale / test', 'x')).toBe('Société_Générale_test');
    expect(namePart('a'.repeat(200), 'x')).toHaveLength(60);
    expect(namePart('../..', 'fallback')).toBe('fallback');
    expect(barStamp(Number.NaN)).toBe('undated');
  });

  it('says in its band what the chart shows, the overlay included', () => {
    const band = pngBandOf('Demo', 'TSLA', '5m', bar, {
      symbol: 'AAPL',
      main: 1.5,
      compare: -2,
      points: 10,
      overlaysHidden: 0,
    });
    expect(band.title).toBe('TSLA 5m · Tue, Jul 1, 2025 10:15 ET');
    expect(band.lines).toEqual([
      'O 1.00  H 2.50  L 0.50  C 2.00  V 12,345',
      'Compared in percent from the first bar in view: TSLA +1.50%, AAPL −2.00%',
      'Demo · Session Tape · times in ET (exchange time)',
    ]);
    expect(pngBandOf(null, null, '1m', null, null)).toEqual({
      title: 'No symbol 1m',
      lines: ['Session · Session Tape · times in ET (exchange time)'],
    });
    expect(bandHeight(3)).toBeGreaterThan(bandHeight(1));
  });

  it('says each save with a text of its own, so the same name saved again is announced again', () => {
    const name = 'session-tape-S-RIVN-1m-20250701_0931.png';
    expect(pngSavedText(name, 1)).toBe(`Saved ${name}`);
    const texts = [1, 2, 3].map((count) => pngSavedText(name, count));
    expect(new Set(texts).size).toBe(3);
    expect(texts.every((text) => text.startsWith(`Saved ${name}`))).toBe(true);
  });
});
