// Issue 16's scale: 1,000 symbols streaming 1m/5m/15m with 40 trailing days of 1m history and 30 of 1d.
// Prints, side by side in one run: the start as the app makes it (the engine worker's `start` verb: history
// preloaded in slices, then Backtest.start) with one history helper thread and with the engine's thread
// alone, a new trading day opening, the memory of a stored bar (RSS growth over the empty engine, after
// garbage collection), and the previous per-trade generator (bench/legacy-market-data.ts) against the
// bar-first one loading the same history for 10 symbols. Wall times beside CPU times: on a shared machine
// the wall time also counts the waits for a core.

import { EngineHost } from '../workers/api/engine-host';
import type { HistoryHelper } from '../workers/api/history-helper';
import { createRuntime, type Runtime } from '../workers/api/runtime';
import { createSessionVerbs } from '../workers/api/session-verbs';
import type { HistoricalRequest } from '../workers/engine/config';
import { loadHistorical } from '../workers/engine/historical';
import { generatorSource, type MarketSource } from '../workers/engine/market-source';
import { noTrades } from '../workers/engine/stored-trades';
import { type ConfigJson, configJsonOf } from './config-of';
import { startHistoryThread } from './history-thread';
import { generateDay as legacyDay } from './legacy-market-data';
import { median } from './stats';
import { syntheticSymbols } from './symbols';

const SYMBOLS = 1000;
const MARKET = { seed: 1, gapRate: 0 };

