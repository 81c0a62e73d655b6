// Exports against the built app: the export panel, the command console, the export history, downloads
// (names and contents), gzip, auto-export, keyboard shortcuts and refused commands.
import { gunzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { type Download, expect, type Page, test } from '@playwright/test';
import {
  applyConfiguration,
  button,
  bytesOf,
  downloadFrom,
  jsonOf,
  recordProgress,
  showTab,
  startPaused,
  watchProblems,
} from './support';

test.use({ viewport: { width: 1280, height: 800 } });

const DEFAULT_NAME = /^system_status_Example_Trading_Session_(complete|delta)_\d{8}_\d{6}(_\d+)?\.json$/;

/** Minutes since the epoch of the market clock (exchange-local ISO read as UTC: only differences matter). */
async function marketMinute(page: Page): Promise<number> {
  const value = await page.getByTestId('market-time').getAttribute('datetime');
  if (value === null) throw new Error('The market clock shows no time.');
  return Date.parse(`${value}Z`) / 60_000;
}

test('complete and delta exports from the panel and the console, with the history', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await startPaused(page);
  const history = page.getByTestId('export-row');
  await showTab(page, 'History & viewer');
  await expect(page.getByText('No exports yet.')).toBeVisible();
  await showTab(page, 'Export');

  // A complete export: the contract's default name, every section.
  const completeDownload = await downloadFrom(page, () => button(page, 'Export complete').click());
  expect(completeDownload.suggestedFilename()).toMatch(DEFAULT_NAME);
  expect(completeDownload.suggestedFilename()).toContain('_complete_');
  const complete = await jsonOf(completeDownload);
  expect(complete._metadata.mode).toBe('complete');
  expect(complete.session_config).toBeDefined();
  expect(Object.keys(complete.session_data.symbols.RIVN.historical.data).length).toBeGreaterThan(0);
  const completeRows = complete.session_data.symbols.RIVN.session.data['1m'].count;
  await expect(history).toHaveCount(1);

  // Three minutes: the Step button, then its two shortcuts.
  const before = await marketMinute(page);
  await button(page, 'Step').click();
  await expect.poll(() => marketMinute(page)).toBe(before + 1);
  await page.keyboard.press('.');
  await expect.poll(() => marketMinute(page)).toBe(before + 2);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => marketMinute(page)).toBe(before + 3);
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');

  // A delta: exactly those three minutes, no historical rows, no session_config.
  const deltaDownload = await downloadFrom(page, () => button(page, 'Export delta').click());
  expect(deltaDownload.suggestedFilename()).toMatch(DEFAULT_NAME);
  expect(deltaDownload.suggestedFilename()).toContain('_delta_');
  const delta = await jsonOf(deltaDownload);
  expect(delta._metadata.mode).toBe('delta');
  expect(delta.session_data.symbols.RIVN.session.data['1m'].count).toBe(3);
  expect(delta.session_data.symbols.RIVN.session.data['1m'].total_count).toBe(completeRows + 3);
  expect(delta.session_data.symbols.RIVN.historical.data).toEqual({});
  expect('session_config' in delta).toBe(false);
  expect(delta._metadata.changed_paths).toContain('session_data.symbols.RIVN.session.data.1m');
  await expect(history).toHaveCount(2);
  await expect(page.getByTestId('size-comparison')).toHaveText(
    /^Last delta [\d.,]+ (B|KB) — [\d.,]+× smaller than the last complete export \([\d.,]+ (KB|MB)\)$/,
  );
  // The newest row is the delta, with the streams it changed listed on expanding.
  await showTab(page, 'History & viewer');
  const deltaRow = history.first();
  await expect(deltaRow).toHaveAttribute('data-mode', 'delta');
  await expect(deltaRow.getByText('#2', { exact: true })).toBeVisible();
  await deltaRow.getByText(/^\d+ streams$/).click();
  await expect(deltaRow.getByText('RIVN 1m', { exact: true })).toBeVisible();

  // The console does the same, under the name given.
  await showTab(page, 'Export');
  const input = page.getByLabel('Command', { exact: true });
  await input.fill('system export-status complete=false console.json');
  const consoleDownload = await downloadFrom(page, () => input.press('Enter'));
  expect(consoleDownload.suggestedFilename()).toBe('console.json');
  const fromConsole = await jsonOf(consoleDownload);
  expect(fromConsole._metadata.mode).toBe('delta');
  expect(fromConsole._metadata.sequence).toBe(3);
  expect(fromConsole.session_data.symbols.RIVN.session.data['1m'].count).toBe(0);
  expect('session_config' in fromConsole).toBe(false);
  await expect(page.getByTestId('console-entry').last()).toContainText('-> console.json');
  await expect(history).toHaveCount(3);

  // Screenshots with some history, light and dark.
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(name), fullPage: true, animations: 'disabled' });
  await shot('exports-light.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('exports-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });

  // Download again from the history: the same name and bytes as the first time.
  await showTab(page, 'History & viewer');
  const completeRow = page.locator('[data-testid="export-row"][data-mode="complete"]');
  await expect(completeRow).toHaveCount(1);
  const again = await downloadFrom(page, () =>
    completeRow.getByRole('button', { name: /^Download / }).click(),
  );
  expect(again.suggestedFilename()).toBe(completeDownload.suggestedFilename());
  expect((await bytesOf(again)).equals(await bytesOf(completeDownload))).toBe(true);

  // Remove the console's export from the history.
  await page.getByRole('button', { name: 'Remove console.json from the history' }).click();
  await expect(history).toHaveCount(2);
  await expect(page.getByText('console.json', { exact: true })).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('gzip, auto-export, and refused commands or exports that change nothing', async ({ page }) => {
  const problems = watchProblems(page);
  await startPaused(page);

  // Gzip: a .json.gz that decompresses to a valid export.
  await page.getByLabel('Compress downloads with gzip').check();
  const gz = await downloadFrom(page, () => button(page, 'Export delta').click());
  expect(gz.suggestedFilename()).toMatch(
    /^system_status_Example_Trading_Session_delta_\d{8}_\d{6}(_\d+)?\.json\.gz$/,
  );
  const unzipped = JSON.parse(gunzipSync(await bytesOf(gz)).toString('utf8'));
  expect(unzipped._metadata.mode).toBe('delta');
  await page.getByLabel('Compress downloads with gzip').uncheck();

  // Auto-export: a delta every second while it is on.
  const autoDownloads: string[] = [];
  const onDownload = (download: Download) => autoDownloads.push(download.suggestedFilename());
  page.on('download', onDownload);
  await button(page, 'Resume').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  const seconds = page.getByLabel('Auto-export interval in seconds');
  await seconds.fill('1');
  await seconds.press('Enter');
  await page.getByLabel('Auto-export a delta every').check();
  await expect(page.getByTestId('auto-export-on')).toBeVisible();
  await expect.poll(() => autoDownloads.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  await page.getByLabel('Auto-export a delta every').uncheck();
  page.off('download', onDownload);
  for (const name of autoDownloads) expect(name).toMatch(/_delta_\d{8}_\d{6}(_\d+)?\.json$/);
  await expect(page.locator('[data-testid="export-row"][data-mode="delta"]')).toHaveCount(
    autoDownloads.length + 1,
  );

  // A bad command: one error line, and the session is as it was.
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  const minute = await marketMinute(page);
  const rows = await page.getByTestId('export-row').count();
  const input = page.getByLabel('Command', { exact: true });
  await input.fill('system frobnicate');
  await input.press('Enter');
  const entry = page.getByTestId('console-entry').last();
  await expect(entry).toHaveAttribute('data-ok', 'false');
  await expect(entry).toContainText('system frobnicate');
  await expect(entry.locator('pre')).toHaveText(
    /^error system: unknown subcommand "frobnicate" \(expected .+\)$/,
  );
  await page.waitForTimeout(500);
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  expect(await marketMinute(page)).toBe(minute);
  await expect(page.getByTestId('export-row')).toHaveCount(rows);

  // A refused export (a consumer name the contract does not accept): one clear line, nothing filed.
  await page.getByLabel('Consumer').fill('not a name');
  await button(page, 'Export delta').click();
  await expect(page.getByTestId('export-error')).toContainText('not a name');
  await expect(page.getByTestId('export-row')).toHaveCount(rows);

  expect(problems).toEqual([]);
});

test('keyboard shortcuts, console history and help', async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto('/');
  const state = page.getByTestId('system-state');
  await expect(state).toHaveText('STOPPED');
  await expect(button(page, 'Start')).toHaveAttribute('aria-keyshortcuts', 'Space');
  await expect(button(page, 'Step')).toHaveAttribute('aria-keyshortcuts', '. ArrowRight');

  // Space starts, pauses and resumes.
  await page.keyboard.press('Space');
  await expect(state).toHaveText('RUNNING');
  await page.keyboard.press('Space');
  await expect(state).toHaveText('PAUSED');
  await page.keyboard.press('Space');
  await expect(state).toHaveText('RUNNING');
  await page.keyboard.press('Space');
  await expect(state).toHaveText('PAUSED');

  // Typing in the console is not a shortcut.
  const input = page.getByLabel('Command', { exact: true });
  const minute = await marketMinute(page);
  await input.fill('');
  await input.pressSequentially('system status. ');
  await page.waitForTimeout(300);
  await expect(state).toHaveText('PAUSED');
  expect(await marketMinute(page)).toBe(minute);

  // help, then the history with ArrowUp / ArrowDown.
  await input.fill('help');
  await input.press('Enter');
  await expect(page.getByTestId('console-entry').last()).toContainText(
    'system export-status complete=true|false',
  );
  await input.fill('system advance 2');
  await input.press('Enter');
  await expect(page.getByTestId('console-entry').last()).toContainText('advanced 2 minutes');
  await expect.poll(() => marketMinute(page)).toBe(minute + 2);
  await input.fill('draft');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('system advance 2');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('help');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('system advance 2');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('draft');

  // A console command that changes the session shows at once in the controls.
  await input.fill('system resume');
  await input.press('Enter');
  await expect(state).toHaveText('RUNNING');

  expect(problems).toEqual([]);
});

