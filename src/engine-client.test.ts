// The client's supervision, tested without threads: a fake worker speaks Comlink over a MessageChannel.
import { transfer } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelWorker } from './channel-worker.test-support';
import { createEngineClient, type EngineClient, isEngineWorkerError } from './engine-client';

class FakeWorker extends ChannelWorker {}

const snapshot = { sessionName: 'Example Trading Session', state: 'STOPPED' };

function setup(api: Record<string, (...args: never[]) => unknown>, timeoutMs = 200) {
  const workers: FakeWorker[] = [];
  const failures: string[] = [];
  const client = createEngineClient({
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

let client: EngineClient | undefined;
afterEach(() => client?.dispose());

describe('engine client', () => {
  it('calls the engine and returns its answer', async () => {
    const env = setup({
      snapshot: () => snapshot,
      step: (minutes: number) => ({ ok: true, value: minutes }),
    });
    client = env.client;
    await expect(client.call('snapshot')).resolves.toEqual(snapshot);
    await expect(client.call('step', 3)).resolves.toEqual({ ok: true, value: 3 });
    expect(env.workers).toHaveLength(1);
  });

  it("asks the engine for the indicator catalogue (the config editor's Add indicator)", async () => {
    const catalogue = [{ name: 'sma', outputs: ['value'], placement: 'price', params: {} }];
    const env = setup({ indicatorCatalogue: () => catalogue });
    client = env.client;
    await expect(client.call('indicatorCatalogue')).resolves.toEqual(catalogue);
  });

  it('tells the engine the symbols the page shows, and passes a refusal on', async () => {
    const asked: string[][] = [];
    const env = setup({
      showSymbols: (symbols: string[]) => {
        asked.push(symbols);
        return symbols.includes('NOPE')
          ? { ok: false, error: 'show symbols: NOPE is not a symbol of this session (accepted: RIVN)' }
          : { ok: true, value: undefined };
      },
    });
    client = env.client;
    await expect(client.showSymbols(['RIVN'])).resolves.toEqual({ ok: true, value: undefined });
    await expect(client.showSymbols(['NOPE'])).resolves.toMatchObject({ ok: false });
    expect(asked).toEqual([['RIVN'], ['NOPE']]);
  });

  it('stops a worker that does not answer in time and rejects the call clearly', async () => {
    const env = setup({ snapshot: () => new Promise(() => {}) }, 50);
    client = env.client;
    const error = await client.call('snapshot').catch((e: unknown) => e);
    expect(isEngineWorkerError(error)).toBe(true);
    expect((error as Error).message).toMatch(/did not answer "snapshot" within 0.05 s/);
    expect(env.workers[0]?.terminated).toBe(true);
    expect(env.failures).toHaveLength(1);
    // Later calls fail at once instead of hanging, until a restart.
    await expect(client.call('snapshot')).rejects.toThrow(/did not answer/);
  });

  it('rejects every call in flight when the worker crashes', async () => {
    const env = setup({ snapshot: () => new Promise(() => {}), start: () => new Promise(() => {}) }, 5_000);
    client = env.client;
    const calls = [client.call('snapshot'), client.call('start')].map((p) => p.catch((e: unknown) => e));
    env.workers[0]?.crash('boom');
    const errors = await Promise.all(calls);
    for (const error of errors) {
      expect(isEngineWorkerError(error)).toBe(true);
      expect((error as Error).message).toBe('The engine worker crashed: boom.');
    }
    expect(env.failures).toEqual(['The engine worker crashed: boom.']);
  });

  it('restarts with a fresh worker', async () => {
    const env = setup({ snapshot: () => snapshot }, 5_000);
    client = env.client;
    await client.call('snapshot');
    env.workers[0]?.crash('boom');
    await expect(client.call('snapshot')).rejects.toThrow(/crashed/);
    client.restart();
    await expect(client.call('snapshot')).resolves.toEqual(snapshot);
    expect(env.workers).toHaveLength(2);
    expect(env.workers[0]?.terminated).toBe(true);
    expect(env.workers[1]?.terminated).toBe(false);
  });

  it('passes an engine bug through as a plain error, not a dead worker', async () => {
    const env = setup({
      snapshot: () => {
        throw new TypeError('bad state');
      },
    });
    client = env.client;
    const error = await client.call('snapshot').catch((e: unknown) => e);
    expect(isEngineWorkerError(error)).toBe(false);
    expect((error as Error).message).toBe('bad state');
    expect(env.failures).toEqual([]);
  });

  it('says so when the worker fails without a message (a script that did not load)', async () => {
    const env = setup({ snapshot: () => new Promise(() => {}) }, 5_000);
    client = env.client;
    const call = client.call('snapshot').catch((e: unknown) => e);
    env.workers[0]?.events.dispatchEvent(new Event('error'));
    expect(((await call) as Error).message).toBe('The engine worker failed to load or crashed.');
  });

  it('passes a function argument as a callback the engine can call, and takes transferred bytes', async () => {
    const env = setup({
      exportStatus: async (_options: unknown, onProgress: (p: { symbolsDone: number }) => Promise<void>) => {
        for (let done = 1; done <= 3; done++) await onProgress({ symbolsDone: done });
        const part = new Uint8Array([123, 125]);
        return transfer({ ok: true, value: { parts: [part] } }, [part.buffer]);
      },
    });
    client = env.client;
    const seen: number[] = [];
    const listener = (p: { symbolsDone: number }) => void seen.push(p.symbolsDone);
    const answer = await client.call('exportStatus', { complete: true }, listener as never);
    expect(seen).toEqual([1, 2, 3]);
    expect(answer.ok && [...(answer.value.parts[0] ?? [])]).toEqual([123, 125]);
  });

  it('keeps a call alive while the engine reports progress, past the timeout', async () => {
    const env = setup(
      {
        exportStatus: async (_options: unknown, onProgress: () => Promise<void>) => {
          for (let i = 0; i < 6; i++) {
            await new Promise((resolve) => setTimeout(resolve, 40));
            await onProgress();
          }
          return { ok: true, value: 'done' };
        },
      },
      100,
    );
    client = env.client;
    await expect(client.call('exportStatus', { complete: true }, (() => {}) as never)).resolves.toEqual({
      ok: true,
      value: 'done',
    });
    expect(env.failures).toEqual([]);
  });
});
