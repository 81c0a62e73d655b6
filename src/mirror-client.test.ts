// The mirror client against the real mirror API spoken over a MessageChannel (no thread): export bytes are
// transferred, not copied; series come back as typed arrays; a crashed worker turns into a MirrorWorkerError.
import { transfer } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { backtestOf } from '../workers/export/export.test-support';
import { Exporter } from '../workers/export/exporter';
import { createMirrorApi, type Source } from '../workers/mirror/mirror-api';
import { ChannelWorker } from './channel-worker.test-support';
import { createMirrorClient, isMirrorWorkerError, type MirrorClient } from './mirror-client';

class FakeWorker extends ChannelWorker {}

/** The mirror API as mirror.worker.ts exposes it (series transferred). */
function workerApi() {
  const mirror = createMirrorApi();
  return {
    ...mirror,
    series(source: Source, symbol: string, interval: string, from?: number) {
      const s = mirror.series(source, symbol, interval, from);
      return s ? transfer(s, [s.time.buffer as ArrayBuffer]) : null;
    },
  };
}

let client: MirrorClient | undefined;
afterEach(() => client?.dispose());

function setup(api: object, timeoutMs = 2_000) {
  const workers: FakeWorker[] = [];
  client = createMirrorClient({
    timeoutMs,
    createWorker: () => {
      const worker = new FakeWorker(api);
      workers.push(worker);
      return worker;
    },
  });
  return { client, workers };
}

describe('mirror client', () => {
  it('transfers live export bytes to the mirror and reads series, overview and quotes back', async () => {
    const backtest = backtestOf();
    const exporter = new Exporter(backtest);
    backtest.start();
    backtest.advance(3);
    const result = exporter.export({ complete: true, consumer: 'ui', layout: 'compact' });
    if (!result.ok) throw new Error(result.error);
    const parts = result.value.chunks;
    const { client } = setup(workerApi());

    expect(await client.applyLive(parts)).toEqual({ kind: 'complete', sequence: 1 });
    expect(parts.every((p) => p.byteLength === 0)).toBe(true);
    const overview = await client.overview('live');
    expect(overview).toMatchObject({ synced: true, sequence: 1 });
    const series = await client.series('live', 'RIVN', '1m', 3900);
    expect(series?.time).toBeInstanceOf(Float64Array);
    expect(series?.time.length).toBe(3);
    expect(series?.total).toBe(3903);
    expect((await client.quote('live', 'RIVN')).tick).toHaveProperty('price');
    await client.resetLive();
    expect((await client.overview('live')).synced).toBe(false);
  });

  it('rejects what was in flight when the mirror worker crashes', async () => {
    const { client, workers } = setup({ overview: () => new Promise(() => {}) });
    const call = client.overview('live').catch((e: unknown) => e);
    workers[0]?.crash('out of memory');
    const error = await call;
    expect(isMirrorWorkerError(error)).toBe(true);
    expect((error as Error).message).toBe('The mirror worker crashed: out of memory.');
  });
});
