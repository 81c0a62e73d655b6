// Strategies against the built app (issue 15): the built-in session runs simple_ma_cross on RIVN. Replayed at
// 600x, the live chart gets the strategy's markers on the candles and the equity pane; a hovered bar's note
// reads a marker's reason; the orders table holds exactly the orders of the engine's own complete export, and
// the system panel its account. Set UPDATE_SCREENSHOT=1 to also refresh docs/chart-strategy.png.
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { button, type Json, jsonOf, watchProblems } from './support';

test.use({ viewport: { width: 1366, height: 860 } });

const SCREENSHOT = fileURLToPath(new URL('../docs/chart-strategy.png', import.meta.url));
const MODULE = 'strategies.examples.simple_ma_cross';

const attr = async (locator: Locator, name: string) => Number((await locator.getAttribute(name)) ?? 'NaN');

async function completeExport(page: Page): Promise<Json> {
  await page.getByLabel('Consumer').fill('replay');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    button(page, 'Export complete').click(),
  ]);
  return jsonOf(download);
}

/** Moves the mouse over the price pane, right to left, until a bar's trade markers are told (the note). */
async function hoverMarker(page: Page, view: Locator): Promise<boolean> {
  const box = await view.getByTestId('chart').boundingBox();
  if (!box) throw new Error('The chart is not on the page.');
  for (let x = box.x + box.width - 70; x > box.x + 4; x -= 2) {
    await page.mouse.move(x, box.y + box.height * 0.25);
    if ((await view.getByTestId('chart-legend-trade').count()) > 0) return true;
  }
  return false;
}

const money = (value: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value);

