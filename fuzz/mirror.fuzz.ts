// Fuzzing surface: the mirror (the live charts and Open exports). Damaged copies of real exports are read
// (`readExport`) and applied (`Mirror.apply`) on top of a mirror that holds a session, or opened with a
// good set through the mirror API (`openFiles`). Never a throw, never longer than HANG_MS, and a refusal
// (not read, a resync, a set refused) leaves the mirror or the open replay exactly as it was
// (docs/export-format.md section 11.2, item 8). What the charts then ask for is read too.
import { type ExportDoc, readExport } from '../workers/mirror/export-doc';
import { Mirror } from '../workers/mirror/mirror';
import { createMirrorApi, type MirrorApiObject } from '../workers/mirror/mirror-api';
import { parseExportBytes } from '../workers/mirror/parse-export';
import { chartIntervals } from '../workers/mirror/series';
import { readView } from '../workers/mirror/view';
import { type Corpus, corpus, mutate, type Rng, rngFor, timed } from './export-mutations';
import { type FuzzSurface, fail, HANG_MS, report } from './types';

/** What a mirror holds, cheaply: enough that any change to it changes the text. */
function fingerprint(mirror: Mirror): string {
  const streams = [...mirror.symbols].map(([symbol, s]) => [
    symbol,
    s.volume,
    s.high,
    s.quality,
    [...s.streams].map(([name, t]) => [name, t.length, t.names.map((_, c) => t.column(c).at(-1))]),
    [...s.historical].map(([name, h]) => [name, h.table.length, h.dates.length]),
    [...s.latest.keys()],
  ]);
  const sections = Object.keys(mirror.sections);
  return JSON.stringify([
    mirror.sequence,
    mirror.sessionId,
    mirror.sessionDate,
    mirror.applied,
    streams,
    sections,
  ]);
}

/** Everything a chart asks the mirror for, for every symbol and interval: none of it may throw. */
function readCharts(mirror: Mirror): void {
  for (const [symbol, state] of mirror.symbols)
    for (const interval of chartIntervals(state))
      readView(mirror, { source: 'live', symbol, interval, shown: null });
  readView(mirror, { source: 'live', symbol: null, interval: '1m', shown: null });
}

interface Good {
  corpus: Corpus;
  complete: ExportDoc;
  deltas: ExportDoc[];
}

let good: Good | null = null;

function goodExports(): Good {
  if (good) return good;
  const texts = corpus();
  const read = (text: string) => {
    const doc = readExport(JSON.parse(text));
    if (!doc.ok) throw new Error(`the fuzz corpus does not read: ${doc.error}`);
    return doc.value;
  };
  good = { corpus: texts, complete: read(texts.complete), deltas: texts.deltas.map(read) };
  return good;
}

/** One damaged export applied on a mirror that holds the complete export and `held` deltas. Refused? */
async function liveInput(rng: Rng, base: Good): Promise<{ refused: boolean; changed: boolean }> {
  const mirror = new Mirror();
  const held = rng.below(base.deltas.length);
  for (const doc of [base.complete, ...base.deltas.slice(0, held)]) mirror.apply(doc);
  const texts = [base.corpus.complete, ...base.corpus.deltas];
  // Mostly the delta that follows, sometimes any export of the set.
  const text = rng.next() < 0.7 ? (base.corpus.deltas[held] as string) : rng.pick(texts);
  const before = fingerprint(mirror);
  const parsed = await parseExportBytes('fuzz', mutate(rng, text));
  const doc = parsed.ok ? readExport(parsed.value) : parsed;
  const refused = !doc.ok || mirror.apply(doc.value).kind === 'resync';
  const changed = refused && fingerprint(mirror) !== before;
  readCharts(mirror);
  return { refused, changed };
}

const blob = (bytes: Uint8Array) => new Blob([bytes as Uint8Array<ArrayBuffer>]);
const encode = (text: string) => new TextEncoder().encode(text);

/** What the offline replay shows, as text. */
const shownOffline = (api: MirrorApiObject) =>
  JSON.stringify(api.view({ source: 'offline', symbol: null, interval: '1m', shown: null }));

/** A good set opened, then a set with one damaged file: a refusal keeps the open replay. Refused? */
async function offlineInput(rng: Rng, base: Good): Promise<{ refused: boolean; changed: boolean }> {
  const api = createMirrorApi();
  const texts = [base.corpus.complete, ...base.corpus.deltas];
  const files = texts.map((text, i) => ({ name: `${i}.json`, blob: blob(encode(text)) }));
  const opened = await api.openFiles(files);
  if (!opened.ok) throw new Error(`the fuzz corpus does not open: ${opened.error}`);
  api.showStep(rng.below(texts.length));
  const before = shownOffline(api);
  const damaged = rng.below(texts.length);
  const set = files.map((file, i) =>
    i === damaged ? { name: file.name, blob: blob(mutate(rng, texts[i] as string)) } : file,
  );
  const result = await api.openFiles(set);
  if (!result.ok) return { refused: true, changed: shownOffline(api) !== before };
  for (let step = result.value.steps.length - 1; step >= 0; step--) api.showStep(step);
  return { refused: false, changed: false };
}

const surface: FuzzSurface = async (runs, seed) => {
  const into = report('mirror');
  const base = goodExports();
  for (let i = 0; i < runs; i++) {
    const rng = rngFor(seed, i);
    const where = `seed ${seed} input ${i}`;
    into.inputs++;
    try {
      // One input in ten goes through Open exports: it reads every file of a set, so it is slower.
      const input = rng.next() < 0.1 ? offlineInput : liveInput;
      const { value, ms } = await timed(() => input(rng, base));
      if (value.refused) into.refused++;
      if (value.changed) fail(into, 'state', `${where}: a refused export changed what was held`);
      if (ms > HANG_MS) fail(into, 'hang', `${where}: ${Math.round(ms)} ms`);
    } catch (error) {
      fail(into, 'crash', `${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return into;
};

export default surface;
