// Compare (docs/compare.md) against real exports of a backtest, through the viewer's verbs: an export with
// itself, a delta with the complete export it follows, two completes, the same two swapped, a delta that
// starts after A's last row, keys only one export has, exports of different sessions, and the caps.
import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import { Backtest } from '../engine/backtest';
import { parseSessionConfig } from '../engine/config';
import type { ExportRequest } from '../export/contract';
import { at, backtestOf, configJson, type Json, textOf } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import type { CompareLimits, CompareResult, StreamChange } from './compare-types';
import { createViewerApi } from './viewer-api';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

interface Made {
  text: string;
  doc: Json;
}

/** The default session: a complete export 20 minutes in, a delta 2 minutes later, another complete 1 later. */
function makeExports() {
  const backtest = backtestOf(configJson(), 0);
  backtest.start();
  backtest.advance(20);
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 14));
  const take = (request: ExportRequest): Made => {
    const text = textOf(exporter.export(request));
    return { text, doc: JSON.parse(text) as Json };
  };
  const first = take({ complete: true });
  backtest.advance(2);
  const delta = take({ complete: false });
  backtest.advance(1);
  const later = take({ complete: true });
  const laterDelta = take({ complete: false });
  // A second consumer's exports, without the threads section: a key only one export has.
  const noThreads = take({ complete: true, consumer: 'lean', exclude: ['threads'] });
  return { first, delta, later, laterDelta, noThreads };
}

const made = makeExports();

async function compare(a: Made, b: Made, limits?: Partial<CompareLimits>): Promise<CompareResult> {
  const api = createViewerApi();
  const idA = value(await api.open(new Blob([a.text]))).id;
  const idB = value(await api.open(new Blob([b.text]))).id;
  return value(await api.compare(idA, idB, limits));
}

const dotted = (path: readonly (string | number)[]) => path.join('.');
const valueAt = (result: CompareResult, path: string) => result.values.find((v) => dotted(v.path) === path);
const streamAt = (result: CompareResult, path: string) =>
  result.streams.find((s) => dotted(s.path) === path) as StreamChange;

interface Block {
  count: number;
  total_count?: number;
  data?: unknown[];
}

/** Every stream block of an export (session, historical, indicator series, analysis), by dotted path. */
function blocksOf(doc: Json): Map<string, Block> {
  const blocks = new Map<string, Block>();
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
    const object = node as Json;
    if (typeof object.count === 'number' && (Array.isArray(object.columns) || 'total_count' in object)) {
      blocks.set(path, object as unknown as Block);
      return;
    }
    for (const [key, child] of Object.entries(object)) walk(child, path === '' ? key : `${path}.${key}`);
  };
  walk(doc, '');
  return blocks;
}

const totalOf = (block: Block) => block.total_count ?? block.count;
const RIVN_1M = 'session_data.symbols.RIVN.session.data.1m';
const BARS = 'performance_metrics.counters.bars_processed';

