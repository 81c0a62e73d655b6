// The config editor and the import form as a keyboard and a mouse user meet them (issue 17): leaving the
// editor by keyboard and going on to Apply and the import panel, Stop and apply while a session runs, a
// window with no trading day refused as you type, Go to line for a problem, and the import's symbol read
// from the file name.
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { button, showTab, watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

const SAMPLE_CSV = fileURLToPath(new URL('../samples/rivn-1m.csv', import.meta.url));

const editorOf = (page: Page) => page.getByLabel('Session configuration (JSON)');

/** Opens the app with the configuration in force in the editor. */
async function open(page: Page) {
  await page.goto('/');
  await showTab(page, 'Config & data');
  await expect(page.getByTestId('session-name')).toHaveText('Example Trading Session');
  await expect(page.getByTestId('config-origin')).toHaveText('in force');
}

/** Whether the focused element is inside the element matching `selector`. */
const focusIsIn = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.closest(s) !== null, selector);

test('the keyboard leaves the editor with Escape then Tab, applies, and goes on to the import panel', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await open(page);
  const editor = editorOf(page);
  const before = await editor.inputValue();
  await expect(editor).toHaveAccessibleDescription(
    /^Tab inserts spaces; press Escape, then Tab, to leave the editor/,
  );

  await editor.focus();
  await page.keyboard.press('Control+Home');
  // Tab indents and stays.
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(`  ${before}`);
  // Escape announces the mode; typing goes back to indenting.
  const mode = page.getByTestId('code-editor-mode');
  await page.keyboard.press('Escape');
  await expect(mode).toHaveText('Tab now leaves the editor (typing goes back to indenting).');
  await expect(mode).toHaveRole('status');
  await page.keyboard.press('ArrowRight');
  await expect(mode).toHaveText('');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(`  {  ${before.slice(1)}`);

  // Escape, then Tab: out, on through the actions to Apply.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  await expect(button(page, 'Load file…')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(button(page, 'Save')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(button(page, 'Apply')).toBeFocused();
  await expect(page.getByTestId('config-status')).toHaveText(
    'Valid: session “Example Trading Session”. Apply to put it in force.',
  );
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('config-notice')).toHaveText(
    /Applied: session “Example Trading Session”. It starts from its first day./,
  );

  // On to the import panel, by Tab alone.
  let presses = 0;
  while (!(await focusIsIn(page, '.import-bars')) && presses < 30) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(await focusIsIn(page, '.import-bars')).toBe(true);
  await expect(button(page, 'Choose file…')).toBeFocused();

  // Shift+Tab leaves at any time, backwards.
  await editor.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(editor).not.toBeFocused();
  expect(problems).toEqual([]);
});

test('Stop and apply: offered while a session runs or is paused, stops it and applies in one click', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await open(page);
  const stopAndApply = button(page, 'Stop and apply');
  await expect(stopAndApply).toHaveCount(0);
  const editor = editorOf(page);
  const text = await editor.inputValue();

  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

  // An invalid text cannot be applied: the session stays as it is.
  await editor.fill(text.replace('"speed_multiplier": 60', '"speed_multiplier": "fast"'));
  await expect(page.getByTestId('config-status')).toHaveAttribute('data-status', 'error');
  await expect(stopAndApply).toBeDisabled();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

  await editor.fill(text.replace('"Example Trading Session"', '"Second Session"'));
  await expect(page.getByTestId('config-status')).toHaveText(
    'Valid: session “Second Session”. Apply to put it in force.',
  );
  await expect(stopAndApply).toBeEnabled();
  await page.locator('.config-editor').screenshot({ path: testInfo.outputPath('stop-and-apply.png') });
  await stopAndApply.click();
  await expect(page.getByTestId('config-notice')).toHaveText(
    /^Stopped the session and applied: session “Second Session”. It starts from its first day./,
  );
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByTestId('session-name')).toHaveText('Second Session');
  await expect(stopAndApply).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('a backtest window with no trading day is refused as you type, naming the dates', async ({ page }) => {
  const problems = watchProblems(page);
  await open(page);
  const editor = editorOf(page);
  const text = await editor.inputValue();
  const weekend = text.replace('"2025-07-01"', '"2025-07-05"').replace('"2025-07-03"', '"2025-07-06"');
  await editor.fill(weekend);
  const status = page.getByTestId('config-status');
  await expect(status).toHaveAttribute('data-status', 'error');
  const line = weekend.split('\n').findIndex((l) => l.includes('"start_date"')) + 1;
  await expect(status).toHaveText(
    `line ${line} · backtest_config.start_date: the backtest window "2025-07-05" to "2025-07-06" holds no trading day on the US equity exchange calendar (weekends and exchange holidays are closed; accepted: a window with at least one trading day, such as "2025-07-03" or "2025-07-07")`,
  );
  await expect(button(page, 'Apply')).toBeDisabled();
  await expect(button(page, `Go to line ${line}`)).toBeVisible();
  expect(problems).toEqual([]);
});

