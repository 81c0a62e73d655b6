import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeNumber, writeNumberWords } from './encode';

const out = new Uint8Array(64);
const view = new DataView(out.buffer);
const decoder = new TextDecoder();
const text = (end: number) => decoder.decode(out.subarray(0, end));

describe('number encoding', () => {
  it('writes cents, integers and any other double as the shortest text that reads back exactly', () => {
    const cents = fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((c) => c / 100);
    const tenThousandths = fc
      .integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
      .map((n) => n / 10_000);
    const anyDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.oneof(cents, tenThousandths, fc.integer({ min: 0, max: 2 ** 53 - 1 }), anyDouble),
        (x) => {
          const expected = JSON.stringify(x === 0 ? 0 : x); // -0 reads back as 0 in JSON either way
          expect(text(writeNumber(out, 0, x))).toBe(expected);
          expect(text(writeNumberWords(view, out, 0, x))).toBe(expected);
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('stays shortest where doubles are coarser than the decimals (a case the property found)', () => {
    expect(text(writeNumber(out, 0, -575129588710.622))).toBe('-575129588710.622');
    expect(text(writeNumber(out, 0, 9999999999.1234))).toBe('9999999999.1234');
  });

  it('writes prices without trailing zeros and JSON null for what JSON cannot hold', () => {
    expect(text(writeNumberWords(view, out, 0, 12.1))).toBe('12.1');
    expect(text(writeNumberWords(view, out, 0, 150.23))).toBe('150.23');
    expect(text(writeNumberWords(view, out, 0, 0.05))).toBe('0.05');
    expect(text(writeNumberWords(view, out, 0, 12_345_678))).toBe('12345678');
    expect(text(writeNumber(out, 0, Number.NaN))).toBe('null');
    expect(text(writeNumber(out, 0, Number.POSITIVE_INFINITY))).toBe('null');
    expect(text(writeNumber(out, 0, Number.NEGATIVE_INFINITY))).toBe('null');
    expect(text(writeNumberWords(view, out, 0, Number.NEGATIVE_INFINITY))).toBe('null');
  });
});