describe('compare', () => {
  it('finds nothing that differs between an export and itself', async () => {
    const result = await compare(made.later, made.later);
    expect(result.valuesTotal).toBe(0);
    expect(result.values).toEqual([]);
    expect(result.only).toEqual([]);
    expect(result.onlyInA + result.onlyInB + result.notCarried).toBe(0);
    expect(result.streams).toEqual([]);
    expect(result.addedRows).toBe(0);
    expect(result.streamsCompared).toBe(blocksOf(made.later.doc).size);
    expect(result.sameSession).toBe(true);
    expect(result.notes).toEqual([]);
  });

  it('lists every row of a delta as added to the complete export it follows', async () => {
    const { first, delta } = made;
    const result = await compare(first, delta);
    expect(result.match).toBe('position');
    expect(result.notes[0]).toMatch(/^B is the delta that follows A \(#2 since #1\)/);
    // What a delta leaves out (session_config, historical rows, a strategy's config) is not a difference.
    expect(result.notCarried).toBeGreaterThan(0);
    expect(result.only).toEqual([]);
    const fromDelta = [...blocksOf(delta.doc)].filter(([, block]) => block.count > 0);
    expect(fromDelta.length).toBeGreaterThan(3);
    expect(result.streams.map((s) => dotted(s.path)).sort()).toEqual(fromDelta.map(([path]) => path).sort());
    const firstBlocks = blocksOf(first.doc);
    for (const [path, block] of fromDelta) {
      const stream = streamAt(result, path);
      const before = firstBlocks.get(path) as Block;
      expect(stream.added, path).toBe(block.count);
      expect(stream.notInB).toBe(0);
      expect(stream.rows).toEqual(block.data);
      expect(stream.firstRow).toBe(totalOf(before));
      expect([stream.rowsA, stream.totalA, stream.rowsB, stream.totalB]).toEqual([
        before.count,
        totalOf(before),
        block.count,
        totalOf(block),
      ]);
    }
    expect(result.addedRows).toBe(fromDelta.reduce((sum, [, block]) => sum + block.count, 0));
    expect(result.addedStreams).toBe(fromDelta.length);
  });

  it('gives the metrics that changed between two completes, with the change and percent, and the rows added', async () => {
    const { first, later } = made;
    const result = await compare(first, later);
    expect(result.notCarried).toBe(0);
    const barsA = at(first.doc, BARS) as number;
    const barsB = at(later.doc, BARS) as number;
    expect(valueAt(result, BARS)).toEqual({
      path: BARS.split('.'),
      a: String(barsA),
      b: String(barsB),
      change: barsB - barsA,
      percent: Number.parseFloat((((barsB - barsA) / barsA) * 100).toPrecision(10)),
    });
    const volume = 'session_data.symbols.AAPL.session.volume';
    expect(valueAt(result, volume)?.change).toBe(
      (at(later.doc, volume) as number) - (at(first.doc, volume) as number),
    );
    expect(valueAt(result, '_metadata.market_time')).toMatchObject({
      a: JSON.stringify(at(first.doc, '_metadata.market_time')),
      b: JSON.stringify(at(later.doc, '_metadata.market_time')),
    });
    expect(valueAt(result, '_metadata.market_time')?.change).toBeUndefined();
    // Values that are the same are not listed, and a stream's counts stand for themselves.
    expect(valueAt(result, 'system_manager.timezone')).toBeUndefined();
    const streamMember = (path: readonly (string | number)[]) =>
      path[0] !== 'performance_metrics' &&
      ['count', 'total_count', 'latest'].some((key) => path.includes(key));
    expect(result.values.filter((v) => streamMember(v.path))).toEqual([]);

    const a1m = at(first.doc, RIVN_1M) as Block;
    const b1m = at(later.doc, RIVN_1M) as Block;
    const stream = streamAt(result, RIVN_1M);
    expect(stream.added).toBe(b1m.count - a1m.count);
    expect(stream.rows).toEqual((b1m.data as unknown[]).slice(a1m.count));
    expect(stream.firstRow).toBe(a1m.count);
    // Historical rows are the same in both: not listed.
    expect(result.streams.some((s) => s.path.includes('historical'))).toBe(false);
  });

  it('swapped, counts the rows of A that B lacks and says B is the earlier', async () => {
    const result = await compare(made.later, made.first);
    const stream = streamAt(result, RIVN_1M);
    expect(stream.added).toBe(0);
    expect(stream.rows).toEqual([]);
    expect(stream.onlyInA).toBe(
      (at(made.later.doc, RIVN_1M) as Block).count - (at(made.first.doc, RIVN_1M) as Block).count,
    );
    expect(result.addedRows).toBe(0);
    expect(result.notes.some((note) => note.includes('is earlier than A'))).toBe(true);
  });

  it("counts a delta's added rows that neither file holds when the delta starts after A's last row", async () => {
    // first (#1) then delta (#2) then laterDelta (#4, after the complete #3): #4 holds none of #2's rows.
    const result = await compare(made.first, made.laterDelta);
    const a1m = at(made.first.doc, RIVN_1M) as Block;
    const b1m = at(made.laterDelta.doc, RIVN_1M) as Block;
    const stream = streamAt(result, RIVN_1M);
    expect(stream.added).toBe(totalOf(b1m) - totalOf(a1m));
    expect(stream.notInB).toBe(totalOf(b1m) - b1m.count - totalOf(a1m));
    expect(stream.notInB).toBeGreaterThan(0);
    expect(stream.rows).toEqual(b1m.data ?? []);
    expect(result.notes.some((note) => note.startsWith('B is a delta since #3'))).toBe(true);
  });

  it('lists the keys only one export has, and names the consumers when they differ', async () => {
    const result = await compare(made.later, made.noThreads);
    expect(result.only).toEqual([{ path: ['threads'], side: 'a', preview: '{4 keys}' }]);
    expect(result.onlyInA).toBe(1);
    expect(result.onlyInB).toBe(0);
    expect(valueAt(result, '_metadata.excluded')).toMatchObject({ a: '[]', b: '["threads"]' });
    expect(result.notes).toContain('A was made for consumer "default" and B for "lean".');
    const back = await compare(made.noThreads, made.later);
    expect(back.only).toEqual([{ path: ['threads'], side: 'b', preview: '{4 keys}' }]);
  });

  it('lines rows up by timestamp across sessions, and says the sessions differ', async () => {
    const backtest = backtestOf(
      configJson((c) => {
        c.session_data_config.symbols = ['RIVN'];
        c.session_data_config.streams = ['1m'];
        c.session_data_config.historical = { enabled: false, data: [] };
        delete c.session_data_config.indicators;
        delete c.session_data_config.strategies;
      }),
    );
    backtest.start();
    backtest.advance(20);
    const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 14));
    const dayOne = textOf(exporter.export({ complete: true }));
    backtest.advance(390); // the rest of the day, then 20 minutes of the next
    const dayTwo = textOf(exporter.export({ complete: true }));
    const result = await compare({ text: dayOne, doc: {} }, { text: dayTwo, doc: {} });
    expect(result.sameSession).toBe(false);
    expect(result.match).toBe('timestamp');
    expect(result.notes[0]).toMatch(
      /^A and B are from different sessions \(session 1 on 2025-07-01, session 2 on 2025-07-02/,
    );
    const b1m = at(JSON.parse(dayTwo), RIVN_1M) as Block;
    const stream = streamAt(result, RIVN_1M);
    // Every bar of day two is later than day one's last: all added, though day two holds as many as day one.
    expect(stream.added).toBe(b1m.count);
    expect(stream.rows).toEqual(b1m.data);
    expect(stream.firstRow).toBeNull();
  });

  it('caps every list, and says how many there were', async () => {
    const full = await compare(made.first, made.later);
    const limits = { values: 2, only: 1, streams: 3, rowsPerStream: 4, rows: 10 };
    const capped = await compare(made.first, made.later, limits);
    expect(full.valuesTotal).toBeGreaterThan(2);
    expect(capped.values).toEqual(full.values.slice(0, 2));
    expect(capped.valuesTotal).toBe(full.valuesTotal);
    expect(capped.streams.map((s) => s.path)).toEqual(full.streams.slice(0, 3).map((s) => s.path));
    expect(capped.streamsTotal).toBe(full.streamsTotal);
    expect(capped.addedRows).toBe(full.addedRows);
    for (const stream of capped.streams) expect(stream.rows.length).toBeLessThanOrEqual(4);
    expect(capped.rowsListed).toBeLessThanOrEqual(10);
    expect(capped.streams.reduce((sum, s) => sum + s.rows.length, 0)).toBe(capped.rowsListed);
    expect(capped.limits).toEqual(limits);
  });

  it('stops a comparison cancelled by its ticket, and only that one', async () => {
    const api = createViewerApi();
    const idA = value(await api.open(new Blob([made.first.text]))).id;
    const idB = value(await api.open(new Blob([made.later.text]))).id;
    const cancelled = api.compare(idA, idB, undefined, 'first');
    const other = api.compare(idA, idB, undefined, 'second');
    api.cancelCompare('first');
    expect(await cancelled).toEqual({ ok: false, error: 'The comparison was cancelled.' });
    expect(value(await other).streamsTotal).toBeGreaterThan(0);
    // A ticket no comparison holds any more changes nothing.
    api.cancelCompare('first');
    expect(value(await api.compare(idA, idB, undefined, 'first')).streamsTotal).toBeGreaterThan(0);
  });

  it('refuses an id that is not an open export', async () => {
    const api = createViewerApi();
    const id = value(await api.open(new Blob([made.first.text]))).id;
    const result = await api.compare(id, 'export-99');
    expect(result).toEqual({
      ok: false,
      error: 'No open export has the id "export-99" (it was closed, or the viewer restarted).',
    });
  });
});

/**
 * Two runs of one small session (RIVN's 1m bars only), started at different times: exports of different
 * runs are lined up by timestamp. Each run's exports are taken at the minutes asked (complete, or a delta
 * since the run's previous export); `seed` 2 gives other prices at the same minutes.
 */
function runOf(startedAt: number, takes: { minute: number; complete: boolean }[], seed = 1): Made[] {
  const config = parseSessionConfig(
    configJson((c) => {
      c.session_data_config.symbols = ['RIVN'];
      c.session_data_config.streams = ['1m'];
      c.session_data_config.historical = { enabled: false, data: [] };
      delete c.session_data_config.indicators;
      delete c.session_data_config.strategies;
    }),
  );
  if (!config.ok) throw new Error(config.error);
  const backtest = new Backtest(config.value, { seed, gapRate: 0 });
  backtest.start();
  backtest.startedAt = startedAt;
  const exporter = new Exporter(backtest, () => startedAt);
  let minute = 0;
  return takes.map((take) => {
    backtest.advance(take.minute - minute);
    minute = take.minute;
    const text = textOf(exporter.export({ complete: take.complete }));
    return { text, doc: JSON.parse(text) as Json };
  });
}

/**
 * `made` with its RIVN 1m rows passed through `edit` (the block's counts follow), written again compactly
 * (another layout than the exporter's).
 */
function withRows(made: Made, edit: (rows: unknown[][]) => void): Made {
  const doc = structuredClone(made.doc);
  const block = at(doc, RIVN_1M) as Block;
  const before = block.data?.length ?? 0;
  edit(block.data as unknown[][]);
  const removed = before - (block.data?.length ?? 0);
  block.count -= removed;
  if (block.total_count !== undefined) block.total_count -= removed;
  return { text: JSON.stringify(doc), doc };
}

/** `made` without its RIVN 1m row `i` (a minute that run has no bar for). */
const without = (made: Made, i: number) =>
  withRows(made, (rows) => {
    rows.splice(i, 1);
  });

const CLOSE = 4; // the close's column in a 1m row

describe('compare by timestamp, where B overlaps A', () => {
  const runOne = Date.UTC(2025, 6, 1, 13, 0);
  const runTwo = Date.UTC(2025, 6, 1, 13, 5);
  const [a20] = runOf(runOne, [{ minute: 20, complete: true }]) as [Made];
  const [b15, b25delta] = runOf(runTwo, [
    { minute: 15, complete: true },
    { minute: 25, complete: false },
  ]) as [Made, Made];
  const [b25] = runOf(runTwo, [{ minute: 25, complete: true }]) as [Made];
  const rowsOf = (made: Made) => (at(made.doc, RIVN_1M) as Block).data as unknown[][];

  it("adds only the rows of a complete B after A's last, and finds the shared rows the same", async () => {
    const result = await compare(a20, b25);
    expect(result.match).toBe('timestamp');
    const stream = streamAt(result, RIVN_1M);
    expect(rowsOf(b25).slice(0, 20)).toEqual(rowsOf(a20)); // the same run's bars, the test's premise
    expect(stream).toMatchObject({ added: 5, changed: 0, onlyInA: 0 });
    expect(stream.rows).toEqual(rowsOf(b25).slice(20));
    expect(result.changedRows).toBe(0);
    // The same session id and date: the note says it is another run, with the two starts.
    const startOf = (made: Made) =>
      (made.doc as { system_manager: { _start_time: string } }).system_manager._start_time;
    expect(startOf(a20)).not.toBe(startOf(b25));
    expect(result.notes[0]).toBe(
      `A and B are from two runs of session 1 on 2025-07-01 (started ${startOf(a20)} and ${startOf(b25)}): rows are lined up by their timestamp, and B's rows later than A's last are counted as added.`,
    );
  });

  it('counts the rows that differ at a timestamp both hold, beside those that are the same', async () => {
    const edited = withRows(b25, (rows) => {
      for (const i of [3, 11]) (rows[i] as number[])[CLOSE] = ((rows[i] as number[])[CLOSE] as number) + 0.5;
    });
    const result = await compare(a20, edited);
    const stream = streamAt(result, RIVN_1M);
    expect(stream).toMatchObject({ added: 5, changed: 2 });
    expect(result.changedRows).toBe(2);
    // A minute B lacks (a halted bar) is counted as A's own, and the rows after it still pair by their time.
    expect(streamAt(await compare(a20, without(edited, 5)), RIVN_1M)).toMatchObject({
      added: 5,
      changed: 2,
      onlyInA: 1,
      onlyInBWithin: 0,
    });
    // A minute A lacks, inside the span A covers, is B's own there (not added: it is not after A's last).
    expect(streamAt(await compare(without(a20, 7), edited), RIVN_1M)).toMatchObject({
      added: 5,
      changed: 2,
      onlyInA: 0,
      onlyInBWithin: 1,
    });
    // The same rows, written in another layout only, do not differ.
    const relaid = await compare(
      a20,
      withRows(b25, () => {}),
    );
    expect(streamAt(relaid, RIVN_1M)).toMatchObject({ added: 5, changed: 0 });
  });

  it('lists a stream whose runs hold different minutes, though the rows they share are the same', async () => {
    // Both end at the same minute: nothing added, nothing changed, the same count; A lacks 09:37, B 09:35.
    const [b20] = runOf(runTwo, [{ minute: 20, complete: true }]) as [Made];
    const result = await compare(without(a20, 7), without(b20, 5));
    expect(streamAt(result, RIVN_1M)).toMatchObject({ added: 0, changed: 0, onlyInA: 1, onlyInBWithin: 1 });
    expect(result.streamsTotal).toBe(1);
  });

  it('finds every shared row changed when B is a run with other prices', async () => {
    const [other] = runOf(runTwo, [{ minute: 20, complete: true }], 2) as [Made];
    const result = await compare(a20, other);
    const stream = streamAt(result, RIVN_1M);
    // As many rows at the same minutes, none added, and every one of them other.
    expect(stream).toMatchObject({ added: 0, onlyInA: 0, changed: 20 });
    expect(result.changedRows).toBe(20);
  });

  it('lines up a delta B that starts before A ends: the shared minutes compared, the later ones added', async () => {
    const b = rowsOf(b25delta);
    expect(b.length).toBe(10); // minutes 15 to 24: five of them A has too
    const result = await compare(a20, b25delta);
    const stream = streamAt(result, RIVN_1M);
    expect(stream).toMatchObject({ added: 5, changed: 0, onlyInA: 0 });
    expect(stream.rows).toEqual(b.slice(5));
    const edited = withRows(b25delta, (rows) => {
      (rows[4] as number[])[CLOSE] = 0;
    });
    expect(streamAt(await compare(a20, edited), RIVN_1M)).toMatchObject({ added: 5, changed: 1 });
  });

  it("counts the rows of A after B's last when B ends first", async () => {
    const result = await compare(a20, b15);
    const stream = streamAt(result, RIVN_1M);
    expect(stream).toMatchObject({ added: 0, changed: 0, onlyInA: 5 });
    expect(stream.rows).toEqual([]);
  });
});
