// The page's address keeps what the offline replay shows: a history export replayed, its symbol and
// interval picked, then the page reloaded (and the address opened in a new tab) shows the same view.
import { expect, type Page, test } from '@playwright/test';
import { button, command, showTab, startPaused, watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

async function expectReplayShows(page: Page, position: string, symbol: string, interval: string) {
  await expect(page.getByTestId('offline')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('offline-position')).toHaveText(position);
  const count = page.getByTestId('session-view-offline').getByTestId('chart-candle-count');
  await expect(count).toHaveAttribute('data-symbol', symbol);
  await expect(count).toHaveAttribute('data-interval', interval);
}

test('a replay of the history reopens at the same step, symbol and interval after a reload', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const problems = watchProblems(page);
  await startPaused(page);
  await page.getByLabel('Consumer').fill('linked');
  const names: string[] = [];
  for (const [label, minutes] of [
    ['Export complete', 0],
    ['Export delta', 6],
    ['Export delta', 7],
  ] as const) {
    if (minutes > 0) await command(page, `system advance ${minutes}`, `advanced ${minutes} minutes`);
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, label).click()]);
    names.push(download.suggestedFilename());
  }

  await showTab(page, 'History & viewer');
  await page.getByRole('button', { name: `Open ${names[1]} in replay` }).click();
  const replay = page.getByTestId('session-view-offline');
  // The built-in session's symbols, in the order the table shows them: the view starts on the first.
  const rows = replay.getByTestId('symbol-row');
  await expect(rows).toHaveCount(3);
  expect(await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-symbol')))).toEqual([
    'RIVN',
    'AAPL',
    'TSLA',
  ]);
  await expectReplayShows(page, '2 / 3', 'RIVN', '1m');
  await rows.nth(2).click();
  await replay.getByTestId('interval-button').filter({ hasText: /^5m$/ }).click();
  await expectReplayShows(page, '2 / 3', 'TSLA', '5m');
  await expect(page).toHaveURL(/#replay=\d+-export-2&symbol=TSLA&interval=5m$/);
  const address = page.url();

  await page.reload();
  await expectReplayShows(page, '2 / 3', 'TSLA', '5m');
  await expect(page).toHaveURL(address);

  // The same address in another tab of this browser (the history is kept in it) opens the same view.
  const other = await context.newPage();
  await other.goto(address);
  await expectReplayShows(other, '2 / 3', 'TSLA', '5m');
  expect(problems).toEqual([]);
});

test('the live chart reopens on the symbol, interval and compare symbol it showed, after a reload', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await startPaused(page);
  const live = page.getByTestId('session-view-live');
  const count = live.getByTestId('chart-candle-count');
  await expect(count).toHaveAttribute('data-symbol', 'RIVN');
  // What a fresh page shows puts nothing in the address.
  await expect(page).toHaveURL(/\/$/);
  await live.locator('[data-testid="symbol-row"][data-symbol="TSLA"]').click();
  await live.getByTestId('interval-button').filter({ hasText: /^5m$/ }).click();
  await live.getByTestId('compare-select').selectOption('AAPL');
  await expect(page).toHaveURL(/#chart=TSLA&chart_interval=5m&vs=AAPL$/);

  // A reload starts a new engine: the session is started again, and the chart opens where it was.
  await page.reload();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(count).toHaveAttribute('data-interval', '5m');
  await button(page, 'Start').click();
  await expect(count).toHaveAttribute('data-symbol', 'TSLA');
  await expect(count).toHaveAttribute('data-interval', '5m');
  await expect(live.getByTestId('compare-select')).toHaveValue('AAPL');
  await expect(live.locator('.session-view__chart-wrap')).toHaveAttribute('data-compare', 'AAPL');
  await expect(page).toHaveURL(/#chart=TSLA&chart_interval=5m&vs=AAPL$/);
  expect(problems).toEqual([]);
});

test('a stale compare symbol in the address is dropped: the chart loads its symbol, with no overlay', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto('/#chart=TSLA&chart_interval=5m&vs=NOPE');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  const live = page.getByTestId('session-view-live');
  const count = live.getByTestId('chart-candle-count');
  await expect(count).toHaveAttribute('data-symbol', 'TSLA');
  await expect(count).toHaveAttribute('data-interval', '5m');
  // TSLA's rows came: the engine was asked for TSLA alone, not refused for [TSLA, NOPE]. (The session has
  // no 5m history: its first 5m bar comes after five market minutes, a few seconds at its speed.)
  await expect(
    live.locator('[data-testid="symbol-row"][data-symbol="TSLA"]').getByTestId('symbol-rows'),
  ).not.toHaveText('not held: chart or compare it to load');
  await expect
    .poll(async () => Number((await count.textContent()) ?? 0), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('mirror-error')).toHaveCount(0);
  await expect(live.getByTestId('compare-select')).toHaveValue('');
  // No overlay: the price scale in prices, the legend without percent, the indicator lines not hidden.
  await expect(live.locator('.session-view__chart-wrap')).toHaveAttribute('data-compare', '');
  await expect(live.getByTestId('chart-legend-overlays-hidden')).toHaveCount(0);
  await expect(page).toHaveURL(/#chart=TSLA&chart_interval=5m$/);
  expect(problems).toEqual([]);
});

test('a compare symbol in the address that the chart opens on is dropped, not shown later on another symbol', async ({
  page,
}) => {
  const problems = watchProblems(page);
  // A chart symbol the session no longer has: the chart opens on its first, RIVN, the very symbol to compare
  // with.
  await page.goto('/#chart=NOPE&chart_interval=1m&vs=RIVN');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  const live = page.getByTestId('session-view-live');
  const count = live.getByTestId('chart-candle-count');
  await expect(count).toHaveAttribute('data-symbol', 'RIVN');
  await expect(live.getByTestId('compare-select')).toHaveValue('');
  // Another symbol charted: still no overlay, and no `vs` in the address.
  await live.locator('[data-testid="symbol-row"][data-symbol="TSLA"]').click();
  await expect(count).toHaveAttribute('data-symbol', 'TSLA');
  await expect(live.getByTestId('compare-select')).toHaveValue('');
  await expect(live.locator('.session-view__chart-wrap')).toHaveAttribute('data-compare', '');
  await expect(page).not.toHaveURL(/vs=/);
  expect(problems).toEqual([]);
});
