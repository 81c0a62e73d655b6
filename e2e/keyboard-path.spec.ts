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

test('a session is started, charted, exported, viewed, reconfigured and replayed with the keyboard alone', async ({
  page,
}) => {
  test.setTimeout(90_000);
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

  // The chart pane: another interval.
  await tabTo(page, button(page, '5m'));
  await page.keyboard.press('Enter');
  await expect(button(page, '5m')).toHaveAttribute('aria-pressed', 'true');

  // The Export tab: its tab is one stop, and Tab goes on into its panel.
  await tabTo(page, tab(page, 'Export'));
  await page.keyboard.press('Tab');
  await expect(button(page, 'Export complete')).toBeFocused();
  const download = await downloadFrom(page, () => page.keyboard.press('Enter'));
  const file = download.suggestedFilename();
  await tabTo(page, page.getByLabel('Command', { exact: true }));
  await page.keyboard.type('system status');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('console-entry').last()).toHaveAttribute('data-ok', 'true');

  // History & viewer: the export opened in the viewer, its tree walked with the arrows.
  await nextTool(page, 'Export', 'History & viewer');
  await tabTo(page, page.getByRole('button', { name: `View ${file}`, exact: true }));
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

  // Config & data: a configuration typed in the editor, Escape then Tab out of it, and Stop and apply.
  await nextTool(page, 'History & viewer', 'Config & data');
  const editor = page.getByLabel('Session configuration (JSON)');
  await tabTo(page, editor);
  await expect(page.getByTestId('config-origin')).toHaveText('in force');
  const config = JSON.parse(await editor.inputValue());
  config.session_name = 'Typed by keyboard';
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify(config, null, 2));
  await expect(page.getByTestId('config-status')).toContainText('Valid: session “Typed by keyboard”');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  await tabTo(page, button(page, 'Stop and apply'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-name')).toHaveText('Typed by keyboard');
  await expect(state).toHaveText('STOPPED');
  await tabTo(page, button(page, 'Choose file…'));

  // Open exports: the file chooser opened from the keyboard, the replay stepped with it.
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
