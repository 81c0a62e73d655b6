// The viewer and exports with indicators (docs/export-format.md section 9.1): their series blocks are
// counted as stream blocks with their rows, the tree shows their rows under their columns, and a damaged
// entry is noted and not counted, as the mirror leaves it out.

import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import { at, backtestOf, configJson, feedIndicators, type Json, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { createViewerApi } from './viewer-api';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const INDICATORS = [
  { name: 'sma', period: 3, interval: '1m' },
  { name: 'donchian', period: 20, interval: '5m' },
];

function exportOf(complete: boolean) {
  const backtest = backtestOf(
    configJson((c) => {
      c.session_data_config.symbols = ['RIVN'];
      c.session_data_config.streams = ['1m', '5m'];
      c.session_data_config.historical = { enabled: false, data: [] };
      // Indicators fed by hand: none of the built-in session's.
      delete c.session_data_config.indicators;
      // No strategy of the built-in session: these symbols and indicators are the test's own.
      delete c.session_data_config.strategies;
    }),
  );
  backtest.start();
  feedIndicators(backtest, INDICATORS);
  backtest.advance(10);
  feedIndicators(backtest, INDICATORS);
  const result = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0)).export({ complete });
  if (!result.ok) throw new Error(result.error);
  return { doc: parsed(result), rows: result.value.rows };
}

async function open(doc: unknown) {
  const api = createViewerApi();
  const opened = value(await api.open(new Blob([JSON.stringify(doc, null, 2)])));
  return {
    summary: opened.summary,
    children: async (path: (string | number)[]) => value(await api.children(opened.id, path)),
    rows: async (path: (string | number)[]) => api.rows(opened.id, path, 0, 100),
  };
}

const SERIES = ['session_data', 'symbols', 'RIVN', 'indicators', 'sma_3_1m', 'series'];

describe('the viewer and indicators', () => {
  it('counts series blocks and their rows as the export does, and shows their rows under their columns', async () => {
    for (const complete of [true, false]) {
      const { doc, rows } = exportOf(complete);
      const { summary, children } = await open(doc);
      // 1m and 5m, and the two series: 10 + 2 bars; without history to warm up on, the SMA is valid from
      // the third bar (8 rows), the 5m indicator from the second (1 row). The analysis section's equity
      // block (no strategy: no rows) is one more.
      expect(summary).toMatchObject({ streams: 5, rows: 21, notes: [] });
      expect(summary.rows).toBe(rows);
      const series = await children(SERIES);
      expect(series.find((e) => e.key === 'data')).toMatchObject({
        kind: 'array',
        size: 8,
        columns: ['timestamp', 'value'],
      });
      const entries = await children(SERIES.slice(0, -1));
      expect(entries.find((e) => e.key === 'series')?.counts).toEqual({ count: 8, total: 8 });
    }
  });

  it('notes a damaged indicator and leaves it uncounted, instead of refusing the file', async () => {
    const { doc } = exportOf(true);
    const copy = structuredClone(doc);
    (at(copy, 'session_data.symbols.RIVN.indicators.sma_3_1m.series') as Json).count = 4;
    const { summary } = await open(copy);
    expect(summary).toMatchObject({ streams: 4, rows: 13 });
    expect(summary.notes).toEqual([
      'session_data.symbols.RIVN.indicators.sma_3_1m.series says count 4 but holds 8 rows: indicator left out',
    ]);
  });

  it('refuses a page of series rows that are not as wide as its columns', async () => {
    const { doc } = exportOf(true);
    const copy = structuredClone(doc);
    (
      (at(copy, 'session_data.symbols.RIVN.indicators.sma_3_1m.series.data') as unknown[][])[2] as unknown[]
    ).pop();
    const { rows } = await open(copy);
    expect(await rows([...SERIES, 'data'])).toEqual({
      ok: false,
      error:
        'The file is damaged: session_data.symbols.RIVN.indicators.sma_3_1m.series.data[2]: a row of 1 values (expected a list of 2 values).',
    });
  });
});
