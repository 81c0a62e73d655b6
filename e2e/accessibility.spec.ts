// Accessibility of the whole page, checked by axe-core in both colour schemes and in each state a person
// meets: a session stopped, one running (paused for the check, so that the page holds still), an export open
// in the viewer, and every tool tab shown (the configuration editor and import panel, Open exports). Serious and critical violations
// fail the test; the others are listed in an annotation. Also: every landmark and region has a name of its
// own, and each chart a text alternative.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { button, showTab, type ToolTab, watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

/** The workbench tab each checked panel sits on (the live charts are in the main pane, on no tab). */
const TAB_OF: Record<string, ToolTab | null> = {
  'Session configuration': 'Config & data',
  'Import bars': 'Config & data',
  'Export viewer': 'History & viewer',
  'Open exports': 'Open exports',
  'Live charts': null,
};

/** Brings a panel of the page into view by its region's name: its tab shown, then scrolled to. */
async function showPanel(page: Page, name: string): Promise<void> {
  const tab = TAB_OF[name];
  if (tab) await showTab(page, tab);
  const panel = page.getByRole('region', { name, exact: true });
  await panel.scrollIntoViewIfNeeded();
  await expect(panel).toBeInViewport();
}

/**
 * Runs axe on the whole page. Serious and critical violations fail, each with its rule, help and elements;
 * the rest are reported in an annotation on the test.
 */
async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, state: string): Promise<void> {
  // The page as it settles, not a frame of a fade: a button just enabled is still fading in for 120 ms, and
  // axe would judge its colours half way. Endless animations (spinners) are left running.
  // At most a second: an animation held by the page (paused, or off screen) need not finish.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime ?? Number.POSITIVE_INFINITY))
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 1_000)),
    ]),
  );
  const results = await new AxeBuilder({ page }).analyze();
  const describe = (v: (typeof results.violations)[number]) =>
    `${v.id} (${v.impact}): ${v.help}\n${v.nodes
      .slice(0, 8)
      .map((n) => `  ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`)
      .join('\n')}`;
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = results.violations.filter((v) => !serious.includes(v));
  if (minor.length > 0)
    testInfo.annotations.push({
      type: `axe: minor violations, ${state}`,
      description: minor.map(describe).join('\n'),
    });
  // Soft: one run lists what every state has, not only the first.
  expect.soft(serious.map(describe), `serious or critical violations, ${state}`).toEqual([]);
}

/** The landmarks and regions of the page as a screen reader lists them: role and name. */
async function landmarks(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const found: string[] = [];
  for (const line of snapshot.split('\n')) {
    const match =
      /^\s*- (banner|main|navigation|complementary|contentinfo|region|form|search)(?=[\s:]|$)(?: "(.*?)")?/.exec(
        line,
      );
    if (match) found.push(`${match[1]} "${match[2] ?? ''}"`);
  }
  return found;
}

async function startRunningThenPause(page: Page): Promise<void> {
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING', { timeout: 30_000 });
  await expect(page.getByTestId('chart-candle-count')).not.toHaveText('0');
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
}

for (const colorScheme of ['light', 'dark'] as const)
  test.describe(`the ${colorScheme} scheme`, () => {
    test.use({ colorScheme });
    // Four full-page checks and a session started on a shared 2-core machine.
    test.setTimeout(150_000);

    test(`axe finds no serious violation, stopped, running, in the viewer, and in the editors (${colorScheme})`, async ({
      page,
    }, testInfo) => {
      const problems = watchProblems(page);
      await page.goto('/');
      await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
      await expectNoSeriousViolations(page, testInfo, 'stopped');

      await showPanel(page, 'Session configuration');
      await expect(page.getByTestId('config-origin')).toHaveText('in force');
      await expect(button(page, 'Apply')).toBeEnabled();
      await showPanel(page, 'Import bars');
      await expectNoSeriousViolations(page, testInfo, 'configuration editor and import panel in view');
      await showPanel(page, 'Open exports');
      await expectNoSeriousViolations(page, testInfo, 'the Open exports tab');
      await showTab(page, 'Export');

      await startRunningThenPause(page);
      await showPanel(page, 'Live charts');
      await expectNoSeriousViolations(page, testInfo, 'running, paused for the check');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        button(page, 'Export complete').click(),
      ]);
      const fileName = download.suggestedFilename();
      await showTab(page, 'History & viewer');
      await page.getByRole('button', { name: `View ${fileName}`, exact: true }).click();
      await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
      await showPanel(page, 'Export viewer');
      // A stream open, so that its rows table is checked too.
      const tree = page.getByRole('tree', { name: 'Export tree' });
      for (const path of ['RIVN', 'RIVN.historical', 'RIVN.historical.data', 'RIVN.historical.data.1m']) {
        const row = tree.locator(`[data-path="session_data.symbols.${path}"]`);
        await row.click();
        await expect(row).toHaveAttribute('aria-expanded', 'true');
      }
      const rows = page.locator(
        '[data-testid="rows-table"][data-path="session_data.symbols.RIVN.historical.data.1m.data"]',
      );
      await expect(rows.getByTestId('rows-row').first().locator('td').first()).not.toBeEmpty();
      await expectNoSeriousViolations(page, testInfo, 'an export open in the viewer');

      // The viewer's tools in use: the rows sorted by a column and filtered, then a node's raw text shown.
      const close = rows.getByRole('columnheader', { name: 'close' });
      await close.getByRole('button').click();
      await expect(close).toHaveAttribute('aria-sort', 'ascending');
      await rows.getByRole('searchbox').fill('volume > 0');
      await rows.getByRole('searchbox').press('Enter');
      // The footer of a filtered table ("N of M rows · …"), not the unfiltered "Rows 1–12 of M".
      await expect(rows.getByTestId('rows-range')).toHaveText(/^[\d,]+ of [\d,]+ rows · /);
      await expectNoSeriousViolations(page, testInfo, 'rows sorted and filtered');
      await tree.locator('[data-path="session_data.symbols.RIVN"]').focus();
      await button(page, 'Raw').click();
      await expect(page.getByTestId('raw-text')).toContainText('"session"');
      await expectNoSeriousViolations(page, testInfo, "a node's raw text");
      await page.screenshot({ path: testInfo.outputPath(`page-${colorScheme}.png`), fullPage: true });
      expect(problems).toEqual([]);
    });
  });

