// Bring your own data, and keep it, against the built app: importing bars (the sample CSV for RIVN, and a
// CSV with bad rows that is cancelled), the session config editor (the original system's format), and what
// IndexedDB keeps across a reload (exports with their bytes, the configuration, the imports), including a
// full quota simulated through the storage layer (`?storage-quota=full`).
import { readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, type Download, expect, type Page, type TestInfo, test } from '@playwright/test';
import { button, bytesOf, command, downloadFrom, type Json, jsonOf, showTab, watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

const SAMPLE_CSV = fileURLToPath(new URL('../samples/rivn-1m.csv', import.meta.url));
const SAMPLE_PARQUET = fileURLToPath(new URL('../samples/rivn-1m.parquet', import.meta.url));
const ORIGINAL_CONFIG = fileURLToPath(
  new URL('../workers/engine/fixtures/original-config.json', import.meta.url),
);

type Row = [string, number, number, number, number, number];

/** The sample's bars of one day as session rows: `["09:30:00", open, high, low, close, volume]`. */
async function csvRowsOf(day: string, path = SAMPLE_CSV): Promise<Row[]> {
  const lines = (await readFile(path, 'utf8')).trim().split('\n').slice(1);
  return lines
    .filter((line) => line.startsWith(day))
    .map((line) => {
      const [time = '', ...values] = line.split(',');
      const [open, high, low, close, volume] = values.map(Number) as [number, number, number, number, number];
      return [time.slice(11, 19), open, high, low, close, volume];
    });
}

async function minuteOfSession(page: Page): Promise<number> {
  const text = (await page.getByTestId('session-progress').textContent()) ?? '';
  // `Day 1 of 3, minute 30 of 390` (a backtest of several days) or `Minute 30 of 390` (one day).
  const match = /(?:^Minute|, minute) (\d+) of (\d+)$/.exec(text.trim());
  if (!match) throw new Error(`No session progress: "${text}"`);
  return Number(match[1]);
}

/** Starts, pauses, and moves the clock to minute `minute` of the first session. */
async function runTo(page: Page, minute: number): Promise<void> {
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  const now = await minuteOfSession(page);
  expect(now).toBeLessThan(minute);
  await command(page, `system advance ${minute - now}`);
  await expect(page.getByTestId('session-progress')).toHaveText(`Day 1 of 3, minute ${minute} of 390`);
}

async function completeExport(page: Page): Promise<{ download: Download; json: Json }> {
  await showTab(page, 'Export');
  const download = await downloadFrom(page, () => button(page, 'Export complete').click());
  return { download, json: await jsonOf(download) };
}

const rivnRows = (json: Json): Row[] => json.session_data.symbols.RIVN.session.data['1m'].data ?? [];

async function importFile(page: Page, file: string | { name: string; buffer: Buffer }, symbol: string) {
  await showTab(page, 'Config & data');
  await page
    .getByTestId('import-file-input')
    .setInputFiles(
      typeof file === 'string' ? file : { name: file.name, mimeType: 'text/csv', buffer: file.buffer },
    );
  await page.getByLabel('Symbol to import for').selectOption(symbol);
  await button(page, 'Read file').click();
  await expect(page.getByTestId('import-report')).toBeVisible();
}

async function shots(page: Page, testInfo: TestInfo, name: string, target = page.locator('main')) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await target.screenshot({ path: testInfo.outputPath(`${name}-${scheme}.png`), animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('imports the sample CSV for RIVN: its prices in the chart and in a complete export, and again after a reload', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  const day = await csvRowsOf('2025-07-01');
  // The sample leaves a few minutes out (gaps), as real data does.
  expect(day.length).toBeGreaterThan(380);
  const firstHalfHour = day.filter(([time]) => time < '10:00:00');
  await page.goto('/');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');

  await importFile(page, SAMPLE_CSV, 'RIVN');
  await expect(page.getByTestId('import-rows-read')).toHaveText('1,366');
  await expect(page.getByTestId('import-bars-kept')).toHaveText('1,366');
  await expect(page.getByTestId('import-bad-count')).toHaveText('0');
  await expect(page.getByTestId('import-dates')).toHaveText(/· 4 days$/);
  await shots(page, testInfo, 'import-report', page.locator('.import-bars'));
  await button(page, 'Import').click();
  await expect(page.getByTestId('import-notice')).toHaveText(
    'RIVN replays its 1,366 imported bars; its ticks and quotes are left out.',
  );
  const set = page.locator('[data-testid="imported-set"][data-symbol="RIVN"]');
  await expect(set).toContainText('rivn-1m.csv');
  await expect(set.getByTestId('imported-set-kept')).toHaveText('kept in this browser');

  // The whole first day: the export's RIVN 1m rows are the CSV's bars of 2025-07-01.
  await runTo(page, 390);
  const { json } = await completeExport(page);
  expect(json.time_manager.current_session.date).toBe('2025-07-01');
  expect(rivnRows(json)).toEqual(day);
  // And the chart's symbol table and legend show the last bar's prices.
  const row = page.locator('[data-testid="symbol-row"][data-symbol="RIVN"]');
  await expect(row.getByTestId('symbol-last')).toHaveText('11.91');
  await row.click();
  await expect(page.getByTestId('chart-legend')).toContainText('C 11.91');
  await shots(page, testInfo, 'imported-session');
  await showTab(page, 'Config & data');
  await shots(page, testInfo, 'imported-sets', page.locator('.import-bars'));
  await shots(page, testInfo, 'storage', page.locator('.storage-panel'));

  // After a reload the data set is imported again from the browser, with no file chosen.
  await page.reload();
  await expect(page.getByTestId('restore-status')).toContainText('RIVN bars from rivn-1m.csv');
  await expect(set.getByTestId('imported-set-kept')).toHaveText('kept in this browser');
  await runTo(page, 30);
  const again = await completeExport(page);
  expect(rivnRows(again.json)).toEqual(firstHalfHour);

  // Back to generated data: the next start replays the generator's bars.
  await button(page, 'Stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await showTab(page, 'Config & data');
  await page.getByRole('button', { name: 'Use generated data for RIVN' }).click();
  await expect(page.getByTestId('imported-sets')).toHaveCount(0);
  await runTo(page, 30);
  const generated = await completeExport(page);
  expect(rivnRows(generated.json)).toHaveLength(30);
  expect(rivnRows(generated.json)).not.toEqual(firstHalfHour);
  await page.reload();
  await showTab(page, 'Config & data');
  await expect(page.getByText('Every symbol replays generated data.')).toBeVisible();
  expect(problems).toEqual([]);
});

async function generatorRows(browser: Browser, minute: number): Promise<Row[]> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/');
  await runTo(page, minute);
  const { json } = await completeExport(page);
  await context.close();
  return rivnRows(json);
}

test('a CSV with bad rows lists them by line; Cancel leaves the session as it was', async ({
  page,
  browser,
}, testInfo) => {
  const problems = watchProblems(page);
  const lines = (await readFile(SAMPLE_CSV, 'utf8')).split('\n');
  lines[3] = lines[3]?.replace(/,12\.\d+,/, ',oops,') ?? '';
  lines[6] = '2025-06-30T09:35:00-04:00,12.4,12.3,12.5,12.4,100';
  lines[9] = 'yesterday,1,1,1,1,1';
  const broken = { name: 'rivn-broken.csv', buffer: Buffer.from(lines.join('\n')) };

  await page.goto('/');
  await importFile(page, broken, 'RIVN');
  await expect(page.getByTestId('import-bad-count')).toHaveText('3');
  await expect(page.getByTestId('import-bars-kept')).toHaveText('1,363');
  const bad = page.getByTestId('bad-row');
  await expect(bad).toHaveCount(3);
  await expect(bad.nth(0)).toHaveAttribute('data-line', '4');
  await expect(bad.nth(0)).toContainText('oops');
  await expect(bad.nth(1)).toHaveAttribute('data-line', '7');
  await expect(bad.nth(1)).toContainText('high');
  await expect(bad.nth(2)).toHaveAttribute('data-line', '10');
  await expect(bad.nth(2)).toContainText('"yesterday" is not a timestamp');
  await expect(button(page, 'Skip bad rows and import')).toBeEnabled();
  await shots(page, testInfo, 'bad-rows', page.locator('.import-bars'));

  await button(page, 'Cancel').click();
  await expect(page.getByTestId('import-notice')).toHaveText(
    'rivn-broken.csv: import cancelled; nothing changed.',
  );
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  await expect(page.getByText('Every symbol replays generated data.')).toBeVisible();

  // The session is the generator's: the same rows as a page that never imported anything.
  await runTo(page, 20);
  const rows = rivnRows((await completeExport(page)).json);
  expect(rows).toHaveLength(20);
  expect(rows).toEqual(await generatorRows(browser, 20));
  expect(rows).not.toEqual((await csvRowsOf('2025-07-01')).slice(0, 20));
  expect(problems).toEqual([]);
});

test('exports made before a reload are listed and downloadable after it; a full quota loses nothing', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await runTo(page, 5);
  const complete = await completeExport(page);
  const delta = await downloadFrom(page, () => button(page, 'Export delta').click());
  await expect(page.getByTestId('export-row')).toHaveCount(2);
  await expect(page.getByTestId('storage-facts')).toContainText('2 exports with their bytes');

  await page.reload();
  const rows = page.getByTestId('export-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('storage-facts')).toContainText('2 exports with their bytes');
  const completeRow = page.locator('[data-testid="export-row"][data-mode="complete"]');
  await showTab(page, 'History & viewer');
  const again = await downloadFrom(page, () =>
    completeRow.getByRole('button', { name: /^Download / }).click(),
  );
  expect(again.suggestedFilename()).toBe(complete.download.suggestedFilename());
  expect((await bytesOf(again)).equals(await bytesOf(complete.download))).toBe(true);
  const deltaRow = page.locator('[data-testid="export-row"][data-mode="delta"]');
  const deltaAgain = await downloadFrom(page, () =>
    deltaRow.getByRole('button', { name: /^Download / }).click(),
  );
  expect((await bytesOf(deltaAgain)).equals(await bytesOf(delta))).toBe(true);

  // The storage is full: the new export is still downloaded and listed, the user is told it was not kept.
  await page.goto('/?storage-quota=full');
  await expect(rows).toHaveCount(2);
  await runTo(page, 3);
  const refused = await completeExport(page);
  expect(refused.json._metadata.mode).toBe('complete');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('storage-notice')).toContainText(
    `Could not keep the export ${refused.download.suggestedFilename()} in this browser: its storage is full.`,
  );
  await expect(page.getByTestId('storage-facts')).toContainText('2 exports with their bytes');
  await expect(page.getByTestId('storage-facts')).toContainText('1 not kept');
  await showTab(page, 'History & viewer');
  const newest = rows.first();
  const refusedAgain = await downloadFrom(page, () =>
    newest.getByRole('button', { name: /^Download / }).click(),
  );
  expect((await bytesOf(refusedAgain)).equals(await bytesOf(refused.download))).toBe(true);
  await showTab(page, 'Config & data');
  await shots(page, testInfo, 'quota', page.locator('.storage-panel'));

  // Nothing stored was damaged: after a reload the two earlier exports are there, byte for byte.
  await page.goto('/');
  await expect(rows).toHaveCount(2);
  await showTab(page, 'History & viewer');
  const last = await downloadFrom(page, () =>
    completeRow.getByRole('button', { name: /^Download / }).click(),
  );
  expect((await bytesOf(last)).equals(await bytesOf(complete.download))).toBe(true);

  // Old exports can be deleted, from the history and the browser.
  await showTab(page, 'Config & data');
  await page.locator('.storage-panel select').selectOption({ label: 'all (2)' });
  await page.locator('.storage-panel').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(rows).toHaveCount(0);
  // The deletions are IndexedDB transactions of their own: wait until the browser's store holds none.
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('session-tape');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const count = open.result.transaction('exports').objectStore('exports').count();
              count.onsuccess = () => {
                resolve(count.result);
                open.result.close();
              };
            };
          }),
      ),
    )
    .toBe(0);
  await page.reload();
  await showTab(page, 'History & viewer');
  await expect(page.getByText('No exports yet.')).toBeVisible();
  expect(problems).toEqual([]);
});

