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
  it('names one or two, counts more with their interval, and offers that interval when the chart shows another', () => {
    expect(waitingLine([], '1m')).toBeNull();
    expect(waitingLine([rsi], '1m')).toEqual({ text: 'No value yet for rsi 14 · 5m.', interval: '5m' });
    expect(waitingLine([rsi, macd], '1m')?.text).toBe('No value yet for rsi 14 · 5m and macd · 5m.');
    expect(waitingLine([rsi, macd, sma], '1m')?.text).toBe('No value yet for 3 indicators on 5m.');
    // On their own interval already: nothing to switch to.
    expect(waitingLine([rsi, macd, sma], '5m')?.interval).toBeNull();
  });

  it('offers no switch when they are on several intervals, or one is unknown', () => {
    const vwap = info('vwap_1m', 'vwap · 1m', '1m');
    expect(waitingLine([rsi, macd, vwap], '15m')).toEqual({
      text: 'No value yet for 3 indicators on 5m, 1m.',
      interval: null,
    });
    expect(waitingLine([rsi, info('custom', 'custom', null)], '1m')?.interval).toBeNull();
  });
});
