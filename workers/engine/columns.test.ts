import { describe, expect, it } from 'vitest';
import { BarColumns, QuoteColumns, TickColumns } from './columns';

describe('columnar streams', () => {
  it('keep every appended row in order while doubling their capacity', () => {
    const bars = new BarColumns(2);
    for (let i = 0; i < 1000; i++) bars.append(i, i + 0.25, i + 1, i - 1, i + 0.5, i * 10);
    expect(bars.length).toBe(1000);
    expect(bars.rowCapacity).toBe(1024);
    expect([
      bars.time[999],
      bars.open[999],
      bars.high[999],
      bars.low[999],
      bars.close[999],
      bars.volume[999],
    ]).toEqual([999, 999.25, 1000, 998, 999.5, 9990]);
    expect(bars.time[0]).toBe(0);
  });

  it('store a bar in 48 bytes when sized for the session', () => {
    const bars = new BarColumns(390);
    for (let i = 0; i < 390; i++) bars.append(i, 1, 1, 1, 1, 1);
    expect(bars.allocatedBytes / bars.length).toBe(48);
  });

  it('copy ranges of ticks and quotes exactly', () => {
    const ticks = new TickColumns(1);
    const quotes = new QuoteColumns(1);
    for (let i = 0; i < 10; i++) {
      ticks.append(i, 10 + i / 100, 100 * i, i % 3);
      quotes.append(i, 9.99 + i / 100, 10.01 + i / 100, 100, 200 + i);
    }
    const t2 = new TickColumns(1);
    const q2 = new QuoteColumns(1);
    t2.appendRange(ticks, 3, 7);
    q2.appendRange(quotes, 3, 7);
    expect(t2.length).toBe(4);
    expect([t2.time[0], t2.price[0], t2.size[0], t2.exchange[0]]).toEqual([3, 10.03, 300, 0]);
    expect([q2.time[3], q2.bid[3], q2.ask[3], q2.bidSize[3], q2.askSize[3]]).toEqual([
      6,
      9.99 + 0.06,
      10.01 + 0.06,
      100,
      206,
    ]);
  });
});