test('a JSON error offers Go to line N, which puts the caret on that line in view', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await open(page);
  const editor = editorOf(page);
  const lines = (await editor.inputValue()).split('\n');
  // A slip far down the text, below what the editor shows at once.
  const at = lines.length - 6;
  lines.splice(at, 0, '    oops,');
  await editor.fill(lines.join('\n'));
  const status = page.getByTestId('config-status');
  await expect(status).toHaveAttribute('data-status', 'error');
  const named = Number(/^line (\d+)/.exec((await status.textContent()) ?? '')?.[1]);
  expect(named).toBe(at + 1);
  await editor.evaluate((area) => {
    area.scrollTop = 0;
    (area as HTMLTextAreaElement).setSelectionRange(0, 0);
  });
  await page.locator('main').click({ position: { x: 5, y: 5 } });

  await button(page, `Go to line ${named}`).click();
  await expect(editor).toBeFocused();
  const where = await editor.evaluate((area: HTMLTextAreaElement) => {
    const lineHeight = Number.parseFloat(getComputedStyle(area).lineHeight);
    const caretLine = area.value.slice(0, area.selectionStart).split('\n').length;
    const top = (caretLine - 1) * lineHeight;
    return {
      caretLine,
      atLineStart: area.selectionStart === 0 || area.value[area.selectionStart - 1] === '\n',
      inView: top >= area.scrollTop && top + lineHeight <= area.scrollTop + area.clientHeight,
      scrolled: area.scrollTop > 0,
    };
  });
  expect(where).toEqual({ caretLine: named, atLineStart: true, inView: true, scrolled: true });
  // The gutter follows: the marked line number is on screen too.
  await expect(page.locator('.code-editor__line.is-problem')).toHaveText(String(named));
  await expect(page.locator('.code-editor__line.is-problem')).toBeInViewport();
  await page.locator('.config-editor').screenshot({ path: testInfo.outputPath('go-to-line.png') });
  expect(problems).toEqual([]);
});

test('importing a file pre-fills its symbol from the name, which can still be changed', async ({ page }) => {
  const problems = watchProblems(page);
  await open(page);
  const input = page.getByTestId('import-file-input');
  const symbol = page.getByLabel('Symbol to import for');
  await expect(symbol).toHaveValue('');

  await input.setInputFiles(SAMPLE_CSV);
  await expect(page.getByTestId('import-file-name')).toHaveText('rivn-1m.csv');
  await expect(symbol).toHaveValue('RIVN');

  const csv = Buffer.from(
    'timestamp,open,high,low,close,volume\n2025-07-01T09:30:00-04:00,200,201,199,200.5,1000\n',
  );
  await input.setInputFiles({ name: 'AAPL_1m.csv', mimeType: 'text/csv', buffer: csv });
  await expect(symbol).toHaveValue('AAPL');
  // The user's choice stands, and is the one read.
  await symbol.selectOption('TSLA');
  // A name that names no symbol of the session leaves the choice as it is.
  await input.setInputFiles({ name: '2025-07-01.csv', mimeType: 'text/csv', buffer: csv });
  await expect(page.getByTestId('import-file-name')).toHaveText('2025-07-01.csv');
  await expect(symbol).toHaveValue('TSLA');
  await input.setInputFiles({ name: 'nvda-1m.csv', mimeType: 'text/csv', buffer: csv });
  await expect(page.getByTestId('import-file-name')).toHaveText('nvda-1m.csv');
  await expect(symbol).toHaveValue('TSLA');
  await button(page, 'Read file').click();
  await expect(page.getByTestId('import-report')).toContainText('nvda-1m.csv for TSLA, checked');
  expect(problems).toEqual([]);
});
