import { afterEach, describe, expect, it, vi } from 'vitest';
import { linkHash, readLink, throttled } from './link';

describe('the player link', () => {
  it('reads step, symbol and interval, the step counted from 1', () => {
    expect(readLink('#step=120&symbol=MSFT&interval=5m', 390)).toEqual({
      step: 119,
      symbol: 'MSFT',
      interval: '5m',
    });
    expect(readLink('', 390)).toEqual({ step: null, symbol: null, interval: null });
  });

  it('ignores values that are not of their form, or a step the tape does not have', () => {
    for (const hash of [
      '#step=0',
      '#step=-3',
      '#step=1.5',
      '#step=391',
      '#step=abc',
      '#symbol=%3Cscript%3E',
      '#symbol=',
      '#interval=5x',
      '#interval=ticks',
      '#interval=05m',
    ]) {
      expect(readLink(hash, 390), hash).toEqual({ step: null, symbol: null, interval: null });
    }
    expect(readLink('#step=390&symbol=BRK.B&interval=1d', 390)).toEqual({
      step: 389,
      symbol: 'BRK.B',
      interval: '1d',
    });
  });

  it('writes what it reads back', () => {
    const hash = linkHash(11, 'AAPL', '15m');
    expect(hash).toBe('#step=12&symbol=AAPL&interval=15m');
    expect(readLink(hash, 20)).toEqual({ step: 11, symbol: 'AAPL', interval: '15m' });
    expect(linkHash(0, null, '1m')).toBe('#step=1&interval=1m');
  });
});

describe('throttled', () => {
  afterEach(() => vi.useRealTimers());

  it('writes the first value at once, then the latest at most once per period', () => {
    vi.useFakeTimers();
    const written: number[] = [];
    const write = throttled((v: number) => written.push(v), 500);
    write(1);
    write(2);
    write(3);
    expect(written).toEqual([1]);
    vi.advanceTimersByTime(499);
    expect(written).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(written).toEqual([1, 3]);
    write(4);
    write.flush();
    expect(written).toEqual([1, 3, 4]);
    vi.advanceTimersByTime(1000);
    expect(written).toEqual([1, 3, 4]);
  });
});
