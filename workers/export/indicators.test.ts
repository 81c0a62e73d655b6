// Indicators in exports (docs/export-format.md sections 9 and 9.1), with indicators fed by hand the way the
// engine's runner feeds them: a 3-bar SMA of the 1m bars warmed up on the 1m history, and a three-output
// stand-in for `donchian` on the 5m bars (valid from its second bar).

import { describe, expect, it } from 'vitest';
import { roundIndicator } from '../engine/indicators/indicator-series';
import type { HistoricalIndicatorSpec } from '../engine/indicators/spec';
import { at, backtestOf, configJson, feedIndicators, type Json, parsed, textOf } from './export.test-support';
import { Exporter } from './exporter';

const INDICATORS = [
  { name: 'sma', period: 3, interval: '1m' },
  { name: 'donchian', period: 20, interval: '5m' },
];

const json = configJson((c) => {
  c.session_data_config.symbols = ['RIVN', 'AAPL'];
  // Indicators fed by hand: none of the built-in session's.
  delete c.session_data_config.indicators;
  // No strategy of the built-in session: these symbols and indicators are the test's own.
  delete c.session_data_config.strategies;
  c.session_data_config.streams = ['1m', '5m', 'ticks'];
  c.session_data_config.historical = {
    enabled: true,
    data: [
      { interval: '1m', trailing_days: 1 },
      { interval: '1d', trailing_days: 3 },
    ],
  };
});

function setup(indicators: typeof INDICATORS = INDICATORS) {
  const backtest = backtestOf(json);
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  feedIndicators(backtest, indicators);
  const advance = (minutes: number) => {
    backtest.advance(minutes);
    feedIndicators(backtest, indicators);
  };
  return { backtest, exporter, advance };
}

const RIVN = 'session_data.symbols.RIVN';
const SMA = `${RIVN}.indicators.sma_3_1m`;
const BANDS = `${RIVN}.indicators.donchian_20_5m`;

type Block = { count: number; total_count: number; columns: string[]; data?: unknown[][] };
const series = (doc: Json, path: string) => at(doc, `${path}.series`) as Block;

