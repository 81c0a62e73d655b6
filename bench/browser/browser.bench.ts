// `npm run bench -- browser`: the typical session's complete export and one-bar delta measured in Node and
// inside a Chromium worker (Playwright, the machine's Chromium), side by side in one run. The page is served
// by Vite's dev server from bench/browser/ on a free port; the same measuring code runs in both places
// (typical-session.ts). Also the app's own path: the engine API's exportStatus, in the worker and as the
// page sees it (Comlink, buffers transferred).

import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium-options';
import type { BrowserRound } from './bench-page';
import { TypicalBench, type TypicalTimings } from './typical-session';

/** Runs per round, and rounds: Node's and Chromium's alternate, and each figure is a median of rounds. */
const RUNS = 30;
const ROUNDS = 5;
const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

type Timings = TypicalTimings & { pageRoundTripMs?: number };

function medianOf(rounds: Timings[], key: keyof Timings): number {
  const values = rounds.map((r) => r[key] ?? Number.NaN).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] as number;
}

export async function benchBrowser(): Promise<string[]> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    // The page's dependencies optimized before it loads: found while it loads, Vite would optimize them then
    // and reload the page, losing the bench's `window.benchRound` mid-run.
    optimizeDeps: { noDiscovery: true, include: ['comlink', 'zod', 'papaparse', 'hyparquet'] },
    // Port 0: the system picks a free one, so two runs at once cannot collide.
    server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [repo] } },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address !== 'object') throw new Error('the bench server has no address');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const node: Timings[] = [];
  const chromiums: Timings[] = [];
  let version = '';
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${address.port}/index.html`);
    await page.waitForFunction(() => 'benchRound' in window, null, { timeout: 120_000 });
    version = await page.evaluate(
      () => /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[1] ?? navigator.userAgent,
    );
    const inChromium = (runs: number) =>
      page.evaluate(
        (n) => (window as unknown as { benchRound: (runs: number) => Promise<BrowserRound> }).benchRound(n),
        runs,
      );
    const typical = new TypicalBench();
    // A first round each, untimed, warms both JITs.
    await typical.round(RUNS);
    await inChromium(RUNS);
    for (let round = 0; round < ROUNDS; round++) {
      node.push(await typical.round(RUNS));
      chromiums.push(await inChromium(RUNS));
    }
    if (errors.length > 0) throw new Error(`the bench page failed: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const both = (key: keyof Timings) => {
    const n = medianOf(node, key);
    const c = medianOf(chromiums, key);
    return `Node ${ms(n)}, Chromium ${ms(c)}: ${(c / n).toFixed(2)}x`;
  };
  const bytes = node[0]?.completeBytes ?? 0;
  return [
    `browser bench: the typical session in Node and in a Chromium ${version} worker (${ROUNDS} alternating rounds of ${RUNS} runs, medians)`,
    `  complete export (${(bytes / 1e6).toFixed(2)} MB): ${both('completeMs')} (target <= 1.5x)`,
    `  the same, streamed to a consumer that lets the exporter reuse its chunk: ${both('streamedMs')}`,
    `  one-bar delta (${(node[0]?.deltaBytes ?? 0).toLocaleString('en-US')} bytes): ${both('deltaMs')}`,
    `  the app's path (engine API exportStatus + confirmExport): ${both('appMs')}; ` +
      `seen from the page (Comlink, buffers transferred) ${ms(medianOf(chromiums, 'pageRoundTripMs'))}`,
  ];
}
