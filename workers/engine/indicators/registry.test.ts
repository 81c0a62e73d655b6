// The registries cover the catalogue exactly, and every calculation, with its catalogue defaults, runs over
// the RIVN sample: once valid it stays valid, with finite values.

import { describe, expect, it } from 'vitest';
import { HISTORICAL_INDICATORS, SESSION_INDICATORS } from '../../common/indicator-catalogue';
import { HISTORICAL_CALCS, SESSION_CALCS } from './index';
import { rivnBars } from './indicators.test-support';

describe('indicator registries', () => {
  it('have a calculation for every catalogue name and none besides', () => {
    expect(Object.keys(SESSION_CALCS).sort()).toEqual(SESSION_INDICATORS.map((i) => i.name).sort());
    expect(Object.keys(HISTORICAL_CALCS).sort()).toEqual(HISTORICAL_INDICATORS.map((i) => i.name).sort());
  });

  for (const info of SESSION_INDICATORS) {
    it(`${info.name} with its defaults becomes valid on the sample and stays valid with finite values`, () => {
      const params = Object.fromEntries(Object.entries(info.params).map(([k, rule]) => [k, rule.default]));
      const calc = (SESSION_CALCS[info.name] as NonNullable<(typeof SESSION_CALCS)[string]>)(
        info.period?.default ?? 0,
        params,
      );
      const out = new Float64Array(info.outputs.length).fill(Number.NaN);
      let validFrom = -1;
      rivnBars().forEach((b, i) => {
        const valid = calc.update(b.newDay, b.open, b.high, b.low, b.close, b.volume, out);
        if (valid && validFrom < 0) validFrom = i;
        if (validFrom >= 0) {
          expect(valid).toBe(true);
          for (const v of out) expect(Number.isFinite(v)).toBe(true);
        }
      });
      expect(validFrom).toBeGreaterThanOrEqual(0);
    });
  }
});
