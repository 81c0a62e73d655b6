// `symbols=`: an export carries only the symbols asked for, and the others keep their cursors in a delta and
// go back to the start in a complete export, as excluded streams do (docs/export-format.md section 4.4).
import { describe, expect, it } from 'vitest';
import { at, backtestOf, type Json, parsed } from './export.test-support';
import { Exporter } from './exporter';
import { acceptedSymbols } from './symbol-selection';

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  return { backtest, exporter };
}

const symbolsOf = (doc: Json) => Object.keys(at(doc, 'session_data.symbols') as Json);
const oneMinute = (doc: Json, symbol: string) =>
  at(doc, `session_data.symbols.${symbol}.session.data.1m`) as Json;

describe('symbols=', () => {
  it('writes only the symbols asked for, in the session order, and names them in _metadata', () => {
    const { backtest, exporter } = setup();
    backtest.advance(2);
    const doc = parsed(exporter.export({ complete: true, symbols: ['TSLA', 'RIVN', 'TSLA'] }));
    expect(symbolsOf(doc)).toEqual(['RIVN', 'TSLA']);
    expect((doc._metadata as Json).symbols).toEqual(['RIVN', 'TSLA']);
    // Every symbol is still active: the selection only says which rows this export carries.
    expect(at(doc, 'session_data._active_symbols')).toEqual(['RIVN', 'AAPL', 'TSLA']);
    expect(oneMinute(doc, 'RIVN').count).toBe(2);
    // An export that names no selection is unchanged: no `symbols` key in `_metadata`.
    expect((parsed(exporter.export({ complete: true }))._metadata as Json).symbols).toBeUndefined();
  });

  it('keeps the cursors of a symbol left out of a delta, so a later delta sends its rows from there', () => {
    const { backtest, exporter } = setup();
    backtest.advance(3);
    exporter.export({ complete: false });
    backtest.advance(2);
    const only = parsed(exporter.export({ complete: false, symbols: ['RIVN'] }));
    expect(symbolsOf(only)).toEqual(['RIVN']);
    expect(oneMinute(only, 'RIVN').count).toBe(2);
    const paths = (only._metadata as Json).changed_paths as string[];
    expect(paths.some((p) => p.includes('.AAPL.'))).toBe(false);
    backtest.advance(1);
    const all = parsed(exporter.export({ complete: false }));
    expect(oneMinute(all, 'RIVN')).toMatchObject({ count: 1, total_count: 6 });
    // AAPL was left out of the previous delta: its two minutes come now, with the new one.
    expect(oneMinute(all, 'AAPL')).toMatchObject({ count: 3, total_count: 6 });
  });

  it('moves the cursors of a symbol left out of a complete export back to the start', () => {
    const { backtest, exporter } = setup();
    backtest.advance(4);
    exporter.export({ complete: false });
    exporter.export({ complete: true, symbols: ['RIVN'] });
    backtest.advance(1);
    const next = parsed(exporter.export({ complete: false }));
    expect(oneMinute(next, 'RIVN')).toMatchObject({ count: 1, total_count: 5 });
    // The complete export replaced what the consumer held, and it held none of AAPL's rows.
    expect(oneMinute(next, 'AAPL')).toMatchObject({ count: 5, total_count: 5 });
  });

  it('accepts an empty list: no symbol is written, every cursor stays', () => {
    const { backtest, exporter } = setup();
    backtest.advance(2);
    const none = parsed(exporter.export({ complete: false, symbols: [] }));
    expect(symbolsOf(none)).toEqual([]);
    expect((none._metadata as Json).symbols).toEqual([]);
    const next = parsed(exporter.export({ complete: false }));
    expect(oneMinute(next, 'TSLA').count).toBe(2);
  });

  it('refuses a name that is not a symbol of the session, in one line, and changes nothing', () => {
    const { backtest, exporter } = setup();
    backtest.advance(2);
    const before = exporter.cursorFingerprint();
    expect(exporter.export({ complete: false, symbols: ['RIVN', 'NOPE'] })).toEqual({
      ok: false,
      error:
        'system export-status: symbols=NOPE is not a symbol of this session (accepted: RIVN, AAPL, TSLA)',
    });
    expect(exporter.cursorFingerprint()).toBe(before);
    expect(oneMinute(parsed(exporter.export({ complete: false })), 'RIVN').count).toBe(2);
  });

  it('names the first ten symbols in a refusal, then how many more', () => {
    const symbols = Array.from({ length: 1000 }, (_, i) => `S${i}`);
    expect(acceptedSymbols(symbols)).toBe(
      "S0, S1, S2, S3, S4, S5, S6, S7, S8, S9 and 990 more of the session's symbols",
    );
    expect(acceptedSymbols([])).toBe('none');
  });
});
