// Issue 16's scale: 1,000 symbols streaming 1m/5m/15m with 40 trailing days of 1m history and 30 of 1d.
// Prints, side by side in one run: the start as the app makes it (the engine worker's `start` verb: history
// preloaded in slices, then Backtest.start) with one history helper thread, with the engine's thread alone,
// each in a fresh process (bench/scale-start.ts), and in the built app in Chromium
// (bench/browser/app-start.ts), ROUNDS rounds taking turns; a new trading day opening; the memory of a
// stored bar (RSS growth over the empty engine, after garbage collection); and the previous per-trade
// generator (bench/legacy-market-data.ts) against the bar-first one loading the same history for 10
// symbols. Wall times beside CPU times: on a shared machine the wall time also counts the waits for a core.

import type { HistoricalRequest } from '../workers/engine/config';
import { parseSessionConfig } from '../workers/engine/config';
import { loadHistorical } from '../workers/engine/historical';
import { generatorSource, type MarketSource } from '../workers/engine/market-source';
import { noTrades } from '../workers/engine/stored-trades';
import { openAppStarts } from './browser/app-start';
import { generateDay as legacyDay } from './legacy-market-data';
import {
  SCALE_MARKET as MARKET,
  measureStartInChild,
  type StartRecord,
  SCALE_SYMBOLS as SYMBOLS,
  scaleJson,
} from './scale-start';
import { median } from './stats';

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ROUNDS = 3;

export async function benchScale(): Promise<string[]> {
  const lines = [
    `scale: ${SYMBOLS.toLocaleString('en-US')} symbols, streams 1m/5m/15m, history 40 days of 1m and 30 of 1d`,
  ];
  const helper: StartRecord[] = [];
  const alone: StartRecord[] = [];
  // The same start in the built app, in Chromium, taking its turn in each round: the page shares the two
  // cores with the engine's worker and its helper, and draws the start's progress meanwhile.
  const app = await openAppStarts({ ...scaleJson(), session_name: 'Scale bench' });
  const inChromium: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      helper.push(await measureStartInChild(true));
      alone.push(await measureStartInChild(false));
      inChromium.push(await app.measure());
    }
  } finally {
    await app.close();
  }
  const startsOf = (records: StartRecord[]) =>
    records
      .map((r) => `${seconds(r.ms)} (CPU ${seconds(cpuMs(r.cpu))}, system ${seconds(r.cpu.system / 1000)})`)
      .join(', ');
  const memoryOf = (r: StartRecord) =>
    `${(r.grownBytes / 2 ** 20).toFixed(0)} MiB, ${(r.grownBytes / r.bars).toFixed(1)} bytes a bar`;
  const helperMs = median(helper.map((r) => r.ms));
  const aloneMs = median(alone.map((r) => r.ms));
  lines.push(
    `  start (the engine's start verb: history preloaded, then Backtest.start), each in a fresh process, ` +
      `${ROUNDS} rounds taking turns:`,
    `    with one history helper thread: ${startsOf(helper)}; median ${seconds(helperMs)} (target <= 5 s)`,
    `      symbols whose history the start kept from the helper: ${helper.map((r) => r.helperSymbols).join(', ')} of ${SYMBOLS}`,
    `    by the engine's thread alone: ${startsOf(alone)}; median ${seconds(aloneMs)}`,
    `    the helper makes the start ${(aloneMs / helperMs).toFixed(2)}x faster (medians); CPU is all threads, the GC's included`,
  );
  const chromiumMs = median(inChromium);
  lines.push(
    `    in Chromium, the built app from disk (Start clicked to RUNNING shown, fresh context each): ` +
      `${inChromium.map(seconds).join(', ')}; median ${seconds(chromiumMs)}, ` +
      `${(chromiumMs / helperMs).toFixed(2)}x the Node start with the helper (medians)`,
  );
  const first = helper[0] as StartRecord;
  const touch = firstTouchMsPerMiB();
  lines.push(
    `    first touches of fresh memory: an estimate of ${seconds(touch * (first.grownBytes / 2 ** 20))} of CPU ` +
      `a start (${touch.toFixed(2)} ms a MiB on this machine, measured alone), shared by the threads`,
    `  memory: RSS growth for ${first.bars.toLocaleString('en-US')} stored bars (target <= 60 bytes a bar; 48 ` +
      `in columns at exact capacity): with the helper ${helper.map(memoryOf).join('; ')}; alone ` +
      `${alone.map(memoryOf).join('; ')} (the helper's heap counts: it is the same process)`,
    `  the next trading day opens (Backtest.advance across the close, its first minute included): ` +
      `${helper.map((r) => `${r.nextMs.toFixed(0)} ms (CPU ${seconds(cpuMs(r.nextCpu))})`).join(', ')} (target <= 1,000 ms)`,
  );

  const parsed = parseSessionConfig(scaleJson());
  if (!parsed.ok) throw new Error(parsed.error);
  const ten = parsed.value.symbols.slice(0, 10);
  const requests = parsed.value.historical;
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
