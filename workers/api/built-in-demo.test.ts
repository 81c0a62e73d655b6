// The benchmark's hook makes the demo it says it makes: the built-in session's whole first day, a step a
// minute, ticks and quotes left out; and each stage of packing makes the file smaller than the last.
import { expect, it } from 'vitest';
import { builtInDemo } from './built-in-demo';

it("makes the demo of the built-in session's whole first day, every minute, without ticks and quotes", async () => {
  const made = await builtInDemo();
  if (!made.ok) throw new Error(made.error);
  const { summary } = made.value;
  expect(summary).toMatchObject({
    steps: 391,
    tradingDays: 1,
    every: 1,
    excluded: ['ticks', 'quotes'],
    firstMarketTime: '2025-07-01T09:30:00',
    lastMarketTime: '2025-07-01T16:00:00',
  });
  // The tape is the exports plus a header; gzip shrinks it several times; base64 adds a third.
  expect(summary.tapeBytes).toBeGreaterThan(summary.exportBytes);
  expect(summary.gzipBytes * 3).toBeLessThan(summary.tapeBytes);
  expect(summary.base64Chars).toBe(4 * Math.ceil(summary.gzipBytes / 3));
  expect(summary.bytes).toBeGreaterThan(summary.base64Chars);
}, 30_000); // A whole day replayed and packed: more than 5 s on a busy machine.
