import { describe, expect, it } from 'vitest';
import { INDICATOR_PALETTE, indicatorColor, indicatorStyle, withAlpha } from './indicator-style';

describe('indicator style', () => {
  it('gives each indicator of a list its own colour', () => {
    const colours = INDICATOR_PALETTE.map((_, i) => indicatorColor(i));
    expect(new Set(colours).size).toBe(INDICATOR_PALETTE.length);
    expect(indicatorColor(INDICATOR_PALETTE.length)).toBe(indicatorColor(0));
    expect(withAlpha('#3b82f6', 0.5)).toBe('rgba(59, 130, 246, 0.5)');
  });

  it('draws bands with a lighter dashed middle, macd with a histogram, pivots as steps', () => {
    const bands = indicatorStyle('bbands', ['upper', 'middle', 'lower']).outputs;
    expect(bands.map((o) => [o.dash, o.faint])).toEqual([
      ['solid', false],
      ['dashed', true],
      ['solid', false],
    ]);
    const macd = indicatorStyle('macd', ['macd', 'signal', 'histogram']);
    expect(macd.outputs.map((o) => o.kind)).toEqual(['line', 'line', 'histogram']);
    expect(macd.levels).toEqual([0]);
    const pivots = indicatorStyle('pivot_points', ['pivot', 'r1', 'r2', 'r3', 's1', 's2', 's3']).outputs;
    expect(pivots.every((o) => o.step)).toBe(true);
    expect(pivots.filter((o) => o.ownScale).length).toBe(4);
    expect(indicatorStyle('swing_high', ['value']).outputs[0]).toMatchObject({ step: true, dash: 'dotted' });
  });

  it('gives oscillators their reference levels', () => {
    expect(indicatorStyle('rsi', ['value']).levels).toEqual([30, 70]);
    expect(indicatorStyle('williams_r', ['value']).levels).toEqual([-80, -20]);
    expect(indicatorStyle('stochastic', ['k', 'd']).levels).toEqual([20, 80]);
    expect(indicatorStyle('volume_ratio', ['value']).levels).toEqual([1]);
    expect(indicatorStyle('obv', ['value']).volume).toBe(true);
  });

  it('tells the outputs of an unknown indicator apart', () => {
    const dashes = indicatorStyle('mystery', ['a', 'b', 'c']).outputs.map((o) => o.dash);
    expect(dashes).toEqual(['solid', 'dashed', 'dotted']);
  });
});
