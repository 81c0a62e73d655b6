import { describe, expect, it } from 'vitest';
import { equityAtBars, firstDifference } from './equity-layer';

const line = (time: number[], equity: number[]) => ({
  time: Float64Array.from(time),
  equity: Float64Array.from(equity),
});

describe('equity at the bars shown', () => {
  it('gives each bar the last sample before its close, and nothing before the first sample', () => {
    // 5m bars at 0, 300, 600, 900; samples every minute from 300 (the strategy's first bar) to 720.
    const samples = line([300, 360, 420, 480, 540, 600, 660, 720], [100, 101, 102, 103, 104, 105, 106, 107]);
    expect(equityAtBars([0, 300, 600, 900], 300, samples)).toEqual([Number.NaN, 104, 107, 107]);
  });

  it('lines up one to one with bars of the samples own interval', () => {
    const samples = line([60, 120, 180], [1, 2, 3]);
    expect(equityAtBars([0, 60, 120, 180], 60, samples)).toEqual([Number.NaN, 1, 2, 3]);
  });

  it('carries the last equity over bars after a gap in the samples (a night, a later day)', () => {
    const samples = line([60, 120], [5, 6]);
    expect(equityAtBars([60, 120, 86_400, 86_460], 60, samples)).toEqual([5, 6, 6, 6]);
  });

  it('is all NaN with no samples', () => {
    expect(equityAtBars([0, 60], 60, null)).toEqual([Number.NaN, Number.NaN]);
    expect(equityAtBars([0, 60], 60, line([], []))).toEqual([Number.NaN, Number.NaN]);
  });

  it('finds the first difference, NaN being equal to NaN', () => {
    expect(firstDifference([Number.NaN, 1, 2], [Number.NaN, 1, 2])).toBe(-1);
    expect(firstDifference([Number.NaN, 1, 2], [Number.NaN, 1, 3])).toBe(2);
    expect(firstDifference([1, 2], [1, 2, 3])).toBe(2);
    expect(firstDifference([1, 2, 3], [1, 2])).toBe(2);
    expect(firstDifference([], [])).toBe(-1);
  });
});