/** A session of twelve symbols: enough for a complete export to report its progress symbol by symbol. */
const twelveSymbols = {
  session_name: 'Save Session',
  mode: 'backtest',
  exchange_group: 'US_EQUITY',
  asset_class: 'EQUITY',
  backtest_config: { start_date: '2025-07-01', end_date: '2025-07-01', speed_multiplier: 60 },
  session_data_config: {
    symbols: Array.from({ length: 12 }, (_, i) => `SV${String.fromCharCode(65 + i)}`),
    streams: ['1m', '5m', 'ticks', 'quotes'],
    historical: { enabled: true, data: [{ interval: '1m', trailing_days: 5 }] },
  },
};

const SAVE_NAME = /^system_status_Save_Session_complete_\d{8}_\d{6}(_\d+)?\.json$/;

/** The session configured, started, run a little and paused. */
async function savingSession(page: Page): Promise<void> {
  await applyConfiguration(page, twelveSymbols);
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
}

/** A complete export from the panel, downloaded: what the saved file is compared with. */
async function downloadedComplete(page: Page) {
  return jsonOf(await downloadFrom(page, () => button(page, 'Export complete').click()));
}

test('Save complete to a file: the engine writes the chosen file as the export is made, with progress', async ({
  page,
}) => {
  const problems = watchProblems(page);
  // The save dialog, stubbed: it answers a file of the origin's private file system, which the engine
  // worker writes as a real one (a FileSystemFileHandle, passed to the worker).
  await page.addInitScript(() => {
    const w = window as unknown as { showSaveFilePicker: unknown; suggestedName?: string };
    w.showSaveFilePicker = async (options: { suggestedName: string }) => {
      w.suggestedName = options.suggestedName;
      const root = await navigator.storage.getDirectory();
      return root.getFileHandle('saved-export.json', { create: true });
    };
  });
  await savingSession(page);
  const progress = await recordProgress(page);

  await button(page, 'Save complete to a file…').click();
  await expect(page.getByTestId('saved-file')).toHaveText(
    /^Saved export #1 to saved-export\.json \([\d.,]+ (KB|MB)\)$/,
  );
  expect(await page.evaluate(() => (window as unknown as { suggestedName: string }).suggestedName)).toMatch(
    SAVE_NAME,
  );
  // Progress by symbols, with the bytes made and written.
  const seen = await progress();
  expect(
    seen.some((text) => /^\d+ of 12 symbols · [\d.,]+ (B|KB|MB) · [\d.,]+ (B|KB|MB) written$/.test(text)),
  ).toBe(true);
  // Never filed in the history: its bytes are in the file, not in the page.
  await expect(page.getByTestId('export-row')).toHaveCount(0);

  const text = await page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const file = await (await root.getFileHandle('saved-export.json')).getFile();
    return file.text();
  });
  const saved = JSON.parse(text);
  expect(saved._metadata).toMatchObject({ mode: 'complete', sequence: 1, consumer: 'default' });
  expect(Object.keys(saved.session_data.symbols)).toEqual(twelveSymbols.session_data_config.symbols);
  // It counted: the next export of the consumer follows it, and holds the same session data.
  const next = await downloadedComplete(page);
  expect(next._metadata.sequence).toBe(2);
  expect(saved.session_data).toEqual(next.session_data);
  expect(problems).toEqual([]);
});

