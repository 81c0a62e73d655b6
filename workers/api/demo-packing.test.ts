// Packing in slices gives the bytes the one-piece helpers give, calls back between slices, and stops when
// the callback throws.
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../common/base64';
import { gunzip } from '../common/gzip';
import { Random } from '../engine/random';
import { base64InSlices, gzipInSlices } from './demo-packing';

/** Slices of 3 KiB here (3 MiB in a demo), so that the sample is small. */
const SLICE = 3 * 1024;

/** 7 KiB of bytes that compress somewhat, as JSON does: three slices, the last one short. */
function sample(): Uint8Array {
  const random = new Random(7);
  const bytes = new Uint8Array(7 * 1024 + 5);
  for (let i = 0; i < bytes.length; i++) bytes[i] = 0x30 + Math.floor(random.next() * 12);
  return bytes;
}

describe('packing a tape in slices', () => {
  it('gzips and writes base64 exactly as in one piece, with a call after each slice', async () => {
    const bytes = sample();
    let calls = 0;
    const packed = await gzipInSlices(bytes, () => calls++, SLICE);
    expect(calls).toBe(3);
    expect(await gunzip(packed, bytes.length)).toEqual(bytes);
    calls = 0;
    expect(base64InSlices(bytes, () => calls++, SLICE)).toBe(toBase64(bytes));
    expect(calls).toBe(3);
  });

  it('stops when the call between slices throws', async () => {
    const bytes = sample();
    let calls = 0;
    const stop = () => {
      calls++;
      throw new Error('cancelled');
    };
    await expect(gzipInSlices(bytes, stop, SLICE)).rejects.toThrow('cancelled');
    expect(() => base64InSlices(bytes, stop, SLICE)).toThrow('cancelled');
    expect(calls).toBe(2);
    expect(() => base64InSlices(bytes, () => {}, 1000)).toThrow('a multiple of 3 bytes');
  });
});
