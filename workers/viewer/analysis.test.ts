// The viewer and the analysis section (docs/export-format.md section 10.1): each strategy's signals and
// orders and the equity samples are counted as stream blocks with their rows, as the export counts them,
// and a damaged part is noted and not counted, as the mirror leaves it out.

import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import {
  addEquity,
  addOrder,
  addSignal,
  backtestOf,
  configJson,
  handAnalysis,
  type Json,
  parsed,
} from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { createViewerApi } from './viewer-api';

const MA = 'strategies.examples.simple_ma_cross';
const ny = (hour: number, minute: number) => Date.UTC(2025, 6, 1, hour + 4, minute);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function exportOf(complete: boolean) {
  const backtest = backtestOf(
    configJson((c) => {
      c.session_data_config.symbols = ['RIVN'];
      c.session_data_config.streams = ['1m'];
      c.session_data_config.historical = { enabled: false, data: [] };
      delete c.session_data_config.indicators;
      // No strategy of the built-in session: these symbols and indicators are the test's own.
      delete c.session_data_config.strategies;
    }),
  );
  backtest.start();
  backtest.advance(10);
  const store = handAnalysis(backtest, [{ module: MA }], ['RIVN']);
  addSignal(store, MA, {
    time: ny(9, 35),
    symbol: 'RIVN',
    interval: '5m',
    action: 'BUY',
    quantity: 1,
    price: 12.5,
    reason: 'up',
  });
  addOrder(store, MA, {
    time: ny(9, 40),
    symbol: 'RIVN',
    side: 'BUY',
    quantity: 1,
    status: 'filled',
    price: 12.5,
    commission: 0,
    realizedPnl: 0,
    signalTime: ny(9, 35),
    reason: 'up',
  });
  for (const minute of [31, 32, 33]) addEquity(store, ny(9, minute), [100_000, 100_000, 0, 0]);
  const result = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0)).export({ complete });
  if (!result.ok) throw new Error(result.error);
  return { doc: parsed(result), rows: result.value.rows };
}

async function open(doc: unknown) {
  const api = createViewerApi();
  const opened = value(await api.open(new Blob([JSON.stringify(doc, null, 2)])));
  return opened.summary;
}

describe('the viewer and the analysis section', () => {
  it('counts its blocks and rows as the export does', async () => {
    for (const complete of [true, false]) {
      const { doc, rows } = exportOf(complete);
      const summary = await open(doc);
      // The 1m stream (10 bars), then signals (1), orders (1) and equity (3).
      expect(summary).toMatchObject({ streams: 4, rows: 15, notes: [] });
      expect(summary.rows).toBe(rows);
    }
  });

  it('notes a damaged part and leaves it uncounted, instead of refusing the file', async () => {
    const { doc } = exportOf(true);
    const copy = structuredClone(doc);
    const analysis = copy.analysis as { equity: Json; strategies: Record<string, unknown> };
    analysis.equity.count = 7;
    const summary = await open(copy);
    expect(summary).toMatchObject({ streams: 3, rows: 12 });
    expect(summary.notes).toEqual(['analysis.equity says count 7 but holds 3 rows: left out']);
    analysis.strategies.other = 'none';
    expect((await open(copy)).notes).toEqual(['2 parts of the analysis section are damaged: left out']);
  });
});
