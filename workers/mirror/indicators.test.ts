// Indicators as the readers take them (docs/export-format.md sections 9.1 and 11): the mirror holds after a
// complete export and its deltas what a complete export at the end gives, checks that series rows follow
// on, and a damaged indicator is left out with a note while the rest of the file is read.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, backtestOf, configJson, feedIndicators, type Json, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { readExport } from './export-doc';
import { Mirror } from './mirror';
import type { RowTable } from './row-table';

const INDICATORS = [
  { name: 'sma', period: 3, interval: '1m' },
  { name: 'donchian', period: 20, interval: '5m' },
];

function setup() {
  const backtest = backtestOf(
    configJson((c) => {
      c.session_data_config.symbols = ['RIVN', 'AAPL'];
      c.session_data_config.streams = ['1m', '5m'];
      // Indicators fed by hand: none of the built-in session's.
      delete c.session_data_config.indicators;
      // No strategy of the built-in session: these symbols and indicators are the test's own.
      delete c.session_data_config.strategies;
      c.session_data_config.historical = { enabled: true, data: [{ interval: '1m', trailing_days: 1 }] };
    }),
  );
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  feedIndicators(backtest, INDICATORS);
  const store = backtest.session?.symbols.get('RIVN');
  if (!store) throw new Error('no RIVN');
  store.historicalIndicators = [
    {
      spec: {
        key: 'avg_volume_20_1d',
        name: 'avg_volume',
        type: 'volume',
        period: 20,
        unit: 'days',
        interval: '1d',
        params: {},
      },
      outputs: ['value'],
      valid: true,
      value: Float64Array.of(1_250_000),
      lastUpdated: Date.UTC(2025, 5, 30, 4),
    },
  ];
  const advance = (minutes: number) => {
    backtest.advance(minutes);
    feedIndicators(backtest, INDICATORS);
  };
  const raw = (complete: boolean, consumer = 'ui', exclude: string[] = []) =>
    parsed(exporter.export({ complete, consumer, exclude }));
  const take = (complete: boolean, consumer = 'ui', exclude: string[] = []) => {
    const doc = readExport(raw(complete, consumer, exclude));
    if (!doc.ok) throw new Error(doc.error);
    return doc.value;
  };
  return { advance, raw, take };
}

/** Every indicator a mirror holds, as plain values. */
function indicatorsIn(mirror: Mirror) {
  const columns = (t: RowTable) => t.names.map((_, c) => Array.from(t.column(c)));
  return [...mirror.symbols].map(([symbol, s]) => ({
    symbol,
    indicators: [...s.indicators].map(([key, i]) => ({
      ...i,
      series: [i.series.names, columns(i.series)],
      key,
    })),
    historical: [...s.historicalIndicators],
  }));
}

describe('indicators in the mirror', () => {
  it('holds after a complete export and its deltas exactly what a complete export at the end gives', () => {
    const { advance, take } = setup();
    advance(2);
    const mirror = new Mirror();
    mirror.apply(take(true));
    for (const [minutes, exclude] of [
      [1, []],
      [4, ['indicators']],
      [3, []],
      [7, ['indicators']],
      [2, []],
    ] as const) {
      advance(minutes);
      expect(mirror.apply(take(false, 'ui', [...exclude])).kind).toBe('delta');
    }
    const end = new Mirror();
    end.apply(take(true, 'check'));
    expect(indicatorsIn(mirror)).toEqual(indicatorsIn(end));
    expect(mirror.rowsHeld).toBe(end.rowsHeld);
    const sma = mirror.symbols.get('RIVN')?.indicators.get('sma_3_1m');
    expect(sma).toMatchObject({
      name: 'sma',
      interval: '1m',
      valid: true,
      lastUpdated: '2025-07-01T09:48:00',
    });
    expect(sma?.series.length).toBe(19);
    expect(mirror.symbols.get('RIVN')?.indicators.get('donchian_20_5m')?.series.length).toBe(2);
    expect(mirror.symbols.get('RIVN')?.historicalIndicators.get('avg_volume_20_1d')).toEqual({
      key: 'avg_volume_20_1d',
      name: 'avg_volume',
      type: 'volume',
      interval: '1d',
      config: { period: 20, unit: 'days', params: {} },
      value: 1_250_000,
      valid: true,
      lastUpdated: '2025-06-30T00:00:00',
    });
  });

  it('reports the series rows a delta added apart from the streams, and counts them', () => {
    const { advance, take } = setup();
    const mirror = new Mirror();
    mirror.apply(take(true));
    const before = mirror.rowsHeld;
    advance(10);
    const outcome = mirror.apply(take(false));
    if (outcome.kind !== 'delta') throw new Error(outcome.kind);
    expect(outcome.indicators).toEqual([
      { symbol: 'RIVN', key: 'sma_3_1m', from: 0, to: 10 },
      { symbol: 'RIVN', key: 'donchian_20_5m', from: 0, to: 1 },
      { symbol: 'AAPL', key: 'sma_3_1m', from: 0, to: 10 },
      { symbol: 'AAPL', key: 'donchian_20_5m', from: 0, to: 1 },
    ]);
    expect(outcome.changed.map((c) => c.stream)).toEqual(['1m', '5m', '1m', '5m']);
    // 10 1m bars, 2 5m bars, 10 + 1 series rows, for two symbols.
    expect(outcome.rowsAdded).toBe(2 * (10 + 2 + 11));
    expect(mirror.rowsHeld).toBe(before + outcome.rowsAdded);
  });

  it('asks for a complete export when a series does not follow on, and changes nothing', () => {
    const { advance, raw, take } = setup();
    const mirror = new Mirror();
    advance(3);
    mirror.apply(take(true));
    advance(2);
    const doc = raw(false);
    const series = at(doc, 'session_data.symbols.AAPL.indicators.sma_3_1m.series') as Json;
    series.total_count = (series.total_count as number) + 1;
    const read = readExport(doc);
    if (!read.ok) throw new Error(read.error);
    expect(mirror.apply(read.value)).toEqual({
      kind: 'resync',
      reason: 'AAPL indicators.sma_3_1m: the delta starts at row 4 but 3 are held',
    });
    expect(mirror.symbols.get('AAPL')?.indicators.get('sma_3_1m')?.series.length).toBe(3);
    expect(mirror.sequence).toBe(1);
  });
});