describe('indicators in exports', () => {
  it('gives each symbol an indicators member after historical, its entries in the configured order', () => {
    const { exporter, advance } = setup();
    advance(5);
    for (const complete of [true, false]) {
      // Five minutes on before the delta, so that both entries (1m and 5m) have taken a bar.
      if (!complete) advance(5);
      const doc = parsed(exporter.export({ complete }));
      expect(Object.keys(at(doc, RIVN) as Json)).toEqual(['session', 'historical', 'indicators']);
      expect(Object.keys(at(doc, `${RIVN}.indicators`) as Json)).toEqual(['sma_3_1m', 'donchian_20_5m']);
    }
  });

  it('leaves out of a delta an entry that took no bar since, and the member when no entry is left', () => {
    const { exporter, advance } = setup();
    advance(5);
    exporter.export({ complete: true });
    // Nothing new since: the consumer holds every entry as it is.
    const none = parsed(exporter.export({ complete: false }));
    expect(Object.keys(at(none, RIVN) as Json)).toEqual(['session', 'historical']);
    // A minute on, only the 1m indicator took a bar; five minutes on, both did.
    advance(1);
    const one = parsed(exporter.export({ complete: false }));
    expect(Object.keys(at(one, `${RIVN}.indicators`) as Json)).toEqual(['sma_3_1m']);
    advance(4);
    const both = parsed(exporter.export({ complete: false }));
    expect(Object.keys(at(both, `${RIVN}.indicators`) as Json)).toEqual(['sma_3_1m', 'donchian_20_5m']);
    expect(at(both, `${RIVN}.indicators.donchian_20_5m`)).toMatchObject({
      last_updated: '2025-07-01T09:35:00',
      series: { count: 1, total_count: 1 },
    });
  });

  it("writes every entry in a consumer's first delta and after a complete export that left them out", () => {
    const { exporter, advance } = setup();
    advance(5);
    const first = parsed(exporter.export({ complete: false, consumer: 'late' }));
    expect(Object.keys(at(first, `${RIVN}.indicators`) as Json)).toEqual(['sma_3_1m', 'donchian_20_5m']);
    // Whole: the consumer holds nothing of them yet, not even their names.
    const whole = ['name', 'type', 'interval', 'value', 'last_updated', 'valid', 'config', 'series'];
    expect(Object.keys(at(first, `${RIVN}.indicators.sma_3_1m`) as Json)).toEqual(whole);
    exporter.export({ complete: true, consumer: 'late', exclude: ['indicators'] });
    const after = parsed(exporter.export({ complete: false, consumer: 'late' }));
    expect(Object.keys(at(after, `${RIVN}.indicators`) as Json)).toEqual(['sma_3_1m', 'donchian_20_5m']);
    expect(Object.keys(at(after, `${RIVN}.indicators.donchian_20_5m`) as Json)).toEqual(whole);
    // Left out of a delta, an entry that took bars meanwhile comes with the next delta that includes it.
    advance(1);
    exporter.export({ complete: false, consumer: 'late', exclude: ['indicators'] });
    const back = parsed(exporter.export({ complete: false, consumer: 'late' }));
    expect(Object.keys(at(back, `${RIVN}.indicators`) as Json)).toEqual(['sma_3_1m']);
    expect(Object.keys(at(back, `${SMA}`) as Json)).toEqual(['value', 'last_updated', 'valid', 'series']);
    expect(at(back, `${RIVN}.indicators.sma_3_1m.series`)).toMatchObject({ count: 1 });
  });

  it('writes a complete entry with its fields, config and every series row, counted in rows', () => {
    const { backtest, exporter, advance } = setup();
    advance(5);
    const result = exporter.export({ complete: true });
    const doc = parsed(result);
    const sma = at(doc, SMA) as Json;
    expect(Object.keys(sma)).toEqual([
      'name',
      'type',
      'interval',
      'value',
      'last_updated',
      'valid',
      'config',
      'series',
    ]);
    const bars = backtest.session?.symbols.get('RIVN')?.bars.get('1m');
    if (!bars) throw new Error('no 1m bars');
    const closes = Array.from(bars.close.subarray(0, bars.length));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(sma).toMatchObject({
      name: 'sma',
      type: 'trend',
      interval: '1m',
      last_updated: '2025-07-01T09:34:00',
      valid: true,
      config: { period: 3, params: {} },
    });
    expect(sma.value).toBeCloseTo(mean(closes.slice(2, 5)), 9);
    // Warmed up on the history: valid from the session's first bar, one row per 1m bar, at its time.
    const rows = series(doc, SMA);
    expect(rows).toMatchObject({ count: 5, total_count: 5, columns: ['timestamp', 'value'] });
    const oneMinute = at(doc, `${RIVN}.session.data.1m.data`) as unknown[][];
    expect(rows.data?.map((r) => r[0])).toEqual(oneMinute.map((r) => r[0]));
    expect(rows.data?.[4]?.[1]).toBeCloseTo(mean(closes.slice(2, 5)), 9);
    // One 5m bar so far: the three-output indicator is still warming up.
    expect(at(doc, BANDS)).toMatchObject({
      value: null,
      valid: false,
      last_updated: '2025-07-01T09:30:00',
      series: { count: 0, total_count: 0, columns: ['timestamp', 'upper', 'middle', 'lower'] },
    });
    expect(series(doc, BANDS).data).toBeUndefined();
    // Bars of 1m and 5m, ticks, 1m and 1d history, and the SMA's series, for two symbols.
    const streamRows = (symbol: string) => {
      const s = `session_data.symbols.${symbol}`;
      const count = (path: string) => (at(doc, path) as { count: number }).count;
      return (
        count(`${s}.session.data.1m`) +
        count(`${s}.session.data.5m`) +
        count(`${s}.session.data.ticks`) +
        count(`${s}.historical.data.1m`) +
        count(`${s}.historical.data.1d`) +
        count(`${s}.indicators.sma_3_1m.series`)
      );
    };
    expect(result.ok && result.value.rows).toBe(streamRows('RIVN') + streamRows('AAPL'));
  });

  it('gives several outputs as an object in catalogue order, once valid', () => {
    const { exporter, advance } = setup();
    advance(10);
    const doc = parsed(exporter.export({ complete: true }));
    const bar = (at(doc, `${RIVN}.session.data.5m.data`) as unknown[][])[1] as number[];
    const [time, , high, low] = bar;
    const value = at(doc, `${BANDS}.value`) as Json;
    expect(Object.keys(value)).toEqual(['upper', 'middle', 'lower']);
    // To 12 significant digits, as every indicator value is kept and written (section 9.2).
    const middle = roundIndicator(((high as number) + (low as number)) / 2);
    expect(value).toEqual({ upper: high, middle, lower: low });
    expect(series(doc, BANDS).data).toEqual([[time, high, value.middle, low]]);
    expect(at(doc, `${BANDS}.last_updated`)).toBe('2025-07-01T09:35:00');
  });

  it('says when an indicator was last updated by a history bar, before the first session bar', () => {
    const { exporter } = setup();
    const doc = parsed(exporter.export({ complete: true }));
    expect(at(doc, SMA)).toMatchObject({ valid: true, last_updated: '2025-06-30T15:59:00' });
    expect(series(doc, SMA)).toEqual({ count: 0, total_count: 0, columns: ['timestamp', 'value'] });
  });

  it('sends in a delta one bar later exactly one new series row per indicator of that interval', () => {
    const { exporter, advance } = setup();
    advance(6);
    exporter.export({ complete: true });
    advance(1);
    const doc = parsed(exporter.export({ complete: false }));
    const sma = at(doc, SMA) as Json;
    expect(Object.keys(sma)).toEqual(['value', 'last_updated', 'valid', 'series']);
    for (const symbol of ['RIVN', 'AAPL']) {
      const s = `session_data.symbols.${symbol}.indicators`;
      expect(series(doc, `${s}.sma_3_1m`)).toMatchObject({ count: 1, total_count: 7 });
      expect(series(doc, `${s}.sma_3_1m`).data?.[0]?.[0]).toBe('09:36:00');
      // The 5m indicator took no bar this minute: left out, the consumer holds it as it is.
      expect(Object.keys(at(doc, s) as Json)).toEqual(['sma_3_1m']);
    }
    expect(sma.last_updated).toBe('2025-07-01T09:36:00');
    expect(at(doc, '_metadata.changed_paths')).toEqual([
      `${RIVN}.session.data.1m`,
      `${RIVN}.session.data.ticks`,
      `${RIVN}.indicators.sma_3_1m.series`,
      'session_data.symbols.AAPL.session.data.1m',
      'session_data.symbols.AAPL.session.data.ticks',
      'session_data.symbols.AAPL.indicators.sma_3_1m.series',
    ]);
    // Three minutes on, the second 5m bar closes: the 5m indicator's first row, the SMA's next three.
    advance(3);
    const next = parsed(exporter.export({ complete: false }));
    expect(series(next, SMA)).toMatchObject({ count: 3, total_count: 10 });
    expect(series(next, BANDS)).toMatchObject({ count: 1, total_count: 1 });
    expect(series(next, BANDS).data?.[0]?.[0]).toBe('09:35:00');
  });

  it('regenerates the series rows since an earlier export with since=', () => {
    const { exporter, advance } = setup();
    advance(2);
    exporter.export({ complete: false }); // 1
    advance(3);
    exporter.export({ complete: false }); // 2
    advance(4);
    const again = parsed(exporter.export({ complete: false, since: 1 }));
    expect(series(again, SMA)).toMatchObject({ count: 7, total_count: 9 });
  });

  it('leaves indicators out with exclude=indicators, keeping their cursors in a delta', () => {
    const { exporter, advance } = setup();
    advance(3);
    exporter.export({ complete: false });
    advance(2);
    const without = parsed(exporter.export({ complete: false, exclude: ['indicators'] }));
    expect(Object.keys(at(without, RIVN) as Json)).toEqual(['session', 'historical']);
    expect(at(without, '_metadata.excluded')).toEqual(['indicators']);
    expect((at(without, '_metadata.changed_paths') as string[]).some((p) => p.includes('indicators'))).toBe(
      false,
    );
    advance(1);
    // The series rows of the excluded export come now, with the new one.
    expect(series(parsed(exporter.export({ complete: false })), SMA)).toMatchObject({
      count: 3,
      total_count: 6,
    });
  });

  it('sends every series row again after a complete export that left indicators out', () => {
    const { exporter, advance } = setup();
    advance(4);
    exporter.export({ complete: false });
    const complete = parsed(exporter.export({ complete: true, exclude: ['indicators'] }));
    expect(at(complete, `${RIVN}.indicators`)).toBeUndefined();
    expect(series(parsed(exporter.export({ complete: false })), SMA)).toMatchObject({
      count: 4,
      total_count: 4,
    });
  });

  it('writes historical indicators whole under historical.indicators, in complete exports only', () => {
    const { backtest, exporter, advance } = setup();
    const store = backtest.session?.symbols.get('RIVN');
    if (!store) throw new Error('no RIVN');
    const spec = (name: string, period: number): HistoricalIndicatorSpec => ({
      key: `${name}_${period}_1d`,
      name,
      type: 'levels',
      period,
      unit: 'days',
      interval: '1d',
      params: {},
    });
    store.historicalIndicators = [
      {
        spec: spec('high_low', 2),
        outputs: ['high', 'low'],
        valid: true,
        value: Float64Array.of(14.5, 12.25),
        lastUpdated: Date.UTC(2025, 5, 30, 4),
      },
      {
        spec: spec('avg_volume', 20),
        outputs: ['value'],
        valid: false,
        value: Float64Array.of(Number.NaN),
        lastUpdated: Number.NaN,
      },
    ];
    advance(1);
    const doc = parsed(exporter.export({ complete: true }));
    expect(Object.keys(at(doc, `${RIVN}.historical`) as Json)).toEqual([
      'loaded',
      'date_range',
      'data',
      'indicators',
    ]);
    expect(at(doc, `${RIVN}.historical.indicators`)).toEqual({
      high_low_2_1d: {
        name: 'high_low',
        type: 'levels',
        interval: '1d',
        value: { high: 14.5, low: 12.25 },
        last_updated: '2025-06-30T00:00:00',
        valid: true,
        config: { period: 2, unit: 'days', params: {} },
      },
      avg_volume_20_1d: {
        name: 'avg_volume',
        type: 'levels',
        interval: '1d',
        value: null,
        last_updated: null,
        valid: false,
        config: { period: 20, unit: 'days', params: {} },
      },
    });
    // AAPL has none: no member.
    expect(at(doc, 'session_data.symbols.AAPL.historical.indicators')).toBeUndefined();
    expect(at(parsed(exporter.export({ complete: false })), `${RIVN}.historical.indicators`)).toBeUndefined();
    for (const exclude of ['historical', 'indicators']) {
      const left = parsed(exporter.export({ complete: true, exclude: [exclude] }));
      expect(at(left, `${RIVN}.historical.indicators`)).toBeUndefined();
    }
  });

  it('writes each series row on a line of its own in the pretty layout, and the same values compact', () => {
    const { exporter, advance } = setup();
    advance(10);
    const pretty = textOf(exporter.export({ complete: true, consumer: 'a' }));
    const compact = textOf(exporter.export({ complete: true, consumer: 'b', layout: 'compact' }));
    const lines = pretty.split('\n');
    const start = lines.findIndex((l) => l.includes('"sma_3_1m": {'));
    // The small fields share lines of at most 140 columns (how many fit depends on the value's width).
    const config = lines.findIndex((l, i) => i > start && l.trimStart().startsWith('"config"'));
    const head = lines.slice(start + 1, config);
    expect(head.every((l) => l.startsWith(' '.repeat(12)) && l.length <= 140)).toBe(true);
    expect(head.map((l) => l.trim()).join(' ')).toMatch(
      /^"name": "sma", "type": "trend", "interval": "1m", "value": [\d.]+, "last_updated": "2025-07-01T09:39:00", "valid": true,$/,
    );
    expect(lines.slice(config, config + 4)).toEqual([
      '            "config": {"period":3,"params":{}},',
      '            "series": {',
      '              "count": 10, "total_count": 10, "columns": ["timestamp","value"],',
      '              "data": [',
    ]);
    expect(lines[config + 4]).toMatch(/^ {16}\["09:30:00",[\d.]+\],$/);
    expect(lines[config + 13]).toMatch(/^ {16}\["09:39:00",[\d.]+\]$/);
    expect(lines[config + 14]).toBe('              ]');
    const strip = (text: string) => {
      const doc = JSON.parse(text) as Json;
      return at(doc, 'session_data.symbols');
    };
    expect(strip(compact)).toEqual(strip(pretty));
  });

  it('writes no indicators member when the symbol has none', () => {
    const backtest = backtestOf(json);
    backtest.start();
    backtest.advance(3);
    const doc = parsed(new Exporter(backtest).export({ complete: true }));
    expect(Object.keys(at(doc, RIVN) as Json)).toEqual(['session', 'historical']);
    expect(at(doc, `${RIVN}.historical.indicators`)).toBeUndefined();
  });
});

