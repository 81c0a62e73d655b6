// Export benchmarks, each measured side by side in one run and printed as a ratio:
// 1. a complete export of the seed's typical session against JSON.stringify of the same rows;
// 2. the size of a one-bar delta against the complete export;
// 3. a delta with 40 days of history against one with 1 day (the cost must not depend on history);
// 4. the throughput of a complete export of about 1 GB (1,000 symbols of the same session) against the
//    1 MB one, each written as it is made to a file and to a counting discard (never held whole).

import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backtest } from '../workers/engine/backtest';
import { formatLocalDateTime, formatLocalTime } from '../workers/engine/calendar';
import type { BarColumns } from '../workers/engine/columns';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../workers/engine/config';
import type { ChunkTarget } from '../workers/export/byte-sink';
import { Exporter } from '../workers/export/exporter';
import { kb, median } from './stats';
import { syntheticSymbols } from './symbols';

function backtestWith(symbols: string[], streams: string[], historyDays: number): Backtest {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    session_data_config: Record<string, unknown>;
  };
  json.session_data_config.symbols = symbols;
  json.session_data_config.streams = streams;
  // The design note's typical session has no indicators: `npm run bench -- indicators` measures them.
  delete json.session_data_config.indicators;
  // Nor strategies (`npm run bench -- analysis`); their section is there, empty, as in every export.
  delete json.session_data_config.strategies;
  json.session_data_config.historical = {
    enabled: true,
    data: [
      { interval: '1m', trailing_days: historyDays },
      { interval: '1d', trailing_days: 30 },
    ],
  };
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  const backtest = new Backtest(parsed.value);
  backtest.start();
  return backtest;
}

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The same rows as plain arrays, the way a straightforward exporter would hold them before stringify. */
function rowsOf(bars: BarColumns, time: (ms: number) => string): unknown[][] {
  return Array.from({ length: bars.length }, (_, i) => [
    time(bars.time[i] as number),
    bars.open[i],
    bars.high[i],
    bars.low[i],
    bars.close[i],
    bars.volume[i],
  ]);
}

