// Demo file benchmark (issue 13): the demo of the built-in session (3 symbols, its whole first day, one step
// a minute, ticks and quotes left out), made as `system save-demo` makes it with the real player page. It
// prints the file's size against its target, and, in Chromium, the time from opening the file (from disk,
// every request that is not file:, data: or blob: aborted and counted) to the first drawn chart, side by
// side with the same exports opened in the app (also from disk) with Open exports.

import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium-options';
import { demoPlayerHtml } from '../scripts/demo-player';
import { builtInDemo } from '../workers/api/built-in-demo';
import { DEMO_TAPE_ELEMENT_ID, decodeDemoTape } from '../workers/export/contract';
import { median } from './stats';

const MB = 1024 * 1024;
const TARGET_BYTES = 1.5 * MB;
const TARGET_MS = 1500;
const ROUNDS = 5;
/** The mark SessionView sets in the frame its first candles are drawn in (offline replay and player). */
const FIRST_CHART = 'session-tape:first-chart:offline';

const mb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;

/** The exports a demo page holds, as files (what Open exports would be given). */
function exportsIn(html: string): { name: string; mimeType: string; buffer: Buffer }[] {
  const match = new RegExp(`<script id="${DEMO_TAPE_ELEMENT_ID}"[^>]*>([^<]*)</script>`).exec(html);
  if (!match?.[1]) throw new Error('the demo page holds no tape');
  const tape = decodeDemoTape(new Uint8Array(gunzipSync(Buffer.from(match[1], 'base64'))));
  if (!tape.ok) throw new Error(tape.error);
  return tape.value.files.map((f) => ({
    name: f.name,
    mimeType: 'application/json',
    buffer: Buffer.from(f.bytes),
  }));
}

/** A fresh page whose requests other than file:, data: and blob: are aborted and counted. */
async function offlinePage(browser: Browser): Promise<{ page: Page; requests: () => number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  let requests = 0;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(file|data|blob):/.test(url)) return route.continue();
    requests++;
    return route.abort();
  });
  return { page, requests: () => requests };
}

const markTime = (page: Page) =>
  page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime ?? null, FIRST_CHART, {
    timeout: 60_000,
  });

/** Opening the demo file to its first drawn chart, measured from the navigation's start. */
async function openDemo(browser: Browser, file: string): Promise<{ ms: number; requests: number }> {
  const { page, requests } = await offlinePage(browser);
  await page.goto(pathToFileURL(file).href);
  const ms = Number(await (await markTime(page)).jsonValue());
  await page.close();
  return { ms, requests: requests() };
}

/** The app from disk: the files handed to Open exports, to its first drawn chart. */
async function openExports(
  browser: Browser,
  app: string,
  files: ReturnType<typeof exportsIn>,
): Promise<{ ms: number; requests: number }> {
  const { page, requests } = await offlinePage(browser);
  await page.goto(pathToFileURL(app).href);
  const input = page.getByTestId('offline-files');
  await input.waitFor({ state: 'attached' });
  const start = await page.evaluate(() => performance.now());
  await input.setInputFiles(files);
  const ms = Number(await (await markTime(page)).jsonValue()) - start;
  await page.close();
  return { ms, requests: requests() };
}

export async function benchDemo(): Promise<string[]> {
  execFileSync(process.execPath, ['scripts/ensure-chromium.mjs'], { stdio: 'inherit' });
  const player = await demoPlayerHtml();
  const t = performance.now();
  const made = await builtInDemo(async () => player);
  const makeMs = performance.now() - t;
  if (!made.ok) throw new Error(made.error);
  const { summary, bytes } = made.value;
  const html = new TextDecoder().decode(bytes);
  const files = exportsIn(html);

  const dir = await mkdtemp(join(tmpdir(), 'session-tape-bench-'));
  const outDir = join(dir, 'app');
  try {
    const demo = join(dir, summary.fileName);
    await writeFile(demo, bytes);
    execFileSync(join('node_modules', '.bin', 'vite'), ['build', '--outDir', outDir, '--logLevel', 'error']);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const demoMs: number[] = [];
    const appMs: number[] = [];
    let requests = 0;
    try {
      // Alternated rounds, so that a busy moment of the shared machine falls on both.
      for (let round = 0; round < ROUNDS; round++) {
        const d = await openDemo(browser, demo);
        const a = await openExports(browser, join(outDir, 'index.html'), files);
        demoMs.push(d.ms);
        appMs.push(a.ms);
        requests += d.requests + a.requests;
      }
    } finally {
      await browser.close();
    }
    const demoMedian = median(demoMs);
    const appMedian = median(appMs);
    return [
      `demo file: the built-in session's whole first day, ${summary.steps} steps (every=1), ticks and quotes left out`,
      `  exports ${mb(summary.exportBytes)} raw, tape ${mb(summary.gzipBytes)} gzipped, ` +
        `${mb(summary.base64Chars)} as base64; made in ${(makeMs / 1000).toFixed(1)} s`,
      `  the file, player included: ${mb(bytes.byteLength)} (player page ${mb(player.length)}); ` +
        `target at most ${mb(TARGET_BYTES)}: ${bytes.byteLength <= TARGET_BYTES ? 'met' : 'NOT met'}`,
      `  Chromium, opened from disk to the first drawn chart (median of ${ROUNDS}): demo file ${demoMedian.toFixed(0)} ms ` +
        `(target at most ${TARGET_MS} ms: ${demoMedian <= TARGET_MS ? 'met' : 'NOT met'}); ` +
        `the same ${files.length} exports in the app with Open exports ${appMedian.toFixed(0)} ms from choosing them ` +
        `(${(appMedian / demoMedian).toFixed(1)}x the demo's)`,
      `  requests other than file:, data: and blob: made by either page: ${requests}`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
