// Damaged Parquet files are one refusal in bounded time: never a throw out of the importer, never a loop
// driven by a count the file's bytes cannot hold.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzzInput } from '../../fuzz/imports.fuzz';
import { readFileColumns } from './file-columns';
import { checkRuns } from './parquet-guard';
import { importParquet } from './parquet-import';
import { snappyStrict } from './snappy-strict';

const SAMPLE = readFileSync('samples/rivn-1m.parquet');

/** A copy of the sample with a few bytes overwritten, drawn from a small fixed generator. */
function damagedCopies(count: number): Uint8Array<ArrayBuffer>[] {
  let state = 12_345;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return state / 0x80000000;
  };
  const copies: Uint8Array<ArrayBuffer>[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(SAMPLE.length);
    bytes.set(SAMPLE);
    const changes = 1 + Math.floor(next() * 8);
    for (let k = 0; k < changes; k++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
    copies.push(bytes);
  }
  return copies;
}

describe('the Parquet guard', () => {
  it('refuses a run claiming more values than the page has (hyparquet would write them all)', () => {
    // RLE run header 2^31 - 2: a run of 2^30 - 1 values, in a page of 1000.
    const header = [0xfe, 0xff, 0xff, 0xff, 0x07, 0x01];
    expect(() => checkRuns(new Uint8Array(header), 1, 1000)).toThrow(/a run of 1,073,741,823 values/);
    expect(() => checkRuns(new Uint8Array([0x00, 0x01]), 1, 1000)).toThrow(/an empty run/);
    expect(() => checkRuns(new Uint8Array([0xd0, 0x0f, 0x01]), 1, 1000)).not.toThrow();
  });

  it('refuses Snappy data whose literal length is out of range (hyparquet reads it as negative)', () => {
    // Tag 0xfc: a literal with a 4-byte length, here 0xffffffff + 1.
    expect(() => snappyStrict(new Uint8Array([0x05, 0xfc, 0xff, 0xff, 0xff, 0xff, 1]), 5)).toThrow(
      /literal longer than its page/,
    );
    expect(Array.from(snappyStrict(new Uint8Array([0x03, 0x08, 1, 2, 3]), 3))).toEqual([1, 2, 3]);
  });

  it('turns 300 damaged copies of the sample into imports or one clear refusal each, quickly', async () => {
    for (const [index, bytes] of damagedCopies(300).entries()) {
      const started = performance.now();
      const result = await importParquet(new Blob([bytes]), 'RIVN');
      expect(performance.now() - started, `copy ${index}`).toBeLessThan(2_000);
      if (!result.ok) {
        expect(result.error).toMatch(/^(the Parquet file is damaged|not a Parquet file|no column for)/);
        expect(result.error).toMatch(/a Parquet file of one-minute bars|name the columns/);
      }
    }
  }, 60_000);

  it('refuses a footer naming a column with no name (found by npm run fuzz)', async () => {
    const { bytes } = fuzzInput(20_261_129, 12_046);
    expect(await importParquet(new Blob([bytes]), 'RIVN')).toEqual({
      ok: false,
      error: expect.stringMatching(/^the Parquet file is damaged \(a column without a name\)/),
    });
    expect(await readFileColumns(new Blob([bytes]), 'bars.parquet')).toMatchObject({ ok: false });
  });
});