test('the built-in strategy: markers and equity on the live chart, and the orders of the export in its table', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = watchProblems(page);
  await page.goto('/');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  const speed = page.getByTestId('speed-input');
  await speed.fill('600');
  await speed.press('Enter');
  await expect(page.getByText('10 market minutes per second')).toBeVisible();
  await button(page, 'Start').click();
  await expect(page.getByTestId('mirror-badge')).toHaveAttribute('data-status', 'in-sync');

  // RIVN at 1m: the strategy's markers come as its averages cross (a round trip: two signals, two fills),
  // and the equity pane is on by default.
  const live = page.getByTestId('session-view-live');
  const wrap = live.locator('.session-view__chart-wrap');
  await expect(live.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', 'RIVN');
  await expect.poll(() => attr(wrap, 'data-trade-markers'), { timeout: 90_000 }).toBeGreaterThan(3);
  await expect(live.getByTestId('equity-toggle')).toBeChecked();
  await expect(wrap).toHaveAttribute('data-equity-pane', '1');
  expect(await attr(wrap, 'data-equity-points')).toBeGreaterThan(0);
  await expect(live.getByTestId('chart-trade-markers')).toContainText(/marked$/);
  await expect(live.getByTestId('chart-summary')).toContainText('simple_ma_cross');

  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await expect(page.getByTestId('system-panel-state')).toHaveText('PAUSED');
  await expect(page.getByTestId('mirror-badge')).toHaveAttribute('data-status', 'in-sync');
  const doc = await completeExport(page);
  const analysis = doc.analysis;
  const strategy = analysis.strategies[MODULE];
  expect(strategy.enabled).toBe(true);

  // The orders table: every order of the export, newest first, as exported.
  const columns: string[] = strategy.orders.columns;
  const col = (name: string) => columns.indexOf(name);
  const exported: Json[] = strategy.orders.data ?? [];
  expect(exported.length).toBe(strategy.orders.total_count);
  expect(exported.length).toBeGreaterThan(0);
  const orders = live.getByTestId('orders-table');
  await expect(orders).toHaveAttribute('data-rows', String(exported.length));
  // The list is virtualized: its rows are read a screenful at a time, scrolling down.
  const byIndex = new Map<number, { time: string | null; status: string | null; cells: string[] }>();
  const scroller = live.getByTestId('orders-scroller');
  for (let pass = 0; pass < 200 && byIndex.size < exported.length; pass++) {
    const seen = await live.getByTestId('order-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        index: Number(tr.getAttribute('data-index')),
        time: tr.getAttribute('data-time'),
        status: tr.getAttribute('data-status'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      })),
    );
    for (const { index, ...row } of seen) byIndex.set(index, row);
    await scroller.evaluate((el) => {
      el.scrollTop += el.clientHeight;
    });
  }
  const rows = [...byIndex].sort(([a], [b]) => a - b).map(([, row]) => row);
  expect(rows.length).toBe(exported.length);
  const expected = [...exported].reverse();
  expect(rows).toEqual(
    expected.map((row) => {
      const price = row[col('price')];
      return {
        time: row[col('timestamp')],
        status: row[col('status')],
        cells: [
          String(row[col('timestamp')]).replace('T', ' ').replace(/:00$/, ''),
          row[col('symbol')],
          row[col('side')],
          Number(row[col('quantity')]).toLocaleString('en-US'),
          row[col('status')],
          price === null ? '—' : Number(price).toFixed(2),
          'simple_ma_cross',
          row[col('reason')],
        ],
      };
    }),
  );

  // The markers on the candles are the export's RIVN signals, fills and refusals (a cancelled order has
  // none), one each, and the chart's tally says how many of each.
  const sym = (block: Json) =>
    (block.data ?? []).filter((r: Json[]) => r[block.columns.indexOf('symbol')] === 'RIVN');
  const signals = sym(strategy.signals).length;
  const statusOf = (r: Json[]) => r[col('status')];
  const fills = sym(strategy.orders).filter((r: Json[]) => statusOf(r) === 'filled').length;
  const refused = sym(strategy.orders).filter((r: Json[]) => statusOf(r) === 'refused').length;
  await expect.poll(() => attr(wrap, 'data-trade-markers')).toBe(signals + fills + refused);
  const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
  const tally = [
    fills > 0 ? plural(fills, 'fill') : null,
    signals > 0 ? plural(signals, 'signal') : null,
    refused > 0 ? plural(refused, 'refused order') : null,
  ].filter((p) => p !== null);
  const lastPart = tally.pop();
  await expect(live.getByTestId('chart-trade-markers')).toHaveText(
    `${tally.length > 0 ? `${tally.join(', ')} and ${lastPart}` : lastPart} marked`,
  );

  // The position and the summary follow the export's account.
  const rivn = live.locator('[data-testid="position-row"][data-symbol="RIVN"] td');
  await expect(rivn.nth(0)).toHaveText(Number(analysis.positions.RIVN.quantity).toLocaleString('en-US'));
  await expect(live.getByTestId('summary-trades')).toHaveText(String(analysis.account.trades));
  await expect(live.getByTestId('summary-equity')).toHaveText(money(analysis.account.equity));
  await expect(live.getByTestId('summary-cash')).toHaveText(money(analysis.account.cash));
  // Total return = equity over the starting equity (equity - realized - unrealized), less 1: two decimals
  // of a percent, or two significant digits below 0.01 %.
  const { equity, realized_pnl: realized, unrealized_pnl: unrealized } = analysis.account;
  const totalReturn = equity / (equity - realized - unrealized) - 1;
  const small = totalReturn !== 0 && Math.abs(totalReturn) < 0.0001;
  const percent = new Intl.NumberFormat('en-US', {
    style: 'percent',
    signDisplay: 'exceptZero',
    ...(small ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  });
  await expect(live.getByTestId('summary-total-return')).toHaveText(percent.format(totalReturn));
  await expect(live.getByTestId('summary-sharpe')).toHaveText(/^(-?\d+\.\d{2}|—)$/);
  await expect(live.getByTestId('trades-table')).toHaveAttribute(
    'data-rows',
    String(analysis.account.trades),
  );

  // A marker's reason is read in the note at its bar: one of the export's signals or orders.
  await wrap.scrollIntoViewIfNeeded();
  expect(await hoverMarker(page, live)).toBe(true);
  const reasons = new Set<string>([
    ...(strategy.signals.data ?? []).map((r: Json[]) => r[strategy.signals.columns.indexOf('reason')]),
    ...exported.map((r) => r[col('reason')]),
  ]);
  const shownReasons = await live
    .getByTestId('chart-legend-trade')
    .locator('.chart-legend__trade-reason')
    .allTextContents();
  expect(shownReasons.length).toBeGreaterThan(0);
  for (const reason of shownReasons) expect(reasons).toContain(reason);
  await expect(live.getByTestId('chart-legend-equity')).toContainText('$');

  // The equity chip takes the pane away and brings it back.
  await page.getByTestId('system-state').hover();
  await live.getByTestId('equity-toggle').uncheck();
  await expect(wrap).toHaveAttribute('data-equity-pane', '0');
  await expect(live.getByTestId('chart-legend-equity')).toHaveCount(0);
  await live.getByTestId('equity-toggle').check();
  await expect(wrap).toHaveAttribute('data-equity-pane', '1');
  await expect(live.getByTestId('chart-legend-equity')).toHaveCount(1);

  if (process.env.UPDATE_SCREENSHOT === '1') {
    // Three round trips into the day, on the 5m chart (the whole day in view), a marker's note shown.
    await button(page, 'Resume').click();
    await expect.poll(() => attr(wrap, 'data-trade-markers'), { timeout: 90_000 }).toBeGreaterThan(11);
    await button(page, 'Pause').click();
    await expect(page.getByTestId('system-panel-state')).toHaveText('PAUSED');
    await live.getByTestId('interval-button').filter({ hasText: /^5m$/ }).click();
    await expect(live.getByTestId('chart-candle-count')).toHaveAttribute('data-interval', '5m');
    await wrap.scrollIntoViewIfNeeded();
    expect(await hoverMarker(page, live)).toBe(true);
    await live.locator('.session-view__chart-card').screenshot({ path: SCREENSHOT, animations: 'disabled' });
  }
  expect(problems).toEqual([]);
});
