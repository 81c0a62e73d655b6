import { describe, expect, it } from 'vitest';
import type { ExportRecord } from '../export-record';
import { exportRecord } from './export-record.test-support';
import { replayChain } from './replay-chain';

const complete = (id: string, sequence: number, over: Partial<ExportRecord> = {}) =>
  exportRecord({ id, sequence, mode: 'complete', previousSequence: null, ...over });

const ids = (history: ExportRecord[], id: string) => {
  const chain = replayChain(history, id);
  if (!chain.ok) throw new Error(chain.error);
  return { ids: chain.value.records.map((r) => r.id), index: chain.value.index };
};

describe('replayChain', () => {
  // Newest first, as the history keeps them; another consumer and another session mixed in.
  const history = [
    exportRecord({ id: 'd5', sequence: 5 }),
    exportRecord({ id: 'other-d2', sequence: 2, consumer: 'script' }),
    exportRecord({ id: 'd4', sequence: 4 }),
    complete('other-c1', 1, { consumer: 'script' }),
    exportRecord({ id: 'd3', sequence: 3 }),
    exportRecord({ id: 'd2', sequence: 2 }),
    complete('c1', 1),
    exportRecord({ id: 'old-d2', sequence: 2, sessionId: 0 }),
    complete('old-c1', 1, { sessionId: 0 }),
  ];

  it('takes the complete export a delta descends from, and the deltas after it', () => {
    expect(ids(history, 'd3')).toEqual({ ids: ['c1', 'd2', 'd3', 'd4', 'd5'], index: 2 });
    expect(ids(history, 'c1')).toEqual({ ids: ['c1', 'd2', 'd3', 'd4', 'd5'], index: 0 });
    expect(ids(history, 'd5')).toEqual({ ids: ['c1', 'd2', 'd3', 'd4', 'd5'], index: 4 });
    expect(ids(history, 'other-d2')).toEqual({ ids: ['other-c1', 'other-d2'], index: 1 });
    expect(ids(history, 'old-d2')).toEqual({ ids: ['old-c1', 'old-d2'], index: 1 });
  });

  it('follows since= deltas: a newer delta from the same export replaces the older ones', () => {
    const branched = [
      exportRecord({ id: 'd4-since-2', sequence: 4, previousSequence: 2 }),
      exportRecord({ id: 'd3', sequence: 3 }),
      exportRecord({ id: 'd2', sequence: 2 }),
      complete('c1', 1),
    ];
    expect(ids(branched, 'c1').ids).toEqual(['c1', 'd2', 'd4-since-2']);
    expect(ids(branched, 'd3')).toEqual({ ids: ['c1', 'd2', 'd3'], index: 2 });
  });

  it('starts again at a newer complete export', () => {
    const again = [exportRecord({ id: 'd3', sequence: 3 }), complete('c2', 2), complete('c1', 1)];
    expect(ids(again, 'd3')).toEqual({ ids: ['c2', 'd3'], index: 1 });
    expect(ids(again, 'c1')).toEqual({ ids: ['c1'], index: 0 });
  });

  it('with an export of the chain removed, keeps the chain up to the gap and the exports after it', () => {
    // d3 removed: the replay opens c1-d2 (the mirror cuts at the gap); d4 and d5 come after the gap.
    const removed = history.filter((r) => r.id !== 'd3');
    expect(ids(removed, 'd5')).toEqual({ ids: ['c1', 'd2', 'd4', 'd5'], index: 3 });
    expect(ids(removed, 'd4')).toEqual({ ids: ['c1', 'd2', 'd4', 'd5'], index: 2 });
    // The newest complete export before the gap is the start.
    const twice = [exportRecord({ id: 'd4', sequence: 4 }), complete('c2', 2), complete('c1', 1)];
    expect(ids(twice, 'd4')).toEqual({ ids: ['c2', 'd4'], index: 1 });
  });

  it('says what is missing', () => {
    expect(replayChain(history, 'gone')).toEqual({
      ok: false,
      error: 'That export is no longer in the history.',
    });
    expect(replayChain([exportRecord({ id: 'd2', sequence: 2 })], 'd2')).toEqual({
      ok: false,
      error:
        'd2.json (export #2) follows export #1 of consumer "default", which is no longer in the history, and no complete export of that consumer before it is',
    });
    expect(replayChain([exportRecord({ id: 'd1', sequence: 1, previousSequence: null })], 'd1')).toEqual({
      ok: false,
      error:
        'd1.json (export #1) follows no complete export of consumer "default": make a complete export for that consumer first',
    });
  });
});
