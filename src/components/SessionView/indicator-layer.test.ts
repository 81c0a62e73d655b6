// The indicator layer against a chart that records what it is told: which pane each series goes to, the
// points set whole or updated (NaN as whitespace), toggles drawing anew, and the legend's values.
import type { IChartApi } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import type { ChartIndicator } from '../../mirror-client';
import { IndicatorLayer, PRICE_PANE_STRETCH } from './indicator-layer';

type Point = { time: number; value?: number };

class FakeSeries {
  data: Point[] = [];
  levels: number[] = [];
  visible: boolean;
  constructor(
    readonly kind: string,
    readonly pane: number,
    options: { visible?: boolean },
  ) {
    this.visible = options.visible ?? true;
  }
  applyOptions(options: { visible?: boolean }) {
    if (options.visible !== undefined) this.visible = options.visible;
  }
  setData(points: Point[]) {
    this.data = [...points];
  }
  update(point: Point) {
    this.data.push(point);
  }
  createPriceLine({ price }: { price: number }) {
    this.levels.push(price);
  }
}

class FakeChart {
  series: FakeSeries[] = [];
  stretch: number[] = [];
  addSeries(definition: { type: string }, options: { visible?: boolean }, pane = 0) {
    const s = new FakeSeries(definition.type, pane, options);
    this.series.push(s);
    return s;
  }
  removeSeries(s: FakeSeries) {
    this.series = this.series.filter((x) => x !== s);
  }
  panes() {
    const count = Math.max(0, ...this.series.map((s) => s.pane)) + 1;
    return Array.from({ length: count }, (_, i) => ({
      setStretchFactor: (f: number) => {
        this.stretch[i] = f;
      },
    }));
  }
}

const line = (
  key: string,
  name: string,
  placement: 'price' | 'pane',
  outputs: string[],
  values: number[][],
): ChartIndicator => ({
  key,
  name,
  interval: '1m',
  placement,
  outputs,
  values: values.map((v) => Float64Array.from(v)),
  valid: true,
  value: null,
});

const setup = () => {
  const chart = new FakeChart();
  const layer = new IndicatorLayer(chart as unknown as IChartApi, '#888');
  return { chart, layer };
};

const session = [
  line('sma_2_1m', 'sma', 'price', ['value'], [[Number.NaN, 1.5, 2.5]]),
  line('rsi_2_1m', 'rsi', 'pane', ['value'], [[Number.NaN, 40, 60]]),
  line(
    'macd_1m',
    'macd',
    'pane',
    ['macd', 'signal', 'histogram'],
    [
      [0.1, 0.2, 0.3],
      [0.1, 0.1, 0.2],
      [0, 0.1, 0.1],
    ],
  ),
];

