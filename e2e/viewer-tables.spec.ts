// The export viewer's tables and raw view against the built app, on exports of a session whose symbols
// include a dotted one (BRK.B), opened from disk: a stream's rows sorted by a header and filtered by a field
// over the whole stream (the worker's work, far beyond the rows the table has read), the Raw view of a
// node, and a changed_paths link to a stream of BRK.B.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { formatCount } from '../src/format';
import { backtestOf, configJson, textOf } from '../workers/export/export.test-support';
import { Exporter } from '../workers/export/exporter';
import { traceMainThread } from './main-thread-trace';
import { button, expectNoLongTask, type Json, showTab, timingTests, watchProblems } from './support';
import { openRow, revealRow, treeRow } from './viewer-support';

test.use({ viewport: { width: 1280, height: 900 } });

/** A complete export at the end of a session of BRK.B and RIVN, then a delta two minutes later. */
function makeExports() {
  const backtest = backtestOf(
    configJson((json) => {
      json.session_data_config.symbols = ['BRK.B', 'RIVN'];
      const strategies = json.session_data_config.strategies as { config: { symbols?: string[] } }[];
      for (const strategy of strategies) strategy.config.symbols = ['RIVN'];
    }),
  );
  backtest.start();
  backtest.advance(390);
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 19));
  const complete = textOf(exporter.export({ complete: true }));
  backtest.advance(2);
  const delta = textOf(exporter.export({ complete: false }));
  return { complete, delta };
}

const exports = makeExports();

async function openFile(page: Page, name: string, text: string): Promise<Json> {
  await page.goto('/');
  await showTab(page, 'History & viewer');
  await page.getByTestId('viewer-file').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
  return JSON.parse(text);
}

const TICKS = 'session_data.symbols.RIVN.session.data.ticks';

/** Opens RIVN's ticks; returns its table, its rows and columns as the file has them. */
async function openTicks(page: Page) {
  const doc = await openFile(page, 'complete.json', exports.complete);
  for (const path of ['session_data.symbols.RIVN', 'session_data.symbols.RIVN.session'])
    await openRow(page, path);
  await openRow(page, 'session_data.symbols.RIVN.session.data');
  await openRow(page, TICKS);
  const table = page.locator(`[data-testid="rows-table"][data-path="${TICKS}.data"]`);
  const block = doc.session_data.symbols.RIVN.session.data.ticks;
  return { table, rows: block.data as unknown[][], columns: block.columns as string[] };
}

/**
 * A row of the table as shown: its `#` (the place in the file) and its cells, numbers read back. Read with
 * `expect.poll`: a row scrolled to may still be a placeholder while its page comes from the worker.
 */
async function shownRow(table: Locator, index: number): Promise<{ at: number; cells: unknown[] }> {
  const row = table.locator(`[data-testid="rows-row"][data-index="${index}"]`);
  await expect(row.locator('td.rows__pending')).toHaveCount(0);
  await expect(row.locator('td').first()).toBeVisible();
  const at = Number((await row.locator('th').textContent())?.replaceAll(',', '')) - 1;
  const cells = (await row.locator('td').allTextContents()).map((text) =>
    /^-?[\d,]+(\.\d+)?$/.test(text) ? Number(text.replaceAll(',', '')) : text,
  );
  return { at, cells };
}

/** Scrolls a table's rows to the end, so its last rows are read and drawn. */
async function scrollToEnd(table: Locator): Promise<void> {
  await table.locator('.rows__scroll').evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
}

/** The rows of the file in the order a sort gives: by value, ties in file order. */
const sortedBy = (rows: unknown[][], column: number, sign: 1 | -1) =>
  rows
    .map((row, at) => ({ row, at }))
    .sort((a, b) => sign * ((a.row[column] as number) - (b.row[column] as number)) || a.at - b.at);

test('a header sorts the whole stream ascending, descending and back to the file order', async ({ page }) => {
  const problems = watchProblems(page);
  const { table, rows, columns } = await openTicks(page);
  expect(rows.length).toBeGreaterThan(5000);
  const price = columns.indexOf('price');
  const header = table.getByRole('columnheader', { name: 'price' });
  const sort = header.getByRole('button');

  await sort.click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const up = sortedBy(rows, price, 1);
  // The lowest price is far into the stream: not among the rows the table had read.
  expect((up[0] as { at: number }).at).toBeGreaterThan(400);
  for (const k of [0, 1, 2])
    await expect.poll(() => shownRow(table, k)).toEqual({ at: up[k]?.at, cells: up[k]?.row });
  await expect(table.getByTestId('rows-range')).toHaveText(`Rows 1–12 of ${formatCount(rows.length)}`);
  // Paging goes on in the sorted order, to the end.
  await scrollToEnd(table);
  const last = rows.length - 1;
  await expect.poll(() => shownRow(table, last)).toEqual({ at: up[last]?.at, cells: up[last]?.row });

  await sort.click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const down = sortedBy(rows, price, -1);
  for (const k of [0, 1])
    await expect.poll(() => shownRow(table, k)).toEqual({ at: down[k]?.at, cells: down[k]?.row });
  // Prices stay lined up: every one shown with the same number of decimals.
  const cells = await table
    .locator(`[data-testid="rows-row"] td:nth-of-type(${price + 1})`)
    .allTextContents();
  expect(new Set(cells.map((t) => t.split('.')[1]?.length ?? 0)).size).toBe(1);

  // Closed and opened again, the table is still sorted.
  await (await revealRow(page, TICKS)).click();
  await expect(table).toHaveCount(0);
  await openRow(page, TICKS);
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => shownRow(table, 0)).toEqual({ at: down[0]?.at, cells: down[0]?.row });

  await sort.click();
  await expect(header).not.toHaveAttribute('aria-sort');
  await expect.poll(() => shownRow(table, 0)).toEqual({ at: 0, cells: rows[0] });
  await table.screenshot({ path: test.info().outputPath('rows-sorted.png') });
  expect(problems).toEqual([]);
});