test('the original-format configuration loads unchanged, lists its ignored sections, applies and is kept', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await showTab(page, 'Config & data');
  await expect(page.getByTestId('session-name')).toHaveText('Example Trading Session');
  const status = page.getByTestId('config-status');
  await expect(status).toHaveText('In force: session “Example Trading Session”.');

  await page.getByTestId('config-file-input').setInputFiles(ORIGINAL_CONFIG);
  await expect(page.getByLabel('Session configuration (JSON)')).toHaveValue(
    await readFile(ORIGINAL_CONFIG, 'utf8'),
  );
  await expect(status).toHaveText('Valid: session “Original Format Example”. Apply to put it in force.');
  await expect(page.getByTestId('config-ignored')).toHaveText(
    /^kept, not used: session_data_config\.streaming, .*session_data_config\.gap_filler$/,
  );
  await expect(page.getByTestId('config-origin')).toHaveText('edited · from original-config.json');

  // Typing a mistake: the field and the reason, as you type.
  const editor = page.getByLabel('Session configuration (JSON)');
  const text = await editor.inputValue();
  await editor.fill(text.replace('"speed_multiplier": 60.0', '"speed_multiplier": "fast"'));
  await expect(status).toHaveAttribute('data-status', 'error');
  await expect(status).toContainText('backtest_config.speed_multiplier');
  await expect(button(page, 'Apply')).toBeDisabled();
  await shots(page, testInfo, 'config-error', page.locator('.config-editor'));
  await editor.fill(text);
  await expect(status).toHaveText('Valid: session “Original Format Example”. Apply to put it in force.');

  // Refused while a session runs, with the engine's message.
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  await button(page, 'Apply').click();
  await expect(page.getByTestId('config-notice')).toHaveText(
    /the session is RUNNING; stop it before changing/,
  );
  await expect(page.getByTestId('session-name')).toHaveText('Example Trading Session');
  await button(page, 'Stop').click();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');

  await button(page, 'Apply').click();
  await expect(page.getByTestId('session-name')).toHaveText('Original Format Example');
  await expect(page.getByTestId('config-notice')).toContainText('Applied: session “Original Format Example”');
  await expect(status).toHaveText('In force: session “Original Format Example”.');
  // Its indicators (vwap and rsi) are used, not kept aside.
  await expect(page.getByTestId('config-ignored')).toContainText('session_data_config.gap_filler');
  await expect(page.getByTestId('config-ignored')).not.toContainText('indicators');
  await shots(page, testInfo, 'config-applied', page.locator('.config-editor'));

  // Save downloads the JSON; a reload applies it again.
  const saved = await downloadFrom(page, () => button(page, 'Save').click());
  expect(saved.suggestedFilename()).toBe('session_config_Original_Format_Example.json');
  expect((await jsonOf(saved)).session_name).toBe('Original Format Example');
  await page.reload();
  await expect(page.getByTestId('session-name')).toHaveText('Original Format Example');
  await expect(page.getByTestId('restore-status')).toContainText('configuration “Original Format Example”');

  // Reset to default puts the built-in configuration in the editor; Apply puts it in force.
  await button(page, 'Reset to default').click();
  await expect(status).toHaveText('Valid: session “Example Trading Session”. Apply to put it in force.');
  await button(page, 'Apply').click();
  await expect(page.getByTestId('session-name')).toHaveText('Example Trading Session');
  expect(problems).toEqual([]);
});