describe('indicators a configuration names, run by the engine', () => {
  const configured = configJson((c) => {
    c.session_data_config.symbols = ['RIVN', 'AAPL'];
    c.session_data_config.streams = ['1m', '5m', 'ticks'];
    c.session_data_config.historical = {
      enabled: true,
      data: [
        { interval: '1m', trailing_days: 2 },
        { interval: '1d', trailing_days: 30 },
      ],
    };
    c.session_data_config.indicators = {
      session: [
        { name: 'sma', period: 20, interval: '5m' },
        { name: 'sma', period: 3, interval: '1m' },
        // 15m is not streamed: the engine builds its bars for the indicator alone.
        { name: 'sma', period: 2, interval: '15m' },
      ],
      historical: [{ name: 'avg_volume', period: 20, unit: 'days' }],
    };
  });

  function start() {
    const backtest = backtestOf(configured);
    backtest.start();
    return { backtest, exporter: new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0)) };
  }

  it('exports them in the configured order, warmed up on the history and valid from the first bar', () => {
    const { backtest, exporter } = start();
    backtest.advance(16);
    const doc = parsed(exporter.export({ complete: true }));
    expect(Object.keys(at(doc, `${RIVN}.indicators`) as Json)).toEqual([
      'sma_20_5m',
      'sma_3_1m',
      'sma_2_15m',
    ]);
    const bars = (name: string) => at(doc, `${RIVN}.session.data.${name}.data`) as number[][];
    // One row per bar of the interval from the first on, at the bar's time.
    expect(series(doc, SMA).data?.map((r) => r[0])).toEqual(bars('1m').map((r) => r[0]));
    expect(series(doc, `${RIVN}.indicators.sma_20_5m`).data?.map((r) => r[0])).toEqual(
      bars('5m').map((r) => r[0]),
    );
    expect(series(doc, `${RIVN}.indicators.sma_2_15m`)).toMatchObject({
      count: 1,
      columns: ['timestamp', 'value'],
      data: [['09:30:00', expect.any(Number)]],
    });
    const lastThree = bars('1m')
      .slice(13, 16)
      .map((r) => r[4] as number);
    expect(at(doc, `${SMA}.value`)).toBeCloseTo(lastThree.reduce((a, b) => a + b, 0) / 3, 9);
    expect(at(doc, `${SMA}.last_updated`)).toBe('2025-07-01T09:45:00');
    expect(at(doc, `${RIVN}.indicators.sma_20_5m.config`)).toEqual({ period: 20, params: {} });
  });

  it('sends in a delta one bar later exactly one new series row per indicator of that interval', () => {
    const { backtest, exporter } = start();
    backtest.advance(7);
    exporter.export({ complete: true });
    backtest.advance(1);
    const doc = parsed(exporter.export({ complete: false }));
    for (const symbol of ['RIVN', 'AAPL']) {
      const s = `session_data.symbols.${symbol}.indicators`;
      expect(series(doc, `${s}.sma_3_1m`)).toMatchObject({ count: 1, total_count: 8 });
      // Valid and with no new row: left out, the consumer holds their values already.
      expect(Object.keys(at(doc, s) as Json)).toEqual(['sma_3_1m']);
    }
    const seriesPaths = (at(doc, '_metadata.changed_paths') as string[]).filter((p) => p.endsWith('.series'));
    expect(seriesPaths).toEqual([`${SMA}.series`, 'session_data.symbols.AAPL.indicators.sma_3_1m.series']);
    // Two minutes on, the second 5m bar closes: one row for it, two for the 1m indicator.
    backtest.advance(2);
    const next = parsed(exporter.export({ complete: false }));
    expect(series(next, `${RIVN}.indicators.sma_20_5m`)).toMatchObject({ count: 1, total_count: 2 });
    expect(series(next, SMA)).toMatchObject({ count: 2, total_count: 10 });
  });

  it('stamps the rows of a daily indicator with the date, as daily bars are', () => {
    const backtest = backtestOf(
      configJson((c) => {
        c.session_data_config.symbols = ['RIVN'];
        c.session_data_config.streams = ['1m'];
        c.session_data_config.historical = { enabled: true, data: [{ interval: '1d', trailing_days: 5 }] };
        c.session_data_config.indicators = { session: [{ name: 'sma', period: 2, interval: '1d' }] };
      }),
    );
    backtest.start();
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
    backtest.advance(389);
    exporter.export({ complete: false });
    // The day's bar closes with the session: one row, dated.
    backtest.advance(1);
    const doc = parsed(exporter.export({ complete: false }));
    expect(series(doc, `${RIVN}.indicators.sma_2_1d`)).toMatchObject({
      count: 1,
      total_count: 1,
      data: [['2025-07-01', expect.any(Number)]],
    });
    expect(at(doc, `${RIVN}.indicators.sma_2_1d.last_updated`)).toBe('2025-07-01T00:00:00');
  });

  it('writes the historical indicators the configuration names, in complete exports only', () => {
    const { backtest, exporter } = start();
    backtest.advance(1);
    const doc = parsed(exporter.export({ complete: true }));
    const entry = at(doc, `${RIVN}.historical.indicators.avg_volume_20_1d`) as Json;
    expect(Object.keys(entry)).toEqual([
      'name',
      'type',
      'interval',
      'value',
      'last_updated',
      'valid',
      'config',
    ]);
    expect(entry).toMatchObject({
      name: 'avg_volume',
      interval: '1d',
      config: { period: 20, unit: 'days', params: {} },
    });
    // Not valid means no value, whatever the engine can compute yet.
    expect(entry.value === null).toBe(entry.valid === false);
    expect(at(parsed(exporter.export({ complete: false })), `${RIVN}.historical.indicators`)).toBeUndefined();
  });
});
