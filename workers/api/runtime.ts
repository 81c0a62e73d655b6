// The engine as the worker and the command line host it: a backtest, its real-time replay driver, its
// exporter and the data sets imported for it, behind verbs that take and return plain data. This is the
// wiring of engine + export + import, so it lives in the API layer: the engine itself knows neither.

import type { CommandTarget } from '../commands/target';
import type { Result } from '../common/result';
import { Backtest } from '../engine/backtest';
import { defaultSessionConfig, parseSessionConfig } from '../engine/config';
import type { MarketDataOptions } from '../engine/market-data';
import { generatorSource } from '../engine/market-source';
import { ReplayDriver, SYSTEM_TIMERS, type Timers } from '../engine/replay';
import type { EngineSnapshot } from '../engine/types';
import { Exporter } from '../export/exporter';
import type { ImportedBars } from '../import/imported-bars';
import { importedSource } from '../import/imported-source';

export interface RuntimeOptions {
  /** A session configuration in the original JSON form; the built-in default when absent. */
  config?: unknown;
  market?: Partial<MarketDataOptions>;
  timers?: Timers;
  /**
   * Whether `start` and `resume` also start real-time replay (the worker). The command line leaves it off:
   * there the clock moves only with `system advance`, so scripts are deterministic.
   */
  realtime?: boolean;
  /** Wall clock for `generated_at` (tests pin it). */
  now?: () => number;
}

export interface Runtime extends CommandTarget {
  readonly backtest: Backtest;
  readonly exporter: Exporter;
  /** The wall clock of `generated_at` (tests pin it); a demo's exports and name use it too. */
  readonly now: () => number;
  step(minutes?: number): Result<EngineSnapshot>;
  /** Replaces the generator for the bars' symbol from the next start; answers what it did. */
  replayImportedBars(bars: ImportedBars): Result<string>;
  /** Back to generated data for a symbol. */
  dropImportedBars(symbol: string): Result<string>;
  importedSymbols(): string[];
  /**
   * Calls `listener` whenever the session may have changed (a verb, a replay tick, an export counted);
   * returns the unsubscribe.
   */
  onChange(listener: () => void): () => void;
}

export function createRuntime(options: RuntimeOptions = {}): Runtime {
  let config = defaultSessionConfig();
  if (options.config !== undefined) {
    const parsed = parseSessionConfig(options.config);
    if (!parsed.ok) throw new Error(parsed.error);
    config = parsed.value;
  }
  const backtest = new Backtest(config, options.market ?? {});
  // Told after every verb that may have changed the session, every replay tick and every export counted
  // (the live feed).
  const changeListeners = new Set<() => void>();
  const changed = () => {
    for (const listener of changeListeners) listener();
  };
  const driver = new ReplayDriver(backtest, options.timers ?? SYSTEM_TIMERS, changed);
  const now = options.now ?? (() => Date.now());
  const exporter = new Exporter(backtest, now);
  // An export counted changes `performance_metrics` (the last complete and delta export): the live feed
  // must carry it even while the session stands still, or the page's system panel lags one export behind.
  exporter.stats.onRecord(changed);
  const realtime = options.realtime ?? true;
  const imported = new Map<string, ImportedBars>();
  // A copy of the imports: a running backtest keeps the source it started with (see Backtest.runSource).
  const applySources = () => {
    backtest.source = importedSource(generatorSource(backtest.market), new Map(imported));
  };
  const fromNextStart = () =>
    backtest.state === 'RUNNING' || backtest.state === 'PAUSED' ? ' from the next system start' : '';

  // Every verb answers with the new snapshot, or the one-line error and an unchanged engine.
  const answer = (result: Result<unknown>): Result<EngineSnapshot> => {
    if (!result.ok) return result;
    changed();
    return { ok: true, value: backtest.snapshot() };
  };

  return {
    backtest,
    exporter,
    now,
    snapshot: () => backtest.snapshot(),
    start() {
      const result = backtest.start();
      if (result.ok && realtime) driver.start();
      return answer(result);
    },
    pause() {
      const result = backtest.pause();
      if (result.ok) driver.stop();
      return answer(result);
    },
    resume() {
      const result = backtest.resume();
      if (result.ok && realtime) driver.start();
      return answer(result);
    },
    stop() {
      const result = backtest.stop();
      driver.stop();
      return answer(result);
    },
    step: (minutes = 1) => answer(backtest.advance(minutes)),
    setSpeed: (multiplier) => answer(backtest.setSpeed(multiplier)),
    exportStatus: (request) => exporter.export(request),
    prepareExport: (request) => exporter.prepare(request),
    replayImportedBars(bars) {
      if (!backtest.config.symbols.includes(bars.symbol)) {
        return {
          ok: false,
          error: `${bars.symbol} is not a symbol of this session (symbols: ${backtest.config.symbols.join(', ')}); add it to the configuration first`,
        };
      }
      imported.set(bars.symbol, bars);
      applySources();
      return {
        ok: true,
        value: `${bars.symbol} replays its ${bars.bars.toLocaleString('en-US')} imported bars${fromNextStart()}`,
      };
    },
    dropImportedBars(symbol) {
      if (!imported.delete(symbol)) return { ok: false, error: `${symbol} has no imported bars` };
      applySources();
      return { ok: true, value: `${symbol} replays generated data${fromNextStart()}` };
    },
    importedSymbols: () => [...imported.keys()],
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    resetIndices: (consumer) => exporter.resetIndices(consumer),
    sessionBars() {
      const session = backtest.session;
      if (session === null) return null;
      return {
        interval: backtest.config.baseInterval,
        bars: [...session.symbols.values()].map((s) => ({ symbol: s.symbol, rows: s.baseBars?.length ?? 0 })),
      };
    },
  };
}