function completeVersusStringify(lines: string[]): void {
  const backtest = backtestWith(['RIVN'], ['1m', '5m', '15m'], 40);
  // 15:55: a full day of history and 386 session bars; the next three minutes complete no 5m or 15m bar.
  backtest.advance(386);
  const exporter = new Exporter(backtest);
  const store = backtest.session?.symbols.get('RIVN');
  if (!store) throw new Error('no RIVN');
  const document = {
    session: Object.fromEntries([...store.bars].map(([k, bars]) => [k, rowsOf(bars, formatLocalTime)])),
    historical: Object.fromEntries(
      [...store.historical].map(([k, h]) => [
        k,
        rowsOf(h.bars, k === '1d' ? (ms) => formatLocalDateTime(ms).slice(0, 10) : formatLocalDateTime),
      ]),
    ),
  };
  // Side by side in one run: ours and JSON.stringify of the same prebuilt rows, each in both layouts,
  // interleaved round by round so that the machine's noise falls on both sides alike; medians reported.
  // Within a round each takes a few runs in a row: a run right after another side's pays for that side's
  // garbage (JSON.stringify leaves megabytes of strings), and the median keeps each side's own cost.
  const encoder = new TextEncoder();
  const work = {
    oursPretty: () => unwrap(exporter.export({ complete: true })),
    oursCompact: () => unwrap(exporter.export({ complete: true, layout: 'compact' })),
    stringifyCompact: () => JSON.stringify(document),
    stringifyPretty: () => JSON.stringify(document, null, 2),
    stringifyEncoded: () => encoder.encode(JSON.stringify(document)),
  };
  type Name = keyof typeof work;
  const times = Object.fromEntries(Object.keys(work).map((k) => [k, [] as number[]])) as Record<
    Name,
    number[]
  >;
  for (const run of Object.values(work)) for (let i = 0; i < 20; i++) run(); // JIT warm-up
  for (let round = 0; round < 30; round++) {
    for (const [name, run] of Object.entries(work) as [Name, () => unknown][]) {
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        run();
        times[name].push(performance.now() - t);
      }
    }
  }
  const medianOf = (k: Name) => median(times[k]);
  const pretty = work.oursPretty();
  lines.push(
    "complete export of the seed's typical session (1 symbol, 390 bars with 5m and 15m, 40 days of 1m, 30 of 1d)",
  );
  lines.push(
    `  ${pretty.rows.toLocaleString('en-US')} rows, ${kb(pretty.bytes)} pretty; ours gives UTF-8 bytes ready to transfer`,
  );
  lines.push(
    `  compact: ours ${medianOf('oursCompact').toFixed(2)} ms vs JSON.stringify ${medianOf('stringifyCompact').toFixed(2)} ms: ` +
      `${(medianOf('stringifyCompact') / medianOf('oursCompact')).toFixed(1)}x faster (target >= 3x)`,
  );
  lines.push(
    `  pretty:  ours ${medianOf('oursPretty').toFixed(2)} ms vs JSON.stringify(rows, null, 2) ${medianOf('stringifyPretty').toFixed(2)} ms: ` +
      `${(medianOf('stringifyPretty') / medianOf('oursPretty')).toFixed(1)}x faster (target >= 3x)`,
  );
  lines.push(
    `  ours pretty against the fastest baseline, compact JSON.stringify: ${(medianOf('stringifyCompact') / medianOf('oursPretty')).toFixed(1)}x; ` +
      `against compact JSON.stringify + UTF-8 encode: ${(medianOf('stringifyEncoded') / medianOf('oursPretty')).toFixed(1)}x`,
  );
  const completeBytes = pretty.bytes;

  backtest.advance(1);
  const compactComplete = work.oursCompact();
  // Both layouts from the same cursor position (since= the complete export), so they hold the same rows;
  // the first is left out of performance_metrics so that both describe the same exports before them.
  const since = unwrap(exporter.export({ complete: true })).metadata.sequence;
  backtest.advance(1);
  const delta = unwrap(exporter.export({ complete: false, since, record: false }));
  const deltaCompact = unwrap(exporter.export({ complete: false, since, layout: 'compact' }));
  lines.push(
    `  delta of one new bar: pretty ${delta.bytes.toLocaleString('en-US')} bytes in ${delta.lines} lines, ` +
      `compact ${deltaCompact.bytes.toLocaleString('en-US')} bytes (target < 3 KB)`,
  );
  lines.push(
    `  complete/delta size: pretty ${(completeBytes / delta.bytes).toFixed(0)}x, compact ` +
      `${(compactComplete.bytes / deltaCompact.bytes).toFixed(0)}x (target >= 350x)`,
  );
  // Where a one-bar delta's bytes go: the sections the contract sends whole in every export, against the
  // session data that holds the new row.
  const sections = JSON.parse(Buffer.concat(deltaCompact.chunks).toString('utf8')) as Record<string, unknown>;
  const sizes = Object.entries(sections).map(([name, value]) => `${name} ${JSON.stringify(value).length}`);
  lines.push(`  the compact delta by top-level section, in bytes: ${sizes.join(', ')}`);
  // A consumer may leave out the thread section (exclude=threads, section 7 of the contract).
  const lean = unwrap(exporter.export({ complete: false, since, exclude: ['threads'], record: false }));
  lines.push(
    `  the same delta with exclude=threads: pretty ${lean.bytes.toLocaleString('en-US')} bytes, ` +
      `${(completeBytes / lean.bytes).toFixed(0)}x smaller than the complete export`,
  );
  // In a running series of deltas, performance_metrics also describes the previous delta, so a steady
  // delta is a few dozen bytes larger than the first one after a complete export.
  backtest.advance(1);
  const steady = unwrap(exporter.export({ complete: false }));
  lines.push(
    `  the next delta (one more bar, after a delta): pretty ${steady.bytes.toLocaleString('en-US')} bytes, ` +
      `${(completeBytes / steady.bytes).toFixed(0)}x smaller than the complete export`,
  );
}

function deltaCostAgainstHistory(lines: string[]): void {
  const symbols = syntheticSymbols(100);
  const streams = ['1m', '5m', '15m', 'ticks', 'quotes'];
  const long = backtestWith(symbols, streams, 40);
  const short = backtestWith(symbols, streams, 1);
  const exporters = [new Exporter(long), new Exporter(short)] as const;
  for (const b of [long, short]) b.advance(30);
  for (const e of exporters) unwrap(e.export({ complete: true }));
  const times: [number[], number[]] = [[], []];
  let size = 0;
  for (let i = 0; i < 40; i++) {
    long.advance(1);
    short.advance(1);
    // Alternate which goes first so that neither always meets a warmer cache.
    const order = i % 2 ? [0, 1] : [1, 0];
    for (const k of order) {
      const t = performance.now();
      const result = unwrap((exporters[k] as Exporter).export({ complete: false }));
      (times[k] as number[]).push(performance.now() - t);
      size = result.bytes;
    }
  }
  const withLong = median(times[0]);
  const withShort = median(times[1]);
  lines.push(
    'delta export of 100 symbols (one minute of bars, ticks and quotes), 40 days of history vs 1 day',
  );
  lines.push(
    `  ${withLong.toFixed(2)} ms vs ${withShort.toFixed(2)} ms for ${kb(size)}: ratio ${(withLong / withShort).toFixed(2)} ` +
      '(target within 1.5x: the cost of a delta does not grow with history)',
  );
}