function scaleJson(symbols: string[]): ConfigJson {
  return configJsonOf((json) => {
    json.backtest_config = { start_date: '2025-07-01', end_date: '2025-07-02', speed_multiplier: 60 };
    const data = json.session_data_config;
    data.symbols = symbols;
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

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const cpuText = (usage: NodeJS.CpuUsage) =>
  `CPU ${(cpuMs(usage) / 1000).toFixed(2)} s (user ${(usage.user / 1e6).toFixed(2)} s, system ${(usage.system / 1e6).toFixed(2)} s)`;

function rss(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().rss;
}

/**
 * What this machine takes to touch memory for the first time, in ms per MiB: 256 MiB allocated, written once
 * and let go. In some VMs (this project's Firecracker sandbox) a first touch costs about 10 ms a MiB, on
 * ordinary hardware well under 1: a start that stores 800 MiB of bars pays it in full.
 */
function firstTouchMsPerMiB(): number {
  const mib = 256;
  const t0 = performance.now();
  new Float64Array((mib * 2 ** 20) / 8).fill(1);
  const ms = performance.now() - t0;
  globalThis.gc?.();
  return ms / mib;
}

/** The previous generator (every trade walked, bars aggregated from them) as a history source. */
const legacySource: MarketSource = {
  day: (symbol, day) => ({ ...legacyDay(symbol, day, MARKET, false), appendTrades: noTrades }),
  describe: () => 'generated',
};

/** Loads `requests` for every symbol from each source, the sources taking turns; medians of three, in ms. */
function historyMs(
  symbols: string[],
  requests: HistoricalRequest[],
  sources: readonly MarketSource[],
): number[] {
  const runs = sources.map((): number[] => []);
  for (let run = 0; run < 3; run++) {
    sources.forEach((source, k) => {
      const t0 = performance.now();
      for (const symbol of symbols) loadHistorical(symbol, '2025-07-01', requests, source);
      runs[k]?.push(performance.now() - t0);
    });
  }
  return runs.map(median);
}

/** A start through the app's path: the engine worker's `start` verb, with `helpers` or without. */
async function startAsTheApp(
  json: ConfigJson,
  helpers: readonly HistoryHelper[],
): Promise<{ runtime: Runtime; ms: number; cpu: NodeJS.CpuUsage }> {
  const runtime = createRuntime({ config: json, market: MARKET, realtime: false });
  const verbs = createSessionVerbs(new EngineHost(runtime), helpers.length > 0 ? () => helpers : undefined);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const started = await verbs.start();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!started.ok) throw new Error(started.error);
  return { runtime, ms, cpu };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * The start with one helper thread, and on its engine the memory a stored bar takes and the next day's
 * opening. The engine is let go on return.
 */
async function parallelStart(json: ConfigJson): Promise<{ ms: number; lines: string[] }> {
  // The thread is up before the empty engine is measured, as the browser's is after a first start: its
  // own heap is not a stored bar (what it allocates while loading is).
  const thread = await startHistoryThread();
  try {
    const empty = rss();
    const { runtime, ms, cpu } = await startAsTheApp(json, [thread.helper]);
    const grown = rss() - empty;
    const backtest = runtime.backtest;
    let bars = 0;
    for (const s of backtest.session?.symbols.values() ?? []) {
      for (const stream of s.bars.values()) bars += stream.length;
      for (const h of s.historical.values()) bars += h.bars.length;
    }
    const touch = firstTouchMsPerMiB();
    const lines = [
      `  start (the engine's start verb: history preloaded, then Backtest.start) with one history helper ` +
        `thread: ${seconds(ms)} (target <= 5 s); ${cpuText(cpu)}, all threads, the GC's included`,
      `    of its CPU time, first touches of fresh memory: an estimate of ${seconds(touch * (grown / 2 ** 20))} ` +
        `(${touch.toFixed(2)} ms a MiB on this machine, measured alone), shared by the two threads`,
      `  memory: ${(grown / 2 ** 20).toFixed(0)} MiB RSS growth for ${bars.toLocaleString('en-US')} stored bars, ` +
        `${(grown / bars).toFixed(1)} bytes per stored bar (target <= 60; 48 in columns at exact capacity)`,
    ];
    backtest.advance(backtest.sessionMinutes);
    const t1 = performance.now();
    const cpu1 = process.cpuUsage();
    backtest.advance(1);
    const nextMs = performance.now() - t1;
    const nextCpu = process.cpuUsage(cpu1);
    if (backtest.session?.date !== '2025-07-02') throw new Error('the next day did not open');
    lines.push(
      `  the next trading day opens (Backtest.advance across the close, its first minute included): ` +
        `${nextMs.toFixed(0)} ms (target <= 1,000 ms); ${cpuText(nextCpu)}`,
    );
    return { ms, lines };
  } finally {
    await thread.close();
  }
}

export async function benchScale(): Promise<string[]> {
  const symbols = syntheticSymbols(SYMBOLS);
  const json = scaleJson(symbols);
  const lines = [
    `scale: ${SYMBOLS.toLocaleString('en-US')} symbols, streams 1m/5m/15m, history 40 days of 1m and 30 of 1d`,
  ];
  if (!globalThis.gc) lines.push('  (run with node --expose-gc for the memory figure: npm run bench does)');

  // The parallel start first, on fresh memory: a start after another may reuse memory the first let go,
  // which would flatter the figure that has to meet the target.
  const parallel = await parallelStart(json);
  rss(); // the first engine collected before the second starts
  const alone = await startAsTheApp(json, []);
  const [first, ...rest] = parallel.lines;
  lines.push(
    first as string,
    `  the same start by the engine's thread alone, in the same run (after it, on memory it may have let ` +
      `go, which flatters this one): ${seconds(alone.ms)}; ${cpuText(alone.cpu)}; the helper makes it ` +
      `${(alone.ms / parallel.ms).toFixed(2)}x faster`,
    ...rest,
  );

  const ten = symbols.slice(0, 10);
  const requests = alone.runtime.backtest.config.historical;
  const [legacyMs = Number.NaN, newMs = Number.NaN] = historyMs(ten, requests, [
    legacySource,
    generatorSource(MARKET),
  ]);
  lines.push(
    `  history of 10 symbols (40 days of 1m, 30 of 1d): per-trade generator ${legacyMs.toFixed(0)} ms, ` +
      `bar-first ${newMs.toFixed(0)} ms, ${(legacyMs / newMs).toFixed(1)}x faster`,
  );
  return lines;
}
