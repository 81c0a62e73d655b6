// The built app opened from disk (issue 13): dist/index.html from a file:// URL, no server. The page is one
// file with its workers inlined, so it asks for nothing: every request that is not file:, data: or blob: is
// refused here and counted, and there must be none. Start runs the session in its workers, a complete
// export downloads under the contract's name, and nothing is refused by the page's Content-Security-Policy.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { button, downloadFrom, jsonOf, showTab, watchProblems } from './support';

// The build scripts/e2e.mjs made for this run (playwright.config.ts's webServer serves the same folder).
const PAGE_URL = pathToFileURL(resolve(process.env.E2E_DIST ?? 'dist', 'index.html')).href;
const LOCAL = /^(file|data|blob):/;
const DEFAULT_NAME = /^system_status_Example_Trading_Session_complete_\d{8}_\d{6}(_\d+)?\.json$/;

async function marketMinute(page: Page): Promise<number> {
  const value = await page.getByTestId('market-time').getAttribute('datetime');
  if (value === null) throw new Error('The market clock shows no time.');
  return Date.parse(`${value}Z`) / 60_000;
}

/**
 * Refuses and counts every request of the page and of its workers that is not file:, data: or blob:, and
 * records the page's Content-Security-Policy violations.
 */
async function guardDisk(page: Page, context: BrowserContext) {
  const refused: string[] = [];
  // Every request of the page and of its workers, whichever way it goes out.
  page.on('request', (request) => {
    if (!LOCAL.test(request.url())) refused.push(request.url());
  });
  await context.route(
    (url) => !LOCAL.test(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  return {
    refused,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

test('the built page runs from file:// with no request off the disk and no violation', async ({
  page,
  context,
}) => {
  const problems = watchProblems(page);
  const { refused, violations } = await guardDisk(page, context);

  await page.goto(PAGE_URL);
  expect(page.url()).toMatch(/^file:/);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /script-src 'self' 'sha256-/,
  );
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');

  // Start: the engine worker runs the session and the market clock moves.
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  const first = await marketMinute(page);
  await expect.poll(() => marketMinute(page)).toBeGreaterThan(first);
  // The mirror worker follows the engine and the chart draws from it.
  await expect(page.getByTestId('mirror-badge')).toHaveAttribute('data-status', 'in-sync');
  await expect
    .poll(async () => Number(await page.getByTestId('chart-candle-count').textContent()))
    .toBeGreaterThan(0);
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

  // A complete export arrives as a download under the contract's name.
  const download = await downloadFrom(page, () => button(page, 'Export complete').click());
  expect(download.suggestedFilename()).toMatch(DEFAULT_NAME);
  const doc = await jsonOf(download);
  expect(doc._metadata.mode).toBe('complete');
  expect(Object.keys(doc.session_data.symbols).length).toBeGreaterThan(0);

  // The viewer worker opens it.
  await showTab(page, 'History & viewer');
  await page.getByRole('button', { name: `View ${download.suggestedFilename()}`, exact: true }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');

  expect(refused).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});

test("from file://, the engine worker's history helper starts inside it and sends the bars of a many-symbol start back as transferred buffers", async ({
  page,
  context,
}) => {
  const problems = watchProblems(page);
  const { refused, violations } = await guardDisk(page, context);
  await page.goto(PAGE_URL);
  // The engine worker starts one core less than the machine has (workers/api/history-helper.ts).
  test.skip(
    await page.evaluate(() => navigator.hardwareConcurrency < 2),
    'one core: the engine worker starts no history helper',
  );
  // 41 symbols, 11 chunks of history: more than one, so the engine shares them with its helper thread.
  const symbols = [
    'RIVN',
    ...Array.from(
      { length: 40 },
      (_, i) => `AA${String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26))}`,
    ),
  ];
  const session = {
    session_name: 'Helper from disk',
    mode: 'backtest',
    exchange_group: 'US_EQUITY',
    asset_class: 'EQUITY',
    backtest_config: { start_date: '2025-07-01', end_date: '2025-07-03', speed_multiplier: 60 },
    session_data_config: {
      symbols,
      streams: ['1m'],
      historical: { enabled: true, data: [{ interval: '1m', trailing_days: 10 }] },
    },
  };
  await showTab(page, 'Config & data');
  await expect(page.getByTestId('config-origin')).toHaveText('in force');
  await page.getByLabel('Session configuration (JSON)').fill(JSON.stringify(session, null, 2));
  await expect(page.getByTestId('config-status')).toContainText('Valid: session “Helper from disk”');
  await button(page, 'Apply').click();
  await expect(page.getByTestId('session-name')).toHaveText(session.session_name);

  // The first start starts the helper (a worker the engine worker makes from a blob: URL of its own).
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  const named = async () =>
    Promise.all(
      page.workers().map(async (worker) => ({ worker, name: await worker.evaluate(() => self.name) })),
    );
  await expect.poll(async () => (await named()).map((w) => w.name)).toContain('history');
  const helper = (await named()).find((w) => w.name === 'history')?.worker;
  if (!helper) throw new Error('no history worker');
  // Its answers counted from here: every message it posts, and the buffers transferred with it.
  await helper.evaluate(() => {
    // The worker's global scope (this file is typed for a page).
    const scope = self as unknown as {
      postMessage(message: unknown, transfer?: Transferable[]): void;
      answers: { messages: number; buffers: number };
    };
    const counts = { messages: 0, buffers: 0 };
    scope.answers = counts;
    const post = scope.postMessage.bind(scope);
    scope.postMessage = (message, transfer = []) => {
      counts.messages++;
      counts.buffers += transfer.filter((t) => t instanceof ArrayBuffer).length;
      post(message, transfer);
    };
  });

  // The next start loads the history again, shared with the helper started before.
  await button(page, 'Stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  const answers = await helper.evaluate(
    () => (self as unknown as { answers: { messages: number; buffers: number } }).answers,
  );
  expect(answers.messages).toBeGreaterThan(0);
  // Six columns a series: each chunk's bars leave the helper as buffers, not copies.
  expect(answers.buffers).toBeGreaterThanOrEqual(6 * answers.messages);
  await expect(page.getByTestId('symbol-count')).toHaveText('41 symbols');

  expect(refused).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(problems).toEqual([]);
});

test('where the browser gives a page from disk no storage, the page says so and exports still download', async ({
  page,
}) => {
  const problems = watchProblems(page);
  // What WebKit (and Firefox, by some accounts) do on a file:// page: opening IndexedDB is refused.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
  });
  await page.goto(PAGE_URL);
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await button(page, 'Pause').click();
  const download = await downloadFrom(page, () => button(page, 'Export complete').click());
  expect(download.suggestedFilename()).toMatch(DEFAULT_NAME);
  await expect(page.getByTestId('storage-unavailable')).toContainText(
    'This browser keeps nothing for this page (The operation is insecure.)',
  );
  expect(problems).toEqual([]);
});
