import { afterEach, describe, expect, it } from 'vitest';
import { backtestOf, textOf } from '../workers/export/export.test-support';
import { Exporter } from '../workers/export/exporter';
import { createViewerApi } from '../workers/viewer/viewer-api';
import { ChannelWorker } from './channel-worker.test-support';
import { createViewerClient, isViewerWorkerError, type ViewerClient } from './viewer-client';

class FakeWorker extends ChannelWorker {}

function exportText(): string {
  const backtest = backtestOf();
  backtest.start();
  backtest.advance(5);
  return textOf(new Exporter(backtest).export({ complete: true }));
}

let client: ViewerClient | undefined;
afterEach(() => client?.dispose());

function setup(api: object, timeoutMs = 2_000) {
  const workers: FakeWorker[] = [];
  const failures: string[] = [];
  client = createViewerClient({
    timeoutMs,
    createWorker: () => {
      const worker = new FakeWorker(api);
      workers.push(worker);
      return worker;
    },
  });
  client.onFailure((message) => failures.push(message));
  return { client, workers, failures };
}

describe('viewer client', () => {
  it('sends a Blob to the viewer, hears its progress and asks for rows', async () => {
    const { client } = setup(createViewerApi({ sliceBytes: 32 * 1024 }));
    const text = exportText();
    const progress: number[] = [];
    const opened = await client.call('open', new Blob([text]), (p) => progress.push(p.bytesRead));
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.summary.mode).toBe('complete');
    expect(progress.at(-1)).toBe(new TextEncoder().encode(text).length);
    const rows = await client.call(
      'rows',
      opened.value.id,
      ['session_data', 'symbols', 'AAPL', 'session', 'data', '1m', 'data'],
      0,
      2,
    );
    expect(rows.ok && rows.value.rows).toEqual(
      (JSON.parse(text).session_data.symbols.AAPL.session.data['1m'].data as unknown[]).slice(0, 2),
    );
  });

  it('stops a viewer that does not answer in time, and starts a fresh one on restart', async () => {
    let stuck = true;
    const { client, workers, failures } = setup(
      { children: () => (stuck ? new Promise(() => {}) : { ok: true, value: [] }) },
      50,
    );
    const error = await client.call('children', 'export-1', []).catch((e: unknown) => e);
    expect(isViewerWorkerError(error)).toBe(true);
    expect((error as Error).message).toBe(
      'The viewer did not answer "children" within 0.05 s and was stopped.',
    );
    expect(workers[0]?.terminated).toBe(true);
    expect(failures).toHaveLength(1);
    await expect(client.call('children', 'export-1', [])).rejects.toThrow(/did not answer/);
    stuck = false;
    client.restart();
    await expect(client.call('children', 'export-1', [])).resolves.toEqual({ ok: true, value: [] });
    expect(workers).toHaveLength(2);
  });

  it('keeps a slow open alive while it reports progress', async () => {
    const slow = {
      async open(_blob: Blob, onProgress: (p: { bytesRead: number; bytesTotal: number }) => void) {
        for (let i = 1; i <= 4; i++) {
          await new Promise((resolve) => setTimeout(resolve, 40));
          await onProgress({ bytesRead: i, bytesTotal: 4 });
        }
        return { ok: false, error: 'done' };
      },
    };
    const { client, failures } = setup(slow, 100);
    await expect(client.call('open', new Blob(['{}']), () => {})).resolves.toEqual({
      ok: false,
      error: 'done',
    });
    expect(failures).toEqual([]);
  });

  it('rejects what was in flight when the viewer crashes', async () => {
    const { client, workers, failures } = setup({ open: () => new Promise(() => {}) });
    const call = client.call('open', new Blob(['{}'])).catch((e: unknown) => e);
    workers[0]?.crash('out of memory');
    const error = await call;
    expect(isViewerWorkerError(error)).toBe(true);
    expect((error as Error).message).toBe('The viewer worker crashed: out of memory.');
    expect(failures).toEqual(['The viewer worker crashed: out of memory.']);
  });
});