test('Save complete to a file without a save dialog downloads the export, built as it arrives', async ({
  page,
}) => {
  const problems = watchProblems(page);
  // A browser without showSaveFilePicker (Firefox, Safari).
  await page.addInitScript(() => {
    Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
  });
  await savingSession(page);
  const progress = await recordProgress(page);

  const download = await downloadFrom(page, () => button(page, 'Save complete to a file…').click());
  expect(download.suggestedFilename()).toMatch(SAVE_NAME);
  await expect(page.getByTestId('saved-file')).toHaveText(
    /^Downloaded export #1 to system_status_Save_Session_complete_\d{8}_\d{6}\.json \([\d.,]+ (KB|MB)\)$/,
  );
  const saved = await jsonOf(download);
  expect(saved._metadata).toMatchObject({ mode: 'complete', sequence: 1 });
  expect((await progress()).some((text) => /of 12 symbols/.test(text))).toBe(true);
  const next = await downloadedComplete(page);
  expect(next._metadata.sequence).toBe(2);
  expect(saved.session_data).toEqual(next.session_data);
  expect(problems).toEqual([]);
});

test('a reload keeps the export options and the speed as set', async ({ page }) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await showTab(page, 'Export');
  await page.getByLabel('Consumer').fill('kept');
  await page.getByRole('checkbox', { name: 'ticks' }).check();
  await page.getByRole('checkbox', { name: 'quotes' }).check();
  await page.getByText('Compact', { exact: true }).click();
  await page.getByLabel('Compress downloads with gzip').check();
  const speed = page.getByTestId('speed-input');
  await speed.fill('600');
  await speed.press('Enter');
  await expect(page.getByText('10 market minutes per second')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await showTab(page, 'Export');
  await expect(page.getByLabel('Consumer')).toHaveValue('kept');
  await expect(page.getByRole('checkbox', { name: 'ticks' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'quotes' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'historical' })).not.toBeChecked();
  await expect(page.getByRole('radio', { name: 'Compact' })).toBeChecked();
  await expect(page.getByLabel('Compress downloads with gzip')).toBeChecked();
  // The speed is the engine's: the new engine was set to it again, as its own snapshot says.
  await expect(speed).toHaveValue('600');

  // The export is made with them: consumer "kept", compact, without ticks and quotes.
  const download = await downloadFrom(page, () => button(page, 'Export complete').click());
  expect(download.suggestedFilename()).toMatch(/\.json\.gz$/);
  await showTab(page, 'History & viewer');
  await expect(page.getByTestId('export-history')).toContainText('kept');
  expect(problems).toEqual([]);
});

