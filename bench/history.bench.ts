// What long histories cost to load (52 weeks and ten years of daily and weekly bars, as the original's
// 52-week configurations ask for) and what moving them on to the next trading day costs instead, side by
// side in one run (medians of five of each, alternating).

import { tradingDay } from '../workers/engine/calendar';
import type { HistoricalRequest } from '../workers/engine/config';
import { loadHistorical, rollHistorical } from '../workers/engine/historical';
import { generateDay } from '../workers/engine/market-data';
import { generatorSource } from '../workers/engine/market-source';
import { median } from './stats';

const SESSION = '2025-07-01';
const NEXT = '2025-07-02';

function requests(days: number): HistoricalRequest[] {
  return [
    { interval: '1d', trailingDays: days, symbols: 'all' },
    { interval: '1w', trailingDays: days, symbols: 'all' },
  ];
}

export function benchHistory(): string[] {
  const source = generatorSource({ seed: 1, gapRate: 0 });
  const lines = ['history: one symbol (AAPL), 1d and 1w bars from the generated one-minute market'];
  for (const days of [260, 3650]) {
    const wanted = requests(days);
    const finished = generateDay('AAPL', tradingDay(SESSION), { seed: 1, gapRate: 0 });
    // Loads and rolls alternate, five of each. Each roll moves on a fresh load (a roll gives the series'
    // room to the new one, so a second roll of the same series would measure the copy made without room).
    const loads: number[] = [];
    const rolls: number[] = [];
    let loaded = loadHistorical('AAPL', SESSION, wanted, source);
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      loaded = loadHistorical('AAPL', SESSION, wanted, source);
      loads.push(performance.now() - t0);
      const byInterval = new Map(loaded.map((s) => [s.interval, s]));
      const t1 = performance.now();
      const rolled = rollHistorical('AAPL', NEXT, wanted, byInterval, finished);
      rolls.push(performance.now() - t1);
      if (rolled === null) throw new Error('history did not roll');
    }
    const loadMs = median(loads);
    const rollMs = median(rolls);
    const bars = loaded.reduce((n, s) => n + s.bars.length, 0);
    lines.push(
      `  ${days.toLocaleString('en-US')} trading days (${bars.toLocaleString('en-US')} bars, from ${loaded[0]?.dates[0]}): ` +
        `load ${loadMs.toFixed(0)} ms (${((loadMs / days) * 1000).toFixed(0)} µs a day); the next day moves it on in ` +
        `${rollMs.toFixed(2)} ms (${(loadMs / rollMs).toFixed(0)}x less than loading)`,
    );
  }
  return lines;
}
