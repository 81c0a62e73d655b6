// The browser bench's page: starts the worker and offers Playwright one round of timings at a time
// (`window.benchRound`), so that Node's rounds and Chromium's can alternate and the machine's noise falls on
// both alike: the typical session's timings in the worker, then the app's own path as the page sees it
// (exportStatus over Comlink with the buffers transferred, then confirmExport).
import { transfer, wrap } from 'comlink';
import type { BenchWorker } from './bench-worker';
import type { TypicalTimings } from './typical-session';

export interface BrowserRound extends TypicalTimings {
  /** Median ms of the app's path as the page sees it: asked, made in the worker, transferred, confirmed. */
  pageRoundTripMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const worker = wrap<BenchWorker>(
  new Worker(new URL('./bench-worker.ts', import.meta.url), { type: 'module', name: 'bench' }),
);

async function round(runs: number): Promise<BrowserRound> {
  const timings = await worker.round(runs);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const result = await worker.exportStatus();
    if (!result.ok) throw new Error(result.error);
    const confirmed = await worker.confirmExport(result.value.receipt);
    if (!confirmed.ok) throw new Error(confirmed.error);
    times.push(performance.now() - t);
    // As the app's page does once its Blob holds the bytes (untimed: page work, not the export's): the
    // buffers go back for the next export.
    const blob = new Blob(result.value.parts as Uint8Array<ArrayBuffer>[]);
    const buffers = result.value.parts.map((p) => p.buffer as ArrayBuffer);
    await worker.recycleExportChunks(transfer(buffers, buffers));
    if (blob.size !== result.value.bytes) throw new Error('the Blob lost bytes');
  }
  return { ...timings, pageRoundTripMs: median(times) };
}

(window as unknown as { benchRound: typeof round }).benchRound = round;