test('Parquet reads to the same report; a large file shows its progress and Cancel stops it', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await importFile(page, SAMPLE_PARQUET, 'RIVN');
  await expect(page.getByTestId('import-rows-read')).toHaveText('1,366');
  await expect(page.getByTestId('import-bars-kept')).toHaveText('1,366');
  await expect(page.getByTestId('import-dates')).toHaveText(/· 4 days$/);
  await button(page, 'Cancel').click();
  await expect(page.getByTestId('import-notice')).toHaveText(
    'rivn-1m.parquet: import cancelled; nothing changed.',
  );

  // About 150 MB: the sample's rows over and over (after the first copy, each row is a bad row).
  const sample = await readFile(SAMPLE_CSV, 'utf8');
  const body = sample.slice(sample.indexOf('\n') + 1);
  const big = testInfo.outputPath('big.csv');
  await writeFile(
    big,
    `timestamp,open,high,low,close,volume\n${body.repeat(Math.ceil(150e6 / body.length))}`,
  );
  await page.getByTestId('import-file-input').setInputFiles(big);
  await button(page, 'Read file').click();
  const progress = page.getByTestId('import-progress');
  await expect(progress).toBeVisible();
  await expect(progress).toContainText(/Reading big\.csv…\s*[1-9]\d*%/);
  await shots(page, testInfo, 'import-progress', page.locator('.import-bars'));
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-notice')).toHaveText('Reading stopped; nothing changed.');
  await expect(progress).toHaveCount(0);
  await expect(page.getByText('Every symbol replays generated data.')).toBeVisible();
  await rm(big);
  expect(problems).toEqual([]);
});

