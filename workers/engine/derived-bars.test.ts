import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarColumns } from './columns';
import { BarBucketer } from './derived-bars';

const OPEN = Date.UTC(2025, 6, 1, 13, 30);
const MIN = 60_000;

interface Bar {
  minute: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Straightforward reference: group the base bars by bucket and aggregate each group. */
function referenceAggregate(bars: Bar[], interval: number) {
  const groups = new Map<number, Bar[]>();
  for (const bar of bars) {
    const bucket = Math.floor(bar.minute / interval);
    groups.set(bucket, [...(groups.get(bucket) ?? []), bar]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([bucket, group]) => ({
      time: OPEN + bucket * interval * MIN,
      open: group[0]?.open,
      high: Math.max(...group.map((b) => b.high)),
      low: Math.min(...group.map((b) => b.low)),
      close: group[group.length - 1]?.close,
      volume: group.reduce((sum, b) => sum + b.volume, 0),
    }));
}

function rowsOf(out: BarColumns) {
  return Array.from({ length: out.length }, (_, i) => ({
    time: out.time[i],
    open: out.open[i],
    high: out.high[i],
    low: out.low[i],
    close: out.close[i],
    volume: out.volume[i],
  }));
}

/** Replays a session minute by minute; returns the derived bars and how many existed after each minute. */
function replay(bars: Bar[], interval: number, sessionMinutes: number) {
  const out = new BarColumns(4);
  const builder = new BarBucketer(interval * MIN, OPEN, out);
  const byMinute = new Map(bars.map((b) => [b.minute, b]));
  const lengths: number[] = [];
  for (let m = 0; m < sessionMinutes; m++) {
    const bar = byMinute.get(m);
    if (bar) builder.add(OPEN + m * MIN, bar.open, bar.high, bar.low, bar.close, bar.volume);
    builder.reached(OPEN + (m + 1) * MIN);
    if (m === sessionMinutes - 1) builder.sessionClosed();
    lengths.push(out.length);
  }
  return { out, lengths };
}

function randomSession(sessionMinutes: number, gapRate: number, seed: number): Bar[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const bars: Bar[] = [];
  for (let minute = 0; minute < sessionMinutes; minute++) {
    if (rnd() < gapRate) continue;
    const open = 100 + Math.round(rnd() * 1000) / 100;
    const close = 100 + Math.round(rnd() * 1000) / 100;
    const high = Math.max(open, close) + Math.round(rnd() * 100) / 100;
    const low = Math.min(open, close) - Math.round(rnd() * 100) / 100;
    bars.push({ minute, open, high, low, close, volume: 1 + Math.floor(rnd() * 5000) });
  }
  return bars;
}

describe('derived bars', () => {
  it('equal a reference aggregation on random sessions with gaps, any interval and session length', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2, 3, 5, 7, 15, 30, 60, 90, 390),
        fc.constantFrom(390, 210, 1, 59),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (interval, sessionMinutes, gapRate, seed) => {
          const bars = randomSession(sessionMinutes, gapRate, seed);
          const { out } = replay(bars, interval, sessionMinutes);
          expect(rowsOf(out)).toEqual(referenceAggregate(bars, interval));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('appends a bar only once its interval is over', () => {
    const bars = randomSession(390, 0, 7);
    const { lengths } = replay(bars, 5, 390);
    expect(lengths.slice(0, 6)).toEqual([0, 0, 0, 0, 1, 1]);
    expect(lengths[389]).toBe(78);
  });

  it('completes a bucket whose last minutes are gaps when the clock passes its end', () => {
    const bars = randomSession(390, 0, 3).filter((b) => b.minute !== 3 && b.minute !== 4);
    const { lengths, out } = replay(bars, 5, 390);
    expect(lengths[4]).toBe(1);
    expect(out.volume[0]).toBe(bars.slice(0, 3).reduce((s, b) => s + b.volume, 0));
  });

  it('makes no bar for a bucket that is all gaps', () => {
    const bars = randomSession(390, 0, 5).filter((b) => b.minute < 5 || b.minute >= 10);
    const { out } = replay(bars, 5, 390);
    expect(out.length).toBe(77);
    expect(out.time[1]).toBe(OPEN + 10 * MIN);
  });

  it('closes a shorter last bar at the close: 60m over a 390-minute session gives 7 bars, the last 30 minutes', () => {
    const bars = randomSession(390, 0, 11);
    const { out, lengths } = replay(bars, 60, 390);
    expect(out.length).toBe(7);
    expect(lengths[388]).toBe(6);
    expect(out.time[6]).toBe(OPEN + 360 * MIN);
    expect(out.volume[6]).toBe(bars.slice(360).reduce((s, b) => s + b.volume, 0));
  });

  it('ends an early-close session (210 minutes) with a 15m bar count of 14 and a 60m last bar of 30 minutes', () => {
    const bars = randomSession(210, 0, 13);
    expect(replay(bars, 15, 210).out.length).toBe(14);
    const hourly = replay(bars, 60, 210).out;
    expect(hourly.length).toBe(4);
    expect(hourly.time[3]).toBe(OPEN + 180 * MIN);
  });
});
