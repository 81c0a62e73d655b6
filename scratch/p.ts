import { Backtest } from '../workers/engine/backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../workers/engine/config';
import { syntheticSymbols } from '../bench/symbols';
function cfg(n: number) {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as any;
  json.session_data_config.symbols = syntheticSymbols(100);
  json.session_data_config.historical = { enabled: false };
  json.session_data_config.indicators = { session: Array.from({ length: n }, (_, i) => ({ name: 'sma', period: 5 + i, interval: i % 3 === 0 ? '1m' : '5m' })) };
  const p = parseSessionConfig(json); if (!p.ok) throw new Error(p.error); return p.value;
}
const res: Record<number, number[]> = { 0: [], 20: [] };
for (let r = 0; r < 6; r++) for (const n of r % 2 ? [0, 20] : [20, 0]) {
  const b = new Backtest(cfg(n), { seed: 1 });
  b.start(); const t1 = performance.now(); b.advance(390); const t2 = performance.now();
  res[n]!.push(t2 - t1);
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(res).map(([k, v]) => [k, v.map((x) => Math.round(x))]))));
