// The keyboard path through every panel (issue 17): one session worked with the keyboard alone, Tab and
// Shift+Tab to move, arrows inside the tab list and the viewer's tree, Enter and Space to act. Each step
// reaches its control by Tab from where the last one left the focus, so a control that Tab cannot reach, or
// a panel that keeps the focus, fails the test.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { button, bytesOf, downloadFrom, watchProblems } from './support';

test.use({ viewport: { width: 1366, height: 860 } });

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus; fails when `max` presses do not reach it. */
async function tabTo(page: Page, target: Locator, back = false, max = 150): Promise<void> {
  const key = back ? 'Shift+Tab' : 'Tab';
  await expect(target, 'the control to reach is on the page').toHaveCount(1);
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing');
  throw new Error(`${key} did not reach ${target} in ${max} presses; the focus is on ${focused}`);
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });

/** From inside a tool panel: back to its tab, then the arrow key to the next tab, which is shown. */
async function nextTool(page: Page, from: string, to: string): Promise<void> {
  await tabTo(page, tab(page, from), true);
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, to)).toBeFocused();
  await expect(tab(page, to)).toHaveAttribute('aria-selected', 'true');
}

test('a session is started, charted, exported, compared, viewed, reconfigured and replayed with the keyboard alone', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const problems = watchProblems(page);
  await page.goto('/');
  const state = page.getByTestId('system-state');
  await expect(state).toHaveText('STOPPED');

  // The top bar: Start, then Pause.
  await tabTo(page, button(page, 'Start'));
  await page.keyboard.press('Enter');
  await expect(state).toHaveText('RUNNING');
  await tabTo(page, button(page, 'Pause'));
  await page.keyboard.press('Enter');
  await expect(state).toHaveText('PAUSED');

  // The chart pane: another interval, a second symbol compared, and the chart saved as a PNG.
  const live = page.getByTestId('session-view-live');
  // (The day bars: the session has a month of them, where its first minute has no 5m bar yet.)
  const days = live.getByRole('button', { name: '1d', exact: true });
  await tabTo(page, days);
  await page.keyboard.press('Enter');
  await expect(days).toHaveAttribute('aria-pressed', 'true');
  const compareSelect = live.getByTestId('compare-select');
  await tabTo(page, compareSelect);
  await page.keyboard.press('ArrowDown');
  await expect(compareSelect).toHaveValue('AAPL');
  await expect(live.getByTestId('chart-legend-compare')).toContainText('AAPL');
  await tabTo(page, live.getByRole('button', { name: 'Save PNG' }));
  const png = await downloadFrom(page, () => page.keyboard.press('Enter'));
  expect(png.suggestedFilename()).toMatch(/\.png$/);

  // The Export tab: its tab is one stop, and Tab goes on into its panel. A complete export, the session
  // moved on by a console command, and a delta.
  await tabTo(page, tab(page, 'Export'));
  await page.keyboard.press('Tab');
  await expect(button(page, 'Export complete')).toBeFocused();
  const download = await downloadFrom(page, () => page.keyboard.press('Enter'));
  const file = download.suggestedFilename();
  await tabTo(page, page.getByLabel('Command', { exact: true }));
  await page.keyboard.type('system advance 3');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console-entry').last()).toContainText('advanced 3 minutes');
  await tabTo(page, button(page, 'Export delta'), true);
  const delta = (await downloadFrom(page, () => page.keyboard.press('Enter'))).suggestedFilename();

  // History & viewer: the delta compared with the complete export it follows, the rows it adds shown; the
  // arrows and Space in their box scroll it and leave the session alone.
  await nextTool(page, 'Export', 'History & viewer');
  await tabTo(page, page.getByRole('button', { name: `Compare ${delta} with…` }));
  await page.keyboard.press('Enter');
  const showRows = page.getByRole('button', { name: /^Show rows B adds to / }).first();
  await tabTo(page, showRows);
  await page.keyboard.press('Enter');
  const addedRows = page.getByRole('group', { name: /^Rows B adds to / }).first();
  await tabTo(page, addedRows);
  const minute = await page.getByTestId('market-time').textContent();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(state).toHaveText('PAUSED');
  await expect(page.getByTestId('market-time')).toHaveText(minute ?? '');

  // The delta in the viewer: its tree walked with the arrows.
  await tabTo(page, page.getByRole('button', { name: `View ${delta}`, exact: true }), true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
  const tree = page.getByRole('tree', { name: 'Export tree' });
  await tabTo(page, tree.getByRole('treeitem').and(page.locator('[tabindex="0"]')));
  const path = await tree.locator(':focus').getAttribute('data-path');
  const first = tree.locator(`[data-path="${path}"]`);
  await expect(first).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(first).toHaveAttribute('aria-expanded', 'true');
  // Down goes into what opened: its first child, a level deeper, has the focus.
  await page.keyboard.press('ArrowDown');
  const child = tree.locator(':focus');
  await expect(child).toHaveAttribute(
    'aria-level',
    String(Number(await first.getAttribute('aria-level')) + 1),
  );
  await expect(child).toHaveAttribute('data-path', new RegExp(`^${path}\\.`));

  // Search finds a stream; the tree's row for it is the next Tab stop, → opens its rows, and the rows are
  // sorted by a column and filtered from the keyboard.
  const stream = 'session_data.symbols.RIVN.session.data.ticks';
  await tabTo(page, page.getByLabel('Search keys and values'), true);
  await page.keyboard.type('ticks');
  // Enter goes from match to match (the changed paths name the stream too) until the stream's own row.
  const streamRow = tree.locator(`[data-path="${stream}"]`);
  await expect(page.getByTestId('viewer-search-count')).toContainText(' of ');
  for (let match = 0; match < 12; match++) {
    if ((await streamRow.count()) === 1 && (await streamRow.getAttribute('tabindex')) === '0') break;
    await page.keyboard.press('Enter');
    await page.waitForTimeout(100);
  }
  await expect(streamRow).toHaveAttribute('tabindex', '0');
  await tabTo(page, tree.locator(`[data-path="${stream}"]`));
  await page.keyboard.press('ArrowRight');
  const rows = page.locator(`[data-testid="rows-table"][data-path="${stream}.data"]`);
  const price = rows.getByRole('columnheader', { name: 'price' });
  await tabTo(page, price.getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(price).toHaveAttribute('aria-sort', 'ascending');
  await tabTo(page, rows.getByRole('searchbox'));
  await page.keyboard.type('size >= 100');
  await page.keyboard.press('Enter');
  await expect(rows.getByTestId('rows-range')).toHaveText(/^[\d,]+ of [\d,]+ rows · /);
  // The stream's raw text, its box scrolled by the keyboard without touching the session.
  await tabTo(page, button(page, 'Raw'), true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('raw-text')).toContainText(/"\d\d:\d\d:\d\d\.\d{3}"/);
  await tabTo(page, page.getByTestId('raw-view').getByRole('group').or(page.getByTestId('raw-text')).first());
  await page.keyboard.press('Space');
  await expect(state).toHaveText('PAUSED');

  // Config & data: a name typed in the form, the end date picked in the trading calendar, a symbol added, the JSON editor left with Escape then Tab, and Stop and apply.
  await nextTool(page, 'History & viewer', 'Config & data');
  const editor = page.getByLabel('Session configuration (JSON)');
  await expect(page.getByTestId('config-origin')).toHaveText('in force');
  await tabTo(page, page.getByLabel('Session name'));
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Typed by keyboard');
  // A radio group is one Tab stop (the checked radio); the arrows choose.
  await tabTo(page, page.getByRole('radio', { name: 'Set start date' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Set end date' })).toBeChecked();
  const endDate = page.getByLabel('End date', { exact: true });
  const endBefore = await endDate.inputValue();
  await tabTo(page, page.getByRole('grid').getByRole('gridcell').and(page.locator('[tabindex="0"]')));
  // A week later (the built-in window ends on Thursday, July 3: Thursday, July 10 trades).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(endDate).not.toHaveValue(endBefore);
  await tabTo(page, page.getByLabel('Add a symbol'));
  await page.keyboard.type('msft');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Remove MSFT' })).toBeVisible();
  await expect(editor).toHaveValue(/"MSFT"/);
  await expect(editor).toHaveValue(/"Typed by keyboard"/);
  await expect(page.getByTestId('config-status')).toContainText('Valid: session “Typed by keyboard”');
  await tabTo(page, editor);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  await tabTo(page, button(page, 'Stop and apply'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-name')).toHaveText('Typed by keyboard');
  await expect(state).toHaveText('STOPPED');
  await tabTo(page, button(page, 'Choose file…'));

  // Open exports: the file chooser opened from the keyboard, the replay's chart answering it.
  await nextTool(page, 'Config & data', 'Open exports');
  await tabTo(page, page.getByLabel('Export files to open'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles({ name: file, mimeType: 'application/json', buffer: await bytesOf(download) });
  await expect(page.getByTestId('offline-steps')).toBeVisible();
  // A single export: nothing to step to, but its chart answers the keyboard as the live one does.
  const replayFiveMinutes = page.getByTestId('offline').getByRole('button', { name: '5m', exact: true });
  await tabTo(page, replayFiveMinutes);
  await page.keyboard.press('Enter');
  await expect(replayFiveMinutes).toHaveAttribute('aria-pressed', 'true');
  expect(problems).toEqual([]);
});
