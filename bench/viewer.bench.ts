// Viewer benchmark: opening a ~100 MB complete export with the viewer's streaming index against
// TextDecoder + JSON.parse of the whole text, side by side in one run (time and memory held after), the
// cost of one page of rows read back from the bytes, and Compare: two large exports compared against the
// time the two take to open, by position (one run) and by timestamp (two runs).

import type { ExportResult } from '../workers/export/contract';
import { bytesSource } from '../workers/viewer/byte-source';
import { compareExports } from '../workers/viewer/compare';
import type { RowMatch } from '../workers/viewer/compare-types';
import { openExport } from '../workers/viewer/open-export';
import { median } from './stats';
import { largeCompleteExport, largeSession } from './symbols';

const MB = 1e6;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
/**
 * Heap and array buffers in use once garbage is gone. Array buffers' memory is freed in the background
 * after a collection, so it collects and waits a few times before it measures (a single gc() left the
 * 110 MB of the large export's chunks counted as held, and a later measurement negative).
 */
const heldBytes = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
};

/** An export's chunks as one array of bytes, as a file holds them. */
function bytesOf(result: ExportResult): Uint8Array {
  const bytes = new Uint8Array(result.bytes);
  let at = 0;
  for (const chunk of result.chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

const largeExport = () => bytesOf(largeCompleteExport());

export async function benchViewer(): Promise<string[]> {
  const bytes = largeExport();
  const ours: number[] = [];
  const parse: number[] = [];
  let oursHeld = 0;
  let parseHeld = 0;
  // What each way of opening holds, kept alive while its memory is measured.
  const held: unknown[] = [];
  for (let round = 0; round < 3; round++) {
    held.length = 0;
    let before = await heldBytes();
    let t = performance.now();
    const opened = await openExport(bytesSource(bytes));
    ours.push(performance.now() - t);
    if (!opened.ok) throw new Error(opened.error);
    held.push(opened.value.document);
    // Measured before any JSON.parse ran, so that none of its garbage is counted.
    if (round === 0) oursHeld = (await heldBytes()) - before;

    held.length = 0;
    before = await heldBytes();
    t = performance.now();
    held.push(JSON.parse(new TextDecoder().decode(bytes)));
    parse.push(performance.now() - t);
    parseHeld = (await heldBytes()) - before;
  }
  held.length = 0;

  const opened = await openExport(bytesSource(bytes));
  if (!opened.ok) throw new Error(opened.error);
  const { document, summary } = opened.value;
  const path = ['session_data', 'symbols', 'AAAA', 'session', 'data', 'ticks', 'data'];
  const pages: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const page = await document.rows(path, i * 50, 1000);
    pages.push(performance.now() - t);
    if (!page.ok) throw new Error(page.error);
  }
  return [
    ...(await benchCompare()),
    `viewer: open a ${(bytes.length / MB).toFixed(0)} MB complete export (${summary.symbols} symbols, ` +
      `${summary.rows.toLocaleString('en-US')} rows)`,
    `  streaming index ${median(ours).toFixed(0)} ms, holds ${(oursHeld / MB).toFixed(0)} MB; ` +
      `TextDecoder + JSON.parse ${median(parse).toFixed(0)} ms, holds ${(parseHeld / MB).toFixed(0)} MB ` +
      `(JSON.parse takes ${(median(parse) / median(ours)).toFixed(1)}x the time and ${(parseHeld / oursHeld).toFixed(0)}x the memory)`,
    `  a page of 1,000 rows read back and parsed: ${median(pages).toFixed(2)} ms, ` +
      `${(median(parse) / median(pages)).toFixed(0)}x less than parsing the whole file to show it`,
  ];
}

/** Opens A and B, then compares them; the times of both steps, each round. */
async function openAndCompare(
  a: Uint8Array,
  b: Uint8Array,
  match: RowMatch,
  open: number[],
  compare: number[],
) {
  let t = performance.now();
  const openedA = await openExport(bytesSource(a));
  const openedB = await openExport(bytesSource(b));
  open.push(performance.now() - t);
  if (!openedA.ok || !openedB.ok) throw new Error('an export did not open');
  t = performance.now();
  const compared = await compareExports(openedA.value.document, openedB.value.document);
  compare.push(performance.now() - t);
  if (!compared.ok) throw new Error(compared.error);
  const result = compared.value;
  // Each case is the one it is named for: rows lined up as it says.
  if (result.match !== match) throw new Error(`expected rows lined up by ${match}, got ${result.match}`);
  return result;
}

/**
 * Compare (docs/compare.md) on two large complete exports, against opening (indexing) the two, in the
 * same run: A at minute 290 of a run; B at minute 390 of the same run (lined up by position), then of
 * another run (by timestamp: B's first 290 minutes compared row by row with A's, the same bytes), then of
 * a run with other prices (every shared row differs, so every one is parsed).
 */
async function benchCompare(): Promise<string[]> {
  const run = largeSession();
  const a = bytesOf(run.exportAt(290));
  const b = bytesOf(run.exportAt(390));
  const cases: [string, Uint8Array, RowMatch][] = [
    ['one run, by position', b, 'position'],
    ['two runs, by timestamp', bytesOf(largeSession().exportAt(390)), 'timestamp'],
    ['two runs of other prices, by timestamp', bytesOf(largeSession(2).exportAt(390)), 'timestamp'],
  ];
  const lines = [
    `compare: two complete exports of ${(a.length / MB).toFixed(0)} and ${(b.length / MB).toFixed(0)} MB ` +
      '(84 symbols, minutes 290 and 390), against opening the two',
  ];
  for (const [name, second, match] of cases) {
    const open: number[] = [];
    const compare: number[] = [];
    let result = await openAndCompare(a, second, match, open, compare);
    for (let round = 1; round < 3; round++) result = await openAndCompare(a, second, match, open, compare);
    const changed = result.changedRows.toLocaleString('en-US');
    lines.push(
      `  ${name}: compare ${median(compare).toFixed(0)} ms, open both ${median(open).toFixed(0)} ms ` +
        `(compare/open ${(median(compare) / median(open)).toFixed(2)}; ${result.valuesTotal.toLocaleString('en-US')} values, ` +
        `${result.addedRows.toLocaleString('en-US')} rows added in ${result.addedStreams.toLocaleString('en-US')} streams, ${changed} changed)`,
    );
  }
  return lines;
}
