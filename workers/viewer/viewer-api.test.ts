// The viewer's verbs against real exports of a backtest, without a worker: open, children, rows, close,
// and the refusals (bad paths, files that are not exports, damaged files, cancelling).
import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import type { ExportRequest } from '../export/contract';
import { at, backtestOf, configJson, type Json, textOf } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import type { OpenedExport, ViewerEntry } from './types';
import { createViewerApi } from './viewer-api';

/** The default session 20 minutes in, with a complete export then a delta 2 minutes later. */
function makeExports(request: Partial<ExportRequest> = {}) {
  const backtest = backtestOf(configJson(), 0);
  backtest.start();
  backtest.advance(20);
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 14));
  const complete = textOf(exporter.export({ complete: true, ...request }));
  backtest.advance(2);
  const delta = textOf(exporter.export({ complete: false, ...request }));
  return { complete, delta };
}

const exports = makeExports();
const blobOf = (text: string) => new Blob([text]);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function opened(text: string) {
  const api = createViewerApi();
  const { id, summary } = value(await api.open(blobOf(text)));
  return { api, id, summary, doc: JSON.parse(text) as Json };
}

const keysOf = (entries: ViewerEntry[]) => entries.map((e) => e.key);
const RIVN = ['session_data', 'symbols', 'RIVN'];

