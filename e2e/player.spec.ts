// A demo file written by the command line, opened from disk (issue 13): file://, no server, and every
// request that is not file:, data: or blob: refused and counted (there must be none). It starts paused at
// the first step; Play moves the market time and the chart; the speeds, the slider and the keyboard work; the
// address keeps the step, symbol and interval, and opening that address shows them again. The built-in
// strategy's summary, markers and equity are drawn from the demo's exports.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

const LOCAL = /^(file|data|blob):/;
let folder = '';
let demoUrl = '';

test.beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'session-tape-demo-'));
  // The built-in session's first day and the start of its second, a step a minute, without ticks and quotes.
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'workers/cli.ts',
      '--out',
      folder,
      '-c',
      'system start',
      '-c',
      'system advance 400',
      '-c',
      'system save-demo exclude=ticks,quotes demo.html',
    ],
    { stdio: 'pipe', timeout: 120_000 },
  );
  expect(readdirSync(folder)).toEqual(['demo.html']);
  demoUrl = pathToFileURL(join(folder, 'demo.html')).href;
});

test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Opens `url` with every request off the disk refused and counted, and CSP violations collected. */
async function openOffline(page: Page, url: string) {
  const refused: string[] = [];
  page.on('request', (request) => {
    if (!LOCAL.test(request.url())) refused.push(request.url());
  });
  await page.context().route(
    (u) => !LOCAL.test(u.href),
    (route) => route.abort('blockedbyclient'),
  );
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
  await page.goto(url);
  return {
    refused,
    violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
  };
}

const position = (page: Page) => page.getByTestId('player-position');
const time = async (page: Page) => (await page.getByTestId('player-time').textContent()) ?? '';
const candles = async (page: Page) => Number(await page.getByTestId('chart-candle-count').textContent());
const stepOf = async (page: Page) =>
  Number(/Step (\d+) of/.exec((await position(page).textContent()) ?? '')?.[1] ?? Number.NaN);

