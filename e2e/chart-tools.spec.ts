// The chart's tools (issue 17): Save PNG (a real PNG of the chart with its band, in light and dark), the
// compare overlay (a second symbol drawn in percent, in the legend and the chart's summary, following the
// session and the interval, and only that one more symbol held by the live mirror), and the workbench's
// one-column layout keeping focused elements clear of the sticky top bar.
// CHART_TOOLS_SHOTS=dir writes the chart with the overlay there as chart-compare.png (CHART_TOOLS_SHOTS=docs
// refreshes the pictures of the README and docs/chart-tools.md), and a PNG saved as chart-saved.png.
import { writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import {
  button,
  bytesOf,
  downloadFrom,
  type Json,
  jsonOf,
  showTab,
  startPaused,
  watchProblems,
} from './support';

const SHOTS = process.env.CHART_TOOLS_SHOTS;

test.use({ viewport: { width: 1366, height: 860 } });

const live = (page: Page) => page.getByTestId('session-view-live');

async function chartReady(page: Page): Promise<void> {
  await expect
    .poll(async () => Number((await live(page).getByTestId('chart-candle-count').textContent()) ?? 0))
    .toBeGreaterThan(0);
}

/** A PNG's width and height from its IHDR chunk, after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The RGBA bytes of the PNG's top `rows` rows (all of its width), decoded by the page itself. */
async function topRowsOf(
  page: Page,
  bytes: Buffer,
  rows: number,
): Promise<{ width: number; data: number[] }> {
  return page.evaluate(
    async ({ base64, rows }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(image, 0, 0);
      return { width: image.width, data: [...context.getImageData(0, 0, image.width, rows).data] };
    },
    { base64: bytes.toString('base64'), rows },
  );
}

/** The pixel at (x, y) of decoded rows, as [r, g, b]. */
const pixelAt = ({ width, data }: { width: number; data: number[] }, x: number, y: number) =>
  data.slice((y * width + x) * 4, (y * width + x) * 4 + 3);

/** How many pixels of decoded rows differ from their first pixel (the band's background): its text. */
function inkOf({ data }: { data: number[] }): number {
  let ink = 0;
  for (let i = 0; i < data.length; i += 4)
    if (Math.abs((data[i] ?? 0) - (data[0] ?? 0)) > 60 || Math.abs((data[i + 1] ?? 0) - (data[1] ?? 0)) > 60)
      ink++;
  return ink;
}

const luminance = ([r = 0, g = 0, b = 0]: number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

for (const scheme of ['light', 'dark'] as const) {
  test(`Save PNG downloads the chart with its band as a PNG (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const problems = watchProblems(page);
    await startPaused(page);
    await chartReady(page);
    const chart = live(page).getByTestId('chart');
    const box = await chart.boundingBox();
    if (!box) throw new Error('the chart is not laid out');
    const download = await downloadFrom(page, () => live(page).getByTestId('chart-save-png').click());
    // Named like the other downloads: the session, the symbol, the interval and the last bar's time.
    expect(download.suggestedFilename()).toMatch(/^session-tape-[\p{L}\p{N}_-]+-RIVN-1m-\d{8}_\d{4}\.png$/u);
    const bytes = await bytesOf(download);
    if (SHOTS && scheme === 'light') await writeFile(`${SHOTS}/chart-saved.png`, bytes);
    const { width, height } = pngSize(bytes);
    // The chart (inside its border) at the device's pixels, with a band above it.
    expect(width).toBeGreaterThanOrEqual(Math.floor(box.width) - 4);
    expect(height).toBeGreaterThan(Math.floor(box.height) + 30);
    expect(bytes.length).toBeGreaterThan(10_000);
    // The band's background is the chart's (light or dark), and it holds text.
    const band = await topRowsOf(page, bytes, 40);
    const corner = luminance(pixelAt(band, 2, 2));
    if (scheme === 'dark') expect(corner).toBeLessThan(80);
    else expect(corner).toBeGreaterThan(200);
    expect(inkOf(band)).toBeGreaterThan(200);
    await expect(live(page).getByTestId('chart-png-status')).toHaveText(
      `Saved ${download.suggestedFilename()}`,
    );
    expect(problems).toEqual([]);
  });
}

test('Save PNG says each save, and a failure stays in sight while the session runs', async ({ page }) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await chartReady(page);
  const status = live(page).getByTestId('chart-png-status');
  const save = live(page).getByTestId('chart-save-png');
  // The same paused chart saved twice: the same file name, but a status text that changes (announced again).
  const first = await downloadFrom(page, () => save.click());
  await expect(status).toHaveText(`Saved ${first.suggestedFilename()}`);
  const second = await downloadFrom(page, () => save.click());
  expect(second.suggestedFilename()).toBe(first.suggestedFilename());
  await expect(status).not.toHaveText(`Saved ${first.suggestedFilename()}`);
  await expect(status).toContainText(`Saved ${second.suggestedFilename()}`);

  // The browser cannot make the PNG: the reason shows, and the running session's reads do not clear it.
  await page.evaluate(() => {
    HTMLCanvasElement.prototype.toBlob = function toBlob(callback: BlobCallback) {
      setTimeout(() => callback(null), 0);
    };
  });
  await button(page, 'Resume').click();
  const count = live(page).getByTestId('chart-candle-count');
  await save.click();
  const failure = live(page).getByTestId('chart-png-error');
  await expect(failure).toHaveText(
    'The chart could not be saved as a PNG: the browser made no image of it (try a smaller window)',
  );
  await expect(failure).toHaveAttribute('role', 'alert');
  const before = Number(await count.textContent());
  await expect
    .poll(async () => Number(await count.textContent()), { timeout: 8_000 })
    .toBeGreaterThan(before);
  await expect(failure).toBeVisible();
  // It goes by itself after a while.
  await expect(failure).toHaveCount(0, { timeout: 15_000 });
  await button(page, 'Pause').click();
  expect(problems).toEqual([]);
});

/** A symbol's daily closes in a complete export: its history's, then its session's. */
function dailyCloses(doc: Json, symbol: string): number[] {
  const data = doc.session_data.symbols[symbol];
  const rows = [...(data.historical.data['1d']?.data ?? []), ...(data.session.data['1d']?.data ?? [])];
  return rows.map((row: Json) => Number(row[4]));
}

/** The change from the first close to the last, as the legend writes it: `+1.23%`, `−0.50%`. */
function percentOf(closes: number[]): string {
  const first = closes[0] ?? Number.NaN;
  const change = (100 * ((closes.at(-1) ?? Number.NaN) - first)) / first;
  const text = Math.abs(change).toFixed(2);
  return text === '0.00' ? '0.00%' : `${change > 0 ? '+' : '−'}${text}%`;
}

/** The compare overlay's figures in the legend: the chart's symbol and the compare symbol. */
const legendCompare = (view: Locator) => view.getByTestId('chart-legend-compare');

test('the compare overlay draws a second symbol in percent, follows the session and the interval, and goes with None', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await chartReady(page);
  const view = live(page);
  const select = view.getByTestId('compare-select');
  const wrap = view.locator('.session-view__chart-wrap');
  const rows = (symbol: string) =>
    view.getByTestId('symbol-row').filter({ hasText: symbol }).getByTestId('symbol-rows');

  // Before: only the charted symbol's rows are held by the live mirror.
  await expect(rows('AAPL')).toHaveText('not held: chart or compare it to load');
  // The select is reached and changed by keyboard: None, then the session's other symbols.
  await expect(select.locator('option')).toHaveText(['None', 'AAPL', 'TSLA']);
  await select.focus();
  await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue('AAPL');

  // The legend gives both symbols' percent; the summary for screen readers tells the overlay.
  await expect(legendCompare(view)).toContainText('RIVN');
  await expect(legendCompare(view)).toContainText('AAPL');
  await expect(view.getByTestId('chart-legend-compare-value')).toHaveText(/^([+−]\d+\.\d\d|0\.00)%$/);
  await expect(view.getByTestId('chart-legend-compare-main')).toHaveText(/^([+−]\d+\.\d\d|0\.00)%$/);
  await expect(view.getByTestId('chart-summary')).toContainText('Compare overlay: AAPL drawn over the chart');
  // The session's price overlays (sma, bbands...) would be skewed in percent: hidden, and said so.
  await expect(view.getByTestId('chart-legend-overlays-hidden')).toBeVisible();
  await expect(wrap).toHaveAttribute('data-compare', 'AAPL');
  await expect.poll(async () => Number(await wrap.getAttribute('data-compare-points'))).toBeGreaterThan(0);
  // The live mirror holds the compare symbol now, and only it besides the chart's: TSLA is still not held.
  await expect(rows('AAPL')).not.toHaveText('not held: chart or compare it to load');
  await expect(rows('TSLA')).toHaveText('not held: chart or compare it to load');
  // The legend's overlay figures and note, the select and the button pass axe (no serious violation).
  const axe = await new AxeBuilder({ page }).include('[data-testid="session-view-live"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  if (SHOTS) {
    await page.mouse.move(0, 0);
    await view.locator('.session-view__chart-card').screenshot({ path: `${SHOTS}/chart-compare.png` });
  }

  // It follows the live session: new bars bring new points.
  const before = Number(await wrap.getAttribute('data-compare-points'));
  await button(page, 'Resume').click();
  await expect
    .poll(async () => Number(await wrap.getAttribute('data-compare-points')), { timeout: 15_000 })
    .toBeGreaterThan(before);
  await button(page, 'Pause').click();

  // Another interval keeps it, drawn from that interval's bars (days: both symbols have their history).
  await view.getByTestId('interval-button').filter({ hasText: /^1d$/ }).click();
  await expect(view.getByTestId('chart-candle-count')).toHaveAttribute('data-interval', '1d');
  await expect(select).toHaveValue('AAPL');
  await expect(wrap).toHaveAttribute('data-compare', 'AAPL');
  await expect.poll(async () => Number(await wrap.getAttribute('data-compare-points'))).toBeGreaterThan(0);
  await expect(view.getByTestId('chart-summary')).toContainText('1d chart');
  // All of the days are in view: each symbol's change is its last close against its first, as the
  // engine's complete export has them.
  const doc = await jsonOf(await downloadFrom(page, () => button(page, 'Export complete').click()));
  await expect(view.getByTestId('chart-legend-compare-main')).toHaveText(percentOf(dailyCloses(doc, 'RIVN')));
  await expect(view.getByTestId('chart-legend-compare-value')).toHaveText(
    percentOf(dailyCloses(doc, 'AAPL')),
  );
  await expect(view.getByTestId('chart-summary')).toContainText('Compare overlay: AAPL');

  // The saved PNG's band carries the overlay too, a line of its own (its name stays the chart's symbol's).
  const download = await downloadFrom(page, () => view.getByTestId('chart-save-png').click());
  expect(download.suggestedFilename()).toMatch(/-RIVN-1d-\d{8}_\d{4}\.png$/);
  const compared = pngSize(await bytesOf(download));

  // Charting the compare symbol itself takes the overlay away (a symbol compared with itself).
  // None takes it away: no legend entry, no mention, and the mirror lets AAPL go again.
  await select.selectOption({ label: 'None' });
  await expect(legendCompare(view)).toHaveCount(0);
  await expect(view.getByTestId('chart-legend-overlays-hidden')).toHaveCount(0);
  await expect(wrap).toHaveAttribute('data-compare', '');
  await expect(view.getByTestId('chart-summary')).not.toContainText('Compare overlay');
  await expect(rows('AAPL')).toHaveText('not held: chart or compare it to load');
  // Saved again without it, the band is a line shorter: the same chart under a band without the overlay's.
  const plain = pngSize(
    await bytesOf(await downloadFrom(page, () => view.getByTestId('chart-save-png').click())),
  );
  expect(plain.width).toBe(compared.width);
  expect(plain.height).toBeLessThan(compared.height);
  expect(problems).toEqual([]);
});

test('charting the compared symbol takes the overlay away (dark)', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await startPaused(page);
  await chartReady(page);
  const view = live(page);
  const select = view.getByTestId('compare-select');
  await select.selectOption('TSLA');
  await expect(view.getByTestId('chart-legend-compare')).toContainText('TSLA');
  await expect(view.getByTestId('chart-legend-compare-value')).toHaveText(/%$/);
  // In the dark scheme too, the overlay's legend passes axe.
  const axe = await new AxeBuilder({ page }).include('[data-testid="session-view-live"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await view.getByTestId('symbol-row').filter({ hasText: 'TSLA' }).click();
  await expect(view.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', 'TSLA');
  await expect(select).toHaveValue('');
  await expect(view.getByTestId('chart-legend-compare')).toHaveCount(0);
  await expect(select.locator('option')).toHaveText(['None', 'RIVN', 'AAPL']);
});

test('a compared symbol taken out of the configuration leaves the overlay, and the chart still loads', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await chartReady(page);
  const view = live(page);
  const select = view.getByTestId('compare-select');
  const wrap = view.locator('.session-view__chart-wrap');
  const count = view.getByTestId('chart-candle-count');
  await view.locator('[data-testid="symbol-row"][data-symbol="TSLA"]').click();
  await expect(count).toHaveAttribute('data-symbol', 'TSLA');
  await select.selectOption('AAPL');
  await expect(wrap).toHaveAttribute('data-compare', 'AAPL');

  // AAPL out of the session's symbols, applied over the paused session.
  await showTab(page, 'Config & data');
  const editor = page.getByLabel('Session configuration (JSON)');
  const config = JSON.parse(await editor.inputValue()) as { session_data_config: { symbols: string[] } };
  expect(config.session_data_config.symbols).toContain('AAPL');
  config.session_data_config.symbols = config.session_data_config.symbols.filter((s) => s !== 'AAPL');
  await editor.fill(JSON.stringify(config, null, 2));
  await expect(page.getByTestId('config-status')).toContainText('Valid');
  await button(page, 'Stop and apply').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await showTab(page, 'Export');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

  // The overlay went with the symbol: None, no percent scale, AAPL no longer offered.
  await expect(select).toHaveValue('');
  await expect(wrap).toHaveAttribute('data-compare', '');
  await expect(view.getByTestId('chart-legend-overlays-hidden')).toHaveCount(0);
  await expect(select.locator('option')).not.toContainText(['AAPL']);
  // Another symbol charted: the engine sends its rows (it would refuse the pair with AAPL), no error.
  await view.locator('[data-testid="symbol-row"][data-symbol="RIVN"]').click();
  await expect(count).toHaveAttribute('data-symbol', 'RIVN');
  await expect.poll(async () => Number((await count.textContent()) ?? 0)).toBeGreaterThan(0);
  await expect(
    view.locator('[data-testid="symbol-row"][data-symbol="RIVN"]').getByTestId('symbol-rows'),
  ).not.toHaveText('not held: chart or compare it to load');
  await expect(page.getByTestId('mirror-error')).toHaveCount(0);
  await expect(view.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test.describe('the one-column workbench on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the tab list sticks below the top bar, and a focused element brought into view is not under either', async ({
    page,
  }) => {
    await startPaused(page);
    await chartReady(page);
    const bar = page.locator('.app-header');
    const tabs = page.getByRole('tablist', { name: 'Tools' });
    const bottomOf = async (locator: Locator) => {
      const box = await locator.boundingBox();
      if (!box) throw new Error('not laid out');
      return box.y + box.height;
    };
    // Scrolled down into the tools, the tab list sticks right below the top bar, not under it.
    await showTab(page, 'Config & data');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect
      .poll(async () => (await tabs.boundingBox())?.y ?? -1)
      .toBeGreaterThanOrEqual((await bottomOf(bar)) - 1);
    // Elements far up and down the page, focused and brought into view: each clear of the top bar, and those in
    // a tab's panel clear of the tab list too.
    const targets: [Locator, boolean][] = [
      [view(page).getByTestId('compare-select'), false],
      [view(page).getByTestId('chart-save-png'), false],
      [page.getByLabel('Session configuration (JSON)'), true],
      [
        page
          .locator('.side-tabs__panel > *')
          .filter({ has: page.getByRole('heading', { name: 'Import bars' }) }),
        true,
      ],
    ];
    for (const [target, inPanel] of targets) {
      for (const scrollTo of ['bottom', 'top'] as const) {
        await page.evaluate(
          (to) => window.scrollTo(0, to === 'bottom' ? document.body.scrollHeight : 0),
          scrollTo,
        );
        await target.evaluate((element) => {
          if (element instanceof HTMLElement) element.focus();
          element.scrollIntoView({ block: 'start' });
        });
        const box = await target.boundingBox();
        if (!box) throw new Error('not laid out');
        const clear = inPanel ? await bottomOf(tabs) : await bottomOf(bar);
        expect(
          box.y,
          `${await target.evaluate((e) => e.outerHTML.slice(0, 60))} from the ${scrollTo}`,
        ).toBeGreaterThanOrEqual(clear - 1);
      }
    }
    // Focus moved by the keyboard (the browser brings it into view itself): Shift+Tab back up from the
    // configuration editor lands on elements below the top bar.
    await page.getByLabel('Session configuration (JSON)').focus();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Shift+Tab');
      const focused = page.locator(':focus');
      const box = await focused.boundingBox();
      if (box && box.height > 0) expect(box.y).toBeGreaterThanOrEqual((await bottomOf(bar)) - 1);
    }
  });
});

const view = live;
