// Viewer benchmark: opening a ~100 MB complete export with the viewer's streaming index against
// TextDecoder + JSON.parse of the whole text, side by side in one run (time and memory held after), and the
// cost of one page of rows read back from the bytes.

import { bytesSource } from '../workers/viewer/byte-source';
import { openExport } from '../workers/viewer/open-export';
import { median } from './stats';
import { largeCompleteExport } from './symbols';

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

function largeExport(): Uint8Array {
  const result = largeCompleteExport();
  const bytes = new Uint8Array(result.bytes);
  let at = 0;
  for (const chunk of result.chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

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
    `viewer: open a ${(bytes.length / MB).toFixed(0)} MB complete export (${summary.symbols} symbols, ` +
      `${summary.rows.toLocaleString('en-US')} rows)`,
    `  streaming index ${median(ours).toFixed(0)} ms, holds ${(oursHeld / MB).toFixed(0)} MB; ` +
      `TextDecoder + JSON.parse ${median(parse).toFixed(0)} ms, holds ${(parseHeld / MB).toFixed(0)} MB ` +
      `(JSON.parse takes ${(median(parse) / median(ours)).toFixed(1)}x the time and ${(parseHeld / oursHeld).toFixed(0)}x the memory)`,
    `  a page of 1,000 rows read back and parsed: ${median(pages).toFixed(2)} ms, ` +
      `${(median(parse) / median(pages)).toFixed(0)}x less than parsing the whole file to show it`,
  ];
}