test('a demo from disk plays with no request: Play, speeds, slider, keys and its address', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const problems = watchProblems(page);
  const opened = await openOffline(page, demoUrl);
  expect(page.url()).toMatch(/^file:/);
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /default-src 'none'.*connect-src 'none'/,
  );

  // Paused at the first step, one obvious Play, the session's name and dates.
  await expect(page.getByTestId('player-session-name')).toHaveText('Example Trading Session');
  await expect(page.getByTestId('player-facts')).toContainText('Jul 1 – 2, 2025');
  await expect(position(page)).toHaveText(/^Step 1 of (\d+)$/);
  const total = Number(/of (\d+)/.exec((await position(page).textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(390);
  await expect(page.getByTestId('player-time')).toHaveText('2025-07-01 09:30 ET');
  await expect(page.getByTestId('player-play')).toHaveText('Play');
  await expect.poll(() => candles(page)).toBeGreaterThan(0);
  const startCandles = await candles(page);

  // Play at 60x (a market minute a second): the market time and the chart move.
  await page.getByTestId('player-play').click();
  await expect(page.getByTestId('player-play')).toHaveText('Pause');
  await expect.poll(() => time(page), { timeout: 10_000 }).not.toBe('2025-07-01 09:30 ET');
  await expect.poll(() => candles(page), { timeout: 10_000 }).toBeGreaterThan(startCandles);

  // As fast as possible runs through many steps in a second or two; Space pauses.
  await page.getByLabel('As fast as possible').check();
  const before = await stepOf(page);
  await expect.poll(() => stepOf(page), { timeout: 10_000 }).toBeGreaterThan(before + 20);
  // Keys are the page's when no field has the focus (on the speed radio, Space would pick it).
  const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await blur();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('player-play')).toHaveText(/Play|Replay/);

  // The slider jumps to a step; the keys step, go to the ends and pick speeds.
  await page.getByTestId('player-slider').fill('200');
  await expect(position(page)).toHaveText(`Step 201 of ${total}`);
  await expect(page.getByTestId('player-time')).toHaveText('2025-07-01 12:50 ET');
  await blur();
  await page.keyboard.press('ArrowRight');
  await expect(position(page)).toHaveText(`Step 202 of ${total}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(position(page)).toHaveText(`Step 200 of ${total}`);
  await page.keyboard.press('End');
  await expect(position(page)).toHaveText(`Step ${total} of ${total}`);
  await expect(page.getByTestId('player-day')).toHaveText('Day 2 of 2');
  // The built-in strategy's figures, markers and equity, from the demo's exports alone (as the live charts).
  const summary = page.getByTestId('strategy-summary');
  await expect(summary.getByTestId('summary-total-return')).toHaveText(/^([+-]\d+\.\d+|0\.00)%$/);
  await expect(summary.getByTestId('summary-max-drawdown')).toHaveText(/^(-\d+\.\d+|0\.00)%$/);
  await expect(summary.getByTestId('summary-trades')).toHaveText(/^\d+$/);
  await expect(summary.getByTestId('summary-sharpe')).toHaveText(/^(-?\d+\.\d{2}|—)$/);
  await expect(summary.getByTestId('summary-equity')).toHaveText(/^\$[\d,]+\.\d{2}$/);
  await expect(page.getByTestId('orders-table')).not.toHaveAttribute('data-rows', '0');
  // The same figures at the head of the page, beside the controls.
  await expect(page.getByTestId('player-summary').getByTestId('summary-equity')).toHaveText(
    (await summary.getByTestId('summary-equity').textContent()) ?? '',
  );
  const wrap = page.locator('.session-view__chart-wrap');
  await expect(wrap).toHaveAttribute('data-equity-pane', '1');
  await expect.poll(async () => Number(await wrap.getAttribute('data-trade-markers'))).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  await expect(position(page)).toHaveText(`Step 1 of ${total}`);
  await page.keyboard.press('2');
  await expect(page.getByLabel('10×')).toBeChecked();

  // The address keeps the step, symbol and interval; opened again, it shows them.
  await page.getByTestId('player-slider').fill('150');
  const view = page.getByTestId('session-view-offline');
  await view.getByTestId('symbol-row').nth(1).click();
  await view.getByTestId('interval-button').filter({ hasText: /^5m$/ }).click();
  const count = page.getByTestId('chart-candle-count');
  await expect(count).toHaveAttribute('data-interval', '5m');
  const symbol = (await count.getAttribute('data-symbol')) ?? '';
  await expect.poll(() => page.url()).toMatch(new RegExp(`#step=151&symbol=${symbol}&interval=5m$`));
  const other = await context.newPage();
  const again = await openOffline(other, page.url());
  await expect(position(other)).toHaveText(`Step 151 of ${total}`);
  await expect(other.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', symbol);
  await expect(other.getByTestId('chart-candle-count')).toHaveAttribute('data-interval', '5m');
  await expect(other.getByTestId('player-play')).toHaveText('Play');

  // The session's indicators are drawn from the demo's exports alone: the same values in both tabs.
  const legend = (p: Page) =>
    p
      .getByTestId('chart-legend-indicators')
      .locator('[data-key]')
      .evaluateAll((entries) =>
        entries.map((e) =>
          [
            e.getAttribute('data-key'),
            ...[...e.querySelectorAll('.chart-legend__value')].map((v) => v.textContent),
          ].join(' '),
        ),
      );
  await expect(view.getByTestId('indicator-toggle')).toHaveCount(8);
  await page.getByTestId('player-play').hover();
  await other.getByTestId('player-play').hover();
  await expect.poll(() => legend(page)).toContainEqual(expect.stringMatching(/^sma_20_5m \d+\.\d{2}$/));
  await expect.poll(() => legend(other)).toEqual(await legend(page));

  expect(opened.refused).toEqual([]);
  expect(again.refused).toEqual([]);
  expect(await opened.violations()).toEqual([]);
  expect(await again.violations()).toEqual([]);
  expect(problems).toEqual([]);
});
