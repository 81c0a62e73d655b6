// The history helper as a node:worker_threads thread, for the scale bench: the same work and the same answer
// as workers/history.worker.ts (the browser's), over Comlink's Node adapter instead of a Web Worker's port.
import { parentPort } from 'node:worker_threads';
import { expose, transfer } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { type HistoryJob, loadChunk } from '../workers/api/history-helper';

if (!parentPort)
  throw new Error('bench/history-thread-entry.ts runs as a worker thread (bench/history-thread.ts)');

expose(
  {
    load(jobs: HistoryJob[]) {
      const { loaded, transfer: buffers } = loadChunk(jobs);
      return transfer(loaded, buffers);
    },
  },
  nodeEndpoint(parentPort),
);
