// The overview and what a read sends at a thousand symbols (docs/export-format.md section 4.7): every
// symbol's figures from the live feed's board while the mirror holds only the symbols shown, one overview
// per state of the mirror, and the analysis only when it changed since the one the reader holds.
import { describe, expect, it } from 'vitest';
import type { SymbolBoard } from '../export/contract';
import { addEquity, backtestOf, handAnalysis, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { readExport } from './export-doc';
import { Mirror } from './mirror';
import { overviewOf } from './overview';
import { readView } from './view';

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const mirror = new Mirror();
  const apply = (complete: boolean, symbols?: string[]) => {
    const result = exporter.export({ complete, consumer: 'ui', ...(symbols ? { symbols } : {}) });
    const doc = readExport(parsed(result));
    if (!doc.ok) throw new Error(doc.error);
    return mirror.apply(doc.value);
  };
  return { backtest, mirror, apply };
}

const board = (sessionId: number, rows: [string, number, number, number, number, number][]): SymbolBoard => ({
  sessionId,
  symbols: rows.map((r) => r[0]),
  lastPrice: Float64Array.from(rows.map((r) => r[1])),
  volume: Float64Array.from(rows.map((r) => r[2])),
  high: Float64Array.from(rows.map((r) => r[3])),
  low: Float64Array.from(rows.map((r) => r[4])),
  quality: Float64Array.from(rows.map((r) => r[5])),
});

describe('the overview of the live mirror', () => {
  it('gives every symbol of the board its figures, and rows only for those held', () => {
    const { backtest, mirror, apply } = setup();
    backtest.advance(3);
    apply(true, ['AAPL']);
    mirror.takeBoard(
      board(1, [
        ['RIVN', 12.5, 1000, 12.9, 12.1, 100],
        ['AAPL', 201.25, 5000, 202, 200, 99.5],
        ['TSLA', Number.NaN, 0, Number.NaN, Number.NaN, 100],
      ]),
    );
    const { symbols } = overviewOf(mirror);
    const aapl = symbols[1];
    expect(symbols.map((s) => [s.symbol, s.held])).toEqual([
      ['RIVN', false],
      ['AAPL', true],
      ['TSLA', false],
    ]);
    expect(symbols[0]).toMatchObject({
      lastPrice: 12.5,
      volume: 1000,
      high: 12.9,
      low: 12.1,
      quality: 100,
      rows: {},
    });
    // A symbol with no trade yet: its figures are null, not NaN (they cross to the page as plain data).
    expect(symbols[2]).toMatchObject({ lastPrice: null, volume: 0, high: null, low: null });
    expect(aapl).toMatchObject({ lastPrice: 201.25, volume: 5000, quality: 99.5, rows: { '1m': 3 } });
    // Symbols not held offer the intervals the held ones have: a session's symbols share their streams.
    expect(symbols[0]?.intervals).toEqual(aapl?.intervals);
    expect(aapl?.intervals).toContain('5m');
  });

  it('keeps to the rows held when there is no board, or one of another session', () => {
    const { backtest, mirror, apply } = setup();
    backtest.advance(2);
    apply(true, ['TSLA']);
    expect(overviewOf(mirror).symbols.map((s) => [s.symbol, s.held])).toEqual([['TSLA', true]]);
    mirror.takeBoard(board(7, [['RIVN', 1, 1, 1, 1, 100]]));
    expect(overviewOf(mirror).symbols.map((s) => s.symbol)).toEqual(['TSLA']);
  });

  it('is made once per state of the mirror, and again after each export applied or board taken', () => {
    const { backtest, mirror, apply } = setup();
    backtest.advance(2);
    apply(true);
    const first = overviewOf(mirror);
    expect(overviewOf(mirror)).toBe(first);
    expect(readView(mirror, { source: 'live', symbol: 'RIVN', interval: '1m', shown: null }).overview).toBe(
      first,
    );
    backtest.advance(1);
    apply(false);
    const second = overviewOf(mirror);
    expect(second).not.toBe(first);
    expect(second.symbols[0]?.rows['1m']).toBe(3);
    mirror.takeBoard(board(1, [['RIVN', 9, 9, 9, 9, 100]]));
    expect(overviewOf(mirror).symbols[0]?.lastPrice).toBe(9);
  });
});

describe('a read of the analysis', () => {
  it('leaves out the analysis the reader holds, and sends it again once it changed', () => {
    const { backtest, mirror, apply } = setup();
    backtest.advance(5);
    const store = handAnalysis(backtest, [{ module: 'strategies.examples.simple_ma_cross' }], ['RIVN']);
    addEquity(store, Date.UTC(2025, 6, 1, 13, 34), [100_000, 100_000, 0, 0]);
    apply(true);
    const query = { source: 'live' as const, symbol: 'RIVN', interval: '5m', shown: null };
    const first = readView(mirror, query);
    expect(first.analysisUnchanged).toBe(false);
    expect(first.analysis?.equity.equity.length).toBe(1);
    expect(first.analysisKey).not.toBeNull();

    // Nothing of the analysis changed, nor the bars its markers sit on: no analysis in the read.
    apply(false);
    const same = readView(mirror, { ...query, analysisHeld: first.analysisKey });
    expect(same).toMatchObject({ analysisUnchanged: true, analysis: null, analysisKey: first.analysisKey });
    // A reader that holds none, or another one, gets it whole.
    expect(readView(mirror, query).analysis).not.toBeNull();
    expect(
      readView(mirror, { ...query, interval: '1m', analysisHeld: first.analysisKey }).analysisUnchanged,
    ).toBe(false);

    // A new equity sample changes the analysis: it comes again, with the sample.
    addEquity(store, Date.UTC(2025, 6, 1, 13, 35), [100_000, 100_020, 0, 20]);
    apply(false);
    const changed = readView(mirror, { ...query, analysisHeld: first.analysisKey });
    expect(changed.analysisUnchanged).toBe(false);
    expect(changed.analysis?.equity.equity.length).toBe(2);
    expect(changed.analysisKey).not.toBe(first.analysisKey);

    // A new 5m bar moves the markers' places: it comes again too.
    backtest.advance(5);
    apply(false);
    expect(readView(mirror, { ...query, analysisHeld: changed.analysisKey }).analysisUnchanged).toBe(false);
  });

  it("never takes another mirror's analysis for the one held", () => {
    const a = setup();
    const b = setup();
    for (const { backtest, apply } of [a, b]) {
      backtest.advance(2);
      handAnalysis(backtest, [{ module: 'strategies.examples.simple_ma_cross' }], ['RIVN']);
      apply(true);
    }
    const query = { source: 'live' as const, symbol: 'RIVN', interval: '1m', shown: null };
    const key = readView(a.mirror, query).analysisKey;
    expect(readView(b.mirror, { ...query, analysisHeld: key }).analysisUnchanged).toBe(false);
  });
});