test('a filter keeps the matching rows of the whole stream, says N of M, and a bad one changes nothing', async ({
  page,
}) => {
  const problems = watchProblems(page);
  const { table, rows, columns } = await openTicks(page);
  const price = columns.indexOf('price');
  const prices = rows.map((row) => row[price] as number).sort((a, b) => a - b);
  const threshold = prices[Math.floor(prices.length * 0.97)] as number;
  const kept = rows.map((row, at) => ({ row, at })).filter(({ row }) => (row[price] as number) > threshold);
  expect(kept.length).toBeGreaterThan(20);
  const filter = table.getByRole('searchbox', { name: `Filter the rows of ${TICKS}.data` });
  const range = table.getByTestId('rows-range');

  await filter.fill(`price > ${threshold}`);
  await filter.press('Enter');
  const said = `${formatCount(kept.length)} of ${formatCount(rows.length)} rows · 1–12 shown`;
  await expect(range).toHaveText(said);
  for (const k of [0, 1])
    await expect.poll(() => shownRow(table, k)).toEqual({ at: kept[k]?.at, cells: kept[k]?.row });
  await scrollToEnd(table);
  const last = kept.length - 1;
  await expect.poll(() => shownRow(table, last)).toEqual({ at: kept[last]?.at, cells: kept[last]?.row });

  // A column that is not there: one message saying what a filter may be; the rows shown stay.
  await filter.fill('prise > 1');
  await filter.press('Enter');
  const problem = table.getByTestId('rows-filter-problem');
  await expect(problem).toHaveText(
    /^There is no column "prise": the columns are timestamp, price, size, exchange\. A filter is text found in any cell, or conditions/,
  );
  await expect(filter).toHaveAttribute('aria-invalid', 'true');
  await expect(range).toHaveText(
    new RegExp(`^${formatCount(kept.length)} of ${formatCount(rows.length)} rows`),
  );
  await expect.poll(() => shownRow(table, last)).toEqual({ at: kept[last]?.at, cells: kept[last]?.row });

  // Text in any cell, in any case; sorting keeps the filter.
  const exchange = String(rows[0]?.[columns.indexOf('exchange')]);
  const withText = rows.filter((row) =>
    row.some((cell) => String(cell).toLowerCase().includes(exchange.toLowerCase())),
  );
  await filter.fill(exchange.toLowerCase());
  await filter.press('Enter');
  await expect(problem).toHaveCount(0);
  await expect(range).toHaveText(
    new RegExp(`^${formatCount(withText.length)} of ${formatCount(rows.length)} rows`),
  );
  await table.getByRole('columnheader', { name: 'size' }).getByRole('button').click();
  await expect(table.getByRole('columnheader', { name: 'size' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(range).toHaveText(
    new RegExp(`^${formatCount(withText.length)} of ${formatCount(rows.length)} rows`),
  );
  const size = columns.indexOf('size');
  const smallest = Math.min(...withText.map((row) => row[size] as number));
  await expect.poll(async () => (await shownRow(table, 0)).cells[size]).toBe(smallest);

  // Cleared: every row again, in the order of the sort.
  await filter.fill('');
  await filter.press('Enter');
  await expect(range).toHaveText(`Rows 1–12 of ${formatCount(rows.length)}`);
  await table.screenshot({ path: test.info().outputPath('rows-filtered.png') });
  expect(problems).toEqual([]);
});

test("Raw shows the selected node's text re-indented, in a box the keyboard scrolls, cut at 1 MB with a note", async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems = watchProblems(page);
  const doc = await openFile(page, 'complete.json', exports.complete);
  await (await revealRow(page, '_metadata')).click();
  await button(page, 'Raw').click();
  await expect(button(page, 'Raw')).toHaveAttribute('aria-expanded', 'true');
  const text = page.getByTestId('raw-text');
  const note = page.getByTestId('raw-note');
  await expect(text).toContainText('"version": "2.0"');
  const shown = (await text.textContent()) as string;
  expect(JSON.parse(shown)).toEqual(doc._metadata);
  const lines = shown.split('\n');
  expect(lines[0]).toBe('{');
  expect(lines).toContain('  "version": "2.0",');
  await expect(note).toHaveText(/^[\d.]+ (B|KB) of text \([\d.]+ (B|KB) in the file\)\.$/);
  await button(page, 'Copy raw').click();
  // The copy is written when the browser gets to it: read until it is there.
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(shown);

  // The whole session data is larger than 1 MB: its first megabyte, and a note that says so.
  const bytes = new TextEncoder().encode(JSON.stringify(doc.session_data)).length;
  expect(bytes).toBeGreaterThan(1_000_000);
  await (await revealRow(page, 'session_data')).click();
  await expect(note).toHaveText(
    /^Showing the first 976\.\d KB of the text: the node is [\d.]+ MB in the file, too large to show whole\. It is cut short, not whole JSON\.$/,
  );
  await expect(text).toContainText('"symbols": {');
  // The text box takes the focus and scrolls with the keyboard.
  await text.focus();
  await expect(text).toBeFocused();
  await page.keyboard.press('PageDown');
  await expect.poll(() => text.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // Space scrolls the text on: it does not start the session (the page's shortcut for Space).
  const top = await text.evaluate((el) => el.scrollTop);
  await page.keyboard.press('Space');
  await expect.poll(() => text.evaluate((el) => el.scrollTop)).toBeGreaterThan(top);
  await expect(button(page, 'Start')).toBeEnabled();
  await page.getByTestId('viewer').screenshot({ path: test.info().outputPath('raw-view.png') });
  await button(page, 'Close raw').click();
  await expect(page.getByTestId('raw-view')).toHaveCount(0);
  await expect(button(page, 'Raw')).toBeFocused();
  expect(problems).toEqual([]);
});

test('a changed_paths link to a dotted symbol (BRK.B) or a dotted strategy module selects that node', async ({
  page,
}) => {
  const problems = watchProblems(page);
  const doc = await openFile(page, 'delta.json', exports.delta);
  const changed = doc._metadata.changed_paths as string[];
  const ticks = 'session_data.symbols.BRK.B.session.data.ticks';
  const orders = changed.find((p) => p.startsWith('analysis.strategies.') && p.endsWith('.orders')) as string;
  expect(changed).toContain(ticks);
  expect(orders).toBeDefined();
  await openRow(page, '_metadata');
  await openRow(page, '_metadata.changed_paths');
  const table = page.locator('[data-testid="rows-table"][data-path="_metadata.changed_paths"]');

  await table.getByRole('button', { name: ticks, exact: true }).click();
  const row = treeRow(page, ticks);
  await expect(row).toBeFocused();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(row.getByTestId('stream-counts')).toBeVisible();
  await expect(treeRow(page, 'session_data.symbols.BRK.B')).toHaveAttribute('aria-expanded', 'true');

  await openRow(page, '_metadata.changed_paths');
  await table.getByRole('button', { name: orders, exact: true }).click();
  const module = orders.slice('analysis.strategies.'.length, -'.orders'.length);
  expect(module).toContain('.');
  await expect(treeRow(page, orders)).toBeFocused();
  await expect(page.getByTestId('viewer-tools-status')).toHaveText('');
  expect(problems).toEqual([]);
});

timingTests(() => {
  test('showing 1 MB of raw text, and sorting and filtering a stream, leave the page without a long task', async ({
    page,
  }, testInfo) => {
    const problems = watchProblems(page);
    const { table, rows } = await openTicks(page);
    await (await revealRow(page, '_metadata')).click();
    await button(page, 'Raw').click();
    await expect(page.getByTestId('raw-note')).toHaveText(/^[\d.]+ (B|KB|MB) of text/);

    const stopTrace = await traceMainThread(page);
    await (await revealRow(page, 'session_data')).click();
    await expect(page.getByTestId('raw-note')).toHaveText(/^Showing the first 976\.\d KB of the text/);
    await expect(page.getByTestId('raw-text')).toContainText('"symbols": {');
    await openRow(page, 'session_data');
    await openRow(page, TICKS);
    const price = table.getByRole('columnheader', { name: 'price' });
    await price.getByRole('button').click();
    await expect(price).toHaveAttribute('aria-sort', 'ascending');
    const filter = table.getByRole('searchbox', { name: `Filter the rows of ${TICKS}.data` });
    await filter.fill('size > 1');
    await filter.press('Enter');
    await expect(table.getByTestId('rows-range')).toHaveText(
      new RegExp(`of ${formatCount(rows.length)} rows`),
    );
    expectNoLongTask(await stopTrace(), testInfo, 'showing raw text, sorting and filtering');
    expect(problems).toEqual([]);
  });
});
