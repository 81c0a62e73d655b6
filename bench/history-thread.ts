// A history helper thread for the scale bench (node:worker_threads running bench/history-thread-entry.ts
// through tsx), behind the HistoryHelper interface the engine's start uses in the browser.
import { Worker } from 'node:worker_threads';
import { wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import type { HistoryHelper, HistoryJob, LoadedHistory } from '../workers/api/history-helper';

export interface HistoryThread {
  helper: HistoryHelper;
  close(): Promise<void>;
}

/** Starts the thread and waits until it answers, so that its start-up is not counted as loading. */
export async function startHistoryThread(): Promise<HistoryThread> {
  // Node 20 resolves a worker's own .ts entry before `--import tsx` in its execArgv takes effect, so a small
  // script registers tsx in the thread first and then imports the entry.
  const entry = new URL('./history-thread-entry.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
  const remote = wrap<{ load(jobs: HistoryJob[]): LoadedHistory[] }>(nodeEndpoint(worker));
  const helper: HistoryHelper = { load: (jobs) => remote.load(jobs) };
  await helper.load([]);
  return {
    helper,
    close: async () => {
      await worker.terminate();
    },
  };
}
