import { describe, expect, it } from 'vitest';
import { formatIndicatorValue, indicatorLabel, outputLabel } from './indicator-format';

describe('indicator legend', () => {
  it('names an indicator by name, period and interval', () => {
    expect(indicatorLabel({ key: 'sma_20_5m', name: 'sma', interval: '5m' })).toBe('sma 20 · 5m');
    expect(indicatorLabel({ key: 'vwap_1m', name: 'vwap', interval: '1m' })).toBe('vwap · 1m');
    expect(indicatorLabel({ key: 'williams_r_14_1m', name: 'williams_r', interval: '1m' })).toBe(
      'williams_r 14 · 1m',
    );
    expect(indicatorLabel({ key: 'custom', name: 'custom', interval: null })).toBe('custom');
    expect(indicatorLabel({ key: 'odd-key', name: 'sma', interval: '1m' })).toBe('odd-key');
  });

  it('shows values with a precision that suits them', () => {
    expect(formatIndicatorValue('sma', 187.23456)).toBe('187.23');
    expect(formatIndicatorValue('rsi', 56.2149)).toBe('56.21');
    expect(formatIndicatorValue('macd', 0.05234)).toBe('0.052');
    expect(formatIndicatorValue('obv', 1234567)).toBe('1,234,567');
    expect(formatIndicatorValue('volume_ratio', 1.5)).toBe('1.50');
    expect(formatIndicatorValue('other', 0.012345)).toBe('0.0123');
    expect(formatIndicatorValue('other', 123456.7)).toBe('123,457');
    expect(formatIndicatorValue('sma', null)).toBe('—');
    expect(formatIndicatorValue('sma', Number.NaN)).toBe('—');
  });

  it('names outputs only when there are several', () => {
    expect(outputLabel('value')).toBe('');
    expect(outputLabel('signal')).toBe('signal');
  });
});
