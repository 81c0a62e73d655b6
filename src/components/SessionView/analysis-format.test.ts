import { describe, expect, it } from 'vitest';
import { formatCount } from '../../format';
import {
  formatDrawdown,
  formatMoney,
  formatOrderTime,
  formatPnl,
  formatPrice,
  formatReturn,
  formatShare,
  formatSharpe,
  pnlTone,
} from './analysis-format';

describe('analysis figures', () => {
  it('writes returns as percentages with their sign', () => {
    expect(formatReturn(0.0123)).toBe('+1.23%');
    expect(formatReturn(-0.004)).toBe('-0.40%');
    expect(formatReturn(0)).toBe('0.00%');
    // The built-in session's day: 100 shares of a $12 stock move a $100,000 account by thousandths of a percent.
    expect(formatReturn(-0.0000123)).toBe('-0.0012%');
    expect(formatReturn(0.00005)).toBe('+0.005%');
    expect(formatReturn(null)).toBe('—');
    expect(formatReturn(Number.NaN)).toBe('—');
  });

  it('writes a drawdown as a fall', () => {
    expect(formatDrawdown(0.032)).toBe('-3.20%');
    expect(formatDrawdown(0)).toBe('0.00%');
    expect(formatDrawdown(0.000021)).toBe('-0.0021%');
  });

  it('writes the win rate, Sharpe and money, with a dash for none', () => {
    expect(formatShare(2 / 3)).toBe('66.67%');
    expect(formatShare(null)).toBe('—');
    expect(formatSharpe(1.2345)).toBe('1.23');
    expect(formatSharpe(-0.5)).toBe('-0.50');
    expect(formatSharpe(null)).toBe('—');
    expect(formatMoney(100004)).toBe('$100,004.00');
    expect(formatPnl(4)).toBe('+$4.00');
    expect(formatPnl(-12.5)).toBe('-$12.50');
    expect(formatPnl(0)).toBe('$0.00');
    expect(formatPnl(null)).toBe('—');
  });

  it('writes prices, quantities and tones', () => {
    expect(formatPrice(12.5)).toBe('12.50');
    expect(formatPrice(0.1234)).toBe('0.1234');
    expect(formatPrice(null)).toBe('—');
    expect(formatCount(1200)).toBe('1,200');
    expect(formatCount(-100)).toBe('-100');
    expect([pnlTone(3), pnlTone(-1), pnlTone(0), pnlTone(null)]).toEqual(['up', 'down', 'flat', 'flat']);
  });

  it('writes an order time as date and minute, seconds only when there are some', () => {
    expect(formatOrderTime('2025-07-01T09:40:00')).toBe('2025-07-01 09:40');
    expect(formatOrderTime('2025-07-01T09:40:30')).toBe('2025-07-01 09:40:30');
    expect(formatOrderTime('2025-07-01T09:40')).toBe('2025-07-01 09:40');
    expect(formatOrderTime('later')).toBe('later');
    expect(formatOrderTime(null)).toBe('—');
  });
});
