// Comlink wiring only: build the engine and expose its API object. Everything else lives in api/ and engine/.
import { expose, transfer, wrap } from 'comlink';
import type { DemoProgressListener, ExportOptions } from './api/engine-api';
import { createEngineApi, type ExportPayload, type ProgressListener } from './api/engine-api';
import type { ChunkListener } from './api/export-verbs';
import { type HistoryHelper, historyHelperCount } from './api/history-helper';
import { createRuntime } from './api/runtime';
import type { Result } from './common/result';
import { demoPlayerPage } from './demo-player-page';
import type { DemoRequest } from './export/contract';
import { transferListOf } from './export/contract';
import type { HistoryApi } from './history.worker';

/**
 * The history helpers (workers/history.worker.ts), each started by the first start that has history to
 * share and kept for the next; the page never sees them. One that reports an error, or that the browser
 * refuses to start, is let go, and the next start tries a fresh one in its place; meanwhile the engine's
 * thread loads what it would have (history-preload.ts).
 */
const helpers: (HistoryHelper | null)[] = Array.from(
  { length: historyHelperCount(self.navigator.hardwareConcurrency) },
  () => null,
);

function startHelper(slot: number): HistoryHelper | null {
  let worker: Worker;
  try {
    // Vite finds the worker only when this expression is written inline with literal options.
    worker = new Worker(new URL('./history.worker.ts', import.meta.url), { type: 'module', name: 'history' });
  } catch {
    return null;
  }
  const helper = wrap<HistoryApi>(worker);
  worker.addEventListener('error', () => {
    worker.terminate();
    if (helpers[slot] === helper) helpers[slot] = null;
  });
  return helper;
}

function historyHelpers(): HistoryHelper[] {
  for (const [slot, helper] of helpers.entries()) helpers[slot] = helper ?? startHelper(slot);
  return helpers.filter((helper) => helper !== null);
}

const engine = createEngineApi(createRuntime(), createRuntime, {
  demoPlayer: demoPlayerPage,
  historyHelpers,
});

/** Export bytes leave the worker as transferred buffers: no copy, and the worker keeps none. */
function transferred<T>(value: T, payload: ExportPayload | undefined): T {
  return payload ? transfer(value, transferListOf(payload.parts)) : value;
}

const api = {
  ...engine,
  async exportStatus(options: ExportOptions, onProgress?: ProgressListener): Promise<Result<ExportPayload>> {
    const result = await engine.exportStatus(options, onProgress);
    return result.ok ? transferred(result, result.value) : result;
  },
  async runCommand(line: string, onProgress?: ProgressListener, onDemoProgress?: DemoProgressListener) {
    const reply = await engine.runCommand(line, onProgress, onDemoProgress);
    if (reply.demo) return transfer(reply, [reply.demo.bytes]);
    return transferred(reply, reply.export);
  },
  /** Each chunk of a streamed export leaves as it is made, its buffer transferred (each chunk has its own). */
  streamExport(options: ExportOptions, onChunk: ChunkListener, onProgress?: ProgressListener) {
    return engine.streamExport(options, (chunk) => onChunk(transfer(chunk, [chunk.buffer])), onProgress);
  },
  /** The demo file's bytes leave as one transferred buffer. */
  async saveDemo(request: DemoRequest, onProgress?: DemoProgressListener) {
    const result = await engine.saveDemo(request, onProgress);
    return result.ok ? transfer(result, [result.value.bytes]) : result;
  },
};

export type EngineApi = typeof api;

expose(api);
