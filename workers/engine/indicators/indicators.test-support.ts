// What the indicator tests share: generated and real bars, running a calculation over them, and comparing
// every output at every bar (and the validity flag) with a reference to 1e-9 relative.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SESSION_CALCS } from './index';

export interface Bar {
  newDay: boolean;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A reference's value at one bar: the outputs in catalogue order, or null where it must be invalid. */
export type Expected = readonly number[] | null;

const cents = (x: number) => Math.round(x * 100) / 100;

interface Step {
  newDay: boolean;
  gap: number;
  ret: number;
  up: number;
  down: number;
  volume: number;
  flat: number;
}

// Integers scaled down rather than fc.double, which draws uniformly over the doubles' bit patterns (mostly
// tiny magnitudes), and noBias, as fast-check's bias towards small values would make nearly every bar flat.
const stepArb: fc.Arbitrary<Step> = fc.noBias(
  fc.record({
    newDay: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    gap: fc.integer({ min: -2500, max: 2500 }).map((x) => x / 1e4),
    ret: fc.integer({ min: -300, max: 300 }).map((x) => x / 1e4),
    up: fc.integer({ min: 0, max: 200 }).map((x) => x / 1e4),
    down: fc.integer({ min: 0, max: 200 }).map((x) => x / 1e4),
    volume: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: 50 })),
    // Mostly 0; otherwise that many flat bars (open = high = low = close) at the current price.
    flat: fc.oneof(
      { weight: 24, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 25 }) },
    ),
  }),
);

/**
 * Random bars: a random walk in cents from a start price of 1..500 (so equal highs and lows happen, as in
 * real data), wicks, zero volumes, flat stretches where high == low, and new days at random boundaries
 * that open with a gap of up to +/-25%. The first bar opens a day unless `firstNewDay` is false.
 */
export const barsArb = (maxLength = 250): fc.Arbitrary<Bar[]> =>
  fc
    .tuple(
      fc.integer({ min: 100, max: 50_000 }).map((c) => c / 100),
      fc.array(stepArb, { minLength: 1, maxLength, size: 'max' }),
      fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
    )
    .map(([start, steps, firstNewDay]) => {
      const bars: Bar[] = [];
      let price = cents(start);
      for (const [i, s] of steps.entries()) {
        const newDay = i === 0 ? firstNewDay : s.newDay;
        if (newDay && i > 0) price = Math.max(0.01, cents(price * (1 + s.gap)));
        if (s.flat > 0) {
          for (let k = 0; k < s.flat && bars.length < maxLength; k++) {
            const v = k % 3 === 0 ? 0 : s.volume;
            bars.push({
              newDay: newDay && k === 0,
              open: price,
              high: price,
              low: price,
              close: price,
              volume: v,
            });
          }
          continue;
        }
        const open = price;
        const close = Math.max(0.01, cents(price * (1 + s.ret)));
        const high = cents(Math.max(open, close) * (1 + s.up));
        const low = Math.max(0.01, cents(Math.min(open, close) * (1 - s.down)));
        bars.push({
          newDay,
          open,
          high: Math.max(high, open, close),
          low: Math.min(low, open, close),
          close,
          volume: s.volume,
        });
        price = close;
      }
      return bars.slice(0, maxLength);
    });

let rivn: Bar[] | undefined;

/** The 1-minute bars of samples/rivn-1m.csv; a new day where the date changes. */
export function rivnBars(): Bar[] {
  if (rivn) return rivn;
  const text = readFileSync(new URL('../../../samples/rivn-1m.csv', import.meta.url), 'utf8');
  const bars: Bar[] = [];
  let day = '';
  for (const line of text.trim().split('\n').slice(1)) {
    const [timestamp, open, high, low, close, volume] = line.split(',') as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const date = timestamp.slice(0, 10);
    bars.push({ newDay: date !== day, open: +open, high: +high, low: +low, close: +close, volume: +volume });
    day = date;
  }
  rivn = bars;
  return bars;
}

/** Runs a registered session calculation over `bars`: per bar, its outputs when valid, else null. */
export function runSession(
  name: string,
  period: number,
  params: Record<string, number>,
  outputs: number,
  bars: readonly Bar[],
): Expected[] {
  const factory = SESSION_CALCS[name];
  if (!factory) throw new Error(`no calculation ${name}`);
  const calc = factory(period, params);
  const out = new Float64Array(outputs);
  return bars.map((b) => {
    const valid = calc.update(b.newDay, b.open, b.high, b.low, b.close, b.volume, out);
    return valid ? Array.from(out) : null;
  });
}

export const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

/** Throws at the first bar where validity or any output differs from the reference. */
export function assertSame(label: string, actual: readonly Expected[], expected: readonly Expected[]): void {
  if (actual.length !== expected.length)
    throw new Error(`${label}: ${actual.length} rows, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] ?? null;
    const e = expected[i] ?? null;
    if ((a === null) !== (e === null)) {
      throw new Error(
        `${label}: bar ${i} valid=${a !== null}, expected valid=${e !== null} (${JSON.stringify(a ?? e)})`,
      );
    }
    if (a === null || e === null) continue;
    for (let k = 0; k < e.length; k++) {
      if (!near(a[k] as number, e[k] as number)) {
        throw new Error(`${label}: bar ${i} output ${k} = ${a[k]}, expected ${e[k]}`);
      }
    }
  }
}

/** Runs `name` over `bars` and compares it with `reference(bars)`. */
export function checkSession(
  name: string,
  period: number,
  params: Record<string, number>,
  outputs: number,
  bars: readonly Bar[],
  reference: (bars: readonly Bar[]) => Expected[],
): void {
  assertSame(
    `${name}(${period}, ${JSON.stringify(params)})`,
    runSession(name, period, params, outputs, bars),
    reference(bars),
  );
}

export const typical = (b: Bar) => (b.high + b.low + b.close) / 3;

/** Plain mean of xs[from..to] (inclusive), a direct loop. */
export function meanOf(xs: readonly number[], from: number, to: number): number {
  let s = 0;
  for (let i = from; i <= to; i++) s += xs[i] as number;
  return s / (to - from + 1);
}

export const RUNS = { numRuns: 150 };

/**
 * The two kinds of data every indicator is checked on: generated bars with periods drawn from `configArb`
 * (fast-check), and the real RIVN minute bars with each of `sampleConfigs`.
 */
export function checkEverywhere(
  name: string,
  outputs: number,
  configArb: fc.Arbitrary<{ period: number; params: Record<string, number> }>,
  sampleConfigs: readonly { period: number; params: Record<string, number> }[],
  reference: (bars: readonly Bar[], period: number, params: Record<string, number>) => Expected[],
): void {
  fc.assert(
    fc.property(barsArb(), configArb, (bars, { period, params }) => {
      checkSession(name, period, params, outputs, bars, (b) => reference(b, period, params));
    }),
    RUNS,
  );
  const real = rivnBars();
  for (const { period, params } of sampleConfigs) {
    checkSession(name, period, params, outputs, real, (b) => reference(b, period, params));
  }
}

/** A config with only a period, drawn from min..max. */
export const periodArb = (min = 1, max = 30) =>
  fc.integer({ min, max }).map((period) => ({ period, params: {} as Record<string, number> }));

export const periods = (...ps: number[]) =>
  ps.map((period) => ({ period, params: {} as Record<string, number> }));
