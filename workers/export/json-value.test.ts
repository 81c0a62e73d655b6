import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteSink } from './byte-sink';
import { type JsonValue, LINE_WIDTH, writeValue } from './json-value';

function write(value: JsonValue, pretty: boolean, indent = 0): string {
  const sink = new ByteSink();
  writeValue(sink, value, { pretty }, indent);
  const decoder = new TextDecoder();
  return (
    sink
      .finish()
      .map((c) => decoder.decode(c, { stream: true }))
      .join('') + decoder.decode()
  );
}

/** Any JSON value the always-whole sections could hold (finite numbers, any strings, nesting). */
const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
    fc.string(),
    fc.array(tie('value'), { maxLength: 8 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 8 }),
  ),
})).value;

describe('writeValue', () => {
  it('packs runs of scalar members on one line, as in the contract example, and starts objects on their own', () => {
    const text = write(
      {
        volume: 1234567,
        high: 150.23,
        low: 148.11,
        quality: 100,
        data: { '1m': { count: 1, rows: [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]] } },
        filler: 'x'.repeat(100),
      },
      true,
    );
    expect(text.split('\n')).toEqual([
      '{',
      '  "volume": 1234567, "high": 150.23, "low": 148.11, "quality": 100,',
      '  "data": {"1m":{"count":1,"rows":[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18]]}},',
      `  "filler": "${'x'.repeat(100)}"`,
      '}',
    ]);
  });

  it('starts a new line when the next member would pass the line width', () => {
    // Members of every width from 1 to 40 characters: no packed line passes the width, its comma included.
    for (let size = 1; size <= 40; size++) {
      const members = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'y'.repeat(size)]));
      for (const line of write(members, true, 2).split('\n'))
        expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
    }
    const value = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`field_${i}`, i * 1000]));
    const lines = write(value, true, 4).split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
    // Full lines: the next member would not have fitted.
    for (const line of lines.slice(1, -2))
      expect(line.length + ' "field_00": 00000,'.length).toBeGreaterThan(LINE_WIDTH);
  });

  it('wraps a list of scalars too long for one line, its items filling the lines', () => {
    const dates = Array.from({ length: 30 }, (_, i) => `2025-06-${String(i + 1).padStart(2, '0')}`);
    const lines = write({ count: 30, dates, columns: ['date', 'open'] }, true, 12).split('\n');
    expect(lines[1]).toBe(`${' '.repeat(14)}"count": 30,`);
    expect(lines[2]).toBe(`${' '.repeat(14)}"dates": [`);
    expect(lines[3]).toMatch(/^ {16}"2025-06-01", "2025-06-02", .*"2025-06-\d\d",$/);
    const wrapped = lines.slice(3, lines.indexOf(`${' '.repeat(14)}],`));
    expect(wrapped.length).toBeGreaterThan(2);
    for (const line of wrapped) expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
    expect(lines.at(-2)).toBe(`${' '.repeat(14)}"columns": ["date","open"]`);
    expect(JSON.parse(lines.join('\n')).dates).toEqual(dates);
  });

  it('writes any value so that it parses back to itself, in both layouts', () => {
    fc.assert(
      fc.property(jsonValue, fc.integer({ min: 0, max: 12 }), (value, indent) => {
        expect(JSON.parse(write(value, true, indent))).toEqual(value);
        expect(JSON.parse(write(value, false))).toEqual(value);
        expect(write(value, false)).toBe(JSON.stringify(value));
      }),
      { numRuns: 1000 },
    );
  });
});
