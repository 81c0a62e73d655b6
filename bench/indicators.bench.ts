// Indicators, each measured side by side in one run and printed as a ratio:
// 1. one-bar deltas of the built-in session with its eight indicators against the same session without
//    them, a minute each over a five-minute cycle: bytes per indicator entry and symbol, and the time;
// 2. replay at maximum speed of 100 symbols with all 20 session indicators of the catalogue against none.

import { Backtest } from '../workers/engine/backtest';
import type { SessionConfig } from '../workers/engine/config';
import allIndicators from '../workers/engine/fixtures/all-indicators-config.json';
import { Exporter } from '../workers/export/exporter';
import { configOf } from './config-of';
import { median } from './stats';
import { syntheticSymbols } from './symbols';

function unwrap<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The built-in session at 10:29 with a complete export taken: then a delta each minute, one new 1m bar each. */
function atTenTwentyNine(config: SessionConfig): { backtest: Backtest; exporter: Exporter; since: number } {
  const backtest = new Backtest(config, { seed: 1 });
  backtest.start();
  backtest.advance(59);
  const exporter = new Exporter(backtest);
  const since = unwrap(exporter.export({ complete: true })).metadata.sequence;
  return { backtest, exporter, since };
}

function deltaWithIndicators(lines: string[]): void {
  const withConfig = configOf(() => {});
  const withoutConfig = configOf((json) => {
    delete json.session_data_config.indicators;
  });
  const entries = withConfig.indicators.session.length * withConfig.symbols.length;
  const runs = [atTenTwentyNine(withConfig), atTenTwentyNine(withoutConfig)] as const;
  const perMinute: string[] = [];
  let extraBytes = 0;
  const times: [number[], number[]] = [[], []];
  // 10:30 to 10:34: the first minute closes a 5m bar (every indicator takes one), the next four only 1m bars.
  for (let minute = 0; minute < 5; minute++) {
    const sizes = runs.map((run) => {
      run.backtest.advance(1);
      const delta = unwrap(run.exporter.export({ complete: false, record: false }));
      const since = run.since;
      run.since = delta.metadata.sequence;
      return { bytes: delta.bytes, since };
    });
    const [withDelta, withoutDelta] = sizes as [
      { bytes: number; since: number },
      { bytes: number; since: number },
    ];
    extraBytes += withDelta.bytes - withoutDelta.bytes;
    perMinute.push(`10:3${minute} ${((withDelta.bytes - withoutDelta.bytes) / entries).toFixed(0)}`);
    // The same delta again (since= the export before it), alternating which goes first.
    for (let i = 0; i < 100; i++) {
      for (const k of i % 2 ? ([0, 1] as const) : ([1, 0] as const)) {
        const run = runs[k];
        const from = sizes[k]?.since as number;
        const t = performance.now();
        unwrap(run.exporter.export({ complete: false, since: from, record: false }));
        times[k].push(performance.now() - t);
      }
    }
  }
  const [withMs, withoutMs] = [median(times[0]), median(times[1])];
  lines.push(
    `indicators: one-bar deltas (10:30 to 10:34) of the built-in session (${withConfig.symbols.length} symbols, ` +
      `ticks and quotes included) with its ${withConfig.indicators.session.length} indicators against none`,
  );
  lines.push(
    `  pretty bytes per indicator entry and symbol, by minute: ${perMinute.join(', ')}; ` +
      `on average ${(extraBytes / 5 / entries).toFixed(0)} (target <= 250)`,
  );
  lines.push(
    `  time (median of 500 each, alternating): ${withMs.toFixed(3)} ms against ${withoutMs.toFixed(3)} ms: ` +
      `${(withMs / withoutMs).toFixed(2)}x (target <= 1.5x)`,
  );
}

function replayWithIndicators(lines: string[]): void {
  const symbols = syntheticSymbols(100);
  const session = (allIndicators.session_data_config.indicators as { session: unknown[] }).session;
  const configs = [
    configOf((json) => {
      json.session_data_config.symbols = symbols;
      json.session_data_config.indicators = { session };
      delete json.session_data_config.strategies;
    }),
    configOf((json) => {
      json.session_data_config.symbols = symbols;
      delete json.session_data_config.indicators;
      delete json.session_data_config.strategies;
    }),
  ] as const;
  const starts: [number[], number[]] = [[], []];
  const replays: [number[], number[]] = [[], []];
  let series = 0;
  for (let round = 0; round < 4; round++) {
    for (const k of round % 2 ? ([0, 1] as const) : ([1, 0] as const)) {
      const backtest = new Backtest(configs[k], { seed: 1 });
      const t0 = performance.now();
      backtest.start();
      const t1 = performance.now();
      backtest.advance(390);
      const t2 = performance.now();
      starts[k].push(t1 - t0);
      replays[k].push(t2 - t1);
      if (k === 0)
        series = [...(backtest.session?.symbols.values() ?? [])].reduce(
          (n, s) => n + s.indicators.reduce((m, i) => m + i.series.length, 0),
          0,
        );
    }
  }
  const [withMs, withoutMs] = [median(replays[0]), median(replays[1])];
  lines.push(
    `indicators: replay at maximum speed of one session (390 minutes) of 100 symbols with all ${session.length} session indicators against none`,
  );
  lines.push(
    `  replay: ${withMs.toFixed(0)} ms against ${withoutMs.toFixed(0)} ms: ${(withMs / withoutMs).toFixed(2)}x ` +
      `(target <= 2x); ${series.toLocaleString('en-US')} indicator rows computed`,
  );
  lines.push(
    `  start, warm-up on 10 days of 1m history included: ${median(starts[0]).toFixed(0)} ms against ${median(starts[1]).toFixed(0)} ms ` +
      `(${(median(starts[0]) / median(starts[1])).toFixed(2)}x)`,
  );
}

export function benchIndicators(): string[] {
  const lines: string[] = [];
  deltaWithIndicators(lines);
  lines.push('');
  replayWithIndicators(lines);
  return lines;
}
