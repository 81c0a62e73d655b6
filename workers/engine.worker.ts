// Comlink wiring only: build the engine and expose its API object. Everything else lives in api/ and engine/.
import { expose, transfer, wrap } from 'comlink';
import type { DemoProgressListener, ExportOptions } from './api/engine-api';
import { createEngineApi, type ExportPayload, type ProgressListener } from './api/engine-api';
import type { ChunkListener } from './api/export-verbs';
import { historyHelperCount } from './api/history-helper';
import { historyHelperPool } from './api/history-pool';
import { createRuntime } from './api/runtime';
import type { Result } from './common/result';
import { demoPlayerPage } from './demo-player-page';
import type { DemoRequest } from './export/contract';
import { transferListOf } from './export/contract';
import type { HistoryApi } from './history.worker';

/** The history helpers (api/history-pool.ts), each a workers/history.worker.ts. */
const historyHelpers = historyHelperPool(historyHelperCount(self.navigator.hardwareConcurrency), () => {
  // Vite finds the worker only when this expression is written inline with literal options.
  const worker = new Worker(new URL('./history.worker.ts', import.meta.url), {
    type: 'module',
    name: 'history',
  });
  return {
    helper: wrap<HistoryApi>(worker),
    onError: (listener) => worker.addEventListener('error', listener),
    terminate: () => worker.terminate(),
  };
});

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
