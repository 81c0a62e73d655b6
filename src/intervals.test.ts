// The page's reading of intervals against the engine's own (a test may load both layers): the same keys, the
// same lengths, the same objects. A change to one that the other does not follow fails here.
import { describe, expect, it } from 'vitest';
import { intervalSeconds as engineSeconds } from '../workers/common/interval-key';
import { isObject as engineIsObject } from '../workers/common/is-object';
import { DEFAULT_STREAMS, normalizeInterval } from '../workers/engine/config-schema';
import { BASE_INTERVAL, intervalKeyOf, intervalSeconds, isObject } from './intervals';

const WRITTEN: (number | string)[] = [
  1,
  5,
  60,
  390,
  '5',
  '5m',
  '60m',
  '1h',
  '2h',
  '30s',
  '45s',
  '6h',
  '1d',
  '1w',
];

describe("the page's intervals", () => {
  it('names each interval as the engine does, keeping the unit written (60m is not 1h)', () => {
    for (const value of WRITTEN) expect(intervalKeyOf(value)).toBe(normalizeInterval(value));
    expect(intervalKeyOf('60m')).toBe('60m');
    expect(intervalKeyOf('1h')).toBe('1h');
    for (const value of ['ticks', '5M', '05m', '', 0, 2.5, null, {}]) expect(intervalKeyOf(value)).toBeNull();
  });

  it('measures a key as the engine does, and 60m and 1h the same', () => {
    for (const value of WRITTEN) {
      const key = normalizeInterval(value);
      expect(intervalSeconds(key)).toBe(engineSeconds(key));
    }
    expect(intervalSeconds('60m')).toBe(intervalSeconds('1h'));
    expect(intervalSeconds('ticks')).toBeNull();
  });

  it("knows the engine's default stream and its objects", () => {
    expect([BASE_INTERVAL]).toEqual(DEFAULT_STREAMS);
    for (const value of [{}, { a: 1 }, [], null, 'x', 1]) expect(isObject(value)).toBe(engineIsObject(value));
  });
});
