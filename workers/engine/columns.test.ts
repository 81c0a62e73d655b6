import { describe, expect, it } from 'vitest';
import { BarColumns, QuoteColumns, TickColumns } from './columns';

describe('columnar streams', () => {
  it('can share one buffer between streams of exact capacities, each growing on its own', () => {
    const [a, b] = BarColumns.inOneBuffer([2, 3]) as [BarColumns, BarColumns];
    expect(a.time.buffer).toBe(b.time.buffer);
    expect([a.rowCapacity, b.rowCapacity]).toEqual([2, 3]);
    for (let i = 0; i < 3; i++) b.append(i, i, i, i, i, i);
    a.append(7, 7, 7, 7, 7, 7);
    a.append(8, 8, 8, 8, 8, 8);
    a.append(9, 9, 9, 9, 9, 9); // past its capacity: moves to arrays of its own
    expect(a.time.buffer).not.toBe(b.time.buffer);
    expect(Array.from(a.volume.subarray(0, a.length))).toEqual([7, 8, 9]);
    expect(Array.from(b.volume.subarray(0, b.length))).toEqual([0, 1, 2]);
    expect(Array.from(b.time.subarray(0, b.length))).toEqual([0, 1, 2]);
  });

  it('append a range as a block, and share their tail without a copy or a clash', () => {
    const bars = new BarColumns(10);
    for (let i = 0; i < 6; i++) bars.append(i, i, i, i, i, i);
    const copy = new BarColumns(1);
    copy.appendRange(bars, 2, 6);
    expect(Array.from(copy.time.subarray(0, copy.length))).toEqual([2, 3, 4, 5]);
    // The tail sees rows 2.. and takes the room beyond them; the rows of the first stay as they were.
    const tail = bars.tailFrom(2);
    expect(tail.length).toBe(4);
    expect(tail.room).toBe(4);
    tail.append(6, 6, 6, 6, 6, 6);
    expect(tail.time[0]).toBe(2);
    expect(tail.time[4]).toBe(6);
    expect(bars.time.buffer).toBe(tail.time.buffer);
    // The first gave its room away: an append to it moves it to new memory instead of writing over the tail's.
    expect(bars.room).toBe(0);
    bars.append(99, 99, 99, 99, 99, 99);
    expect(bars.time.buffer).not.toBe(tail.time.buffer);
    expect(Array.from(bars.time.subarray(0, bars.length))).toEqual([0, 1, 2, 3, 4, 5, 99]);
    expect(Array.from(tail.time.subarray(0, tail.length))).toEqual([2, 3, 4, 5, 6]);
  });

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