describe('viewer api', () => {
  it('opens a complete export and sums it up', async () => {
    const { summary, doc } = await opened(exports.complete);
    expect(summary).toMatchObject({
      bytes: new TextEncoder().encode(exports.complete).length,
      version: '2.0',
      mode: 'complete',
      consumer: 'default',
      sequence: 1,
      sessionId: 1,
      marketTime: '2025-07-01T09:50:00',
      symbols: 3,
    });
    expect(summary.generatedAt).toMatch(/^2025-07-01T10:00:00-04:00$/);
    let rows = 0;
    let streams = 0;
    for (const symbol of Object.values(at(doc, 'session_data.symbols') as Record<string, Json>)) {
      const series = Object.values(at(symbol, 'indicators') as Record<string, { series: { count: number } }>);
      const blocks = [
        ...['session', 'historical'].flatMap((part) =>
          Object.values(at(symbol, `${part}.data`) as Record<string, { count: number }>),
        ),
        // The built-in session's indicators: each series is a stream block (section 9.1).
        ...series.map((entry) => entry.series),
      ];
      for (const block of blocks) {
        streams++;
        rows += block.count;
      }
    }
    // The analysis section's blocks: each strategy's signals and orders, and the equity samples.
    const analysis = doc.analysis as {
      strategies: Record<string, { signals: { count: number }; orders: { count: number } }>;
      equity: { count: number };
    };
    for (const block of [
      ...Object.values(analysis.strategies).flatMap((s) => [s.signals, s.orders]),
      analysis.equity,
    ]) {
      streams++;
      rows += block.count;
    }
    expect(summary.streams).toBe(streams);
    expect(summary.rows).toBe(rows);
    // This app's own export: nothing to say.
    expect(summary.notes).toEqual([]);
    expect(keysOf(summary.root)).toEqual(Object.keys(doc));
    expect(summary.root.find((e) => e.key === 'session_data')).toMatchObject({ kind: 'object', size: 3 });
  });

  it('lists the children of objects with their kinds, sizes, values and stream counts', async () => {
    const { api, id, doc } = await opened(exports.complete);
    const meta = value(await api.children(id, ['_metadata']));
    expect(keysOf(meta)).toEqual(Object.keys(doc._metadata as Json));
    expect(meta.find((e) => e.key === 'mode')).toMatchObject({
      kind: 'value',
      value: 'complete',
      preview: '"complete"',
    });
    expect(meta.find((e) => e.key === 'changed_paths')).toMatchObject({
      kind: 'array',
      size: 0,
      preview: '[]',
    });

    const symbols = value(await api.children(id, ['session_data', 'symbols']));
    expect(keysOf(symbols)).toEqual(['RIVN', 'AAPL', 'TSLA']);
    expect(symbols[0]).toMatchObject({ kind: 'object', size: 3, preview: 'session, historical, indicators' });

    const streams = value(await api.children(id, [...RIVN, 'session', 'data']));
    const expected = at(doc, 'session_data.symbols.RIVN.session.data') as Record<string, Json>;
    expect(keysOf(streams)).toEqual(Object.keys(expected));
    for (const entry of streams) {
      const block = expected[entry.key] as { count: number; total_count: number };
      expect(entry.counts).toEqual({ count: block.count, total: block.total_count });
    }
    const history = value(await api.children(id, [...RIVN, 'historical', 'data']));
    expect(history.find((e) => e.key === '1d')?.counts).toEqual({ count: 30 });

    const ticks = value(await api.children(id, [...RIVN, 'session', 'data', 'ticks']));
    expect(ticks.find((e) => e.key === 'data')).toMatchObject({
      kind: 'array',
      size: at(doc, 'session_data.symbols.RIVN.session.data.ticks.count') as number,
      columns: ['timestamp', 'price', 'size', 'exchange'],
    });
    expect(ticks.find((e) => e.key === 'columns')?.preview).toBe('["timestamp","price","size","exchange"]');
    expect(ticks.find((e) => e.key === 'latest')).toMatchObject({ kind: 'object', size: 4 });
  });

  it('pages through rows as plain arrays', async () => {
    const { api, id, doc } = await opened(exports.complete);
    const path = [...RIVN, 'session', 'data', 'ticks', 'data'];
    const all = at(doc, 'session_data.symbols.RIVN.session.data.ticks.data') as unknown[][];
    expect(all.length).toBeGreaterThan(250);
    const first = value(await api.rows(id, path, 0, 100));
    expect(first).toEqual({ offset: 0, total: all.length, rows: all.slice(0, 100) });
    const middle = value(await api.rows(id, path, 150, 100));
    expect(middle.rows).toEqual(all.slice(150, 250));
    const last = value(await api.rows(id, path, all.length - 5, 100));
    expect(last.rows).toEqual(all.slice(-5));
    expect(value(await api.rows(id, path, all.length, 10)).rows).toEqual([]);
    const dates = value(await api.rows(id, [...RIVN, 'historical', 'data', '1d', 'dates'], 0, 3));
    expect(dates.rows).toEqual(
      (at(doc, 'session_data.symbols.RIVN.historical.data.1d.dates') as string[]).slice(0, 3),
    );
  });

  it('goes into the elements of arrays (a row, an object in a list)', async () => {
    const { api, id, doc } = await opened(exports.complete);
    const row = value(await api.children(id, [...RIVN, 'session', 'data', '1m', 'data', 2]));
    const expected = (
      at(doc, 'session_data.symbols.RIVN.session.data.1m.data') as unknown[][]
    )[2] as unknown[];
    expect(row.map((e) => e.value)).toEqual(expected);
    expect(keysOf(row)).toEqual([0, 1, 2, 3, 4, 5]);
    const requests = ['session_config', 'session_data_config', 'historical', 'data'];
    const request = value(await api.children(id, [...requests, 1]));
    expect(request.map((e) => [e.key, e.value])).toEqual([
      ['interval', '1d'],
      ['trailing_days', 30],
    ]);
    expect(value(await api.rows(id, [...requests], 0, 5)).rows).toEqual(
      at(doc, 'session_config.session_data_config.historical.data'),
    );
  });

  it('shows a delta export with its historical data empty', async () => {
    const { api, id, summary, doc } = await opened(exports.delta);
    expect(summary.mode).toBe('delta');
    expect(summary.sequence).toBe(2);
    expect(keysOf(summary.root)).not.toContain('session_config');
    const historical = value(await api.children(id, [...RIVN, 'historical']));
    expect(historical.find((e) => e.key === 'data')).toMatchObject({ kind: 'object', size: 0, preview: '' });
    expect(value(await api.children(id, [...RIVN, 'historical', 'data']))).toEqual([]);
    const bars = value(await api.children(id, [...RIVN, 'session', 'data']));
    const oneMinute = at(doc, 'session_data.symbols.RIVN.session.data.1m') as {
      count: number;
      total_count: number;
    };
    expect(bars.find((e) => e.key === '1m')?.counts).toEqual({
      count: oneMinute.count,
      total: oneMinute.total_count,
    });
    expect(oneMinute.count).toBe(2);
    expect(oneMinute.total_count).toBe(22);
  });

  it('reads the compact layout too', async () => {
    const compact = makeExports({ layout: 'compact' }).complete;
    const { api, id, doc } = await opened(compact);
    const rows = value(await api.rows(id, [...RIVN, 'session', 'data', 'quotes', 'data'], 10, 20));
    expect(rows.rows).toEqual(
      (at(doc, 'session_data.symbols.RIVN.session.data.quotes.data') as unknown[]).slice(10, 30),
    );
  });

  it('answers a bad path, page or id with a clear message', async () => {
    const { api, id } = await opened(exports.complete);
    const error = async (result: Promise<Result<unknown>>) => {
      const r = await result;
      return r.ok ? 'ok' : r.error;
    };
    expect(await error(api.children(id, ['nope']))).toBe('There is no "nope" in the document.');
    expect(await error(api.children(id, [...RIVN, 'session', 'data', 'weekly']))).toBe(
      'There is no "weekly" in session_data.symbols.RIVN.session.data.',
    );
    expect(await error(api.children(id, ['_metadata', 'mode']))).toBe(
      '_metadata.mode is a single value, not a list.',
    );
    expect(await error(api.children(id, ['_metadata', 'mode', 'x']))).toBe(
      '_metadata.mode is a single value: it has no "x".',
    );
    expect(await error(api.children(id, ['_metadata', 'changed_paths', 0]))).toBe(
      '_metadata.changed_paths has 0 items: there is no item 0.',
    );
    expect(await error(api.children(id, ['session_data', 0]))).toBe('There is no "0" in session_data.');
    expect(await error(api.children(id, ['x', -1] as never))).toMatch(/A path is a list of keys/);
    expect(await error(api.rows(id, ['_metadata'], 0, 10))).toBe('_metadata is not a list of rows.');
    const rows = [...RIVN, 'session', 'data', '1m', 'data'];
    expect(await error(api.rows(id, rows, -1, 10))).toMatch(
      /offset must be a whole number from 0 to 20; got -1/,
    );
    expect(await error(api.rows(id, rows, 0, 5000))).toMatch(/limit must be a whole number from 1 to 1000/);
    expect(await error(api.rows('export-99', rows, 0, 10))).toMatch(/No open export has the id "export-99"/);
    api.close(id);
    expect(await error(api.children(id, []))).toMatch(/No open export has the id/);
  });

  it('refuses files that are not exports, and damaged ones', async () => {
    const api = createViewerApi();
    const refusal = async (content: BlobPart) => {
      const r = await api.open(new Blob([content]));
      return r.ok ? 'opened' : r.error;
    };
    expect(await refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toMatch(
      /^This file is not a Session Tape export: it is not JSON \(unexpected byte 0x89 at byte 0\)/,
    );
    expect(await refusal('')).toBe('The file is empty.');
    expect(await refusal('[1, 2, 3]')).toBe(
      'This file is not a Session Tape export: it is not a JSON object.',
    );
    expect(await refusal('{"name": "x", "_metadata": {}}')).toBe(
      'This file is not a Session Tape export: its mode is null, not "complete" or "delta" (nor given by "complete" / "diff_mode").',
    );
    expect(await refusal(new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x01]))).toBe(
      'The file is damaged: its gzip data cannot be unpacked.',
    );
    const doc = JSON.parse(exports.complete) as Json & { _metadata: Json };
    expect(await refusal(JSON.stringify({ ...doc, _metadata: { ...doc._metadata, mode: 'full' } }))).toMatch(
      /its mode is "full", not "complete" or "delta" \(nor given by "complete" \/ "diff_mode"\)\.$/,
    );
    const { session_data: _s, ...noSessionData } = doc;
    expect(await refusal(JSON.stringify(noSessionData))).toBe(
      'This file is not a Session Tape export: it has no session_data.',
    );
    expect(await refusal(JSON.stringify({ ...doc, session_data: 'none' }))).toBe(
      'This file is not a Session Tape export: its session_data is "none", not an object.',
    );
    expect(await refusal(JSON.stringify({ ...doc, session_data: { symbols: ['RIVN'] } }))).toBe(
      'This file is not a Session Tape export: its session_data.symbols is a list, not an object.',
    );
    expect(await refusal(exports.complete.slice(0, 5000))).toMatch(
      /^The file is damaged: the text ends too early/,
    );
    expect(await refusal(exports.complete.replace('"version": "2.0",', '"version": "2.0"'))).toMatch(
      /^The file is damaged: unexpected """ at byte/,
    );

    // A damaged row is found when its page is read.
    const damaged = exports.complete.replace(/\["09:35:00",[^\]]*\]/, '["09:35:00",1 2]');
    const { id } = value(await api.open(blobOf(damaged)));
    const page = await api.rows(id, [...RIVN, 'session', 'data', '1m', 'data'], 0, 10);
    expect(!page.ok && page.error).toMatch(
      /^The file is damaged: items 1-10 of session_data.symbols.RIVN.session.data.1m.data/,
    );
  });

  it("opens the original system's layout (_metadata last, the mode in diff_mode) and .json.gz files", async () => {
    const api = createViewerApi();
    const doc = JSON.parse(exports.delta) as Json & { _metadata: Json };
    const { _metadata, ...rest } = doc;
    const { mode: _mode, ...flags } = _metadata as Json;
    const original = JSON.stringify({ ...rest, _metadata: { ...flags, diff_mode: true } }, null, 2);
    const opened = value(await api.open(blobOf(original)));
    expect(opened.summary).toMatchObject({ mode: 'delta', version: '2.0' });
    expect(opened.summary.notes).toEqual(['no "mode": read as delta from "complete": false']);
    const keys = value(await api.children(opened.id, [])).map((entry) => entry.key);
    expect(keys.at(-1)).toBe('_metadata');

    const gz = await new Response(
      blobOf(exports.complete).stream().pipeThrough(new CompressionStream('gzip')),
    ).blob();
    const zipped = value(await api.open(gz));
    const plain = value(await api.open(blobOf(exports.complete)));
    expect(zipped.summary).toEqual({ ...plain.summary, indexMs: zipped.summary.indexMs });
  });

  it('reports progress while opening, and stops when cancelled', async () => {
    const api = createViewerApi({ sliceBytes: 64 * 1024 });
    const bytes = new TextEncoder().encode(exports.complete).length;
    const seen: number[] = [];
    value(await api.open(blobOf(exports.complete), (p) => seen.push(p.bytesRead)));
    expect(seen.length).toBe(Math.ceil(bytes / (64 * 1024)));
    expect(seen.at(-1)).toBe(bytes);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    let calls = 0;
    const cancelled: Result<OpenedExport> = await api.open(
      blobOf(exports.complete),
      () => {
        calls++;
        if (calls === 2) api.cancelOpen('mine');
      },
      'mine',
    );
    expect(cancelled).toEqual({ ok: false, error: 'Opening the export was cancelled.' });
    expect(calls).toBe(2);
    // The next open is not affected by the earlier cancel, even under the same ticket.
    expect((await api.open(blobOf(exports.complete), undefined, 'mine')).ok).toBe(true);
  });

  it("cancels one open only: another caller's open at the same time goes on", async () => {
    const api = createViewerApi({ sliceBytes: 64 * 1024 });
    let compareSlices = 0;
    const compare = api.open(
      blobOf(exports.complete),
      () => {
        compareSlices++;
        if (compareSlices === 1) api.cancelOpen('compare-1');
      },
      'compare-1',
    );
    const viewer = api.open(blobOf(exports.delta), undefined, 'viewer-1');
    expect(await compare).toEqual({ ok: false, error: 'Opening the export was cancelled.' });
    const shown = value(await viewer);
    expect(value(await api.children(shown.id, [])).map((e) => e.key)).toContain('session_data');
  });
});
