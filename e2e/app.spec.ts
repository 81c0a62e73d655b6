// The first page against the built app: the engine runs in its worker and its market clock moves.
// Set UPDATE_SCREENSHOT=1 to also refresh docs/screenshot.png (the light theme, 1280x800, while running).
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { failWorkerLoad } from './support';

test.use({ viewport: { width: 1280, height: 800 } });

const DOCS_SCREENSHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));

/** The market time as the engine sent it (exchange-local ISO without offset), from the clock's `datetime`. */
async function marketTime(page: Page): Promise<string> {
  const value = await page.getByTestId('market-time').getAttribute('datetime');
  if (value === null) throw new Error('The market clock shows no time.');
  return value;
}

/** Minutes since the epoch of an exchange-local ISO time; only differences matter, so it is read as UTC. */
const minutesOf = (iso: string): number => Date.parse(`${iso}Z`) / 60_000;

test('starts the engine in a worker and shows its market clock moving', async ({ page }, testInfo) => {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const state = page.getByTestId('system-state');

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Session Tape' })).toBeVisible();
  await expect(page.getByTestId('session-name')).toHaveText('Example Trading Session');
  await expect(state).toHaveText('STOPPED');
  await expect(button('Start')).toBeEnabled();
  for (const name of ['Pause', 'Resume', 'Step', 'Stop']) await expect(button(name)).toBeDisabled();
  await expect(page.getByTestId('speed-input')).toHaveValue('60');

  // Start: the first session opens at 09:30 ET and the clock moves on its own.
  await button('Start').click();
  await expect(state).toHaveText('RUNNING');
  await expect(page.getByTestId('market-time')).toHaveAttribute('datetime', /^2025-07-01T09:3\d/);
  await expect(page.getByTestId('market-time')).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
  await expect(page.getByTestId('session-progress')).toHaveText(/^Day 1 of 3, minute \d+ of 390$/);
  const started = await marketTime(page);
  await expect.poll(() => marketTime(page), { timeout: 10_000 }).not.toBe(started);
  expect(minutesOf(await marketTime(page))).toBeGreaterThan(minutesOf(started));

  // Screenshots of the running page, light then dark (the dark one only to look at).
  await page.screenshot({ path: testInfo.outputPath('running-light.png'), animations: 'disabled' });
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: DOCS_SCREENSHOT, animations: 'disabled' });
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lightBackground = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).not.toBe(lightBackground);
  await page.screenshot({ path: testInfo.outputPath('running-dark.png'), animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'light' });

  // Pause: the clock stands still.
  await button('Pause').click();
  await expect(state).toHaveText('PAUSED');
  await expect(button('Resume')).toBeEnabled();
  const paused = await marketTime(page);
  await page.waitForTimeout(1_200);
  expect(await marketTime(page)).toBe(paused);

  // Step: exactly one market minute, and no more.
  await button('Step').click();
  await expect.poll(async () => minutesOf(await marketTime(page))).toBe(minutesOf(paused) + 1);
  await page.waitForTimeout(500);
  expect(minutesOf(await marketTime(page))).toBe(minutesOf(paused) + 1);
  await expect(state).toHaveText('PAUSED');

  // The speed multiplier is editable and the engine takes it.
  const speed = page.getByTestId('speed-input');
  await speed.fill('120');
  await speed.press('Enter');
  await expect(page.getByText('2 market minutes per second')).toBeVisible();
  await expect(speed).toHaveValue('120');

  // Stop.
  await button('Stop').click();
  await expect(state).toHaveText('STOPPED');
  await expect(button('Start')).toBeEnabled();

  await expect(page.getByTestId('worker-error')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('offers a restart when the engine worker cannot run', async ({ page }) => {
  // The worker script fails to load: the client must notice (Comlink alone would wait forever).
  const engineLoad = await failWorkerLoad(page, 'engine');
  await page.goto('/');
  const banner = page.getByTestId('worker-error');
  await expect(banner).toContainText('The engine stopped working');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toHaveCount(0);

  await engineLoad.allow();
  await banner.getByRole('button', { name: 'Restart engine' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('session-name')).toHaveText('Example Trading Session');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(page.getByRole('button', { name: 'Start', exact: true })).toBeEnabled();
});
