// The building blocks on their own, against brute force: the monotonic deque (with the ties that swing
// points rely on), the ring buffer, the weighted average, Wilder's smoother and the SMA-seeded EMA.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmaSmoother } from './ema-smoother';
import { near } from './indicators.test-support';
import { MonotonicDeque } from './monotonic-deque';
import { RingBuffer } from './ring-buffer';
import { WeightedAverage } from './weighted-average';
import { WilderSmoother } from './wilder-smoother';

// Few distinct values, so ties are common.
const valuesArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 200 });

describe('building blocks', () => {
  it('the monotonic deque gives the window extreme, its earliest index, and the extreme of the rest', () => {
    fc.assert(
      fc.property(valuesArb, fc.integer({ min: 1, max: 20 }), fc.boolean(), (xs, n, max) => {
        const deque = new MonotonicDeque(n, max);
        const better = (a: number, b: number) => (max ? a > b : a < b);
        xs.forEach((x, i) => {
          deque.push(i, x, i - n + 1);
          const from = Math.max(0, i - n + 1);
          let best = from;
          for (let j = from; j <= i; j++) if (better(xs[j] as number, xs[best] as number)) best = j;
          expect(deque.front).toBe(xs[best]);
          expect(deque.frontIndex).toBe(best);
          // `second`: the extreme of the window after the front, NaN when the front is the last bar.
          let rest = Number.NaN;
          for (let j = best + 1; j <= i; j++) {
            if (Number.isNaN(rest) || better(xs[j] as number, rest)) rest = xs[j] as number;
          }
          expect(deque.second).toBe(rest);
          expect(deque.size).toBeLessThanOrEqual(n);
        });
      }),
    );
  });

  it('the ring buffer holds the last n values oldest first and returns what it pushes out', () => {
    fc.assert(
      fc.property(valuesArb, fc.integer({ min: 1, max: 20 }), (xs, n) => {
        const ring = new RingBuffer(n);
        xs.forEach((x, i) => {
          const evicted = ring.push(x);
          if (i >= n) expect(evicted).toBe(xs[i - n]);
          else expect(evicted).toBeNaN();
          const held = xs.slice(Math.max(0, i - n + 1), i + 1);
          expect(Array.from({ length: ring.size }, (_, k) => ring.at(k))).toEqual(held);
        });
      }),
    );
  });

  it('the weighted average, Wilder smoother and EMA follow their textbook definitions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 100, max: 100_000 }).map((c) => c / 100),
          { minLength: 1, maxLength: 200 },
        ),
        fc.integer({ min: 1, max: 20 }),
        (xs, n) => {
          const wma = new WeightedAverage(n);
          const wilder = new WilderSmoother(n);
          const ema = new EmaSmoother(n);
          let w = Number.NaN;
          let e = Number.NaN;
          xs.forEach((x, i) => {
            const ready = i + 1 >= n;
            expect(wma.push(x)).toBe(ready);
            expect(wilder.push(x)).toBe(ready);
            expect(ema.push(x)).toBe(ready);
            if (!ready) return;
            let num = 0;
            for (let k = 0; k < n; k++) num += (k + 1) * (xs[i - n + 1 + k] as number);
            expect(near(wma.value, num / ((n * (n + 1)) / 2))).toBe(true);
            if (i + 1 === n) {
              w = xs.slice(0, n).reduce((a, v) => a + v, 0) / n;
              e = w;
            } else {
              w = (w * (n - 1) + x) / n;
              e = x * (2 / (n + 1)) + e * (1 - 2 / (n + 1));
            }
            expect(near(wilder.value, w)).toBe(true);
            expect(near(ema.value, e)).toBe(true);
          });
        },
      ),
    );
  });
});
