// Helpers shared by the Playwright specs: buttons by name, page errors collected, downloads read back,
// a paused session, and the page's long tasks judged.
import { readFile } from 'node:fs/promises';
import { type Download, expect, type Page, type TestInfo, test } from '@playwright/test';
import type { MainThreadTask } from './main-thread-trace';

// biome-ignore lint/suspicious/noExplicitAny: export documents are checked field by field in the specs.
export type Json = any;

export const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Collects page errors and console errors; a spec ends by expecting none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return problems;
}

/** Clicks (or presses) and returns the download it starts. */
export async function downloadFrom(page: Page, action: () => Promise<void>): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  return download;
}

export const bytesOf = async (download: Download): Promise<Buffer> => readFile(await download.path());

export const jsonOf = async (download: Download): Promise<Json> =>
  JSON.parse((await bytesOf(download)).toString('utf8'));

/** The workbench's tool tabs, by their names on the page. */
export type ToolTab = 'Export' | 'History & viewer' | 'Config & data' | 'Open exports';

/** Shows one of the workbench's tool tabs (a no-op when it is shown already). */
export async function showTab(page: Page, name: ToolTab): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/**
 * Opens the app and puts `config` in force through the configuration editor (on the Config & data tab), then
 * shows the Export tab again. It fills the editor only once the configuration in force has arrived: text that
 * lands in the field during a fill would be joined to it.
 */
export async function applyConfiguration(page: Page, config: Json): Promise<void> {
  await page.goto('/');
  await showTab(page, 'Config & data');
  await expect(page.getByTestId('config-origin')).toHaveText('in force');
  await page.getByLabel('Session configuration (JSON)').fill(JSON.stringify(config, null, 2));
  // The editor checks the text after a pause in typing; Apply once it has.
  await expect(page.getByTestId('config-status')).toContainText(`Valid: session “${config.session_name}”`);
  await button(page, 'Apply').click();
  await expect(page.getByTestId('session-name')).toHaveText(config.session_name);
  // Back to the tab the page opens on, as the session's own specs expect it.
  await showTab(page, 'Export');
}

/**
 * Runs a line in the command console (on the Export tab) and waits for its one new answer: that it holds
 * `answer` when given, else that it is ok.
 */
export async function command(page: Page, line: string, answer?: RegExp | string): Promise<void> {
  await showTab(page, 'Export');
  const input = page.getByLabel('Command', { exact: true });
  const entries = page.getByTestId('console-entry');
  const before = await entries.count();
  await input.fill(line);
  await input.press('Enter');
  await expect(entries).toHaveCount(before + 1);
  if (answer === undefined) await expect(entries.last()).toHaveAttribute('data-ok', 'true');
  else await expect(entries.last()).toContainText(answer);
}

/** Clicks an export button of the export panel (its tab shown); the downloaded file's name and document. */
export async function exportFromPanel(
  page: Page,
  name: 'Export complete' | 'Export delta',
): Promise<{ fileName: string; doc: Json }> {
  await showTab(page, 'Export');
  const download = await downloadFrom(page, () => button(page, name).click());
  return { fileName: download.suggestedFilename(), doc: await jsonOf(download) };
}

/** Opens the app, starts the session and pauses it. */
export async function startPaused(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
}

/** The page's clock (performance.now()), to time what the page does. */
export const now = (page: Page) => page.evaluate(() => performance.now());

/** The longest a page may stop answering, whatever the reason: a freeze a person notices. */
export const FREEZE_MS = 250;

/**
 * Reports every task of 50 ms or more of wall time beside its CPU time (e2e/main-thread-trace.ts says why
 * the two differ on a busy machine).
 */
export function reportLongTasks(tasks: MainThreadTask[], testInfo: TestInfo, while_: string): void {
  testInfo.annotations.push({
    type: `long tasks ${while_} (wall/CPU ms)`,
    description: tasks.map((task) => `${task.wall}/${task.cpu}`).join(', ') || 'none',
  });
}

/**
 * Expects no long task of the page's own: none in which the main thread spent 50 ms or more of CPU, and none
 * of FREEZE_MS or more of wall time.
 */
export function expectNoLongTask(tasks: MainThreadTask[], testInfo: TestInfo, while_: string): void {
  reportLongTasks(tasks, testInfo, while_);
  expect(
    tasks.filter((task) => task.cpu >= 50 || task.wall >= FREEZE_MS),
    `long tasks ${while_}`,
  ).toEqual([]);
}

/**
 * Timing tests (no long task) on a shared, noisy 2-core machine: a task can pass 50 ms by a few ms for
 * reasons of the machine's own. A real regression makes long tasks in every run, and fails all three tries.
 */
export function timingTests(body: () => void): void {
  test.describe(() => {
    test.describe.configure({ retries: 2 });
    body();
  });
}

/**
 * Makes the page's worker named `name` fail to load until `allow()`: the built page's workers are inlined and
 * start from blob: URLs, so there is no worker file a route could refuse. Its construction is given a revoked
 * blob: URL instead, which the browser cannot load, as it could not load a missing file.
 */
export async function failWorkerLoad(page: Page, name: string): Promise<{ allow(): Promise<void> }> {
  const flag = `__failWorker_${name}`;
  await page.addInitScript(
    ([workerName, key]) => {
      const flags = window as unknown as Record<string, boolean>;
      flags[key] = true;
      const RealWorker = window.Worker;
      window.Worker = class extends RealWorker {
        constructor(url: string | URL, options?: WorkerOptions) {
          if (options?.name !== workerName || !flags[key]) super(url, options);
          else {
            const gone = URL.createObjectURL(new Blob([''], { type: 'text/javascript' }));
            URL.revokeObjectURL(gone);
            super(gone, options);
          }
        }
      };
    },
    [name, flag] as const,
  );
  return {
    allow: () =>
      page.evaluate((key) => {
        (window as unknown as Record<string, boolean>)[key] = false;
      }, flag),
  };
}

/** Records every text the export's progress figures show, however briefly they are on screen. */
export async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="export-progress-figures"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
}
