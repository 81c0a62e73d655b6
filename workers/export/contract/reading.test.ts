// What the readers share: the columns they assume, the versions they know, and how they quote a file.
import { describe, expect, it } from 'vitest';
import { defaultColumns, isKnownVersion, keyText, quoted, versionNote } from './reading';

describe('reading helpers', () => {
  it('assume the columns section 3 names for each stream', () => {
    expect(defaultColumns('1m')).toEqual(['timestamp', 'open', 'high', 'low', 'close', 'volume']);
    expect(defaultColumns('15m')).toEqual(['timestamp', 'open', 'high', 'low', 'close', 'volume']);
    expect(defaultColumns('1d')).toEqual(['date', 'open', 'high', 'low', 'close', 'volume']);
    expect(defaultColumns('ticks')).toEqual(['timestamp', 'price', 'size', 'exchange']);
    expect(defaultColumns('quotes')).toEqual(['timestamp', 'bid', 'ask', 'bid_size', 'ask_size']);
  });

  it('know the 2.x versions, and say so of any other, or none', () => {
    for (const version of ['2.0', '2.1', '2']) expect(isKnownVersion(version)).toBe(true);
    for (const version of ['1.0', '20.0', 2, null, undefined, ''])
      expect(isKnownVersion(version)).toBe(false);
    expect(versionNote(quoted('1.0'))).toBe(
      'format version "1.0" (this app writes 2.0): read as far as it goes',
    );
    expect(versionNote(null)).toBe('no format version (this app writes 2.0): read as far as it goes');
  });

  it('quote values and keys cut short, with invisible characters escaped', () => {
    expect(quoted('abc')).toBe('"abc"');
    expect(quoted(2)).toBe('2');
    expect(quoted(null)).toBe('null');
    expect(quoted({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(quoted('a'.repeat(100))).toBe(`"${'a'.repeat(39)}…"`);
    expect(quoted([1, 'x'.repeat(100)])).toBe(`[1,"${'x'.repeat(35)}…`);
    expect(quoted('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(quoted('\u202Egnp.exe\u200B')).toBe('"\\u202egnp.exe\\u200b"');
    expect(keyText('RIVN')).toBe('RIVN');
    expect(keyText('BRK.B')).toBe('BRK.B');
    expect(keyText(`\u0000${'Z'.repeat(30)}`)).toBe(`\\u0000${'Z'.repeat(22)}…`);
    // A symbol outside the Basic Multilingual Plane is cut whole, never in half.
    expect(keyText('😀'.repeat(30))).toBe(`${'😀'.repeat(23)}…`);
  });
});
