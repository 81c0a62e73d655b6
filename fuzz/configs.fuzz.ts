// Fuzzing surface: the session configuration loader (`parseSessionConfigText`) and, for what it accepts,
// `createRuntime` and `start`.
//
// Inputs are the fixtures of workers/engine/fixtures/ with one to three mutations each: a field dropped,
// replaced by a random JSON value, or given another type; a deep nesting (up to 5,000 levels) put
// somewhere; huge or odd numbers; Unicode and control characters in strings and keys; and, for some, the
// text itself cut or with a character put in. Checked for every input:
// - nothing is thrown (a refusal is a Result);
// - no input takes longer than HANG_MS;
// - an accepted configuration makes a runtime, and `start` either opens the session or refuses with a
//   Result and leaves the runtime's snapshot as it was.
// `start` loads history, which can take seconds for a long one, so it runs only for configurations with at
// most 5 trailing days of history (the others are loaded and checked, not started).

import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { createRuntime } from '../workers/api/runtime';
import { parseSessionConfigText, type SessionConfig } from '../workers/engine/config';
import { type FuzzReport, type FuzzSurface, fail, HANG_MS, report } from './types';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FIXTURES_URL = new URL('../workers/engine/fixtures/', import.meta.url);
const FIXTURES: Json[] = readdirSync(FIXTURES_URL)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, FIXTURES_URL), 'utf8')) as Json);

/** Most history `start` may load in the fuzzer, per request: keeps each input cheap. */
const MAX_STARTED_DAYS = 5;

const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    ' ',
    '\u001b[2J',
    'a\nb',
    '\u202eevil',
    'zero\u200bwidth',
    '\ud800',
    'é'.repeat(300),
    '1m',
    '5',
  ),
);
const oddNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e308, -1e308, 2 ** 53 + 1, 3650, 3651, 1_000_000, 1_000_001, 0.5, -1),
);
const leaf: fc.Arbitrary<Json> = fc.oneof(oddString, oddNumber, fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: leaf },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 4 }) },
);

/** A mutation, as data drawn from the seed: applied to the path chosen by `pick` (a fraction of the paths). */
type Mutation =
  | { kind: 'drop'; pick: number }
  | { kind: 'replace'; pick: number; value: Json }
  | { kind: 'retype'; pick: number }
  | { kind: 'nest'; pick: number; levels: number; asObjects: boolean }
  | { kind: 'key'; pick: number; key: string; value: Json };

const pick = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick }),
  fc.record({ kind: fc.constant('replace' as const), pick, value }),
  fc.record({ kind: fc.constant('retype' as const), pick }),
  fc.record({
    kind: fc.constant('nest' as const),
    pick,
    levels: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1000, max: 5000 })),
    asObjects: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('key' as const), pick, key: oddString, value }),
);

const textEdit = fc.oneof(
  { weight: 8, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.record({ cut: pick }) },
  { weight: 1, arbitrary: fc.record({ at: pick, insert: fc.string({ unit: 'binary', maxLength: 3 }) }) },
);

const input = fc.record({
  fixture: fc.nat({ max: FIXTURES.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }),
  edit: textEdit,
  historyOff: fc.boolean(),
});

type Container = Json[] | { [key: string]: Json };
const isContainer = (v: Json): v is Container => typeof v === 'object' && v !== null;

/** Every (container, key) of the document, outermost first: where a mutation can land. */
function places(root: Container): [Container, string | number][] {
  const found: [Container, string | number][] = [];
  const stack: Container[] = [root];
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    const keys: (string | number)[] = Array.isArray(at) ? at.map((_, i) => i) : Object.keys(at);
    for (const key of keys) {
      found.push([at, key]);
      const child = (at as Record<string | number, Json>)[key] as Json;
      if (isContainer(child) && found.length < 500) stack.push(child);
    }
  }
  return found;
}

/**
 * A deep nesting is put in as a marker string and written into the text at the end: JSON.stringify and
 * structuredClone recurse, and would overflow on the fuzzer's side before the loader sees the input.
 */
const NEST_MARKER = '\u0000nest:';

function nestedText(levels: number, asObjects: boolean): string {
  return asObjects
    ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
    : `${'['.repeat(levels)}1${']'.repeat(levels)}`;
}

