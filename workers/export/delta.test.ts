import { describe, expect, it } from 'vitest';
import { applyExport, at, backtestOf, type Json, parsed } from './export.test-support';
import { Exporter } from './exporter';

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  return { backtest, exporter };
}

const oneMinute = (doc: Json) => at(doc, 'session_data.symbols.RIVN.session.data.1m') as Json;

describe('delta semantics', () => {
  it('sends a first delta every session row and no history', () => {
    const { backtest, exporter } = setup();
    backtest.advance(7);
    const doc = parsed(exporter.export({ complete: false }));
    expect(oneMinute(doc).count).toBe(7);
    expect(at(doc, 'session_data.symbols.RIVN.historical.data')).toEqual({});
    expect((doc._metadata as Json).previous_sequence).toBeNull();
    expect((doc._metadata as Json).last_update).toBeNull();
  });

  it('moves the cursor to the end on a complete export', () => {
    const { backtest, exporter } = setup();
    backtest.advance(5);
    exporter.export({ complete: true });
    const empty = parsed(exporter.export({ complete: false }));
    expect(oneMinute(empty).count).toBe(0);
    expect((empty._metadata as Json).changed_paths).toEqual([]);
    backtest.advance(2);
    expect(oneMinute(parsed(exporter.export({ complete: false }))).count).toBe(2);
  });

  it('keeps consumers independent', () => {
    const { backtest, exporter } = setup();
    backtest.advance(3);
    exporter.export({ complete: false, consumer: 'ui' });
    backtest.advance(2);
    const ui = parsed(exporter.export({ complete: false, consumer: 'ui' }));
    const script = parsed(exporter.export({ complete: false, consumer: 'script' }));
    expect(oneMinute(ui).count).toBe(2);
    expect(oneMinute(script).count).toBe(5);
    expect((script._metadata as Json).sequence).toBe(1);
    expect((ui._metadata as Json).sequence).toBe(2);
  });

  it('regenerates a delta from an earlier export with since=', () => {
    const { backtest, exporter } = setup();
    backtest.advance(3);
    exporter.export({ complete: false }); // 1
    backtest.advance(4);
    exporter.export({ complete: false }); // 2
    backtest.advance(5);
    const again = parsed(exporter.export({ complete: false, since: 1 }));
    expect(oneMinute(again).count).toBe(9);
    expect(oneMinute(again).total_count).toBe(12);
    expect((again._metadata as Json).previous_sequence).toBe(1);
    expect((again._metadata as Json).sequence).toBe(3);
    expect(exporter.export({ complete: false, since: 9 })).toEqual({
      ok: false,
      error:
        'system export-status: since=9 is not an export of consumer "default" in this session (known: 1-3)',
    });
    expect(exporter.export({ complete: true, since: 1 }).ok).toBe(false);
  });

  it('leaves excluded streams out, names them, and does not move their cursors', () => {
    const { backtest, exporter } = setup();
    backtest.advance(2);
    const doc = parsed(exporter.export({ complete: false, exclude: ['ticks', 'quotes', 'threads'] }));
    expect((doc._metadata as Json).excluded).toEqual(['ticks', 'quotes', 'threads']);
    expect(doc.threads).toBeUndefined();
    expect(Object.keys(at(doc, 'session_data.symbols.RIVN.session.data') as Json)).toEqual([
      '1m',
      '5m',
      '15m',
    ]);
    backtest.advance(1);
    const next = parsed(exporter.export({ complete: false }));
    const ticks = at(next, 'session_data.symbols.RIVN.session.data.ticks') as Json;
    expect(ticks.count).toBe(ticks.total_count);
    expect(oneMinute(next).count).toBe(1);
    expect(exporter.export({ complete: false, exclude: ['trades'] })).toEqual({
      ok: false,
      error:
        'system export-status: exclude=trades is not a stream or section of this session (accepted: 1m, 5m, 15m, ticks, quotes, system_manager, time_manager, performance_metrics, threads, session_config, historical, indicators, analysis)',
    });
  });

  it('changes nothing when an export fails part way', () => {
    const { backtest, exporter } = setup();
    backtest.advance(3);
    exporter.export({ complete: false });
    backtest.advance(2);
    let checks = 0;
    const signal = {
      get aborted() {
        return ++checks > 2; // fails after the first symbol was written
      },
    };
    expect(exporter.export({ complete: false, signal })).toEqual({
      ok: false,
      error: 'system export-status: export cancelled; nothing changed',
    });
    const doc = parsed(exporter.export({ complete: false }));
    expect(oneMinute(doc).count).toBe(2);
    expect((doc._metadata as Json).sequence).toBe(2);
    expect((doc._metadata as Json).previous_sequence).toBe(1);
  });

  it('restarts cursors with a new session_id on a new trading day, and on reset-indices', () => {
    const { backtest, exporter } = setup();
    backtest.advance(390);
    const day1 = parsed(exporter.export({ complete: false }));
    backtest.advance(2);
    const day2 = parsed(exporter.export({ complete: false }));
    expect((day2._metadata as Json).session_id).not.toBe((day1._metadata as Json).session_id);
    expect((day2._metadata as Json).previous_sequence).toBeNull();
    expect(oneMinute(day2)).toMatchObject({ count: 2, total_count: 2 });
    backtest.advance(1);
    expect(exporter.resetIndices('default')).toEqual({ ok: true, value: 'default' });
    const reset = parsed(exporter.export({ complete: false }));
    expect(oneMinute(reset)).toMatchObject({ count: 3, total_count: 3 });
    expect((reset._metadata as Json).previous_sequence).toBeNull();
  });

  it('applies deltas onto a complete export to give exactly a complete export taken at the end', () => {
    const { backtest, exporter } = setup();
    backtest.advance(4);
    let mirror = applyExport(null, parsed(exporter.export({ complete: true, consumer: 'ui' })));
    for (const minutes of [1, 3, 0, 7, 20]) {
      if (minutes > 0) backtest.advance(minutes);
      mirror = applyExport(mirror, parsed(exporter.export({ complete: false, consumer: 'ui' })));
    }
    const end = applyExport(null, parsed(exporter.export({ complete: true, consumer: 'check' })));
    expect(mirror).toEqual(end);
  });
});
