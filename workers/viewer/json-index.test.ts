import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ArrayNode,
  indexJson,
  JsonIndexer,
  type ObjectNode,
  type Slot,
  VALUE_TEXT_LIMIT,
} from './json-index';

const bytesOf = (text: string) => new TextEncoder().encode(text);

function indexText(text: string, chunk = Number.POSITIVE_INFINITY) {
  const bytes = bytesOf(text);
  const indexer = new JsonIndexer();
  for (let at = 0; at < bytes.length; at += chunk)
    if (!indexer.push(bytes.subarray(at, Math.min(bytes.length, at + chunk)))) break;
  return indexer.finish();
}

function rootOf(text: string, chunk?: number): Slot {
  const result = indexText(text, chunk);
  if (!result.ok) throw new Error(`${result.error.message} at ${result.error.offset}`);
  return result.root;
}

/** Rebuilds the value the index describes, reading array elements back from the bytes as the viewer does. */
function rebuild(slot: Slot, bytes: Uint8Array): unknown {
  const text = (from: number, to: number) => new TextDecoder().decode(bytes.subarray(from, to));
  if (slot.kind === 'value') return JSON.parse(text(slot.start, slot.end));
  if (slot.kind === 'object') {
    // fromEntries defines own properties, as JSON.parse does: a "__proto__" key stays a key.
    return Object.fromEntries(slot.keys.map((k, i) => [k, rebuild(slot.slots[i] as Slot, bytes)]));
  }
  return Array.from({ length: slot.count }, (_, i) => {
    const end = i + 1 < slot.count ? (slot.starts[i + 1] as number) : slot.end - 1;
    return JSON.parse(text(slot.starts[i] as number, end).replace(/\s*,?\s*$/, ''));
  });
}

describe('JSON structural index', () => {
  it('keeps keys, small values and where each array element starts', () => {
    const text = '{"a": 1, "b": {"c": "x\\"y", "d": [true, null]}, "rows": [[1, "2"], [3, "4"]], "e": []}';
    const root = rootOf(text) as ObjectNode;
    expect(root.keys).toEqual(['a', 'b', 'rows', 'e']);
    expect(root.slots[0]).toMatchObject({ kind: 'value', text: '1', truncated: false });
    const b = root.slots[1] as ObjectNode;
    expect(b.keys).toEqual(['c', 'd']);
    expect(b.slots[0]).toMatchObject({ kind: 'value', text: '"x\\"y"' });
    const rows = root.slots[2] as ArrayNode;
    expect(rows.count).toBe(2);
    expect(text.slice(rows.starts[0], (rows.starts[0] as number) + 8)).toBe('[1, "2"]');
    expect(text.slice(rows.starts[1], rows.end)).toBe('[3, "4"]]');
    expect((root.slots[3] as ArrayNode).count).toBe(0);
    expect(rebuild(root, bytesOf(text))).toEqual(JSON.parse(text));
  });

  it('gives the same index whatever the chunk size, multi-byte characters included', () => {
    const text = JSON.stringify(
      { clé: ['é', 'ü€𝄞', { x: '\\' }], n: -1.5e3, s: 'a\u00e9b', t: true },
      null,
      2,
    );
    const whole = rootOf(text);
    for (const chunk of [1, 2, 3, 7]) expect(rootOf(text, chunk)).toEqual(whole);
    expect(rebuild(whole, bytesOf(text))).toEqual(JSON.parse(text));
  });

  it('reads back exactly what JSON.parse reads, for any JSON value, pretty or compact, in any chunking', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.integer({ min: 1, max: 64 }), (value, pretty, chunk) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const root = rootOf(text, chunk);
        expect(rebuild(root, bytesOf(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps only the first bytes of a long value', () => {
    const long = 'x'.repeat(1000);
    const root = rootOf(JSON.stringify({ long })) as ObjectNode;
    const slot = root.slots[0];
    expect(slot).toMatchObject({ kind: 'value', truncated: true });
    expect(slot?.kind === 'value' && slot.text.length).toBe(VALUE_TEXT_LIMIT);
    expect(slot?.end).toBe(8 + 1002);
  });

  it('refuses text that is not JSON, saying what and where', () => {
    const cases: [string, RegExp][] = [
      ['\u0089PNG\r\n', /unexpected byte 0xc2/],
      ['{"a": 1,}', /unexpected "}"/],
      ['{"a" 1}', /unexpected "1"/],
      ['[1 2]', /unexpected "2"/],
      ['{"a": tru}', /unknown word "tru"/],
      ['{"a": nulls}', /unknown word/],
      ['{"a": 01}', /"01" is not a valid number/],
      ['{"a": [[1, 2}]}', /unexpected "}"/],
      ['{} x', /after the end/],
      ['{"a": "b\nc"}', /raw control character/],
      ['{a: 1}', /unexpected "a"/],
    ];
    for (const [text, message] of cases) {
      const result = indexText(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error.message, text).toMatch(message);
    }
    const cut = indexText('{"a": [1, 2');
    expect(!cut.ok && cut.error.message).toMatch(/cut off/);
    expect(indexText('   ').ok).toBe(false);
  });

  it('keeps row offsets in 4 bytes, or 8 for a file past 4 GiB', () => {
    const small = indexJson(bytesOf('{"rows": [[1], [2]]}'));
    expect(small.ok && (small.root as ObjectNode).slots[0]).toMatchObject({
      starts: expect.any(Uint32Array),
    });
    const indexer = new JsonIndexer(0, 2 ** 33);
    indexer.push(bytesOf('{"rows": [[1], [2]]}'));
    const huge = indexer.finish();
    expect(huge.ok && (huge.root as ObjectNode).slots[0]).toMatchObject({ starts: expect.any(Float64Array) });
  });

  it('counts offsets from a base when indexing a part of a larger file', () => {
    const result = indexJson(bytesOf('[10, 20]'), 1000);
    expect(result.ok && result.root).toMatchObject({ kind: 'array', start: 1000, end: 1008, count: 2 });
    expect(result.ok && [...(result.root as ArrayNode).starts.subarray(0, 2)]).toEqual([1001, 1005]);
  });
});
