// The raw view's text (the file's bytes re-indented, cut at a limit between characters) and copy value's
// cut, which must not split a character either.
import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import { bytesSource } from './byte-source';
import { ExportDocument } from './export-document';
import { indexJson, type ObjectNode } from './json-index';
import { prettyText } from './raw-text';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function documentOf(text: string): ExportDocument {
  const bytes = new TextEncoder().encode(text);
  const indexed = indexJson(bytes);
  if (!indexed.ok) throw new Error(indexed.error.message);
  return new ExportDocument(bytesSource(bytes), indexed.root as ObjectNode);
}

const pretty = async (text: string, limit = 1_000_000) => {
  const bytes = new TextEncoder().encode(text);
  return prettyText(bytesSource(bytes), 0, bytes.length, limit);
};

describe('raw text', () => {
  it('re-indents the bytes by two spaces, numbers and strings as written, short lists of scalars on a line', async () => {
    const compact =
      '{"a":{"quality":100.0,"name":"x, y: [z]","empty":{},"none":[]},"columns":["t","open"],"data":[["2025-07-01T09:30:00",12.60,1e3],[1,{"k":null}]]}';
    const { text, truncated, shown } = await pretty(compact);
    expect(text).toBe(
      [
        '{',
        '  "a": {',
        '    "quality": 100.0,',
        '    "name": "x, y: [z]",',
        '    "empty": {},',
        '    "none": []',
        '  },',
        '  "columns": ["t", "open"],',
        '  "data": [',
        '    ["2025-07-01T09:30:00", 12.60, 1e3],',
        '    [',
        '      1,',
        '      {',
        '        "k": null',
        '      }',
        '    ]',
        '  ]',
        '}',
      ].join('\n'),
    );
    expect(truncated).toBe(false);
    expect(shown).toBe(new TextEncoder().encode(text).length);
    // The same value as the file: the raw view changes layout only.
    expect(JSON.parse(text)).toEqual(JSON.parse(compact));
    // A file already pretty-printed its own way comes out the same.
    expect((await pretty(JSON.stringify(JSON.parse(compact), null, 5))).text).toBe(
      text.replace('100.0', '100').replace('12.60', '12.6').replace('1e3', '1000'),
    );
  });

  it('reads a big node only up to the limit and cuts between characters', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`2025-07-01T09:${i % 60}`, i, 'é😀']);
    const big = JSON.stringify({ data: rows });
    let read = 0;
    const bytes = new TextEncoder().encode(big);
    const source = {
      size: bytes.length,
      read: async (start: number, end: number) => {
        read += end - start;
        return bytes.subarray(start, end);
      },
    };
    for (const limit of [10_000, 10_001, 10_002, 10_003]) {
      const cut = await prettyText(source, 0, bytes.length, limit);
      expect(cut.truncated).toBe(true);
      expect(cut.shown).toBeLessThanOrEqual(limit);
      expect(cut.shown).toBeGreaterThan(limit - 4);
      expect(new TextEncoder().encode(cut.text).length).toBe(cut.shown);
      expect(cut.text).not.toContain('\uFFFD');
      expect(cut.text.startsWith('{\n  "data": [\n    ["2025-07-01T09:0", 0, "é😀"],')).toBe(true);
    }
    // Four cuts of ~10 KB: the 8 MB of rows were not all read.
    expect(read).toBeLessThan(4 * 300_000);
  });

  it('is given by the document for a path, with the node size and what is shown', async () => {
    const document = documentOf('{"meta":{"symbols":["BRK.B","RIVN"]},"n":12.50}');
    expect(value(await document.rawText(['meta']))).toEqual({
      text: '{\n  "symbols": ["BRK.B", "RIVN"]\n}',
      bytes: 28,
      shown: 34,
      truncated: false,
    });
    expect(value(await document.rawText(['n'])).text).toBe('12.50');
    expect(await document.rawText(['nothing'])).toEqual({
      ok: false,
      error: 'There is no "nothing" in the document.',
    });
    expect(await document.rawText(['meta'], 0)).toMatchObject({ ok: false });
  });
});

describe('copy value cut', () => {
  it('cuts between characters and says how many bytes it gave', async () => {
    // "😀" is 4 bytes in UTF-8 (a surrogate pair in JavaScript): a cut at any byte of it drops it whole.
    const document = documentOf(`{"s":"${'😀'.repeat(10)}"}`);
    for (const limit of [5, 6, 7, 8]) {
      const cut = value(await document.valueText(['s'], limit));
      expect(cut.truncated).toBe(true);
      expect(cut.text).toBe(`"${'😀'.repeat(limit >= 5 ? 1 : 0)}`);
      expect(cut.shown).toBe(5);
      expect(cut.bytes).toBe(42);
    }
    const whole = value(await document.valueText(['s']));
    expect(whole).toEqual({ text: `"${'😀'.repeat(10)}"`, bytes: 42, shown: 42, truncated: false });
  });
});