/**
 * What sticks out of the history's box, and how far the page scrolls sideways: every cell, button and text
 * of every row must lie within the box, so nothing is clipped or needs a scrollbar.
 */
async function historyOverflow(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector('.history__scroll')?.getBoundingClientRect();
    if (!box) throw new Error('No export history is shown.');
    const out: string[] = [];
    for (const row of document.querySelectorAll<HTMLElement>('[data-testid="export-row"]'))
      for (const el of row.querySelectorAll<HTMLElement>('td, td *')) {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        const clippedInside = el.tagName === 'TD' && el.scrollWidth > el.clientWidth + 1;
        if (rect.left < box.left - 1 || rect.right > box.right + 1 || clippedInside)
          out.push(`${el.tagName.toLowerCase()}.${el.className || '-'} "${el.textContent?.slice(0, 20)}"`);
      }
    const page = document.scrollingElement as HTMLElement;
    return { out: [...new Set(out)], pageWidth: page.scrollWidth, viewport: window.innerWidth };
  });
}

test('the export history fits its pane with nothing clipped, in the tool column and on a phone', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await page.setViewportSize({ width: 1366, height: 860 });
  await startPaused(page);
  await downloadFrom(page, () => button(page, 'Export complete').click());
  await button(page, 'Step').click();
  await downloadFrom(page, () => button(page, 'Export delta').click());
  // A console export with a long name, a consumer of its own and a section left out.
  const input = page.getByLabel('Command', { exact: true });
  await input.fill(
    'system export-status complete=false consumer=research_desk_backfill exclude=threads a_rather_long_file_name_for_the_morning_review_of_the_session.json',
  );
  await downloadFrom(page, () => input.press('Enter'));
  await showTab(page, 'History & viewer');
  await expect(page.getByTestId('export-row')).toHaveCount(3);

  for (const [width, height] of [
    [1366, 860],
    [390, 844],
    [320, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.getByTestId('export-history').scrollIntoViewIfNeeded();
      // Cards skip drawing what is off screen (content-visibility): a frame later, the history is drawn.
      await page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      await page.screenshot({ path: testInfo.outputPath(`history-${width}-${colorScheme}.png`) });
      // The cards are still read as a table, and axe finds nothing serious in them, in either scheme.
      const results = await new AxeBuilder({ page }).include('.history').analyze();
      const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(
        serious.map((v) => v.id),
        `${width} wide, ${colorScheme}`,
      ).toEqual([]);
    }
    const { out, pageWidth, viewport } = await historyOverflow(page);
    expect(out, `${width} wide`).toEqual([]);
    // Nothing on the page runs off its side either (the top bar's buttons wrap at 320).
    expect(pageWidth, `${width} wide`).toBeLessThanOrEqual(viewport);
    await expect(page.getByTestId('export-history').getByRole('columnheader', { name: 'Size' })).toHaveCount(
      1,
    );
    await expect(
      page
        .getByTestId('export-row')
        .first()
        .getByRole('cell', { name: /^Size / }),
    ).toHaveCount(1);
    // Every button of a row can be seen and pressed.
    const row = page.getByTestId('export-row').first();
    await row.scrollIntoViewIfNeeded();
    for (const name of [/^View /, /^Open .+ in replay$/, /^Compare /, /^Download /, /^Remove /])
      await expect(row.getByRole('button', { name })).toBeInViewport({ ratio: 1 });
  }
  expect(problems).toEqual([]);
});
