// The session reader against the real mirror API (same thread) and a chart that records what it is told:
// a whole load first, then only the bars after those shown (from = total shown), appended; a whole load
// again for another symbol or interval, a resync, or an offline step back; a series of the chart's symbol and
// interval read whole again is offered to the chart to extend first.
import { describe, expect, it, vi } from 'vitest';
import { backtestOf } from '../../../workers/export/export.test-support';
import { Exporter } from '../../../workers/export/exporter';
import { handFed } from '../../../workers/mirror/live-link.test-support';
import { createMirrorApi } from '../../../workers/mirror/mirror-api';
import type { BarSeries } from '../../../workers/mirror/series';
import type { ViewQuery } from '../../../workers/mirror/view';
import { LIVE_REST_MS, type ReadRequest, type ReadView, SessionReader } from './session-reader';

class FakeChart {
  calls: string[] = [];
  total = 0;
  historyCount = 0;
  candleCount = 0;
  gapCount = 0;
  indicatorList = [];
  tradeMarkerCount = 0;
  equityPoints = 0;
  /** What each read gave the chart of the analysis, with the bars it held then. */
  analyses: { candles: number; analysis: unknown }[] = [];
  setAnalysis(analysis: unknown) {
    this.analyses.push({ candles: this.candleCount, analysis });
  }
  async load(series: BarSeries, interval: string) {
    this.calls.push(`load ${interval} ${series.from}..${series.total}`);
    this.total = series.total;
    this.candleCount = series.time.length;
    this.historyCount = series.historyCount;
  }
  /** Whether `extend` takes the series (the real chart: when it begins with the bars shown). */
  extends = false;
  async extend(series: BarSeries): Promise<boolean> {
    if (!this.extends) return false;
    this.calls.push(`extend ${series.from}..${series.total}`);
    this.candleCount += series.total - this.total;
    this.total = series.total;
    return true;
  }
  append(series: BarSeries): boolean {
    if (series.from !== this.total) return false;
    this.calls.push(`append ${series.from}..${series.total}`);
    this.total = series.total;
    this.candleCount += series.time.length;
    return true;
  }
  clear() {
    this.calls.push('clear');
    this.total = 0;
    this.candleCount = 0;
  }
  /** What each read gave the compare overlay: its symbol and closes, or null. */
  compares: ({ symbol: string; close: number[] } | null)[] = [];
  setCompare(line: { symbol: string; close: Float64Array } | null) {
    this.compares.push(line ? { symbol: line.symbol, close: Array.from(line.close) } : null);
  }
}

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const api = createMirrorApi();
  // The engine's live feed, by hand: each export's bytes go to the mirror over its port.
  const feed = handFed(api);
  const sync = async (complete: boolean) => {
    const result = exporter.export({ complete, consumer: 'ui', layout: 'compact' });
    if (!result.ok) throw new Error(result.error);
    return feed.send(result.value);
  };
  // The bars each read asked for: from the end of those shown, or the whole series (0).
  const seriesCalls: number[] = [];
  // Whether each read left the analysis out, the reader holding it already.
  const analysisKept: boolean[] = [];
  // The compare closes each read brought: from where, how many (null: none asked or held).
  const compareCalls: ({ from: number; count: number } | null)[] = [];
  const client = {
    view: async (query: ViewQuery) => {
      const read = api.view(query);
      compareCalls.push(read.compare ? { from: read.compare.from, count: read.compare.time.length } : null);
      seriesCalls.push(read.series?.from ?? -1);
      analysisKept.push(read.analysisUnchanged);
      return read;
    },
  };
  const chart = new FakeChart();
  const views: ReadView[] = [];
  const errors: string[] = [];
  const reader = new SessionReader(
    client,
    chart,
    (v) => views.push(v),
    (e) => errors.push(e),
  );
  const request = (over: Partial<ReadRequest> = {}) =>
    reader.request({ source: 'live', symbol: null, interval: '1m', epoch: 1, version: 0, ...over });
  return { backtest, api, sync, chart, views, errors, request, seriesCalls, analysisKept, compareCalls };
}

