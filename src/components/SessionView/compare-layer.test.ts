// The compare layer against a chart that records what it is told: the line added on the candles' scale in
// percent, new closes appended with update(), the line set whole otherwise, and prices again without it.
import { type IChartApi, type ISeriesApi, PriceScaleMode } from 'lightweight-charts';
import { describe, expect, it } from 'vitest';
import { CompareLayer } from './compare-layer';

type Point = { time: number; value: number };

class FakeLine {
  data: Point[] = [];
  sets = 0;
  updates = 0;
  options: Record<string, unknown>;
  constructor(options: Record<string, unknown>) {
    this.options = { ...options };
  }
  setData(points: Point[]) {
    this.sets++;
    this.data = [...points];
  }
  update(point: Point) {
    this.updates++;
    this.data.push(point);
  }
  applyOptions(options: Record<string, unknown>) {
    Object.assign(this.options, options);
  }
}

function setup() {
  const scale: { mode?: PriceScaleMode } = {};
  const candles = {
    priceScale: () => ({ applyOptions: (o: { mode: PriceScaleMode }) => Object.assign(scale, o) }),
  };
  const lines: FakeLine[] = [];
  const chart = {
    addSeries: (_definition: unknown, options: Record<string, unknown>) => {
      const line = new FakeLine(options);
      lines.push(line);
      return line;
    },
    removeSeries: (line: FakeLine) => lines.splice(lines.indexOf(line), 1),
  };
  const layer = new CompareLayer(
    chart as unknown as IChartApi,
    candles as unknown as ISeriesApi<'Candlestick'>,
    '#333',
  );
  return { layer, lines, scale };
}

const f = (values: number[]) => Float64Array.from(values);

describe('compare layer', () => {
  it('draws the closes at the bar times in percent, appends new ones, and goes back to prices without', () => {
    const { layer, lines, scale } = setup();
    expect(layer.set({ symbol: 'AAPL', time: f([60, 120]), close: f([10, 11]) }, [60, 120, 180])).toBe(true);
    expect(scale.mode).toBe(PriceScaleMode.Percentage);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.options).toMatchObject({ title: 'AAPL', color: '#333' });
    expect(lines[0]?.data).toEqual([
      { time: 60, value: 10 },
      { time: 120, value: 11 },
    ]);
    // The same closes again: nothing drawn. A new close at a bar the chart has: one update.
    expect(layer.set({ symbol: 'AAPL', time: f([60, 120]), close: f([10, 11]) }, [60, 120, 180])).toBe(false);
    layer.set({ symbol: 'AAPL', time: f([60, 120, 180]), close: f([10, 11, 12]) }, [60, 120, 180]);
    expect([lines[0]?.sets, lines[0]?.updates]).toEqual([1, 1]);
    expect(Array.from(layer.values)).toEqual([10, 11, 12]);
    expect(Array.from(layer.times)).toEqual([60, 120, 180]);
    // The chart's bars changed at the front (a trim): set whole.
    layer.follow([120, 180]);
    expect([lines[0]?.sets, lines[0]?.data.length]).toEqual([2, 2]);
    // Another symbol whose closes happen to begin and end alike: set whole all the same, titled anew.
    layer.set({ symbol: 'MSFT', time: f([120, 180]), close: f([11, 12]) }, [120, 180]);
    expect([lines[0]?.sets, lines[0]?.options.title]).toEqual([3, 'MSFT']);
    expect(layer.set(null, [120, 180])).toBe(true);
    expect(lines).toHaveLength(0);
    expect(scale.mode).toBe(PriceScaleMode.Normal);
    expect(layer.symbol).toBeNull();
  });

  it('takes a live read of one more bar and close with one update, reading only the end of the series', () => {
    const { layer, lines } = setup();
    const n = 6000;
    const bars = Array.from({ length: n }, (_, i) => 60 * i);
    const closes = bars.map((t) => t / 60);
    layer.set({ symbol: 'AAPL', time: f(bars), close: f(closes) }, bars);
    expect([lines[0]?.sets, lines[0]?.data.length]).toEqual([1, n]);
    // The bars as the chart holds them, counting the reads of its values.
    let reads = 0;
    const counted = (values: number[]) =>
      new Proxy(values, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    for (let k = 1; k <= 20; k++) {
      const more = [...bars, ...Array.from({ length: k }, (_, i) => 60 * (n + i))];
      reads = 0;
      // One new bar (the chart appended it), then its compare close (the read's overlay).
      layer.follow(counted(more));
      // The compare symbol's times and closes are counted too: a walk of either from the start is work.
      layer.set(
        {
          symbol: 'AAPL',
          // Read by index and length only, as a column is: a counted array stands for one.
          time: counted(more) as unknown as Float64Array,
          close: counted(more.map((t) => t / 60)) as unknown as Float64Array,
        },
        counted(more),
      );
      // A binary search and the new bar, not a walk of the 6,000 bars or closes from the first.
      expect(reads).toBeLessThan(200);
    }
    expect([lines[0]?.sets, lines[0]?.updates]).toEqual([1, 20]);
    expect(lines[0]?.data.length).toBe(n + 20);
    expect(lines[0]?.data.at(-1)).toEqual({ time: 60 * (n + 19), value: n + 19 });
    expect(layer.pointCount).toBe(n + 20);
    // A close that came after its bar (the compare symbol behind): drawn when it comes.
    const later = [...bars, ...Array.from({ length: 22 }, (_, i) => 60 * (n + i))];
    layer.follow(later);
    expect(layer.pointCount).toBe(n + 20);
    layer.set({ symbol: 'AAPL', time: f(later), close: f(later.map((t) => t / 60)) }, later);
    expect(layer.pointCount).toBe(n + 22);
    expect(lines[0]?.updates).toBe(22);
  });
});
