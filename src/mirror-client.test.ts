// The mirror client against the real mirror API spoken over a MessageChannel (no thread): the live feed's
// ports are transferred to the mirror, which then takes export bytes on its own port (transferred, not
// copied); series come back as typed arrays; a crashed worker turns into a MirrorWorkerError.
import { transfer } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { transferListOf } from '../workers/export/contract';
import { backtestOf } from '../workers/export/export.test-support';
import { Exporter } from '../workers/export/exporter';
import { createMirrorApi, type ViewQuery } from '../workers/mirror/mirror-api';
import { ChannelWorker } from './channel-worker.test-support';
import { createMirrorClient, isMirrorWorkerError, type MirrorClient } from './mirror-client';

class FakeWorker extends ChannelWorker {}

/** The mirror API as mirror.worker.ts exposes it (a view's series transferred). */
function workerApi() {
  const mirror = createMirrorApi();
  return {
    ...mirror,
    view(query: ViewQuery) {
      const read = mirror.view(query);
      return read.series ? transfer(read, [read.series.time.buffer as ArrayBuffer]) : read;
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
  it('hands the mirror the live feed ports, then reads series, overview and quotes back', async () => {
    const backtest = backtestOf();
    const exporter = new Exporter(backtest);
    backtest.start();
    backtest.advance(3);
    const result = exporter.export({ complete: true, consumer: 'ui', layout: 'compact' });
    if (!result.ok) throw new Error(result.error);
    const parts = result.value.chunks;
    const { client } = setup(workerApi());
    const feed = new MessageChannel();
    const told = new MessageChannel();
    await client.connectLive(feed.port2, told.port2);
    const complete = new Promise<unknown>((resolve) => {
      told.port1.onmessage = (event: MessageEvent<{ kind: string }>) => {
        if (event.data.kind === 'complete') resolve(event.data);
      };
    });
    // What the engine does: the bytes go straight to the mirror's port, transferred.
    feed.port1.postMessage({ kind: 'export', mode: 'complete', sequence: 1, parts }, transferListOf(parts));
    expect(parts.every((p) => p.byteLength === 0)).toBe(true);
    expect(await complete).toMatchObject({ kind: 'complete', sequence: 1, sessionDate: '2025-07-01' });
    // One round trip: the overview, the quote and the bars after the 3,900 of history shown.
    // The view's key names the indicators the mirror holds: the built-in session's eight.
    const key =
      'live|RIVN|1m|1|2025-07-01|sma_10_5m,sma_20_5m,ema_9_5m,vwap_1m,rsi_14_5m,macd_5m,bbands_20_5m,atr_14_5m';
    const read = await client.view({
      source: 'live',
      symbol: 'RIVN',
      interval: '1m',
      shown: { key, sequence: 1, total: 3900 },
    });
    expect(read).toMatchObject({ key, appended: true, overview: { synced: true, sequence: 1 } });
    expect(read.series?.time).toBeInstanceOf(Float64Array);
    expect(read.series?.time.length).toBe(3);
    expect(read.series?.total).toBe(3903);
    expect(read.quote?.tick).toHaveProperty('price');
    // Connecting again drops what the live mirror held.
    const again = new MessageChannel();
    await client.connectLive(again.port2, new MessageChannel().port2);
    const after = await client.view({ source: 'live', symbol: null, interval: '1m', shown: null });
    expect(after.overview.synced).toBe(false);
    for (const port of [feed.port1, told.port1, again.port1]) port.close();
  });

  it('rejects what was in flight when the mirror worker crashes', async () => {
    const { client, workers } = setup({ view: () => new Promise(() => {}) });
    const call = client
      .view({ source: 'live', symbol: null, interval: '1m', shown: null })
      .catch((e: unknown) => e);
    workers[0]?.crash('out of memory');
    const error = await call;
    expect(isMirrorWorkerError(error)).toBe(true);
    expect((error as Error).message).toBe('The mirror worker crashed: out of memory.');
  });
});
