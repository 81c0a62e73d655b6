// The browser bench's worker: runs the typical session's timings where the app's engine runs (a module
// worker in Chromium), and serves complete exports through the engine API the way the app's page gets them
// (Comlink, buffers transferred), for the page to time the round trip.
import { expose, transfer } from 'comlink';
import { createEngineApi } from '../../workers/api/engine-api';
import { createRuntime } from '../../workers/api/runtime';
import { transferListOf } from '../../workers/export/contract';
import { TypicalBench, typicalConfigJson } from './typical-session';

const api = createEngineApi(createRuntime({ realtime: false, config: typicalConfigJson() }));
const ready = api.start().then(() => api.step(386));

const typical = new TypicalBench();

const bench = {
  round: (runs: number) => typical.round(runs),
  async exportStatus() {
    await ready;
    const result = await api.exportStatus({ complete: true });
    return result.ok ? transfer(result, transferListOf(result.value.parts)) : result;
  },
  confirmExport: (receipt: number) => api.confirmExport(receipt),
  recycleExportChunks: (buffers: ArrayBuffer[]) => api.recycleExportChunks(buffers),
};

export type BenchWorker = typeof bench;

expose(bench);
