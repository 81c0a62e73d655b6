// The export bench's typical session (1 symbol, 390 bars with 5m and 15m, 40 days of 1m, 30 of 1d) and the
// timings the browser bench compares: the same code runs in Node (bench/browser.bench.ts) and inside a
// Chromium worker (bench-worker.ts), so the two columns differ only by where they ran.

import { createEngineApi } from '../../workers/api/engine-api';
import { createRuntime } from '../../workers/api/runtime';
import { Backtest } from '../../workers/engine/backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../../workers/engine/config';
import { Exporter } from '../../workers/export/exporter';

export interface TypicalTimings {
  /** Median ms of a complete export (prepared, uncounted: every run makes the same document). */
  completeMs: number;
  completeBytes: number;
  /** Median ms of the same export streamed to a target that lets the sink reuse its chunk (no allocation). */
  streamedMs: number;
  /** Median ms of the same one-bar delta (since= the complete export that preceded the bar). */
  deltaMs: number;
  deltaBytes: number;
  /** Median ms of a complete export through the app's own path: the engine API's exportStatus, confirmed. */
  appMs: number;
}

/** The typical session's configuration, as the app's configuration file holds it. */
export function typicalConfigJson(): Record<string, unknown> {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    session_data_config: Record<string, unknown>;
  };
  const data = json.session_data_config;
  data.symbols = ['RIVN'];
  data.streams = ['1m', '5m', '15m'];
  delete data.indicators;
  delete data.strategies;
  data.historical = {
    enabled: true,
    data: [
      { interval: '1m', trailing_days: 40 },
      { interval: '1d', trailing_days: 30 },
    ],
  };
  return json;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A macrotask: each timed export runs in a task of its own, as the app's exports do. */
const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

/**
 * Median ms of `runs` calls of `work`, each in a task of its own (a tight synchronous loop would time the
 * garbage of every run before it, which the browser frees between tasks).
 */
async function timed(work: () => unknown, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await nextTask();
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The typical session built once, and the timings of one round of runs (warm the JIT with a first round). */
export class TypicalBench {
  private readonly exporter: Exporter;
  private readonly since: number;
  private readonly api = createEngineApi(createRuntime({ realtime: false, config: typicalConfigJson() }));
  private readonly ready: Promise<void>;

  constructor() {
    const parsed = parseSessionConfig(typicalConfigJson());
    if (!parsed.ok) throw new Error(parsed.error);
    const backtest = new Backtest(parsed.value);
    backtest.start();
    // 15:55, as in `npm run bench -- export`.
    backtest.advance(386);
    this.exporter = new Exporter(backtest);
    this.since = unwrap(this.exporter.export({ complete: true })).metadata.sequence;
    backtest.advance(1);
    this.ready = this.api.start().then(() => {
      this.api.step(386);
    });
  }

  async round(runs: number): Promise<TypicalTimings> {
    await this.ready;
    const exporter = this.exporter;
    const complete = () => unwrap(exporter.prepare({ complete: true })).result;
    const discard = { reusesChunks: true, write: (_chunk: Uint8Array) => {} };
    const delta = () => unwrap(exporter.prepare({ complete: false, since: this.since })).result;
    const api = this.api;
    const appExport = async () => {
      const payload = unwrap(await api.exportStatus({ complete: true }));
      unwrap(api.confirmExport(payload.receipt));
      // As the app's page does once its Blob holds the bytes.
      api.recycleExportChunks(payload.parts.map((p) => p.buffer as ArrayBuffer));
    };
    return {
      completeMs: await timed(complete, runs),
      completeBytes: complete().bytes,
      streamedMs: await timed(() => exporter.prepare({ complete: true, target: discard }), runs),
      deltaMs: await timed(delta, runs),
      deltaBytes: delta().bytes,
      appMs: await timed(appExport, runs),
    };
  }
}