describe('session reader', () => {
  it("gives the chart each read's analysis once, after its bars, and tells the owner", async () => {
    const { backtest, sync, chart, views, request } = setup();
    backtest.advance(3);
    await sync(true);
    await request();
    backtest.advance(2);
    await sync(false);
    await request({ version: 1 });
    expect(chart.analyses.map((a) => a.candles)).toEqual([3903, 3905]);
    expect(views.map((v) => v.analysis)).toEqual(chart.analyses.map((a) => a.analysis));
    // The built-in session's strategy, six minutes in: no signal yet, the account as it started.
    expect(views.at(-1)?.analysis).toMatchObject({
      strategies: [{ module: 'strategies.examples.simple_ma_cross', enabled: true }],
      orders: [],
    });
  });

  it('is sent the analysis only when it changed, and keeps giving the chart the one it holds', async () => {
    const { backtest, sync, chart, views, request, analysisKept } = setup();
    backtest.advance(3);
    await sync(true);
    await request();
    // A delta that changes neither the analysis nor the bars: the read leaves the analysis out.
    await sync(false);
    await request({ version: 1 });
    expect(analysisKept).toEqual([false, true]);
    expect(chart.analyses[1]?.analysis).toBe(chart.analyses[0]?.analysis);
    expect(views[1]?.analysis).toBe(views[0]?.analysis);
    // New bars (the markers' places) and a complete export (a new epoch): sent again.
    backtest.advance(1);
    await sync(false);
    await request({ version: 2 });
    await sync(true);
    await request({ version: 3, epoch: 2 });
    expect(analysisKept).toEqual([false, true, false, false]);
    expect(views[3]?.analysis).not.toBeNull();
  });

  it("reads a compare symbol's closes whole, then only those each delta brought, and gives the chart all of them", async () => {
    const { backtest, api, sync, chart, views, request, compareCalls } = setup();
    backtest.advance(3);
    await sync(true);
    await request({ compare: 'AAPL' });
    backtest.advance(2);
    await sync(false);
    await request({ version: 1, compare: 'AAPL' });
    expect(compareCalls).toEqual([
      { from: 0, count: 3903 },
      { from: 3903, count: 2 },
    ]);
    // The chart is given the whole series each time: the closes held, the new ones after them.
    const whole = api.view({ source: 'live', symbol: 'AAPL', interval: '1m', shown: null }).series;
    expect(chart.compares.at(-1)?.symbol).toBe('AAPL');
    expect(chart.compares.at(-1)?.close).toEqual(Array.from(whole?.close ?? []));
    expect(views.at(-1)).toMatchObject({ symbol: 'RIVN', compare: { symbol: 'AAPL', held: true } });
    // Another interval reads the compare symbol's whole series at that interval; none takes the overlay off.
    await request({ version: 1, interval: '5m', compare: 'AAPL' });
    expect(compareCalls.at(-1)).toMatchObject({ from: 0 });
    await request({ version: 1, interval: '5m' });
    expect(chart.compares.at(-1)).toBeNull();
    expect(views.at(-1)?.compare).toBeNull();
    // A symbol that is not one of the session's (a stale address, one taken out of the configuration): no
    // overlay at all (no percent scale, no empty line), the chart's own bars as ever.
    await request({ version: 1, compare: 'AAPL' });
    expect(chart.compares.at(-1)?.symbol).toBe('AAPL');
    await request({ version: 1, compare: 'NOPE' });
    expect(views.at(-1)?.compare).toBeNull();
    expect(chart.compares.at(-1)).toBeNull();
    expect(views.at(-1)).toMatchObject({ symbol: 'RIVN', candles: 3905 });
  });

  it('drops a stale or charted compare symbol, and does not read again when the owner drops it too', async () => {
    const { backtest, sync, chart, views, request, seriesCalls } = setup();
    backtest.advance(3);
    await sync(true);
    // An address's stale symbol, asked for before the view knew the session's symbols: no overlay.
    await request({ compare: 'NOPE' });
    expect(views.at(-1)).toMatchObject({ symbol: 'RIVN', compare: null });
    expect(chart.compares.at(-1)).toBeNull();
    // The view, told the session's symbols, asks the same without it: nothing new, nothing read.
    await request({ compare: null });
    expect(seriesCalls).toHaveLength(1);
    expect(views).toHaveLength(1);
    // The mirror's first symbol (none asked for) compared with itself: no overlay either.
    await request({ version: 1, compare: 'RIVN' });
    expect(views.at(-1)).toMatchObject({ symbol: 'RIVN', compare: null });
    await request({ version: 1 });
    expect(seriesCalls).toHaveLength(2);
    // Anything new is read: another version, or a compare symbol of the session's.
    await request({ version: 1, compare: 'AAPL' });
    await request({ version: 2, compare: 'AAPL' });
    expect(seriesCalls).toHaveLength(4);
    expect(views.at(-1)).toMatchObject({ compare: { symbol: 'AAPL', held: true } });
  });

  it('loads the whole series once, then appends only the bars each delta brought', async () => {
    const { backtest, sync, chart, views, request, seriesCalls } = setup();
    backtest.advance(3);
    await sync(true);
    await request();
    expect(chart.calls).toEqual(['load 1m 0..3903']);
    expect(views.at(-1)).toMatchObject({ symbol: 'RIVN', interval: '1m', candles: 3903, lastRead: 'load' });
    backtest.advance(2);
    await sync(false);
    await request({ version: 1 });
    backtest.advance(1);
    await sync(false);
    await request({ version: 2 });
    expect(chart.calls).toEqual(['load 1m 0..3903', 'append 3903..3905', 'append 3905..3906']);
    expect(seriesCalls).toEqual([0, 3903, 3905]);
    expect(views.at(-1)).toMatchObject({ candles: 3906, historyCount: 3900, lastRead: 'append' });
    expect(views.at(-1)?.quote?.tick).toHaveProperty('price');
    // Each read says which of the owner's versions it drew (the demo player waits for its step's).
    expect(views.map((v) => v.version)).toEqual([0, 1, 2]);
  });

  it('loads whole again for another symbol or interval, and after a resync', async () => {
    const { backtest, sync, chart, views, request } = setup();
    backtest.advance(15);
    await sync(true);
    await request();
    await request({ symbol: 'AAPL' });
    await request({ symbol: 'AAPL', interval: '5m' });
    await request({ symbol: 'AAPL', interval: '4h' }); // not an interval of AAPL: 1m
    expect(views.at(-1)).toMatchObject({ symbol: 'AAPL', interval: '1m' });
    await sync(true);
    await request({ symbol: 'AAPL', epoch: 2 });
    expect(chart.calls).toEqual([
      'load 1m 0..3915',
      'load 1m 0..3915',
      'load 5m 0..3',
      'load 1m 0..3915',
      'load 1m 0..3915',
    ]);
  });

  it('offers a series read whole again to the chart to extend, when it is the symbol and interval shown', async () => {
    const { backtest, sync, chart, views, request } = setup();
    chart.extends = true;
    backtest.advance(15);
    await sync(true);
    await request();
    // Another symbol, another interval: loaded, whatever the chart would take.
    await request({ symbol: 'AAPL' });
    await request({ symbol: 'AAPL', interval: '5m' });
    await request({ symbol: 'AAPL', version: 1 });
    // A complete export (a resync, a new trading day): the same series whole, which the chart extends.
    backtest.advance(2);
    await sync(true);
    await request({ symbol: 'AAPL', epoch: 2, version: 2 });
    expect(chart.calls).toEqual([
      'load 1m 0..3915',
      'load 1m 0..3915',
      'load 5m 0..3',
      'load 1m 0..3915',
      'extend 0..3917',
    ]);
    expect(views.at(-1)).toMatchObject({ symbol: 'AAPL', candles: 3917, lastRead: 'append' });
    // Then deltas append as before.
    backtest.advance(1);
    await sync(false);
    await request({ symbol: 'AAPL', epoch: 2, version: 3 });
    expect(chart.calls.at(-1)).toBe('append 3917..3918');
  });

  it('reloads when an offline replay steps back, and folds requests made during a read', async () => {
    const { backtest, api, chart, request } = setup();
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
    const files = [];
    for (let i = 0; i < 3; i++) {
      const result = exporter.export({ complete: i === 0, consumer: 'files' });
      if (!result.ok) throw new Error(result.error);
      files.push({ name: `${i}.json`, blob: new Blob(result.value.chunks as Uint8Array<ArrayBuffer>[]) });
      backtest.advance(2);
    }
    const opened = await api.openFiles(files);
    expect(opened.ok).toBe(true);
    api.showStep(2);
    await request({ source: 'offline' });
    api.showStep(1);
    await request({ source: 'offline', version: 1 });
    expect(chart.calls).toEqual(['load 1m 0..3904', 'load 1m 0..3902']);
    // Three requests while one read runs: the last one is read, the others are dropped.
    const first = request({ source: 'offline', version: 2 });
    void request({ source: 'offline', version: 3, symbol: 'AAPL' });
    void request({ source: 'offline', version: 4, symbol: 'TSLA' });
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(chart.calls.slice(2)).toEqual(['append 3902..3902', 'load 1m 0..3902']);
  });

  it('rests after a heavy live read before the next delta, but reads a new epoch at once (issue 17)', async () => {
    const { backtest, sync, chart, request } = setup();
    backtest.advance(3);
    await sync(true);
    /** Lets the reader's reads run (setImmediate is not faked; the rest's setTimeout is). */
    const settle = async () => {
      for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // A load (heavy) with a delta's request waiting: the delta waits LIVE_REST_MS, as at full speed.
      void request();
      void request({ version: 1 });
      await settle();
      expect(chart.calls).toEqual(['load 1m 0..3903']);
      vi.advanceTimersByTime(LIVE_REST_MS);
      await settle();
      expect(chart.calls).toEqual(['load 1m 0..3903', 'append 3903..3903']);

      // A load with a new epoch waiting (a new configuration emptied the mirror, another session came):
      // read at once, or the chart would show the previous session meanwhile.
      void request({ version: 2, epoch: 2 });
      void request({ version: 3, epoch: 3 });
      await settle();
      expect(chart.calls.slice(2)).toEqual(['load 1m 0..3903', 'load 1m 0..3903']);
    } finally {
      vi.useRealTimers();
    }
  });
});
