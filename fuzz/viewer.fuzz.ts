// Fuzzing surface: the export viewer. Damaged copies of real exports are opened (`open`, read in slices of
// a few sizes) next to a good export already open; an export that opens has its tree and every stream's
// rows read. Never a throw, never longer than HANG_MS, and a refused file leaves the open exports as they
// were (docs/export-format.md section 11.2, item 8).
import { createViewerApi, type ViewerApiObject } from '../workers/viewer/viewer-api';
import { corpus, mutate, type Rng, rngFor, timed } from './export-mutations';
import { type FuzzSurface, fail, HANG_MS, report } from './types';

type Path = (string | number)[];

/** The tree under `path`, read as the page does; a refusal is a value, only a throw is a failure. */
async function walk(api: ViewerApiObject, id: string, path: Path, depth: number): Promise<string[]> {
  const children = await api.children(id, path);
  if (!children.ok) return [children.error];
  const seen = [JSON.stringify(children.value)];
  for (const entry of children.value) {
    const next = [...path, entry.key];
    if (entry.kind === 'array' && entry.key === 'data') {
      const rows = await api.rows(id, next, 0, 1000);
      seen.push(rows.ok ? String(rows.value.rows.length) : rows.error);
    } else if (entry.kind === 'object' && depth < 6) seen.push(...(await walk(api, id, next, depth + 1)));
  }
  return seen;
}

/** What the open exports show: the good one's whole tree, and that it is the only one besides new ones. */
const shown = async (api: ViewerApiObject, id: string) => JSON.stringify(await walk(api, id, [], 0));

interface Viewer {
  api: ViewerApiObject;
  id: string;
  before: string;
}

/** One viewer per slice size (an odd small one, and the app's), each with the good complete export open. */
async function viewers(): Promise<Viewer[]> {
  const made: Viewer[] = [];
  for (const sliceBytes of [997, 8 * 1024 * 1024]) {
    const api = createViewerApi({ sliceBytes });
    const opened = await api.open(new Blob([corpus().complete]));
    if (!opened.ok) throw new Error(`the fuzz corpus does not open: ${opened.error}`);
    made.push({ api, id: opened.value.id, before: await shown(api, opened.value.id) });
  }
  return made;
}

/** One damaged export opened; its tree read if it opens. Refused? Changed what was open? */
async function input(
  rng: Rng,
  viewer: Viewer,
  check: boolean,
): Promise<{ refused: boolean; changed: boolean }> {
  const { api, id, before } = viewer;
  const texts = [corpus().complete, ...corpus().deltas];
  const bytes = mutate(rng, rng.pick(texts));
  const opened = await api.open(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  if (opened.ok) {
    await walk(api, opened.value.id, [], 0);
    api.close(opened.value.id);
  }
  // The good export's whole tree is compared after every refusal of a checked input (a few in ten: it
  // reads the whole tree).
  const changed = !opened.ok && check && (await shown(api, id)) !== before;
  return { refused: !opened.ok, changed };
}

const surface: FuzzSurface = async (runs, seed) => {
  const into = report('viewer');
  const open = await viewers();
  for (let i = 0; i < runs; i++) {
    const rng = rngFor(seed, i);
    const where = `seed ${seed} input ${i}`;
    into.inputs++;
    try {
      // Slices of 997 bytes cut tokens and rows at every kind of place: one input in ten, since they are slower.
      const viewer = rng.next() < 0.1 ? (open[0] as Viewer) : rng.pick(open.slice(1));
      const { value, ms } = await timed(() => input(rng, viewer, rng.next() < 0.25));
      if (value.refused) into.refused++;
      if (value.changed) fail(into, 'state', `${where}: a refused file changed the open export`);
      if (ms > HANG_MS) fail(into, 'hang', `${where}: ${Math.round(ms)} ms`);
    } catch (error) {
      fail(into, 'crash', `${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return into;
};

export default surface;