describe('indicator layer', () => {
  it('draws overlays on the price pane and each other indicator in a pane of its own', () => {
    const { chart, layer } = setup();
    layer.load([60, 120, 180], session);
    expect(chart.series).toHaveLength(0);
    layer.show(new Set(['sma_2_1m', 'rsi_2_1m', 'macd_1m']));
    expect(chart.series.map((s) => [s.kind, s.pane])).toEqual([
      ['Line', 0],
      ['Line', 1],
      ['Line', 2],
      ['Line', 2],
      ['Histogram', 2],
    ]);
    expect(layer.paneCount).toBe(2);
    expect(chart.stretch).toEqual([PRICE_PANE_STRETCH, 1, 1]);
    // A line starts at its first value: the bars before it (the history) get no points.
    expect(chart.series[0]?.data).toEqual([
      { time: 120, value: 1.5 },
      { time: 180, value: 2.5 },
    ]);
    expect(chart.series[1]?.levels).toEqual([30, 70]);
  });

  it('gives a pane indicator with no value yet no pane, and makes its pane with its first value', () => {
    const { chart, layer } = setup();
    // The session's first minutes on the 1m chart: rsi on 5m has no row yet, macd has values.
    const early = [
      line('sma_2_1m', 'sma', 'price', ['value'], [[Number.NaN, Number.NaN]]),
      line('rsi_2_5m', 'rsi', 'pane', ['value'], [[Number.NaN, Number.NaN]]),
      session[2] as ChartIndicator,
    ].map((i) => ({ ...i, values: i.values.map((v) => v.slice(0, 2)) }));
    layer.show(new Set(['sma_2_1m', 'rsi_2_5m', 'macd_1m']));
    layer.load([60, 120], early);
    expect(layer.list.map((i) => [i.key, i.hasValues])).toEqual([
      ['sma_2_1m', false],
      ['rsi_2_5m', false],
      ['macd_1m', true],
    ]);
    // macd in the first pane below the candles, no blank pane for rsi; the overlay is drawn (it takes no room).
    expect(layer.paneCount).toBe(1);
    expect(chart.series.map((s) => s.pane)).toEqual([0, 1, 1, 1]);
    // A bar with rsi's first value: its pane is made, in its place (before macd's), with the value.
    const next = early.map((i) => ({ ...i, values: i.values.map(() => Float64Array.of(Number.NaN)) }));
    (next[1] as ChartIndicator).values = [Float64Array.of(48)];
    (next[2] as ChartIndicator).values = [Float64Array.of(0.3), Float64Array.of(0.2), Float64Array.of(0.1)];
    layer.append([180], next);
    expect(layer.list.map((i) => i.hasValues)).toEqual([false, true, true]);
    expect(layer.paneCount).toBe(2);
    expect(chart.series.map((s) => s.pane)).toEqual([0, 1, 2, 2, 2]);
    expect(chart.series[1]?.data).toEqual([{ time: 180, value: 48 }]);
  });

  it('hides the lines over the candles while comparing (percent), panes untouched, and shows them again', () => {
    const { chart, layer } = setup();
    layer.load([60, 120, 180], session);
    layer.show(new Set(['sma_2_1m', 'rsi_2_1m']));
    expect(layer.hideOverlays(true)).toBe(1);
    expect(chart.series.map((s) => [s.pane, s.visible])).toEqual([
      [0, false],
      [1, true],
    ]);
    // Drawn again (a toggle) while comparing: still hidden.
    layer.show(new Set(['sma_2_1m', 'rsi_2_1m', 'macd_1m']));
    expect(chart.series.filter((s) => !s.visible).map((s) => s.pane)).toEqual([0]);
    expect(layer.hideOverlays(false)).toBe(0);
    expect(chart.series.every((s) => s.visible)).toBe(true);
  });

  it('appends with update, and draws again from what it holds when toggled', () => {
    const { chart, layer } = setup();
    layer.show(new Set(['rsi_2_1m']));
    layer.load([60, 120, 180], session);
    const appended = session.map((i) => ({ ...i, values: i.values.map(() => Float64Array.of(Number.NaN)) }));
    (appended[1] as ChartIndicator).values = [Float64Array.of(55)];
    expect(layer.follows(appended)).toBe(true);
    layer.append([240], appended);
    expect(chart.series.map((s) => s.data.length)).toEqual([3]);
    expect(chart.series[0]?.data.at(-1)).toEqual({ time: 240, value: 55 });
    // Turned on after the append: drawn whole, appended points included.
    layer.show(new Set(['sma_2_1m', 'rsi_2_1m']));
    expect(chart.series.map((s) => [s.pane, s.data.length])).toEqual([
      [0, 3],
      [1, 3],
    ]);
    expect(layer.follows(session.slice(0, 2))).toBe(false);
  });

  it('puts the points of older bars in front of those held and draws the shown lines again', () => {
    const { chart, layer } = setup();
    layer.show(new Set(['sma_2_1m', 'macd_1m']));
    layer.load(
      [120, 180],
      session.map((i) => ({ ...i, values: i.values.map((v) => v.subarray(1)) })),
    );
    const older = session.map((i) => ({ ...i, values: i.values.map((v) => v.subarray(0, 1)) }));
    layer.prepend([60], older);
    // It holds the session's lines for all three bars now, point for point.
    expect(layer.holds(session)).toBe(true);
    // The overlay still starts at its first value; the macd's three lines start at the older bar.
    expect(chart.series[0]?.data).toEqual([
      { time: 120, value: 1.5 },
      { time: 180, value: 2.5 },
    ]);
    expect(chart.series.slice(1).map((s) => s.data[0])).toEqual([
      { time: 60, value: 0.1 },
      { time: 60, value: 0.1 },
      { time: 60, value: 0 },
    ]);
    expect(
      layer
        .valuesAt(60)
        .find((v) => v.key === 'macd_1m')
        ?.values.map((v) => v.value),
    ).toEqual([0.1, 0.1, 0]);
  });

  it('tells whether lines for the bars held are those it holds, point for point', () => {
    const { layer } = setup();
    layer.load([60, 120, 180], session);
    expect(layer.holds(session)).toBe(true);
    // A new session's lines start over: the bars before it have no value any more.
    const restarted = session.map((i) => ({ ...i, values: i.values.map((v) => v.map(() => Number.NaN)) }));
    expect(layer.holds(restarted)).toBe(false);
    expect(layer.holds(session.map((i) => ({ ...i, values: i.values.map((v) => v.subarray(1)) })))).toBe(
      false,
    );
    expect(layer.holds(session.slice(1))).toBe(false);
  });

  it("gives the legend each shown indicator's values at a bar, or at the last bar", () => {
    const { layer } = setup();
    layer.load([60, 120, 180], session);
    layer.show(new Set(['sma_2_1m', 'macd_1m']));
    expect(layer.valuesAt(60).map((i) => [i.label, i.values.map((v) => v.value)])).toEqual([
      ['sma 2 · 1m', [null]],
      ['macd · 1m', [0.1, 0.1, 0]],
    ]);
    expect(layer.valuesAt(null)[0]?.values).toEqual([{ output: 'value', value: 2.5 }]);
    expect(layer.valuesAt(90)[1]?.values.map((v) => v.value)).toEqual([null, null, null]);
    expect(layer.list.map((i) => i.color)).toEqual(['#3b82f6', '#f59e0b', '#a855f7']);
    layer.clear();
    expect(layer.valuesAt(null)).toEqual([]);
  });
});
