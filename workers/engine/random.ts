// Deterministic pseudo-random numbers: the same symbol, date and seed always give the same market data,
// in Node, in the worker and in every browser.

/** 32-bit FNV-1a hash of a string, mixed with a numeric seed. */
export function hashSeed(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32's step: the state after `state`. */
export const nextState = (state: number): number => (state + 0x6d2b79f5) >>> 0;

/** mulberry32's output for a state, uniform in [0, 1). */
export function uniformAt(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * Writes the next `out.length` uniforms after `state` into `out`, as that many `next()` calls would give them,
 * and returns the state after the last. One small loop the compiler inlines `uniformAt` into: the bar
 * generator draws a day's uniforms so, where seven calls a minute in its larger loop stayed calls.
 */
export function fillUniforms(state: number, out: Float64Array): number {
  let s = state;
  for (let i = 0; i < out.length; i++) {
    s = nextState(s);
    out[i] = uniformAt(s);
  }
  return s;
}

/** mulberry32: small, fast and good enough for synthetic market data. */
export class Random {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = nextState(this.state);
    return uniformAt(this.state);
  }

  /**
   * The state after the draws so far: `fillUniforms` goes on from it with what `next` would draw (a normal
   * cached by `normal` is not part of it).
   */
  get position(): number {
    return this.state;
  }

  /** Standard normal (Box-Muller, caching the second value). */
  normal(): number {
    if (this.spareNormal !== null) {
      const value = this.spareNormal;
      this.spareNormal = null;
      return value;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
