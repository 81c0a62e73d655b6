// The scale bench's start as a person meets it: the built app (one file, opened from disk) in the machine's
// Chromium, the 1,000-symbol session put in force through the configuration editor, then Start clicked and
// timed in the page until the session panel says RUNNING. Each start in a fresh browser context, so that
// its workers, memory and first touches are a first start's. The build goes to a folder of its own.
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium-options';
import type { ConfigJson } from '../config-of';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Puts `config` in force through the editor, as a person does (e2e/support.ts applyConfiguration). */
async function applyConfig(page: Page, config: ConfigJson & { session_name: string }): Promise<void> {
  await page.getByRole('tab', { name: 'Config & data', exact: true }).click();
  await page.getByTestId('config-origin').filter({ hasText: 'in force' }).waitFor();
  await page.getByLabel('Session configuration (JSON)').fill(JSON.stringify(config, null, 2));
  await page.getByTestId('config-status').filter({ hasText: 'Valid: session' }).waitFor();
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByTestId('session-name').filter({ hasText: config.session_name }).waitFor();
}

/** Clicks Start and returns the page's milliseconds until the session panel says RUNNING. */
function timeStart(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const state = document.querySelector('[data-testid="system-state"]');
        const start = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Start');
        if (!state || !start) return reject(new Error('no session state or Start button on the page'));
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          if (state.textContent !== 'RUNNING') return;
          observer.disconnect();
          resolve(performance.now() - t0);
        });
        observer.observe(state, { childList: true, characterData: true, subtree: true });
        start.click();
      }),
  );
}

/** The built app in Chromium, ready to time starts of one configuration; `close` when done. */
export interface AppStarts {
  /** One start in a fresh browser context: ms from Start clicked to RUNNING shown. */
  measure(): Promise<number>;
  close(): Promise<void>;
}

/** Builds the app once into a folder of its own and launches Chromium, for starts of `config`. */
export async function openAppStarts(config: ConfigJson & { session_name: string }): Promise<AppStarts> {
  const outDir = join(repo, 'node_modules', '.cache', `bench-dist-${process.pid}`);
  await build({ root: repo, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    async measure() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(pathToFileURL(resolve(outDir, 'index.html')).href);
        await applyConfig(page, config);
        const ms = await timeStart(page);
        if (errors.length > 0) throw new Error(`the app's page failed: ${errors.join('; ')}`);
        return ms;
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
