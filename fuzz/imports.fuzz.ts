// The bar importers, through the engine API's `importColumns` and `importBars` (as the page calls them): damaged copies of the
// sample CSV and Parquet files (bytes flipped, inserted, deleted, duplicated, the file cut short) and
// generated CSV text (quotes, line breaks inside and outside them, large cells, other delimiters, byte
// order marks, UTF-16, Latin-1 and invalid UTF-8). Never a throw, never an input over `HANG_MS`, and a
// refused import leaves the imported symbols and the market source as they were.
import { readFileSync } from 'node:fs';
import { createEngineApi } from '../workers/api/engine-api';
import { createRuntime } from '../workers/api/runtime';
import { type FuzzReport, type FuzzSurface, fail, HANG_MS, report } from './types';

type Bytes = Uint8Array<ArrayBuffer>;
type Random = () => number;

/** mulberry32: small, fast and the same everywhere, so a seed and an index repeat an input. */
function random(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const below = (rnd: Random, n: number) => Math.floor(rnd() * n);
const pick = <T>(rnd: Random, items: readonly T[]): T => items[below(rnd, items.length)] as T;

const root = new URL('../samples/', import.meta.url);
// The CSV's first 40 lines (a few kB): every damage the full file could show, at a fraction of the time.
const SAMPLE_CSV = new TextEncoder().encode(
  `${readFileSync(new URL('rivn-1m.csv', root), 'utf8').split('\n').slice(0, 40).join('\n')}\n`,
);
const SAMPLE_PARQUET = new Uint8Array(readFileSync(new URL('rivn-1m.parquet', root)));

function bytesOf(parts: readonly number[] | Uint8Array): Bytes {
  const out = new Uint8Array(parts.length);
  out.set(parts);
  return out;
}

/** One damage: flip a bit, insert, delete or duplicate a run of bytes, or cut the file short. */
function damageOnce(rnd: Random, bytes: number[]): void {
  const at = below(rnd, bytes.length + 1);
  const length = 1 + below(rnd, rnd() < 0.8 ? 4 : 200);
  switch (below(rnd, 6)) {
    case 0:
      if (at < bytes.length) bytes[at] = (bytes[at] as number) ^ (1 << below(rnd, 8));
      break;
    case 1:
      if (at < bytes.length) bytes[at] = below(rnd, 256);
      break;
    case 2:
      bytes.splice(at, 0, ...Array.from({ length }, () => below(rnd, 256)));
      break;
    case 3:
      bytes.splice(at, length);
      break;
    case 4:
      bytes.splice(at, 0, ...bytes.slice(at, at + length));
      break;
    default:
      bytes.length = Math.min(bytes.length, at);
  }
}

function damaged(rnd: Random, sample: Uint8Array): Bytes {
  const bytes = Array.from(sample);
  const times = 1 + below(rnd, 8);
  for (let i = 0; i < times; i++) damageOnce(rnd, bytes);
  return bytesOf(bytes);
}

const HEADERS = [
  'timestamp,open,high,low,close,volume',
  'Date;O;H;L;C;Vol',
  'time\topen\thigh\tlow\tclose\tvolume',
  '"timestamp","open","high","low","close","volume","note"',
  'ts,o,h,l,c,v',
];
const CELLS = [
  '2025-07-01T09:30:00-04:00',
  '2025-07-01 09:31',
  '1751376660',
  '1751376720000',
  '1199145600',
  '978307200',
  '2029-01-01T10:00:00Z',
  '12.5',
  '0',
  '-1',
  'NaN',
  '1e308',
  '',
  '"',
  '""',
  '"a,b"',
  '"line\nbreak"',
  '"never closed',
  'mid"quote',
  '\r',
  '\u0000',
  '\u202Egnp',
  '\uFEFF',
  'é',
];

/** A cell of generated CSV: a usual value, a quote or break in an odd place, or a large cell. */
function cell(rnd: Random): string {
  const r = rnd();
  // Large cells are rare so that 20,000 inputs take minutes: the unit tests cover a 1 MB cell.
  if (r < 0.01) return `"${'x\n'.repeat(below(rnd, 10_000))}"`;
  if (r < 0.02) return 'y'.repeat(below(rnd, 20_000));
  if (r < 0.5) return pick(rnd, CELLS);
  return (10 + rnd() * 5).toFixed(2);
}

function generatedCsv(rnd: Random): string {
  const header = pick(rnd, HEADERS);
  const delimiter = header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
  const lines = [header];
  const rows = below(rnd, 25);
  for (let i = 0; i < rows; i++) {
    const cells = Array.from({ length: 5 + below(rnd, 3) }, () => cell(rnd));
    lines.push(cells.join(delimiter));
  }
  return lines.join(pick(rnd, ['\n', '\r\n', '\n\n', '\r']));
}

/** The UTF-16 code units of `text`, little-endian, after a byte order mark. */
function utf16(text: string): Bytes {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** Generated CSV in UTF-8 (with or without a byte order mark), UTF-16, Latin-1 or with invalid bytes. */
function encoded(rnd: Random, text: string): Bytes {
  const utf8 = new TextEncoder().encode(text);
  switch (below(rnd, 6)) {
    case 0: {
      const out = new Uint8Array(utf8.length + 3);
      out.set([0xef, 0xbb, 0xbf]);
      out.set(utf8, 3);
      return out;
    }
    case 1:
      return utf16(text);
    case 2:
      return Uint8Array.from({ length: text.length }, (_, i) => text.charCodeAt(i) & 0xff);
    case 3:
      // A few bytes replaced by continuation bytes: invalid UTF-8 where they land.
      for (let k = below(rnd, 8); k >= 0; k--) utf8[below(rnd, utf8.length)] = 0x80 + below(rnd, 0x40);
      return utf8;
    default:
      return utf8;
  }
}

export interface Input {
  what: string;
  bytes: Bytes;
  fileName: string;
}

function input(rnd: Random): Input {
  const kind = below(rnd, 3);
  if (kind === 0) return { what: 'damaged CSV', bytes: damaged(rnd, SAMPLE_CSV), fileName: 'bars.csv' };
  if (kind === 1) {
    // Named .csv now and then: the importer then goes by the magic bytes (or reads it as CSV).
    const fileName = rnd() < 0.9 ? 'bars.parquet' : 'bars.csv';
    return { what: 'damaged Parquet', bytes: damaged(rnd, SAMPLE_PARQUET), fileName };
  }
  return { what: 'generated CSV', bytes: encoded(rnd, generatedCsv(rnd)), fileName: 'bars.csv' };
}

type Api = ReturnType<typeof createEngineApi>;

/** What a refused import must leave alone: the imported symbols and the source the next start reads. */
function stateOf(api: Api, runtime: ReturnType<typeof createRuntime>) {
  return { symbols: JSON.stringify(api.importedSymbols()), source: runtime.backtest.source };
}

async function one(
  api: Api,
  runtime: ReturnType<typeof createRuntime>,
  rnd: Random,
  into: FuzzReport,
  label: string,
) {
  const { what, bytes, fileName } = input(rnd);
  const before = stateOf(api, runtime);
  const started = performance.now();
  try {
    // The header read the form offers a manual mapping from: changes nothing, must not throw either.
    await api.importColumns(new Blob([bytes]), fileName);
    const result = await api.importBars(new Blob([bytes]), { symbol: 'RIVN', fileName });
    const took = performance.now() - started;
    if (took > HANG_MS) fail(into, 'hang', `${label} (${what}) took ${Math.round(took)} ms`);
    if (!result.ok) {
      into.refused++;
      const after = stateOf(api, runtime);
      if (after.symbols !== before.symbols || after.source !== before.source) {
        fail(into, 'state', `${label} (${what}) was refused but changed the imports`);
      }
      return;
    }
    // Now and then keep the good rows, so that later refusals have imported bars to leave alone.
    if (result.value.report.barsKept > 0 && rnd() < 0.1) api.commitImport(result.value.id);
    else api.cancelImport(result.value.id);
  } catch (error) {
    fail(into, 'crash', `${label} (${what}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** One generator per input: seed and index alone repeat it. */
const generatorOf = (seed: number, index: number): Random =>
  random((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);

/** The file of input `index` from `seed`, to reproduce a failure the surface reports. */
export function fuzzInput(seed: number, index: number): Input {
  return input(generatorOf(seed, index));
}

const surface: FuzzSurface = async (runs, seed) => {
  const into = report('imports');
  const runtime = createRuntime({ realtime: false });
  const api = createEngineApi(runtime);
  for (let i = 0; i < runs; i++) {
    await one(api, runtime, generatorOf(seed, i), into, `seed ${seed} input ${i}`);
    into.inputs++;
  }
  return into;
};

export default surface;
