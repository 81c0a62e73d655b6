import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundIndicator } from './indicator-series';

describe('roundIndicator', () => {
  it('drops the noise a running sum leaves, keeping 12 significant digits', () => {
    expect(roundIndicator(12.523000000000007)).toBe(12.523);
    expect(String(roundIndicator(12.503513005841356))).toBe('12.5035130058');
    expect(String(roundIndicator(-0.05510219947851702))).toBe('-0.0551021994785');
    expect(roundIndicator(44.87252706641918)).toBe(44.8725270664);
    expect(roundIndicator(123456789012345)).toBe(123456789012345);
    expect(roundIndicator(0)).toBe(0);
    expect(String(roundIndicator(1.234567890123456e-15))).toBe('1.23456789012e-15');
    expect(roundIndicator(Number.NaN)).toBeNaN();
  });

  it('moves no value by more than 5e-12 of itself', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), (x) => {
        const rounded = roundIndicator(x);
        expect(Math.abs(rounded - x)).toBeLessThanOrEqual(5.000001e-12 * Math.abs(x) + 1e-300);
        // Written shortest, a rounded value has at most 12 significant digits.
        const digits = String(Math.abs(rounded)).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
        if (x !== 0 && Math.abs(x) < 1e11) expect(digits.length).toBeLessThanOrEqual(12);
      }),
    );
  });
});