/** How many symbols the large session has: 1,000 by default (about 1.15 GB); fewer for a quick run. */
const LARGE_SYMBOLS = Number(process.env.BENCH_EXPORT_SYMBOLS ?? 1000);

/** A streaming consumer that counts the bytes and drops them: the exporter alone is measured. */
function discardTarget(): ChunkTarget & { seen: number } {
  return {
    seen: 0,
    reusesChunks: true,
    write(chunk) {
      this.seen += chunk.length;
    },
  };
}

/** A streaming consumer writing each chunk to a file as it is made (written before `write` returns). */
function fileTarget(fd: number): ChunkTarget {
  return {
    reusesChunks: true,
    write(chunk) {
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done);
    },
  };
}

/**
 * MB/s of one complete export into a fresh target of the kind asked: by the clock, and by the CPU time of
 * this process (all its threads, the collector's included), which the other work of a shared machine
 * disturbs far less than the clock.
 */
function throughput(
  exporter: Exporter,
  sink: 'discard' | 'file',
  path: string,
): { wall: number; cpu: number; bytes: number } {
  const fd = sink === 'file' ? openSync(path, 'w') : -1;
  const target = sink === 'file' ? fileTarget(fd) : discardTarget();
  try {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const result = unwrap(exporter.export({ complete: true, record: false, target }));
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (result.chunks.length !== 0) throw new Error('a streamed export kept its chunks');
    const mb = result.bytes / 1e6;
    return { wall: mb / (ms / 1000), cpu: mb / ((used.user + used.system) / 1e6), bytes: result.bytes };
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

type Rates = Record<'wall' | 'cpu', number[]>;

function throughputAtSize(lines: string[]): void {
  const small = backtestWith(['RIVN'], ['1m', '5m', '15m'], 40);
  small.advance(386);
  const started = performance.now();
  const large = backtestWith(syntheticSymbols(LARGE_SYMBOLS), ['1m', '5m', '15m'], 40);
  large.advance(386);
  const startSeconds = (performance.now() - started) / 1000;
  const exporters = { small: new Exporter(small), large: new Exporter(large) };
  const path = join(tmpdir(), `session-tape-export-bench-${process.pid}.json`);
  const rates = new Map<string, Rates>();
  const record = (key: string, run: { wall: number; cpu: number }) => {
    const entry = rates.get(key) ?? { wall: [], cpu: [] };
    entry.wall.push(run.wall);
    entry.cpu.push(run.cpu);
    rates.set(key, entry);
  };
  const sizes = { small: 0, large: 0 };
  try {
    for (let i = 0; i < 30; i++) throughput(exporters.small, 'discard', path); // JIT warm-up
    for (const sink of ['discard', 'file'] as const) {
      // Rounds alternate the sizes, so the machine's noise falls on both alike; the 1 MB one takes many
      // runs per round (one is 3 ms), the 1 GB one a single run; medians reported.
      for (let round = 0; round < 3; round++) {
        for (let k = 0; k < 40; k++) {
          const run = throughput(exporters.small, sink, path);
          record(`small-${sink}`, run);
          sizes.small = run.bytes;
        }
        // The garbage of the small runs swept first, so that the large run does not pay for it.
        (globalThis as { gc?: () => void }).gc?.();
        const run = throughput(exporters.large, sink, path);
        record(`large-${sink}`, run);
        sizes.large = run.bytes;
      }
    }
  } finally {
    rmSync(path, { force: true });
  }
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0)} MB`;
  lines.push(
    `complete export throughput by size: the typical session (${mb(sizes.small)}) against ${LARGE_SYMBOLS.toLocaleString('en-US')} symbols of it (${mb(sizes.large)}, built in ${startSeconds.toFixed(0)} s), streamed as made`,
  );
  for (const sink of ['discard', 'file'] as const) {
    const into = sink === 'file' ? 'written to a file (the disk included)' : 'into a counting discard';
    for (const clock of ['wall', 'cpu'] as const) {
      const small = median(rates.get(`small-${sink}`)?.[clock] ?? []);
      const large = median(rates.get(`large-${sink}`)?.[clock] ?? []);
      const by = clock === 'wall' ? 'by the clock' : 'by CPU time ';
      lines.push(
        `  ${into}, ${by}: ${small.toFixed(0)} MB/s vs ${large.toFixed(0)} MB/s: ${(large / small).toFixed(2)}x (target >= 0.8x)`,
      );
    }
  }
}

export function benchExport(): string[] {
  const lines: string[] = [];
  completeVersusStringify(lines);
  deltaCostAgainstHistory(lines);
  throughputAtSize(lines);
  return lines;
}
