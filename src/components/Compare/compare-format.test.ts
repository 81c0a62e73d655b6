// What the comparison says in words: the summary line in each case, a change with its sign and percent,
// a stream's rows, and the note under a stream's added rows.
import { describe, expect, it } from 'vitest';
import type { CompareResult, StreamChange } from '../../../workers/viewer/compare-types';
import {
  addedRowsNote,
  formatChange,
  isBookkeeping,
  orderValues,
  rowsText,
  showMoreText,
  summaryLine,
} from './compare-format';

const stream = (over: Partial<StreamChange>): StreamChange => ({
  path: ['analysis', 'equity'],
  columns: ['timestamp'],
  rowsA: 1,
  rowsB: 2,
  totalA: 1,
  totalB: 2,
  added: 1,
  notInB: 0,
  onlyInA: 0,
  onlyInBWithin: 0,
  changed: 0,
  rows: [['09:31:00']],
  firstRow: 1,
  ...over,
});

const result = (over: Partial<CompareResult>): CompareResult => {
  const side = {
    mode: 'complete' as const,
    consumer: 'default',
    sequence: 1,
    previousSequence: null,
    sessionId: 1,
    marketTime: null,
    generatedAt: null,
    sessionDate: null,
  };
  return {
    a: side,
    b: side,
    sameSession: true,
    match: 'position',
    notes: [],
    values: [],
    valuesTotal: 0,
    only: [],
    onlyInA: 0,
    onlyInB: 0,
    notCarried: 0,
    streams: [],
    streamsTotal: 0,
    streamsCompared: 21,
    addedRows: 0,
    addedStreams: 0,
    changedRows: 0,
    rowsListed: 0,
    limits: { values: 1000, only: 500, streams: 1000, rowsPerStream: 500, rows: 5000 },
    tookMs: 1,
    ...over,
  };
};

describe('compare in words', () => {
  it('sums a comparison up in one line', () => {
    expect(summaryLine(result({}))).toBe(
      'Nothing differs: the same values, and the same rows in 21 streams.',
    );
    expect(summaryLine(result({ valuesTotal: 12, onlyInB: 3, addedRows: 1390, addedStreams: 4 }))).toBe(
      '12 values differ, 3 only in B, 1,390 rows added across 4 streams.',
    );
    expect(
      summaryLine(result({ valuesTotal: 1, onlyInA: 2, streams: [stream({ added: 0, onlyInA: 5 })] })),
    ).toBe('1 value differs, 2 only in A, 5 rows of A not in B.');
    // Lined up by timestamp: the rows both hold at a time, with other values.
    expect(summaryLine(result({ match: 'timestamp', addedRows: 5, addedStreams: 1, changedRows: 2 }))).toBe(
      '5 rows added across 1 stream, 2 rows differ at a timestamp both hold.',
    );
    expect(summaryLine(result({ match: 'timestamp', changedRows: 1 }))).toBe(
      '1 row differs at a timestamp both hold.',
    );
    // A minute one run has and the other has not, inside the span both cover, is named on each side.
    expect(
      summaryLine(
        result({ match: 'timestamp', streams: [stream({ added: 0, onlyInA: 1, onlyInBWithin: 2 })] }),
      ),
    ).toBe('1 row of A not in B, 2 rows of B not in A at times A covers.');
    const values = ['_metadata.sequence', 'analysis.account.cash', 'performance_metrics.timing_ms.x.avg'].map(
      (path) => ({ path: path.split('.'), a: '1', b: '2' }),
    );
    expect(summaryLine(result({ values, valuesTotal: 3 }))).toBe('3 values differ (2 of them bookkeeping).');
  });

  it('gives a change its sign and, when A was not 0, its percent', () => {
    expect(formatChange(387, 6.887346503)).toBe('+387 (+6.89%)');
    expect(formatChange(-0.002, -3.333333333)).toBe('-0.002 (-3.33%)');
    expect(formatChange(1, undefined)).toBe('+1');
  });

  it("says how many rows a stream's block holds, and what its added rows leave out", () => {
    expect(rowsText(1412, 1412)).toBe('1,412');
    expect(rowsText(123, 1535)).toBe('123 of 1,535');
    expect(rowsText(null, null)).toBe('absent');
    expect(addedRowsNote(stream({}))).toBe('');
    expect(addedRowsNote(stream({ added: 900, rows: Array(500).fill([]) }))).toBe(
      'The first 500 of 900 added rows are listed (the cap).',
    );
    expect(addedRowsNote(stream({ added: 5, notInB: 3, rows: Array(2).fill([]) }))).toBe(
      "3 added rows are in neither file: B is a delta that starts after A's last row.",
    );
  });

  it('tells bookkeeping from what the session did', () => {
    for (const path of [
      '_metadata.sequence',
      '_metadata.generated_at',
      'performance_metrics.timing_ms.data_processor.avg',
      'performance_metrics.last_delta_export',
      'performance_metrics.last_complete_export.bytes',
      'performance_metrics.counters.exports_made',
    ])
      expect(isBookkeeping(path.split('.')), path).toBe(true);
    for (const path of [
      'performance_metrics.counters.bars_processed',
      'analysis.account.equity',
      'session_data.symbols._metadata',
      'threads.data_processor.state',
      'system_manager._state',
    ])
      expect(isBookkeeping(path.split('.')), path).toBe(false);
  });

  it("orders values by what a quant compares, keeping the document's order within a section", () => {
    const paths = [
      '_metadata.sequence',
      'system_manager._state',
      'performance_metrics.timing_ms.x.avg',
      'performance_metrics.counters.bars_processed',
      'threads.x.state',
      'custom.value',
      'session_config.speed',
      'session_data.symbols.RIVN.b',
      'session_data.symbols.RIVN.a',
      'analysis.account.cash',
    ];
    const { main, bookkeeping } = orderValues(paths.map((p) => ({ path: p.split('.') })));
    expect(main.map((v) => v.path.join('.'))).toEqual([
      'session_data.symbols.RIVN.b',
      'session_data.symbols.RIVN.a',
      'analysis.account.cash',
      'session_config.speed',
      'custom.value',
      'system_manager._state',
      'threads.x.state',
      'performance_metrics.counters.bars_processed',
    ]);
    expect(bookkeeping.map((v) => v.path.join('.'))).toEqual([
      '_metadata.sequence',
      'performance_metrics.timing_ms.x.avg',
    ]);
  });

  it('says how many more a long list shows, and how many are left', () => {
    expect(showMoreText(900)).toBe('Show 100 more (900 left)');
    expect(showMoreText(1234)).toBe('Show 100 more (1,234 left)');
    expect(showMoreText(100)).toBe('Show the last 100');
    expect(showMoreText(7)).toBe('Show the last 7');
  });
});
