import { describe, expect, it } from 'vitest';
import { formatViewAddress, NO_ADDRESS, parseViewAddress } from './view-address';

describe('the view address', () => {
  it('round-trips what a replay and the viewer show', () => {
    const address = {
      view: '1750000000000-export-3',
      replay: '1750000000000-export-2-2',
      symbol: 'BRK.B',
      interval: '15m',
      chart: 'TSLA',
      chartInterval: '5m',
      vs: 'AAPL',
    };
    const hash = formatViewAddress(address);
    expect(hash).toBe(
      '#view=1750000000000-export-3&replay=1750000000000-export-2-2&symbol=BRK.B&interval=15m&chart=TSLA&chart_interval=5m&vs=AAPL',
    );
    expect(parseViewAddress(hash)).toEqual(address);
  });

  it('is empty when nothing is shown, and keeps a symbol only with a replay', () => {
    expect(formatViewAddress(NO_ADDRESS)).toBe('');
    expect(formatViewAddress({ ...NO_ADDRESS, symbol: 'AAPL', interval: '1m' })).toBe('');
    expect(formatViewAddress({ ...NO_ADDRESS, chartInterval: '5m', vs: 'AAPL' })).toBe('');
  });

  it('leaves out what is malformed instead of trusting it', () => {
    expect(
      parseViewAddress(
        '#view=../../etc&replay=1-export-1&symbol=%3Cscript%3E&interval=1y&other=x&chart=A%20B&chart_interval=5m&vs=',
      ),
    ).toEqual({ ...NO_ADDRESS, replay: '1-export-1', chartInterval: '5m' });
    expect(parseViewAddress('')).toEqual(NO_ADDRESS);
    expect(parseViewAddress('#%E0%A4%A')).toEqual(NO_ADDRESS);
  });
});