test('every landmark and region has a name of its own, with the live charts and a replay both shown', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await startRunningThenPause(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    button(page, 'Export complete').click(),
  ]);
  await showTab(page, 'History & viewer');
  await page
    .getByRole('button', { name: `Open ${download.suggestedFilename()} in replay`, exact: true })
    .click();
  await expect(page.getByTestId('session-view-offline').getByTestId('chart-candle-count')).not.toHaveText(
    '0',
  );

  const found = await landmarks(page);
  expect(found).toContain('main "Session"');
  expect(found).toContain('complementary "Tools"');
  const named = found.filter((l) => l !== 'banner ""');
  expect(
    named.filter((l) => l.endsWith('""')),
    'landmarks with no name',
  ).toEqual([]);
  const repeated = named.filter((l, i) => named.indexOf(l) !== i);
  expect(repeated, `landmarks named alike, among: ${named.join(', ')}`).toEqual([]);
});

test('each chart has a summary in words: its last bar once paused, another series at once, and a paced pace', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  const speed = page.getByTestId('speed-input');
  await speed.fill('600');
  await speed.press('Enter');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText('RUNNING', { timeout: 30_000 });
  const live = page.getByTestId('session-view-live');
  const chart = page.getByRole('region', { name: 'Live chart', exact: true });
  const count = live.getByTestId('chart-candle-count');
  await expect(count).not.toHaveText('0');

  // Running: the chart takes in bars several times a second, and its summary changes at most every 5 s.
  // Watched in the page for 12 s: when the summary changed, and how often the bar count did.
  const watched = await chart.evaluate(async (region) => {
    const summary = document.getElementById(region.getAttribute('aria-describedby') ?? '');
    const counter = region.querySelector('[data-testid="chart-candle-count"]');
    const changes: number[] = [];
    let counts = 0;
    const summaryWatch = new MutationObserver(() => changes.push(performance.now()));
    const countWatch = new MutationObserver(() => counts++);
    if (summary) summaryWatch.observe(summary, { childList: true, characterData: true, subtree: true });
    if (counter) countWatch.observe(counter, { childList: true, characterData: true, subtree: true });
    await new Promise((resolve) => setTimeout(resolve, 12_000));
    summaryWatch.disconnect();
    countWatch.disconnect();
    return { changes, counts };
  });
  expect(watched.counts, 'the chart took in bars while the summary was watched').toBeGreaterThan(10);
  expect(watched.changes.length, 'the summary followed the replay').toBeGreaterThan(0);
  const gaps = watched.changes.slice(1).map((at, i) => at - (watched.changes[i] ?? 0));
  for (const gap of gaps)
    expect(gap, `time between changes of the summary: ${gaps.join(', ')} ms`).toBeGreaterThan(4_900);

  // Paused: the summary ends on the chart's last bar, as the legend shows it.
  await button(page, 'Pause').click();
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  // The last read after the pause may still come: legend and summary are compared until both hold still.
  const legend = live.getByTestId('chart-legend');
  const n = (v: number) => v.toLocaleString('en-US');
  let symbol: string | null = null;
  await expect(async () => {
    const values = await legend.locator('.chart-legend__values b').allTextContents();
    symbol = await count.getAttribute('data-symbol');
    const candles = Number((await count.textContent())?.replace(/,/g, ''));
    const history = Number((await live.getByTestId('chart-history-count').textContent())?.replace(/,/g, ''));
    const time = await live.getByTestId('chart-legend-time').textContent();
    const expected =
      `${symbol} 1m chart: ${n(candles)} bars shown, ${n(history)} of them history. Last bar ${time}: ` +
      `open ${values[0]}, high ${values[1]}, low ${values[2]}, close ${values[3]}, volume ${values[4]}.`;
    // Then the strategy's markers and the equity, when there are any.
    const summary = await chart.evaluate(
      (region) => document.getElementById(region.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(summary.startsWith(expected), `${summary}\ndoes not start with\n${expected}`).toBe(true);
  }).toPass({ timeout: 15_000 });

  // Another interval, then another at once: each is told without waiting for the pace.
  await live.getByTestId('interval-button').filter({ hasText: /^5m$/ }).click();
  await expect(chart).toHaveAccessibleDescription(new RegExp(`^${symbol} 5m chart: `), { timeout: 2_000 });
  await live.getByTestId('interval-button').filter({ hasText: /^15m$/ }).click();
  await expect(chart).toHaveAccessibleDescription(new RegExp(`^${symbol} 15m chart: `), { timeout: 2_000 });
});
