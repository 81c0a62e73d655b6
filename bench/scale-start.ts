// One start of the scale bench's 1,000-symbol session, measured in a process of its own (forked by
// bench/scale.bench.ts): the start as the app makes it (the engine worker's `start` verb: history preloaded
// in slices, then Backtest.start), with one history helper thread or with the engine's thread alone, then
// the memory the session holds and the next trading day opening. A fresh process each time, because a start
// after another in the same process reuses memory the first let go and skips part of the first touches
// that dominate it (docs/market-data.md): the two figures would not be alike.
import { fork } from 'node:child_process';
import { EngineHost } from '../workers/api/engine-host';
import type { HistoryHelper } from '../workers/api/history-helper';
import { createRuntime } from '../workers/api/runtime';
import { createSessionVerbs } from '../workers/api/session-verbs';
import { type ConfigJson, configJsonOf } from './config-of';
import { startHistoryThread } from './history-thread';
import { syntheticSymbols } from './symbols';

export const SCALE_SYMBOLS = 1000;
export const SCALE_MARKET = { seed: 1, gapRate: 0 };

export function scaleJson(): ConfigJson {
  return configJsonOf((json) => {
    json.backtest_config = { start_date: '2025-07-01', end_date: '2025-07-02', speed_multiplier: 60 };
    const data = json.session_data_config;
    data.symbols = syntheticSymbols(SCALE_SYMBOLS);
    data.streams = ['1m', '5m', '15m'];
    data.historical = {
      enabled: true,
      data: [
        { interval: '1m', trailing_days: 40 },
        { interval: '1d', trailing_days: 30 },
      ],
    };
    delete data.indicators;
    delete data.strategies;
  });
}

/** What one start measured: wall ms and CPU (all threads), RSS growth, stored bars, the next day. */
export interface StartRecord {
  ms: number;
  cpu: NodeJS.CpuUsage;
  grownBytes: number;
  bars: number;
  nextMs: number;
  nextCpu: NodeJS.CpuUsage;
  /** Symbols whose history in the session is the memory the helper sent (0 alone). */
  helperSymbols: number;
}

export function rss(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

/** Measures one start in this process (see the head of the file). */
export async function measureStart(withHelper: boolean): Promise<StartRecord> {
  // The thread is up before the empty engine is measured, as the browser's is after a first start: its own
  // heap is not a stored bar (what it allocates while loading is).
  const thread = withHelper ? await startHistoryThread() : null;
  try {
    const empty = rss();
    const runtime = createRuntime({ config: scaleJson(), market: SCALE_MARKET, realtime: false });
    // The buffers the helper's answers arrived in: a symbol whose history the start holds in one of them
    // is the helper's work, kept, not loaded again here.
    const received = new Set<ArrayBufferLike>();
    const helpers: HistoryHelper[] = thread
      ? [
          {
            async load(jobs) {
              const answer = await thread.helper.load(jobs);
              for (const { series } of answer) for (const s of series) received.add(s.columns.time.buffer);
              return answer;
            },
          },
        ]
      : [];
    const verbs = createSessionVerbs(new EngineHost(runtime), thread ? () => helpers : undefined);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const started = await verbs.start();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (!started.ok) throw new Error(started.error);
    const grownBytes = rss() - empty;
    const backtest = runtime.backtest;
    let bars = 0;
    let helperSymbols = 0;
    for (const s of backtest.session?.symbols.values() ?? []) {
      for (const stream of s.bars.values()) bars += stream.length;
      for (const h of s.historical.values()) bars += h.bars.length;
      if ([...s.historical.values()].some((h) => received.has(h.bars.time.buffer))) helperSymbols++;
    }
    // Otherwise the helper's run would time this thread alone plus a thread's overhead, under its name.
    if (thread && helperSymbols === 0) throw new Error('the start kept no history from the helper thread');
    backtest.advance(backtest.sessionMinutes);
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    backtest.advance(1);
    const nextMs = performance.now() - t1;
    const nextCpu = process.cpuUsage(cpu1);
    if (backtest.session?.date !== '2025-07-02') throw new Error('the next day did not open');
    return { ms, cpu, grownBytes, bars, nextMs, nextCpu, helperSymbols };
  } finally {
    await thread?.close();
  }
}

/** Measures one start in a fresh Node process (bench/scale-start-entry.ts). */
export function measureStartInChild(withHelper: boolean): Promise<StartRecord> {
  return new Promise((resolve, reject) => {
    const child = fork(
      new URL('./scale-start-entry.ts', import.meta.url),
      [withHelper ? 'helper' : 'alone'],
      { execArgv: ['--expose-gc', '--import', 'tsx'] },
    );
    let record: StartRecord | null = null;
    child.once('message', (message) => {
      record = message as StartRecord;
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      record
        ? resolve(record)
        : reject(new Error(`the scale start's process ended (${code}) with no figures`)),
    );
  });
}
