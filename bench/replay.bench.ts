// Replays one full session of 100 symbols at maximum speed (no timer, `advance(390)`), and measures the
// memory of a stored bar in columns against the same bars as JavaScript objects, side by side.

import { Backtest } from '../workers/engine/backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../workers/engine/config';
import { loadHistorical } from '../workers/engine/historical';
import { syntheticSymbols } from './symbols';

function configFor(symbols: string[]) {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    session_data_config: { symbols: string[]; indicators?: unknown; strategies?: unknown };
  };
  json.session_data_config.symbols = symbols;
  // Bars, ticks and quotes alone: `npm run bench -- indicators` and `-- analysis` measure replay with
  // indicators and strategies beside this.
  delete json.session_data_config.indicators;
  delete json.session_data_config.strategies;
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function heapUsed(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

export function benchReplay(): string[] {
  const lines: string[] = [];
  const backtest = new Backtest(configFor(syntheticSymbols(100)));
  const t0 = performance.now();
  backtest.start();
  const t1 = performance.now();
  backtest.advance(390);
  const t2 = performance.now();
  const session = backtest.session;
  if (!session) throw new Error('no session');
  let bars = 0;
  let barBytes = 0;
  let ticks = 0;
  for (const s of session.symbols.values()) {
    for (const stream of s.bars.values()) {
      bars += stream.length;
      barBytes += stream.allocatedBytes;
    }
    for (const h of s.historical.values()) {
      bars += h.bars.length;
      barBytes += h.bars.allocatedBytes;
    }
    ticks += s.ticks?.length ?? 0;
  }
  const replayMs = t2 - t1;
  const marketMs = 390 * 60_000;
  lines.push('replay: one full session (390 minutes) of 100 symbols, 1m + 5m + 15m, ticks and quotes');
  lines.push(`  start (open session, load 10 days of 1m and 30 of 1d history): ${(t1 - t0).toFixed(0)} ms`);
  lines.push(
    `  replay at maximum speed: ${replayMs.toFixed(0)} ms for ${ticks.toLocaleString('en-US')} ticks; ` +
      `${(marketMs / replayMs).toFixed(0)}x faster than the market (ratio market time / replay time)`,
  );
  lines.push(
    `  stored bars: ${bars.toLocaleString('en-US')}, ${(barBytes / bars).toFixed(1)} bytes per stored bar (target <= 56)`,
  );

  // The next trading day opens during replay: its history moves on by the day that just closed instead
  // of being generated again, so replay does not stall at the day boundary. Against loading that same
  // history from scratch, in the same run.
  const t3 = performance.now();
  backtest.advance(1);
  const t4 = performance.now();
  const next = backtest.session;
  if (!next || next === session) throw new Error('no next session');
  const t5 = performance.now();
  for (const symbol of next.symbols.keys())
    loadHistorical(symbol, next.date, backtest.config.historical, backtest.source);
  const t6 = performance.now();
  lines.push(
    `  the next trading day opens (with its first minute) in ${(t4 - t3).toFixed(0)} ms, history moved on by one day; ` +
      `loading that history from scratch alone takes ${(t6 - t5).toFixed(0)} ms (${((t6 - t5) / (t4 - t3)).toFixed(1)}x)`,
  );

  // Side by side: the same number of bars as objects in an array.
  const count = 200_000;
  const before = heapUsed();
  const objects = Array.from({ length: count }, (_, i) => ({
    time: 1_751_376_600_000 + i * 60_000,
    open: 100 + i / 100,
    high: 101 + i / 100,
    low: 99 + i / 100,
    close: 100.5 + i / 100,
    volume: 1000 + i,
  }));
  const objectBytes = (heapUsed() - before) / count;
  const columnBytes = barBytes / bars;
  lines.push(
    `  the same bars as JS objects: ${objectBytes.toFixed(1)} bytes per bar; columns use ` +
      `${(objectBytes / columnBytes).toFixed(2)}x less memory (${objects.length} objects measured)`,
  );
  return lines;
}
