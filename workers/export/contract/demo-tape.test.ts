import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../common/base64';
import { gunzip, gzip } from '../../common/gzip';
import { decodeDemoTape, encodeDemoTape } from './demo-tape';

const header = {
  format: 'session-tape-demo' as const,
  version: 1,
  session_name: 'Demo',
  first_market_time: '2025-01-02T09:30:00',
  last_market_time: '2025-01-02T16:00:00',
  every_minutes: 1,
  excluded: ['ticks', 'quotes'],
  written_at: '2026-11-29T12:00:00Z',
};
const enc = new TextEncoder();

describe('demo tape', () => {
  it('round-trips its files through gzip and base64', async () => {
    const files = [
      { name: 'a_complete.json', bytes: enc.encode('{"a":1}'), mode: 'complete' as const, marketTime: null },
      {
        name: 'b_delta.json',
        bytes: enc.encode('{"b":"é"}'),
        mode: 'delta' as const,
        marketTime: '2025-01-02T09:31:00',
      },
      { name: 'empty.json', bytes: new Uint8Array(0), mode: 'delta' as const, marketTime: null },
    ];
    const text = toBase64(await gzip(encodeDemoTape(header, files)));
    const bytes = fromBase64(text);
    if (!bytes) throw new Error('not base64');
    const read = decodeDemoTape(await gunzip(bytes, 1e6));
    if (!read.ok) throw new Error(read.error);
    expect(read.value.header.session_name).toBe('Demo');
    expect(
      read.value.files.map((f) => [f.name, new TextDecoder().decode(f.bytes), f.mode, f.marketTime]),
    ).toEqual([
      ['a_complete.json', '{"a":1}', 'complete', null],
      ['b_delta.json', '{"b":"é"}', 'delta', '2025-01-02T09:31:00'],
      ['empty.json', '', 'delta', null],
    ]);
  });

  it('encodes base64 exactly as Node does, across its slices', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) & 0xff);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64('not base64!')).toBeNull();
  });

  it('refuses a tape whose lengths do not add up, and one inflating past its limit', async () => {
    const tape = encodeDemoTape(header, [
      { name: 'a.json', bytes: enc.encode('{}'), mode: 'complete', marketTime: null },
    ]);
    const cut = decodeDemoTape(tape.subarray(0, tape.byteLength - 1));
    expect(cut).toEqual({
      ok: false,
      error: "the tape's entries add up to 2 bytes, but 1 bytes follow the header",
    });
    expect(decodeDemoTape(enc.encode('{"format":"x"}\n'))).toEqual({
      ok: false,
      error: 'the tape header\'s format is not "session-tape-demo"',
    });
    await expect(gunzip(await gzip(new Uint8Array(5000)), 100)).rejects.toThrow('more than 100 bytes');
  });
});
