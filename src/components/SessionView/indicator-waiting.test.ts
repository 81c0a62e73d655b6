import { describe, expect, it } from 'vitest';
import type { IndicatorInfo } from './indicator-layer';
import { waitingLine } from './indicator-waiting';

const info = (key: string, label: string, interval: string | null): IndicatorInfo => ({
  key,
  name: key.split('_')[0] ?? key,
  interval,
  placement: 'pane',
  outputs: ['value'],
  valid: false,
  value: null,
  color: '#000',
  label,
  hasValues: false,
});

const rsi = info('rsi_14_5m', 'rsi 14 · 5m', '5m');
const macd = info('macd_5m', 'macd · 5m', '5m');
const sma = info('sma_20_5m', 'sma 20 · 5m', '5m');

describe('the line for indicators without a value', () => {
  it('names one or two, and counts more with their intervals', () => {
    expect(waitingLine([])).toBeNull();
    expect(waitingLine([rsi])).toBe('No value yet for rsi 14 · 5m.');
    expect(waitingLine([rsi, macd])).toBe('No value yet for rsi 14 · 5m and macd · 5m.');
    expect(waitingLine([rsi, macd, sma])).toBe('No value yet for 3 indicators on 5m.');
    const vwap = info('vwap_1m', 'vwap · 1m', '1m');
    expect(waitingLine([rsi, macd, vwap])).toBe('No value yet for 3 indicators on 5m, 1m.');
    // An indicator whose interval is not known is counted without one.
    expect(waitingLine([rsi, macd, info('custom', 'custom', null)])).toBe(
      'No value yet for 3 indicators on 5m.',
    );
  });
});
