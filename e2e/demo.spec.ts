// Demo files against the built app: Save demo in the export panel and the console's system save-demo
// download a page whose tape decodes to the steps asked for, while the running session goes on.
import { gunzipSync } from 'node:zlib';
import { type Download, expect, type Page, test } from '@playwright/test';
import { button, bytesOf, downloadFrom, startPaused, watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 800 } });

const DEFAULT_NAME = /^session_tape_Example_Trading_Session_\d{8}_\d{6}(_\d+)?\.html$/;

/** The tape inside a downloaded demo page: its header and the exports' names. */
async function tapeOf(download: Download) {
  const html = (await bytesOf(download)).toString('utf8');
  expect(html).not.toContain('>__SESSION_TAPE__</script>');
  const base64 = /<script[^>]*id="session-tape"[^>]*>([^<]*)<\/script>/.exec(html)?.[1] ?? '';
  const tape = gunzipSync(Buffer.from(base64, 'base64'));
  const end = tape.indexOf(0x0a);
  return JSON.parse(tape.subarray(0, end).toString('utf8'));
}

const minuteOf = async (page: Page) => (await page.getByTestId('market-time').getAttribute('datetime')) ?? '';

test('Save demo and the console download a demo page of the session so far; the session goes on', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await startPaused(page);
  // The session may run a minute before the pause lands (it does, now that it runs a strategy): three
  // steps from wherever it stopped.
  const paused = Number((await minuteOf(page)).slice(14, 16));
  expect(paused).toBeGreaterThanOrEqual(30);
  expect(paused).toBeLessThanOrEqual(31);
  const last = `2025-07-01T09:${paused + 3}:00`;
  // A step per market minute from 09:30 to the last, both counted.
  const steps = paused + 3 - 30 + 1;
  for (let i = 0; i < 3; i++) await button(page, 'Step').click();
  await expect.poll(() => minuteOf(page)).toBe(last);
  for (const stream of ['ticks', 'quotes'])
    await page.getByRole('checkbox', { name: stream, exact: true }).check();

  const panel = await downloadFrom(page, () => button(page, 'Save demo').click());
  expect(panel.suggestedFilename()).toMatch(DEFAULT_NAME);
  const header = await tapeOf(panel);
  expect(header).toMatchObject({
    format: 'session-tape-demo',
    every_minutes: 1,
    excluded: ['ticks', 'quotes'],
    first_market_time: '2025-07-01T09:30:00',
    last_market_time: last,
  });
  expect(header.entries).toHaveLength(steps);
  await expect(page.getByTestId('demo-saved')).toHaveText(
    new RegExp(
      `^Demo saved: session_tape_.*\\.html \\([\\d.,]+ (KB|MB), ${steps} steps over 1 trading day\\)$`,
    ),
  );

  // While the session runs: the demo ends where it was asked, and the session went on meanwhile.
  await button(page, 'Resume').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  const input = page.getByLabel('Command', { exact: true });
  await input.fill('system save-demo every=2 mine');
  const fromConsole = await downloadFrom(page, () => input.press('Enter'));
  expect(fromConsole.suggestedFilename()).toBe('mine.html');
  const asked = (await tapeOf(fromConsole)).last_market_time;
  await expect.poll(() => minuteOf(page)).not.toBe(asked);
  await expect(page.getByText(/^demo made: mine\.html \(/)).toBeVisible();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING');
  expect(problems).toEqual([]);
});
