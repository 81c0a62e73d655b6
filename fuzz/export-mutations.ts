// What the reader surfaces (viewer.fuzz.ts, mirror.fuzz.ts) feed in: real exports from the engine, made
// once, and damaged copies of them, drawn from a seed. A copy is damaged either in its values (numbers made
// huge, negative, fractional or text; values retyped; keys dropped; rows duplicated or dropped) or in its
// bytes (cut short, a byte flipped), the way a file goes wrong on a disk or in a hand edit.
import { Random } from '../workers/engine/random';
import { backtestOf, configJson, type Json, textOf } from '../workers/export/export.test-support';
import { Exporter } from '../workers/export/exporter';

/** A complete export and the deltas that follow it, as text: one symbol and a few minutes, so inputs stay small. */
export interface Corpus {
  complete: string;
  deltas: string[];
}

let made: Corpus | null = null;

export function corpus(): Corpus {
  if (made) return made;
  const backtest = backtestOf(
    configJson((json) => {
      json.session_data_config = {
        symbols: ['RIVN'],
        streams: ['1m', '5m', 'ticks', 'quotes'],
        historical: {
          enabled: true,
          data: [
            { interval: '1m', trailing_days: 1 },
            { interval: '1d', trailing_days: 3 },
          ],
        },
      };
    }),
  );
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  backtest.advance(3);
  const take = (complete: boolean) => textOf(exporter.export({ complete, consumer: 'fuzz' }));
  const complete = take(true);
  const deltas: string[] = [];
  for (const minutes of [2, 1, 3]) {
    backtest.advance(minutes);
    deltas.push(take(false));
  }
  made = { complete, deltas };
  return made;
}

/** The engine's seeded generator (mulberry32), with the two draws mutations need. */
export class Rng extends Random {
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)] as T;
  }
}

/** The generator for input `index` of a run: each input can be drawn again alone from (seed, index). */
export const rngFor = (seed: number, index: number) =>
  new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);

type Container = Json | unknown[];

/** Every container in a parsed document with the key of each child, so that a mutation can land anywhere. */
function places(root: unknown): { parent: Container; key: string | number }[] {
  const found: { parent: Container; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        found.push({ parent: node, key: i });
        walk(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        found.push({ parent: node as Json, key });
        walk(child);
      }
    }
  };
  walk(root);
  return found;
}

const NUMBERS = [1e15, 2e9, -1, -0.5, 0.5, 2.5, 1e308, -1e308, 0, 2 ** 53, 2 ** 53 + 2, 4294967296];
const TEXTS = ['NaN', 'Infinity', '1e999', '-1', '', 'x', '09:3', '2025-13-45', '\u202e', 'null'];

/** A value of another kind in place of `value`: retyped, or a number or text from the lists above. */
function replacement(rng: Rng, value: unknown): unknown {
  switch (rng.below(9)) {
    case 0:
      return rng.pick(NUMBERS);
    case 1:
      return typeof value === 'number' ? -value : rng.pick(NUMBERS);
    case 2:
      return typeof value === 'number' ? value * rng.pick([1e6, 1e12, 0.5, 1.5]) : rng.pick(TEXTS);
    case 3:
      return rng.pick(TEXTS);
    case 4:
      return null;
    case 5:
      return Array.isArray(value) ? Object.fromEntries(value.map((v, i) => [String(i), v])) : {};
    case 6:
      return typeof value === 'object' && value !== null ? Object.values(value) : [value];
    case 7:
      return String(JSON.stringify(value) ?? '').slice(0, 20);
    default:
      return rng.pick([true, false, [], {}]);
  }
}

/** One change to the parsed document, at a random place. */
function mutateValue(rng: Rng, root: unknown): void {
  const all = places(root);
  if (all.length === 0) return;
  // Half the changes land in stream blocks and their rows: where the readers' checks are.
  const inBlocks = all.filter(
    ({ parent }) => Array.isArray(parent) || 'count' in parent || 'columns' in parent,
  );
  const { parent, key } = rng.pick(inBlocks.length > 0 && rng.next() < 0.5 ? inBlocks : all);
  const value = (parent as Record<string | number, unknown>)[key];
  const kind = rng.below(4);
  if (kind === 0 && !Array.isArray(parent)) delete (parent as Json)[key as string];
  else if (kind === 1 && Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(value));
  else if (kind === 2 && Array.isArray(parent)) parent.splice(key as number, 1);
  else (parent as Record<string | number, unknown>)[key] = replacement(rng, value);
}

/** The text with its bytes damaged: cut short, a byte flipped or dropped. */
function mutateBytes(rng: Rng, text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const at = rng.below(bytes.length);
  switch (rng.below(3)) {
    case 0:
      return bytes.subarray(0, at);
    case 1:
      bytes[at] = (bytes[at] as number) ^ (1 << rng.below(8));
      return bytes;
    default:
      return new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]);
  }
}

/** A damaged copy of an export's text, as bytes: mostly value changes (1 to 3), sometimes byte damage. */
export function mutate(rng: Rng, text: string): Uint8Array {
  if (rng.next() < 0.2) return mutateBytes(rng, text);
  const root = JSON.parse(text) as unknown;
  const changes = 1 + rng.below(3);
  for (let i = 0; i < changes; i++) mutateValue(rng, root);
  return new TextEncoder().encode(JSON.stringify(root));
}

/** Runs `work` and says whether it took longer than `limit` ms. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}
