import { describe, expect, it } from 'vitest';
import { createRuntime } from '../api/runtime';
import { tradingDay } from '../engine/calendar';
import { generatorSource } from '../engine/market-source';
import { importCsv } from './csv-import';

/** One-minute bars for RIVN: the whole of 2025-06-30 (history) and the first 10 minutes of 2025-07-01. */
function csv(): string {
  const lines = ['time,open,high,low,close,volume'];
  const add = (date: string, minutes: number) => {
    for (let m = 0; m < minutes; m++) {
      const total = 570 + m;
      const hh = String(Math.floor(total / 60)).padStart(2, '0');
      const mm = String(total % 60).padStart(2, '0');
      const price = 20 + m / 100;
      lines.push(
        `${date}T${hh}:${mm}:00,${price},${price + 0.05},${price - 0.05},${price + 0.01},${100 + m}`,
      );
    }
  };
  add('2025-06-30', 390);
  add('2025-07-01', 10);
  return lines.join('\n');
}

describe('imported bars in the backtest', () => {
  it('replay as the session base bars, derive the other intervals, and become history', async () => {
    const runtime = createRuntime({ realtime: false });
    const imported = await importCsv(csv(), 'RIVN');
    if (!imported.ok) throw new Error(imported.error);
    expect(runtime.replayImportedBars(imported.value.bars)).toEqual({
      ok: true,
      value: 'RIVN replays its 400 imported bars',
    });
    runtime.start();
    runtime.step(12);
    const rivn = runtime.backtest.session?.symbols.get('RIVN');
    expect(Array.from(rivn?.baseBars?.open.slice(0, 10) ?? [])).toEqual(
      Array.from({ length: 10 }, (_, m) => 20 + m / 100),
    );
    // Ten bars, then two minutes with nothing imported: gaps, and quality says so.
    expect(rivn?.baseBars?.length).toBe(10);
    expect(rivn?.metrics.quality).toBe(Math.round((10 / 12) * 10_000) / 100);
    expect(rivn?.bars.get('5m')?.length).toBe(2);
    expect(rivn?.bars.get('5m')?.volume[0]).toBe(100 + 101 + 102 + 103 + 104);
    expect(rivn?.ticks?.length).toBe(0);
    const history = rivn?.historical.get('1m');
    expect(history?.bars.length).toBe(390); // only 2025-06-30 was imported
    expect(history?.bars.open[0]).toBe(20);
    expect(rivn?.historical.get('1d')?.bars.length).toBe(1);
    // Other symbols keep the generator.
    expect(runtime.backtest.session?.symbols.get('AAPL')?.baseBars?.length).toBe(12);
  });

  it('refuses bars of a symbol the session does not have, and can go back to generated data', async () => {
    const runtime = createRuntime({ realtime: false });
    const imported = await importCsv(csv(), 'ACME');
    if (!imported.ok) throw new Error(imported.error);
    expect(runtime.replayImportedBars(imported.value.bars)).toEqual({
      ok: false,
      error:
        'ACME is not a symbol of this session (symbols: RIVN, AAPL, TSLA); add it to the configuration first',
    });
    const rivn = await importCsv(csv(), 'RIVN');
    if (!rivn.ok) throw new Error(rivn.error);
    runtime.replayImportedBars(rivn.value.bars);
    expect(runtime.dropImportedBars('RIVN')).toEqual({ ok: true, value: 'RIVN replays generated data' });
    runtime.start();
    runtime.step(12);
    expect(runtime.backtest.session?.symbols.get('RIVN')?.baseBars?.length).toBe(12);
  });

  it('take effect at the next start: a run goes on with the data it started with, history included', async () => {
    const runtime = createRuntime({ realtime: false });
    const aapl = await importCsv(csv(), 'AAPL');
    if (!aapl.ok) throw new Error(aapl.error);
    runtime.replayImportedBars(aapl.value.bars); // one import before the start
    runtime.start();
    const rivn = await importCsv(csv(), 'RIVN');
    if (!rivn.ok) throw new Error(rivn.error);
    expect(runtime.replayImportedBars(rivn.value.bars)).toEqual({
      ok: true,
      value: 'RIVN replays its 400 imported bars from the next system start',
    });
    runtime.step(391); // the close of 2025-07-01, then the first minute of 2025-07-02
    const session = runtime.backtest.session;
    expect(session?.date).toBe('2025-07-02');
    const store = session?.symbols.get('RIVN');
    // Generated, as the run started: not the imported 20.00, 20.01, ... and a full generated history.
    expect(store?.ticks?.length).toBeGreaterThan(0);
    expect(store?.historical.get('1m')?.bars.length).toBe(3900);
    expect(store?.historical.get('1m')?.bars.open[3899]).toBe(
      generatorSource(runtime.backtest.market).day('RIVN', tradingDay('2025-07-01')).bars.open[389],
    );
    expect(store?.historical.get('1m')?.bars.open[3899]).not.toBe(20 + 389 / 100);

    // The next start replays the import.
    runtime.stop();
    runtime.start();
    expect(runtime.backtest.session?.symbols.get('RIVN')?.historical.get('1m')?.bars.open[0]).toBe(20);
  });

  it('make history loaded ahead of the start stale: the start loads it again from the imported bars', async () => {
    const runtime = createRuntime({ realtime: false });
    runtime.backtest.preloadHistory('RIVN'); // as a sliced start does, symbol by symbol
    const rivn = await importCsv(csv(), 'RIVN');
    if (!rivn.ok) throw new Error(rivn.error);
    runtime.replayImportedBars(rivn.value.bars);
    runtime.start();
    const history = runtime.backtest.session?.symbols.get('RIVN')?.historical.get('1m');
    expect(history?.bars.length).toBe(390);
    expect(history?.bars.open[0]).toBe(20);
  });
});