test('a data set whose symbol a new configuration drops stays kept, waits across a reload, and replays when the symbol is back', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await importFile(page, SAMPLE_CSV, 'TSLA');
  await button(page, 'Import').click();
  const set = page.locator('[data-testid="imported-set"][data-symbol="TSLA"]');
  await expect(set.getByTestId('imported-set-kept')).toHaveText('kept in this browser');

  // The original format's configuration has RIVN and AAPL only.
  await page.getByTestId('config-file-input').setInputFiles(ORIGINAL_CONFIG);
  await button(page, 'Apply').click();
  await expect(page.getByTestId('import-notice')).toHaveText(
    'TSLA: not a symbol of this configuration; the imported bars stay kept in this browser and replay again once a configuration with it is applied.',
  );
  await expect(set.getByTestId('imported-set-waiting')).toHaveText(
    'not in this configuration: replays again once TSLA is back',
  );
  await expect(page.getByRole('button', { name: 'Delete the kept bars of TSLA' })).toBeVisible();
  await shots(page, testInfo, 'imported-set-waiting', page.locator('.import-bars'));

  await page.reload();
  await expect(page.getByTestId('restore-status')).toContainText('configuration “Original Format Example”');
  await expect(set.getByTestId('imported-set-waiting')).toBeVisible();

  await button(page, 'Reset to default').click();
  await button(page, 'Apply').click();
  await expect(page.getByTestId('restore-status')).toHaveText(
    'Imported again from this browser: TSLA bars from rivn-1m.csv.',
  );
  await expect(set.getByTestId('imported-set-waiting')).toHaveCount(0);
  await runTo(page, 30);
  const { json } = await completeExport(page);
  const tsla: Row[] = json.session_data.symbols.TSLA.session.data['1m'].data;
  expect(tsla).toEqual((await csvRowsOf('2025-07-01')).filter(([time]) => time < '10:00:00'));
  expect(problems).toEqual([]);
});