function retyped(v: Json): Json {
  if (typeof v === 'string') return Number(v) || v.length;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 1 : 'false';
  if (Array.isArray(v)) return { ...v } as Json;
  if (v === null) return {};
  return Object.values(v);
}

function mutate(root: Container, m: Mutation): void {
  const all = places(root);
  const place = all[Math.floor(m.pick * all.length)];
  if (place === undefined) return;
  const [at, key] = place;
  const slot = at as Record<string | number, Json>;
  switch (m.kind) {
    case 'drop':
      if (Array.isArray(at)) at.splice(key as number, 1);
      else delete slot[key];
      return;
    case 'replace':
      slot[key] = m.value;
      return;
    case 'retype':
      slot[key] = retyped(slot[key] ?? null);
      return;
    case 'nest':
      slot[key] = `${NEST_MARKER}${m.levels}:${m.asObjects ? 'o' : 'a'}`;
      return;
    case 'key': {
      const target = slot[key] as Json;
      if (isContainer(target) && !Array.isArray(target)) target[m.key] = m.value;
      else if (!Array.isArray(at)) (at as Record<string, Json>)[m.key] = m.value;
    }
  }
}

type Sample = typeof input extends fc.Arbitrary<infer T> ? T : never;

function textOf(sample: Sample): string {
  const doc = structuredClone(FIXTURES[sample.fixture] ?? {}) as Container;
  // Half the inputs have their history switched off first, so that more of them can be started.
  const sessionData = (doc as Record<string, Json | undefined>).session_data_config ?? null;
  if (sample.historyOff && isContainer(sessionData) && !Array.isArray(sessionData))
    sessionData.historical = { enabled: false };
  for (const m of sample.mutations) mutate(doc, m);
  let text = JSON.stringify(doc).replace(/"\\u0000nest:(\d+):([oa])"/g, (_, levels: string, form: string) =>
    nestedText(Number(levels), form === 'o'),
  );
  const edit = sample.edit;
  if (edit !== null && 'cut' in edit) text = text.slice(0, Math.floor(edit.cut * text.length));
  else if (edit !== null) {
    const at = Math.floor(edit.at * text.length);
    text = text.slice(0, at) + edit.insert + text.slice(at);
  }
  return text;
}

const cheapToStart = (config: SessionConfig): boolean =>
  config.historical.every((request) => request.trailingDays <= MAX_STARTED_DAYS);

/** One input: counts it, and whatever must never happen. */
function runOne(into: FuzzReport, text: string, where: string): void {
  into.inputs++;
  const started = performance.now();
  try {
    const parsed = parseSessionConfigText(text);
    if (!parsed.ok) {
      into.refused++;
      if (parsed.error.includes('\n') || parsed.error.length > 2000)
        fail(into, 'state', `${where}: not one short line: ${JSON.stringify(parsed.error).slice(0, 200)}`);
    } else {
      const runtime = createRuntime({ config: parsed.value.raw, realtime: false, now: () => 0 });
      if (cheapToStart(parsed.value)) {
        const before = JSON.stringify(runtime.snapshot());
        const result = runtime.start();
        if (!result.ok && JSON.stringify(runtime.snapshot()) !== before)
          fail(
            into,
            'state',
            `${where}: start refused (${result.error.slice(0, 100)}) but the snapshot changed`,
          );
      }
    }
  } catch (error) {
    fail(
      into,
      'crash',
      `${where}: ${String(error).slice(0, 200)} (input ${JSON.stringify(text).slice(0, 120)})`,
    );
  }
  if (performance.now() - started > HANG_MS)
    fail(into, 'hang', `${where}: ${JSON.stringify(text).slice(0, 200)}`);
}

const surface: FuzzSurface = async (runs, seed) => {
  const into = report('configs');
  const samples = fc.sample(input, { seed, numRuns: runs });
  samples.forEach((sample, index) => {
    let text: string;
    try {
      text = textOf(sample);
    } catch (error) {
      // The fuzzer's own mutation failed (not the app): count the input, as a crash, so it is seen.
      into.inputs++;
      fail(into, 'crash', `seed ${seed} input ${index}: the mutation itself failed: ${String(error)}`);
      return;
    }
    runOne(into, text, `seed ${seed} input ${index}`);
  });
  return into;
};

export default surface;
