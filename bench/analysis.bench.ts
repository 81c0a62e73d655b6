// The analysis engine: replay at maximum speed of one session (390 minutes) of 100 symbols with a
// simple_ma_cross strategy on each against none, side by side in one run, printed as a ratio (target at most
// 1.5x). Measured twice: on the built-in session (ticks, quotes and its indicators, the strategy's two
// averages among them) and on bars alone (1m and 5m, no indicators: the strategy's averages are hidden ones,
// computed for it), where the strategy's share of the work is largest.

import { Backtest } from '../workers/engine/backtest';
import { configOf, type ConfigJson as Json } from './config-of';
import { median } from './stats';
import { syntheticSymbols } from './symbols';

const STRATEGY = {
  module: 'strategies.examples.simple_ma_cross',
  enabled: true,
  // Every symbol; min_quality 0 so that every crossing trades (the most work the simulation does).
  config: { interval: '5m', fast_period: 10, slow_period: 20, min_quality: 0 },
};

function compare(lines: string[], title: string, edit: (json: Json) => void): void {
  const symbols = syntheticSymbols(100);
  const configs = [
    configOf((json) => {
      edit(json);
      json.session_data_config.symbols = symbols;
      json.session_data_config.strategies = [STRATEGY];
    }),
    configOf((json) => {
      edit(json);
      json.session_data_config.symbols = symbols;
      delete json.session_data_config.strategies;
    }),
  ] as const;
  const replays: [number[], number[]] = [[], []];
  let orders = 0;
  let signals = 0;
  let samples = 0;
  for (let round = 0; round < 6; round++) {
    for (const k of round % 2 ? ([0, 1] as const) : ([1, 0] as const)) {
      const backtest = new Backtest(configs[k], { seed: 1 });
      backtest.start();
      const t = performance.now();
      backtest.advance(390);
      replays[k].push(performance.now() - t);
      if (k === 0) {
        const [record] = backtest.analysis.strategies;
        orders = record?.orders.length ?? 0;
        signals = record?.signals.length ?? 0;
        samples = backtest.analysis.equity.length;
      }
    }
  }
  const [withMs, withoutMs] = [median(replays[0]), median(replays[1])];
  lines.push(`analysis: replay at maximum speed of one session (390 minutes) of 100 symbols, ${title}`);
  lines.push(
    `  with simple_ma_cross on each: ${withMs.toFixed(0)} ms against ${withoutMs.toFixed(0)} ms without: ` +
      `${(withMs / withoutMs).toFixed(2)}x (target <= 1.5x); ${signals} signals, ${orders} orders, ${samples} equity samples`,
  );
}

export function benchAnalysis(): string[] {
  const lines: string[] = [];
  compare(lines, 'the built-in session (ticks, quotes, 8 indicators)', () => {});
  lines.push('');
  compare(
    lines,
    'bars only (1m and 5m, no indicators: the averages are computed for the strategy)',
    (json) => {
      json.session_data_config.streams = ['1m', '5m'];
      delete json.session_data_config.indicators;
    },
  );
  return lines;
}
