// Bar intervals and parsed JSON objects as the page reads them: the one definition in src/ (the config
// form, Add indicator and the charts use it). The page may not load workers' code (`layers/ui-types-only`),
// so this file repeats, on purpose, the engine's reading: `workers/common/interval-key.ts` (a key's length)
// and `normalizeInterval` (`workers/engine/config-schema.ts`: how a configuration's interval is named).
// `src/intervals.test.ts` runs both on the same values, so the two cannot drift apart unseen.

/** A parsed JSON value that is an object with fields (not null, not a list). */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The bar interval every session streams when its configuration names none (the engine's default). */
export const BASE_INTERVAL = '1m';

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };
/** An interval as a configuration may write it: a whole count, and a unit or none (minutes). */
const WRITTEN = /^([1-9][0-9]*)([smhdw]?)$/;
const KEY = /^([1-9][0-9]*)([smhdw])$/;

/**
 * The key the engine names an interval written in a configuration by: `5`, `"5"` and `"5m"` are `"5m"`; a
 * unit written is kept (`"60m"` stays `"60m"`, `"1h"` is `"1h"`: the engine's bars, indicator keys and
 * exports use that spelling, so the form does too). null for what is not written as an interval. Its range
 * is not checked here: the engine's check names a `"9999m"`.
 */
export function intervalKeyOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? `${value}m` : null;
  if (typeof value !== 'string') return null;
  const match = WRITTEN.exec(value);
  return match ? `${match[1]}${match[2] || 'm'}` : null;
}

/** Seconds one bar of an interval key spans (`"15m"` -> 900, `"1h"` and `"60m"` -> 3600); null if not a key. */
export function intervalSeconds(key: string): number | null {
  const match = KEY.exec(key);
  return match ? Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number) : null;
}