describe('the mirror and the indicators the engine runs', () => {
  const engineRun = () =>
    backtestOf(
      configJson((c) => {
        c.session_data_config.symbols = ['RIVN'];
        c.session_data_config.streams = ['1m', '5m'];
        c.session_data_config.historical = {
          enabled: true,
          data: [
            { interval: '1m', trailing_days: 1 },
            { interval: '1d', trailing_days: 5 },
          ],
        };
        c.session_data_config.indicators = {
          session: [
            { name: 'sma', period: 3, interval: '1m' },
            { name: 'sma', period: 2, interval: '15m' },
          ],
          historical: [{ name: 'avg_volume', period: 3, unit: 'days' }],
        };
      }),
    );

  function started() {
    const backtest = engineRun();
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
    backtest.start();
    const take = (complete: boolean, consumer = 'ui', exclude: string[] = []) => {
      const doc = readExport(parsed(exporter.export({ complete, consumer, exclude })));
      if (!doc.ok) throw new Error(doc.error);
      return doc.value;
    };
    return { backtest, take };
  }

  it('holds after a complete export and every delta what a complete export at the end gives', () => {
    const { backtest, take } = started();
    const mirror = new Mirror();
    mirror.apply(take(true));
    for (const minutes of [1, 14, 1, 30]) {
      backtest.advance(minutes);
      expect(mirror.apply(take(false)).kind).toBe('delta');
    }
    const end = new Mirror();
    end.apply(take(true, 'check'));
    expect(indicatorsIn(mirror)).toEqual(indicatorsIn(end));
    const rivn = mirror.symbols.get('RIVN');
    expect(rivn?.indicators.get('sma_3_1m')?.series.length).toBe(46);
    expect(rivn?.indicators.get('sma_2_15m')?.series.length).toBe(3);
    expect([...(rivn?.historicalIndicators.keys() ?? [])]).toEqual(['avg_volume_3_1d']);
  });

  it('does so for any interleaving of advances and deltas, some leaving indicators or a stream out', () => {
    const delta = fc.record({
      minutes: fc.integer({ min: 0, max: 40 }),
      exclude: fc.subarray(['indicators', '5m']),
    });
    fc.assert(
      fc.property(fc.array(delta, { minLength: 1, maxLength: 8 }), (deltas) => {
        const { backtest, take } = started();
        const mirror = new Mirror();
        mirror.apply(take(true));
        for (const { minutes, exclude } of deltas) {
          backtest.advance(minutes);
          expect(mirror.apply(take(false, 'ui', exclude)).kind).toBe('delta');
        }
        // One last delta with nothing left out, as a consumer that wants everything takes.
        expect(mirror.apply(take(false)).kind).toBe('delta');
        const end = new Mirror();
        end.apply(take(true, 'check'));
        expect(indicatorsIn(mirror)).toEqual(indicatorsIn(end));
        expect(mirror.rowsHeld).toBe(end.rowsHeld);
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});

describe('reading indicators', () => {
  const { advance, raw } = setup();
  advance(10);
  const complete = raw(true);
  const SMA = 'session_data.symbols.RIVN.indicators.sma_3_1m';

  const readEdited = (edit: (doc: Json) => void) => {
    const copy = structuredClone(complete);
    edit(copy);
    const read = readExport(copy);
    if (!read.ok) throw new Error(read.error);
    return read.value;
  };
  const indicators = (doc: Json) => at(doc, 'session_data.symbols.RIVN.indicators') as Json;

  it('takes a missing or null indicators member as none, without a note', () => {
    for (const edit of [
      (d: Json) => {
        delete (at(d, 'session_data.symbols.RIVN') as Json).indicators;
      },
      (d: Json) => {
        (at(d, 'session_data.symbols.RIVN') as Json).indicators = null;
      },
    ]) {
      const doc = readEdited(edit);
      expect(doc.symbols.RIVN?.indicators).toBeUndefined();
      expect(doc.notes).toEqual([]);
      expect(Object.keys(doc.symbols.AAPL?.indicators ?? {})).toEqual(['sma_3_1m', 'donchian_20_5m']);
    }
  });

  it('leaves out a damaged entry with one note naming its place, and reads the rest of the file', () => {
    const cases: [string, (d: Json) => void, string][] = [
      [
        'not an object',
        (d) => {
          indicators(d).sma_3_1m = [1, 2];
        },
        `${SMA} is a list, not an object: indicator left out`,
      ],
      [
        'a row of the wrong width',
        (d) => {
          ((at(d, `${SMA}.series.data`) as unknown[][])[3] as unknown[]).push(1);
        },
        `${SMA}.series.data[3]: a row of 3 values (expected a list of 2 values): indicator left out`,
      ],
      [
        'a bad time',
        (d) => {
          ((at(d, `${SMA}.series.data`) as unknown[][])[0] as unknown[])[0] = '25:99';
        },
        `${SMA}.series.data[0][0]: "25:99" is not a time: indicator left out`,
      ],
      [
        'a count that does not match',
        (d) => {
          (at(d, `${SMA}.series`) as Json).count = 3;
        },
        `${SMA}.series says count 3 but holds 10 rows: indicator left out`,
      ],
      [
        'a value that is a text',
        (d) => {
          (at(d, SMA) as Json).value = 'high';
        },
        `${SMA}.value is "high" (expected a number, null, or an object of numbers): indicator left out`,
      ],
    ];
    for (const [what, edit, note] of cases) {
      const doc = readEdited(edit);
      expect(doc.notes, what).toEqual([note]);
      expect(Object.keys(doc.symbols.RIVN?.indicators ?? {}), what).toEqual(['donchian_20_5m']);
      expect(doc.symbols.RIVN?.session.data['1m']?.count, what).toBe(10);
      expect(Object.keys(doc.symbols.AAPL?.indicators ?? {}), what).toEqual(['sma_3_1m', 'donchian_20_5m']);
    }
  });

  it('counts several damaged entries in one note, and notes an indicators member that is not an object', () => {
    const doc = readEdited((d) => {
      indicators(d).sma_3_1m = null;
      (at(d, 'session_data.symbols.AAPL.indicators') as Json).donchian_20_5m = 7;
      (at(d, 'session_data.symbols.RIVN.historical') as Json).indicators = 'none';
    });
    expect(doc.notes).toEqual([
      'session_data.symbols.RIVN.historical.indicators is "none", not an object: no indicators',
      '2 indicators are damaged: left out',
    ]);
    expect(doc.symbols.RIVN?.historical?.indicators).toBeUndefined();
  });

  it("assumes a series' columns from its value when the file names none, as the original may write it", () => {
    const doc = readEdited((d) => {
      delete (at(d, `${SMA}.series`) as Json).columns;
      delete (at(d, 'session_data.symbols.RIVN.indicators.donchian_20_5m.series') as Json).columns;
    });
    expect(doc.symbols.RIVN?.indicators?.sma_3_1m?.series.columns).toEqual(['timestamp', 'value']);
    expect(doc.symbols.RIVN?.indicators?.donchian_20_5m?.series.columns).toEqual([
      'timestamp',
      'upper',
      'middle',
      'lower',
    ]);
    expect(doc.notes).toEqual([
      "2 stream blocks have no columns: this app's columns for each stream are assumed",
    ]);
  });
});
