// The player client against the real player API spoken over a MessageChannel (no thread): a real tape is
// opened and stepped through, series come back as typed arrays, and a crashed worker rejects with a
// PlayerWorkerError.
import { transfer } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { ViewQuery } from '../../workers/mirror/view';
import { packTape, recordTape } from '../../workers/player/demo-tape.test-support';
import { createPlayerApi } from '../../workers/player/player-api';
import { ChannelWorker } from '../channel-worker.test-support';
import { createPlayerClient, type PlayerClient } from './player-client';

/** The player API as player.worker.ts exposes it (a view's series transferred). */
function workerApi() {
  const player = createPlayerApi();
  return {
    ...player,
    view(query: ViewQuery) {
      const read = player.view(query);
      return read.series ? transfer(read, [read.series.time.buffer as ArrayBuffer]) : read;
    },
  };
}

let client: PlayerClient | undefined;
afterEach(() => client?.dispose());

describe('player client', () => {
  it('opens the page’s tape text, shows steps and reads their series; a crash is a PlayerWorkerError', async () => {
    const tape = await packTape(recordTape({ everyMinutes: 60, days: 1 }));
    const workers: ChannelWorker[] = [];
    client = createPlayerClient({
      timeoutMs: 20_000,
      createWorker: () => {
        const worker = new ChannelWorker(workerApi());
        workers.push(worker);
        return worker;
      },
    });
    const opened = await client.openTape(tape);
    if (!opened.ok) throw new Error(opened.error);
    // 390 minutes, one step an hour: the complete export and seven deltas (the last at the close).
    expect(opened.value.steps.map((s) => s.marketTime?.slice(11, 16))).toEqual([
      '09:30',
      '10:30',
      '11:30',
      '12:30',
      '13:30',
      '14:30',
      '15:30',
      '16:00',
    ]);
    expect(await client.showStep(3)).toEqual({ ok: true, value: 3 });
    const read = await client.view({ source: 'offline', symbol: 'TSLA', interval: '1m', shown: null });
    expect(read.symbol).toBe('TSLA');
    expect(read.series?.time).toBeInstanceOf(Float64Array);
    expect(read.series?.total).toBe(3900 + 180);
    workers[0]?.crash('out of memory');
    await expect(client.showStep(4)).rejects.toMatchObject({ name: 'PlayerWorkerError' });
  });
});
