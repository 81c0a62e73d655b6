import { Backtest } from '../workers/engine/backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../workers/engine/config';
import { syntheticSymbols } from '../bench/symbols';
function cfg(n: number) {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as any;
  json.session_data_config.symbols = syntheticSymbols(100);
  json.session_data_config.indicators = { session: Array.from({ length: n }, (_, i) => ({ name: 'sma', period: 5 + i, interval: i % 3 === 0 ? '1m' : '5m' })) };
  const p = parseSessionConfig(json); if (!p.ok) throw new Error(p.error); return p.value;
}
for (const n of [0, 20, 0, 20]) {
  const b = new Backtest(cfg(n), { seed: 1 });
  const t0 = performance.now(); b.start(); const t1 = performance.now(); b.advance(390); const t2 = performance.now();
  console.log(n, 'start', (t1 - t0).toFixed(0), 'replay', (t2 - t1).toFixed(0));
}
