import { describe, expect, it } from 'vitest';
import type { ExportPayload } from '../../workers/api/engine-api';
import type { ExportRecord } from '../export-record';
import { formatBytes, formatDuration, formatRatio } from '../format';
import {
  addToHistory,
  compareSizes,
  describeChangedPath,
  describeComparison,
  recordFromPayload,
  removeFromHistory,
} from './export-history';

function record(id: string, mode: 'complete' | 'delta', bytes: number): ExportRecord {
  return {
    id,
    fileName: `${id}.json`,
    downloadName: `${id}.json`,
    gzip: false,
    createdAt: 0,
    source: 'panel',
    mode,
    consumer: 'default',
    sequence: 1,
    previousSequence: null,
    sessionId: 1,
    generatedAt: '2025-07-01T09:35:00-04:00',
    marketTime: null,
    bytes,
    lines: 1,
    rows: 0,
    durationMs: 1,
    changedPaths: [],
    excluded: [],
    blob: new Blob([]),
  };
}

describe('export history', () => {
  it('adds newest first and keeps at most the limit', () => {
    let history: ExportRecord[] = [];
    for (const id of ['a', 'b', 'c']) history = addToHistory(history, record(id, 'delta', 1), 2);
    expect(history.map((r) => r.id)).toEqual(['c', 'b']);
  });

  it('removes by id, returning the same array when the id is not there', () => {
    const history = [record('a', 'complete', 1), record('b', 'delta', 1)];
    expect(removeFromHistory(history, 'a').map((r) => r.id)).toEqual(['b']);
    expect(removeFromHistory(history, 'zzz')).toBe(history);
  });

  it('compares the newest delta with the newest complete export', () => {
    expect(compareSizes([])).toBeNull();
    expect(compareSizes([record('d', 'delta', 10)])).toBeNull();
    expect(compareSizes([record('c', 'complete', 10)])).toBeNull();
    const history = [
      record('d2', 'delta', 3_277),
      record('c2', 'complete', 1_114_112),
      record('d1', 'delta', 10),
      record('c1', 'complete', 50),
    ];
    expect(compareSizes(history)).toEqual({
      deltaBytes: 3_277,
      completeBytes: 1_114_112,
      ratio: 1_114_112 / 3_277,
    });
  });

  it('describes the comparison in words', () => {
    const format = { bytes: formatBytes, ratio: formatRatio };
    expect(describeComparison({ deltaBytes: 3_277, completeBytes: 1_114_112, ratio: 340 }, format)).toBe(
      'Last delta 3.2 KB — 340× smaller than the last complete export (1.1 MB)',
    );
    expect(describeComparison({ deltaBytes: 100, completeBytes: 101, ratio: 1.01 }, format)).toBe(
      'Last delta 100 B — about the size of the last complete export (101 B)',
    );
    expect(describeComparison({ deltaBytes: 200, completeBytes: 100, ratio: 0.5 }, format)).toBe(
      'Last delta 200 B — larger than the last complete export (100 B)',
    );
  });

  it('builds a record whose Blob holds the parts as sent', async () => {
    const encoder = new TextEncoder();
    const payload: ExportPayload = {
      receipt: 1,
      fileName: 'x.json',
      parts: [encoder.encode('{"a"'), encoder.encode(':1}\n')],
      bytes: 8,
      lines: 1,
      rows: 0,
      durationMs: 2,
      metadata: {
        mode: 'delta',
        consumer: 'ui',
        sequence: 4,
        previousSequence: 3,
        sessionId: 2,
        generatedAt: '2025-07-01T09:35:00-04:00',
        fileTimestamp: '20250701_093500',
        marketTime: '2025-07-01T09:35:00',
        changedPaths: ['session_data.symbols.RIVN.session.data.1m'],
        excluded: ['ticks'],
      },
    };
    const r = recordFromPayload(payload, { id: 'e1', createdAt: 5, source: 'console', gzip: true });
    expect(r).toMatchObject({
      id: 'e1',
      fileName: 'x.json',
      downloadName: 'x.json.gz',
      mode: 'delta',
      consumer: 'ui',
      sequence: 4,
      previousSequence: 3,
      changedPaths: ['session_data.symbols.RIVN.session.data.1m'],
      excluded: ['ticks'],
    });
    expect(r.blob.type).toBe('application/json');
    expect(r.blob.size).toBe(8);
    expect(await r.blob.text()).toBe('{"a":1}\n');
  });

  it('names changed streams briefly', () => {
    expect(describeChangedPath('session_data.symbols.RIVN.session.data.1m')).toBe('RIVN 1m');
    expect(describeChangedPath('something.else')).toBe('something.else');
  });
});

describe('size formatting', () => {
  it('writes sizes, durations and ratios readably', () => {
    expect(formatBytes(850)).toBe('850 B');
    expect(formatBytes(3_277)).toBe('3.2 KB');
    expect(formatBytes(5_956_737)).toBe('5.7 MB');
    expect(formatBytes(1_048_575_000)).toBe('1,000 MB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3 GB');
    expect(formatDuration(3.42)).toBe('3.4 ms');
    expect(formatDuration(82.3)).toBe('82 ms');
    expect(formatDuration(1_234)).toBe('1.2 s');
    expect(formatRatio(2.46)).toBe('2.5×');
    expect(formatRatio(340.2)).toBe('340×');
    expect(formatRatio(12_345)).toBe('12,345×');
  });
});
