// high_low, swing_high, swing_low and pivot_points by direct, obviously-correct recomputation (no
// reference library defines them the same way).

import { describe, it } from 'vitest';
import { type Bar, checkEverywhere, type Expected, periodArb, periods } from './indicators.test-support';

describe('levels', () => {
  it('high_low with a period matches a scan of the last n bars', () => {
    checkEverywhere('high_low', 2, periodArb(1, 30), periods(1, 5, 60, 1000), (bars, period) =>
      bars.map((_, i): Expected => {
        if (i + 1 < period) return null;
        const w = bars.slice(i + 1 - period, i + 1);
        return [Math.max(...w.map((b) => b.high)), Math.min(...w.map((b) => b.low))];
      }),
    );
  });

  it("high_low with period 0 matches a scan since the day's first bar", () => {
    checkEverywhere('high_low', 2, periodArb(0, 0), periods(0), (bars) =>
      bars.map((_, i): Expected => {
        let start = i;
        while (start > 0 && !(bars[start] as Bar).newDay) start--;
        const w = bars.slice(start, i + 1);
        return [Math.max(...w.map((b) => b.high)), Math.min(...w.map((b) => b.low))];
      }),
    );
  });

  for (const [name, pick, beats] of [
    ['swing_high', (b: Bar) => b.high, (a: number, b: number) => a > b],
    ['swing_low', (b: Bar) => b.low, (a: number, b: number) => a < b],
  ] as const) {
    it(`${name} matches a direct check of p bars on each side, known p bars later`, () => {
      checkEverywhere(name, 1, periodArb(1, 12), periods(1, 2, 5, 20, 300, 700), (bars, p) => {
        let last: number | null = null;
        return bars.map((_, t): Expected => {
          const i = t - p;
          if (i - p >= 0) {
            const v = pick(bars[i] as Bar);
            let swing = true;
            for (let j = i - p; j <= i + p; j++)
              if (j !== i && !beats(v, pick(bars[j] as Bar))) swing = false;
            if (swing) last = v;
          }
          return last === null ? null : [last];
        });
      });
    });
  }

  it("pivot_points match the floor formulas on the previous complete day's high, low and close", () => {
    checkEverywhere('pivot_points', 7, periodArb(0, 0), periods(0), (bars) => {
      // Day boundaries: a day is complete when its first bar came with newDay.
      const dayStarts: number[] = [];
      bars.forEach((b, i) => {
        if (b.newDay) dayStarts.push(i);
      });
      let valid = false;
      let levels: number[] = [];
      return bars.map((b, i): Expected => {
        if (b.newDay) {
          const k = dayStarts.indexOf(i);
          if (k > 0) {
            const day = bars.slice(dayStarts[k - 1], i);
            const h = Math.max(...day.map((d) => d.high));
            const l = Math.min(...day.map((d) => d.low));
            const c = (day[day.length - 1] as Bar).close;
            const p = (h + l + c) / 3;
            levels = [p, 2 * p - l, p + (h - l), h + 2 * (p - l), 2 * p - h, p - (h - l), l - 2 * (h - p)];
            valid = true;
          }
        }
        return valid ? levels : null;
      });
    });
  });
});
