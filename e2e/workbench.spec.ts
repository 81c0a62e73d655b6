// The workbench layout (issue 17) against the built app, at the three sizes it was tried at: the top bar
// with the session's controls stays in view however far a pane or the page is scrolled, the chart and the
// tools sit side by side where there is room (one column on a phone), the split and the tool tab shown are
// remembered across a reload, and the tabs work from the keyboard.
// UPDATE_SCREENSHOT=1 also refreshes the README's screenshots (docs/workbench-*.png).
import { fileURLToPath } from 'node:url';
import { type Download, expect, type Locator, type Page, test } from '@playwright/test';
import { button, downloadFrom, showTab, startPaused, watchProblems } from './support';

const SIZES = [
  { name: 'laptop', width: 1366, height: 860 },
  { name: 'small-laptop', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 },
] as const;

test.use({ viewport: { width: 1366, height: 860 } });

/** A paused session with one complete export made from the panel: its download. */
async function pausedWithCompleteExport(page: Page): Promise<Download> {
  await startPaused(page);
  return downloadFrom(page, () => button(page, 'Export complete').click());
}

const docsShot = (name: string) => fileURLToPath(new URL(`../docs/workbench-${name}.png`, import.meta.url));

/** Whether `locator` lies wholly inside the viewport. */
async function inView(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}

/** Scrolls every scrolling box of the page, and the page itself, to its end. */
async function scrollEverythingDown(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('*'))
      if (el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible')
        el.scrollTop = el.scrollHeight;
    window.scrollTo(0, document.documentElement.scrollHeight);
  });
}

for (const size of SIZES) {
  test(`at ${size.width}x${size.height} the controls stay in view while the session runs and the page scrolls`, async ({
    page,
  }, testInfo) => {
    const problems = watchProblems(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/');
    await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
    await button(page, 'Start').click();
    await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
    const pause = button(page, 'Pause');
    const clock = page.getByTestId('market-time');
    expect(await inView(page, pause)).toBe(true);
    expect(await inView(page, clock)).toBe(true);

    // The chart is on the first screen, under the top bar.
    const chart = page.getByTestId('chart');
    const chartBox = await chart.boundingBox();
    expect(chartBox?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(size.height);

    await scrollEverythingDown(page);
    expect(await inView(page, pause)).toBe(true);
    expect(await inView(page, clock)).toBe(true);
    await pause.click();
    await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

    const sideBySide = size.width >= 1024;
    const tools = page.getByRole('complementary', { name: 'Tools' });
    const main = page.getByRole('main', { name: 'Session' });
    const toolsBox = await tools.boundingBox();
    const mainBox = await main.boundingBox();
    if (sideBySide) expect(toolsBox?.x ?? 0).toBeGreaterThan((mainBox?.x ?? 0) + (mainBox?.width ?? 0) - 1);
    else expect(toolsBox?.y ?? 0).toBeGreaterThanOrEqual((mainBox?.y ?? 0) + (mainBox?.height ?? 0) - 1);

    for (const scheme of ['light', 'dark'] as const) {
      await page.evaluate(() => {
        for (const el of document.querySelectorAll<HTMLElement>('*')) el.scrollTop = 0;
        window.scrollTo(0, 0);
      });
      await page.emulateMedia({ colorScheme: scheme });
      const path = testInfo.outputPath(`workbench-${size.name}-${scheme}.png`);
      await page.screenshot({ path, animations: 'disabled' });
      if (process.env.UPDATE_SCREENSHOT)
        await page.screenshot({ path: docsShot(`${size.name}-${scheme}`), animations: 'disabled' });
    }
    expect(problems).toEqual([]);
  });
}

test('the split between chart and tools and the tool tab shown are kept across a reload', async ({
  page,
}) => {
  await page.goto('/');
  const tools = page.getByRole('complementary', { name: 'Tools' });
  await expect(tools).toBeVisible();
  const before = (await tools.boundingBox())?.width ?? 0;

  // Dragged 200 px to the right: the tools pane narrows by as much.
  const separator = page.getByRole('separator', { name: 'Resize the chart and the tools' });
  const box = await separator.boundingBox();
  if (!box) throw new Error('the separator has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 100, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const dragged = (await tools.boundingBox())?.width ?? 0;
  expect(before - dragged).toBeGreaterThan(150);
  expect(before - dragged).toBeLessThan(250);

  await showTab(page, 'Config & data');
  await expect(page.getByLabel('Session configuration (JSON)')).toBeVisible();
  // The layout is saved once the drag has settled: the page's storage holds the narrower split.
  const saved = () =>
    page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('react-resizable-panels:session-tape:workbench'))
        .map((key) => localStorage.getItem(key)),
    );
  await expect.poll(async () => (await saved()).length).toBe(1);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Config & data' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Session configuration (JSON)')).toBeVisible();
  const restored = (await tools.boundingBox())?.width ?? 0;
  expect(Math.abs(restored - dragged)).toBeLessThan(4);
});

test('the tool tabs follow the keyboard: one tab stop, arrows, Home and End', async ({ page }) => {
  await page.goto('/');
  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  await tab('Export').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab('History & viewer')).toBeFocused();
  await expect(tab('History & viewer')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'History & viewer' })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: 'Export' })).toBeHidden();
  await page.keyboard.press('End');
  await expect(tab('Open exports')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tab('Export')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(tab('Open exports')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab('Export')).toHaveAttribute('aria-selected', 'true');
  // One tab stop: Tab leaves the tab list for the shown panel's first control.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tablist', { name: 'Tools' }).locator(':focus')).toHaveCount(0);
  await expect(button(page, 'Export complete')).toBeFocused();
});

test('opening an export in the viewer from the history brings its tab forward after a reload too', async ({
  page,
}) => {
  const download = await pausedWithCompleteExport(page);
  await showTab(page, 'History & viewer');
  await page.getByRole('button', { name: `View ${download.suggestedFilename()}`, exact: true }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
  // Another tab shown, then a reload: the address names the export, which opens again in the viewer, and
  // the viewer's tab comes forward with it.
  await showTab(page, 'Export');
  await page.reload();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
  await expect(page.getByRole('tab', { name: 'History & viewer' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('viewer')).toBeVisible();
});

test('crossing from side by side to one column and back keeps what each pane holds', async ({ page }) => {
  const problems = watchProblems(page);
  await startPaused(page);
  // A command half typed, and another symbol charted.
  const input = page.getByLabel('Command', { exact: true });
  await input.fill('system sta');
  await page.locator('[data-testid="symbol-row"][data-symbol="TSLA"]').click();
  const candles = page.getByTestId('chart-candle-count');
  await expect(candles).toHaveAttribute('data-symbol', 'TSLA');

  for (const width of [800, 1366]) {
    await page.setViewportSize({ width, height: 860 });
    await expect(page.locator('.workbench')).toHaveClass(width < 1024 ? /workbench--column/ : /^workbench$/);
    await expect(input).toHaveValue('system sta');
    await expect(candles).toHaveAttribute('data-symbol', 'TSLA');
  }
  expect(problems).toEqual([]);
});

test('a replay opened from the history by keyboard leaves the focus on the tab it brought forward', async ({
  page,
}) => {
  const download = await pausedWithCompleteExport(page);
  await showTab(page, 'History & viewer');
  await page.getByRole('button', { name: `Open ${download.suggestedFilename()} in replay` }).focus();
  await page.keyboard.press('Enter');
  const tab = page.getByRole('tab', { name: 'Open exports', exact: true });
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(tab).toBeFocused();
});
