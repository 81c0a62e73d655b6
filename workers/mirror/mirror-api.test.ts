import { describe, expect, it } from 'vitest';
import { backtestOf } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { handFed, overviewIn } from './live-link.test-support';
import { createMirrorApi } from './mirror-api';

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const take = (complete: boolean, consumer = 'ui') => {
    const result = exporter.export({ complete, consumer });
    if (!result.ok) throw new Error(result.error);
    return result.value;
  };
  const bytes = (complete: boolean, consumer = 'ui') => take(complete, consumer).chunks;
  return { backtest, take, bytes };
}

const blobOf = (parts: Uint8Array[]) => new Blob(parts as Uint8Array<ArrayBuffer>[]);

async function gzip(parts: Uint8Array[]): Promise<Blob> {
  const stream = blobOf(parts).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

describe('mirror API', () => {
  it('keeps a live mirror from the engine bytes and answers chart series incrementally', async () => {
    const { backtest, take } = setup();
    backtest.advance(4);
    const api = createMirrorApi();
    const feed = handFed(api);
    const first = await feed.send(take(true));
    expect(first.answer).toEqual({ kind: 'applied' });
    expect(first.told).toEqual([
      { kind: 'syncing' },
      {
        kind: 'complete',
        sequence: 1,
        sessionId: 1,
        sessionDate: '2025-07-01',
        rowsHeld: overviewIn(api, 'live').rowsHeld,
        resyncReason: null,
      },
    ]);
    const loaded = api.view({ source: 'live', symbol: 'RIVN', interval: '1m', shown: null });
    expect(loaded).toMatchObject({ symbol: 'RIVN', interval: '1m', appended: false });
    const whole = loaded.series;
    expect(whole?.historyCount).toBe(3900);
    expect(whole?.total).toBe(3904);
    expect(whole?.time[3900]).toBe(Date.UTC(2025, 6, 1, 9, 30) / 1000);
    backtest.advance(3);
    const next = await feed.send(take(false));
    expect(next.answer).toEqual({ kind: 'applied' });
    expect(next.told).toMatchObject([{ kind: 'delta', sequence: 2 }]);
    // The chart shows the whole series as of export #1: only the three bars after it come back.
    const shown = { key: loaded.key, sequence: 1, total: whole?.total ?? 0 };
    const appended = api.view({ source: 'live', symbol: 'RIVN', interval: '1m', shown });
    expect(appended.appended).toBe(true);
    const added = appended.series;
    expect(added?.time.length).toBe(3);
    expect(added?.from).toBe(3904);
    const store = backtest.session?.symbols.get('RIVN')?.baseBars;
    expect(Array.from(added?.close ?? [])).toEqual(Array.from(store?.close.slice(4, 7) ?? []));
    const overview = overviewIn(api, 'live');
    expect(overview).toMatchObject({ synced: true, sequence: 2, sessionDate: '2025-07-01' });
    expect(overview.symbols.map((s) => s.symbol)).toEqual(['RIVN', 'AAPL', 'TSLA']);
    expect(overview.symbols[0]?.intervals).toEqual(['1m', '5m', '15m', '1d']);
    expect(overview.symbols[0]?.rows['1m']).toBe(7);
    expect(appended.quote?.quote).toHaveProperty('bid');
    expect(appended.overview).toEqual(overview);
    // Another interval is another series: it comes whole.
    const fives = api.view({ source: 'live', symbol: 'RIVN', interval: '5m', shown });
    expect(fives).toMatchObject({ interval: '5m', appended: false, series: { from: 0 } });
    // An unknown symbol and interval fall back to the first symbol's one-minute bars.
    expect(api.view({ source: 'live', symbol: 'NOPE', interval: '4h', shown: null })).toMatchObject({
      symbol: 'RIVN',
      interval: '1m',
    });
    feed.close();
  });

  it('asks the engine for a complete export when a live delta cannot be applied, and tells the page', async () => {
    const { backtest, take, bytes } = setup();
    const api = createMirrorApi();
    const feed = handFed(api);
    await feed.send(take(true));
    backtest.advance(1);
    bytes(false);
    backtest.advance(1);
    const reason = 'export #3 follows #2, but the last one applied is #1';
    expect(await feed.send(take(false))).toEqual({
      answer: { kind: 'resync', reason },
      told: [{ kind: 'resyncing', reason }],
    });
    // The mirror still holds what it had; the complete export that follows names the gap it closes.
    expect(overviewIn(api, 'live').sequence).toBe(1);
    const resynced = await feed.send(take(true));
    expect(resynced.told[1]).toMatchObject({ kind: 'complete', sequence: 4, resyncReason: reason });
    expect(await feed.sendBytes(new TextEncoder().encode('{"x": 1}'))).toMatchObject({ kind: 'refused' });
    expect(overviewIn(api, 'live').sequence).toBe(4);
    feed.close();
  });

  it('answers a message it cannot handle with a refusal, tells the page, and goes on', async () => {
    const { backtest, take } = setup();
    const api = createMirrorApi();
    const feed = handFed(api);
    for (const broken of [{ kind: 'export', mode: 'delta', sequence: 1 }, { kind: 'nonsense' }, null]) {
      expect(await feed.sendRaw(broken)).toMatchObject({
        kind: 'refused',
        reason: expect.stringMatching(/^the live mirror failed: /),
      });
    }
    expect(feed.updates.map((u) => u.kind)).toEqual(['refused', 'refused', 'refused']);
    // The link still works: the next export is applied as usual.
    backtest.advance(2);
    expect(await feed.send(take(true))).toMatchObject({ answer: { kind: 'applied' } });
    expect(overviewIn(api, 'live')).toMatchObject({ synced: true, sequence: 1 });
    feed.close();
  });

  it('opens downloaded files (plain and gzip) in any order and steps through them', async () => {
    const { backtest, bytes } = setup();
    const files = [{ name: 'a-complete.json', blob: blobOf(bytes(true, 'files')) }];
    for (let i = 1; i <= 3; i++) {
      backtest.advance(2);
      const parts = bytes(false, 'files');
      files.push({ name: `delta-${i}.json.gz`, blob: await gzip(parts) });
    }
    const api = createMirrorApi();
    const opened = await api.openFiles([files[2], files[0], files[3], files[1]] as typeof files);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.steps.map((s) => s.name)).toEqual(files.map((f) => f.name));
    expect(overviewIn(api, 'offline').symbols[0]?.rows['1m']).toBe(0);
    expect(api.showStep(3)).toEqual({ ok: true, value: 3 });
    expect(overviewIn(api, 'offline').symbols[0]?.rows['1m']).toBe(6);
    expect(api.showStep(1)).toEqual({ ok: true, value: 1 });
    expect(overviewIn(api, 'offline').symbols[0]?.rows['1m']).toBe(2);
  });

  it('refuses a file that is not an export with one clear line', async () => {
    const api = createMirrorApi();
    expect(await api.openFiles([{ name: 'notes.txt', blob: new Blob(['hello']) }])).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^notes\.txt: not a JSON file/),
    });
    expect(await api.openFiles([{ name: 'other.json', blob: new Blob(['{"a": 1}']) }])).toEqual({
      ok: false,
      error:
        'other.json: not a Session Tape export: there is no _metadata (expected a status export 2.0 JSON file with _metadata and session_data)',
    });
  });
});
