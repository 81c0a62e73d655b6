import { describe, expect, it } from 'vitest';
import { backtestOf } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { createMirrorApi } from './mirror-api';

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  const bytes = (complete: boolean, consumer = 'ui') => {
    const result = exporter.export({ complete, consumer });
    if (!result.ok) throw new Error(result.error);
    return result.value.chunks;
  };
  return { backtest, bytes };
}

const blobOf = (parts: Uint8Array[]) => new Blob(parts as Uint8Array<ArrayBuffer>[]);

async function gzip(parts: Uint8Array[]): Promise<Blob> {
  const stream = blobOf(parts).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

describe('mirror API', () => {
  it('keeps a live mirror from the engine bytes and answers chart series incrementally', async () => {
    const { backtest, bytes } = setup();
    backtest.advance(4);
    const api = createMirrorApi();
    expect((await api.applyLive(bytes(true))).kind).toBe('complete');
    const whole = api.series('live', 'RIVN', '1m');
    expect(whole?.historyCount).toBe(3900);
    expect(whole?.total).toBe(3904);
    expect(whole?.time[3900]).toBe(Date.UTC(2025, 6, 1, 9, 30) / 1000);
    backtest.advance(3);
    expect((await api.applyLive(bytes(false))).kind).toBe('delta');
    const added = api.series('live', 'RIVN', '1m', whole?.total);
    expect(added?.time.length).toBe(3);
    expect(added?.from).toBe(3904);
    const store = backtest.session?.symbols.get('RIVN')?.baseBars;
    expect(Array.from(added?.close ?? [])).toEqual(Array.from(store?.close.slice(4, 7) ?? []));
    const overview = api.overview('live');
    expect(overview).toMatchObject({ synced: true, sequence: 2, sessionDate: '2025-07-01' });
    expect(overview.symbols.map((s) => s.symbol)).toEqual(['RIVN', 'AAPL', 'TSLA']);
    expect(overview.symbols[0]?.intervals).toEqual(['1m', '5m', '15m', '1d']);
    expect(overview.symbols[0]?.rows['1m']).toBe(7);
    expect(api.quote('live', 'RIVN').quote).toHaveProperty('bid');
  });

  it('says so when a live delta cannot be applied', async () => {
    const { backtest, bytes } = setup();
    const api = createMirrorApi();
    await api.applyLive(bytes(true));
    backtest.advance(1);
    bytes(false);
    backtest.advance(1);
    expect(await api.applyLive(bytes(false))).toEqual({
      kind: 'resync',
      reason: 'export #3 follows #2, but the last one applied is #1',
    });
    expect(await api.applyLive([new TextEncoder().encode('{"x": 1}')])).toMatchObject({ kind: 'error' });
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
    expect(opened.value.map((s) => s.name)).toEqual(files.map((f) => f.name));
    expect(api.overview('offline').symbols[0]?.rows['1m']).toBe(0);
    expect(api.showStep(3)).toEqual({ ok: true, value: 3 });
    expect(api.overview('offline').symbols[0]?.rows['1m']).toBe(6);
    expect(api.showStep(1)).toEqual({ ok: true, value: 1 });
    expect(api.overview('offline').symbols[0]?.rows['1m']).toBe(2);
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
