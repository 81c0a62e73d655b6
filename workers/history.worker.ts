// Comlink wiring only: a helper thread that loads history for the engine's `start` (workers/api/
// history-helper.ts). The engine worker starts it and is its only caller; the series go back to the engine
// as transferred buffers, never through the page.
import { expose, transfer } from 'comlink';
import { type HistoryJob, loadChunk } from './api/history-helper';

const api = {
  load(jobs: HistoryJob[]) {
    const { loaded, transfer: buffers } = loadChunk(jobs);
    return transfer(loaded, buffers);
  },
};

export type HistoryApi = typeof api;

expose(api);
