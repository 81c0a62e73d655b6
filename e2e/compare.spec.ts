// Compare against the built app: exports made in a running session are compared from the history (a delta
// with the complete export it follows, two completes at different times, an export with itself), and what a
// person sees is checked against the downloaded files: the counters that changed, the rows each stream gains,
// the added rows themselves, and a path that opens in the viewer. Also: axe on the panel with a comparison
// shown, light and dark, wide and on a phone.
import { writeFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { button, exportFromPanel, type Json, showTab, startPaused, watchProblems } from './support';

test.use({ viewport: { width: 1366, height: 860 } });

const RIVN_1M = 'session_data.symbols.RIVN.session.data.1m';
const BARS = 'performance_metrics.counters.bars_processed';
const count = (n: number) => n.toLocaleString('en-US');
const streamOf = (doc: Json) => doc.session_data.symbols.RIVN.session.data['1m'];

/** Picks, in side A's or B's list, the history's export of that sequence and mode. */
/** Steps the paused session `times` minutes on. */
async function step(page: Page, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await button(page, 'Step').click();
}

/** "Compare" on an export's history row, and the comparison done. */
async function compareFromHistory(page: Page, fileName: string): Promise<void> {
  await showTab(page, 'History & viewer');
  await page.getByRole('button', { name: `Compare ${fileName} with…`, exact: true }).click();
  await expect(page.getByTestId('compare')).toHaveAttribute('data-status', 'done');
}

async function pick(page: Page, side: 'A (before)' | 'B (after)', doc: Json): Promise<void> {
  const select = page.getByLabel(side);
  const option = select.locator('option', { hasText: `#${doc._metadata.sequence} ${doc._metadata.mode} ` });
  await select.selectOption((await option.getAttribute('value')) as string);
}

test('a delta compared with the complete export it follows, then two completes, then one export with itself', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await step(page);
  const first = await exportFromPanel(page, 'Export complete');
  await step(page, 2);
  const delta = await exportFromPanel(page, 'Export delta');
  await step(page);
  const second = await exportFromPanel(page, 'Export complete');

  // "Compare" on the delta's history row, by keyboard: A is the complete export the delta follows.
  await showTab(page, 'History & viewer');
  const compareDelta = page.getByRole('button', { name: `Compare ${delta.fileName} with…`, exact: true });
  await compareDelta.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('compare');
  await expect(panel).toHaveAttribute('data-status', 'done');
  await expect(page.getByLabel('A (before)')).toBeFocused();
  await expect(page.getByTestId('compare-side-a')).toContainText(first.fileName);
  await expect(page.getByTestId('compare-side-b')).toContainText(delta.fileName);
  await expect(page.getByTestId('compare-notes')).toContainText(
    `B is the delta that follows A (#${delta.doc._metadata.sequence} since #${first.doc._metadata.sequence})`,
  );

  // The bars counter: A's value, B's value marked as differing, and the change with its sign.
  const barsA = first.doc.performance_metrics.counters.bars_processed as number;
  const barsB = delta.doc.performance_metrics.counters.bars_processed as number;
  expect(barsB).toBeGreaterThan(barsA);
  const bars = page.locator(`[data-testid="compare-value"][data-path="${BARS}"]`);
  await expect(bars.locator('td').nth(0)).toHaveText(String(barsA));
  await expect(bars.locator('td').nth(1)).toHaveText(`≠ ${barsB}`);
  await expect(bars.locator('td').nth(1)).toHaveClass(/compare__value--changed/);
  await expect(bars.locator('td').nth(2)).toContainText(`▲ +${count(barsB - barsA)} (+`);

  // The 1m stream: every row of the delta is added, and the delta holds exactly them.
  const aStream = streamOf(first.doc);
  const dStream = streamOf(delta.doc);
  const added = dStream.total_count - aStream.total_count;
  expect(added).toBe(dStream.count);
  const row1m = page.locator(`[data-testid="compare-stream"][data-path="${RIVN_1M}"]`);
  await expect(row1m.locator('td').nth(0)).toHaveText(count(aStream.count));
  await expect(row1m.locator('td').nth(1)).toHaveText(
    `${count(dStream.count)} of ${count(dStream.total_count)}`,
  );
  await expect(row1m.locator('td').nth(2)).toHaveText(`+${count(added)}`);

  // The summary counts every stream's added rows as the files do.
  const streams = (doc: Json) => {
    const all: Json[] = [];
    for (const symbol of Object.values(doc.session_data.symbols) as Json[])
      all.push(...(Object.values(symbol.session.data) as Json[]));
    return all;
  };
  const sessionRowsAdded = streams(delta.doc).reduce((sum, s) => sum + s.count, 0);
  await expect(page.getByTestId('compare-summary')).toContainText(/rows added across \d+ streams/);
  const summary = (await page.getByTestId('compare-summary').textContent()) ?? '';
  const addedInSummary = Number(/([\d,]+) rows added/.exec(summary)?.[1]?.replaceAll(',', ''));
  expect(addedInSummary).toBeGreaterThanOrEqual(sessionRowsAdded);

  // The added rows, in a table: the delta's own rows, numbered by their place in the stream.
  await row1m.getByRole('button', { name: `Show rows B adds to ${RIVN_1M}` }).click();
  const rows = page.getByTestId('compare-rows').getByTestId('compare-added-row');
  await expect(rows).toHaveCount(added);
  await expect(rows.first().locator('td').nth(0)).toHaveText(`+${count(aStream.total_count + 1)}`);
  await expect(rows.first().locator('td').nth(1)).toHaveText(dStream.data[0][0]);

  // Two completes at different times, chosen in the pickers: the rows the later one adds by position.
  await pick(page, 'A (before)', first.doc);
  await pick(page, 'B (after)', second.doc);
  await button(page, 'Compare').click();
  await expect(page.getByTestId('compare-side-b')).toContainText(second.fileName);
  const sStream = streamOf(second.doc);
  await expect(row1m.locator('td').nth(1)).toHaveText(count(sStream.total_count));
  await expect(row1m.locator('td').nth(2)).toHaveText(`+${count(sStream.total_count - aStream.total_count)}`);
  await expect(page.getByTestId('compare-notes')).toHaveCount(0);

  // A path opens the export it is in, in the viewer, selected and focused.
  await row1m.getByRole('button', { name: RIVN_1M, exact: true }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('viewer-summary')).toContainText(second.fileName);
  await expect(page.locator(`[data-testid="tree-row"][data-path="${RIVN_1M}"]`)).toBeFocused();

  // Swapped, B is the earlier: nothing is added, and A's rows that B lacks are counted and explained.
  await button(page, 'Swap A and B').click();
  await expect(page.getByTestId('compare-side-a')).toContainText(second.fileName);
  await expect(row1m.locator('td').nth(2)).toHaveText(
    `A has ${count(sStream.total_count - aStream.total_count)} more`,
  );
  await expect(page.getByTestId('compare-notes')).toContainText('is earlier than A');

  // One export with itself: nothing differs.
  await pick(page, 'B (after)', second.doc);
  await button(page, 'Compare').click();
  await expect(page.getByTestId('compare-summary')).toHaveText(/^Nothing differs/);
  await expect(page.getByTestId('compare-values')).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('an export file from disk is compared with an export of the history, and its paths open in the viewer', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await step(page);
  const first = await exportFromPanel(page, 'Export complete');
  const path = testInfo.outputPath(first.fileName);
  await writeFile(path, JSON.stringify(first.doc));
  await step(page);
  const delta = await exportFromPanel(page, 'Export delta');

  await showTab(page, 'History & viewer');
  await page.getByTestId('compare-file-a').setInputFiles(path);
  await expect(page.getByLabel('A (before)')).toHaveValue('file');
  await pick(page, 'B (after)', delta.doc);
  await button(page, 'Compare').click();
  await expect(page.getByTestId('compare-side-a')).toContainText(first.fileName);
  await expect(page.getByTestId('compare-notes')).toContainText('B is the delta that follows A');
  const row1m = page.locator(`[data-testid="compare-stream"][data-path="${RIVN_1M}"]`);
  await expect(row1m.locator('td').nth(2)).toHaveText(`+${count(streamOf(delta.doc).count)}`);

  // Swapped, the file is B: a path of it opens the file in the viewer.
  await button(page, 'Swap A and B').click();
  await expect(page.getByTestId('compare-side-b')).toContainText(first.fileName);
  const bars = page.locator(`[data-testid="compare-value"][data-path="${BARS}"]`);
  await bars.getByRole('button', { name: BARS, exact: true }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('viewer-summary')).toContainText(first.fileName);
  await expect(page.locator(`[data-testid="tree-row"][data-path="${BARS}"]`)).toBeFocused();
  expect(problems).toEqual([]);
});

test("a file of another run is lined up by timestamp: B's later rows added, a row with another close at the same minute counted", async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await step(page, 3);
  const first = await exportFromPanel(page, 'Export complete');
  // The same minutes as another run would have them: another start, and one bar closed elsewhere.
  const other = structuredClone(first.doc);
  other.system_manager._start_time = '2025-07-01T08:00:00.000-04:00';
  const rows = streamOf(other).data as number[][];
  expect(rows.length).toBeGreaterThanOrEqual(3); // a minute may pass before the pause takes
  (rows[1] as number[])[4] = ((rows[1] as number[])[4] as number) + 1;
  const path = testInfo.outputPath(`other_${first.fileName}`);
  await writeFile(path, JSON.stringify(other));
  await step(page, 2);
  const later = await exportFromPanel(page, 'Export complete');

  await showTab(page, 'History & viewer');
  await page.getByTestId('compare-file-a').setInputFiles(path);
  await pick(page, 'B (after)', later.doc);
  await button(page, 'Compare').click();
  await expect(page.getByTestId('compare')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('compare-notes')).toContainText('rows are lined up by their timestamp');
  const row1m = page.locator(`[data-testid="compare-stream"][data-path="${RIVN_1M}"]`);
  // The minutes later than A's last are added; of those both hold, the one closed elsewhere differs.
  const added = streamOf(later.doc).count - rows.length;
  expect(added).toBe(2);
  // Each difference on its line, a comma between them for a screen reader (the ≠ is hidden from it).
  await expect(row1m.locator('td').nth(2)).toHaveText(`+${added}, ≠ 1 changed`);
  await expect(row1m.locator('td').nth(2).locator('.compare__difference')).toHaveCount(2);
  await expect(page.getByTestId('compare-summary')).toContainText('1 row differs at a timestamp both hold');
  expect(problems).toEqual([]);
});

/** The sections of a comparison's result, in the page's order, by their heading's first words. */
const sectionsOf = (page: Page) =>
  page
    .getByTestId('compare-result')
    .locator(':scope > section > h3, :scope > details > summary')
    .evaluateAll((heads) => heads.map((h) => (h.textContent ?? '').replace(/\s*[\d,]+.*$/, '')));

/** Bookkeeping, as docs/compare.md has it: what any two exports differ in whatever the session did. */
const BOOKKEEPING =
  /^(_metadata\.|performance_metrics\.(timing_ms|last_complete_export|last_delta_export)\b|performance_metrics\.counters\.exports_made$)/;

test('a comparison shows the rows each stream gains first, the values by section, and bookkeeping last, folded', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await step(page);
  const first = await exportFromPanel(page, 'Export complete');
  await step(page, 2);
  const delta = await exportFromPanel(page, 'Export delta');
  await compareFromHistory(page, delta.fileName);

  // The streams first, their Show rows at hand; bookkeeping last.
  const sections = await sectionsOf(page);
  expect(sections[0]).toBe('Streams whose rows differ');
  expect(sections.at(-1)).toBe('Bookkeeping that differs');
  expect(sections).toContain('Values that differ');
  await expect(
    page
      .locator(`[data-testid="compare-stream"][data-path="${RIVN_1M}"]`)
      .getByRole('button', { name: `Show rows B adds to ${RIVN_1M}` }),
  ).toBeVisible();

  // The values: no bookkeeping, the session's data and the analysis before the system's counters.
  const paths = await page
    .getByTestId('compare-values')
    .getByTestId('compare-value')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''));
  expect(paths).toContain(BARS);
  expect(paths.filter((p) => BOOKKEEPING.test(p))).toEqual([]);
  const rank = (p: string) =>
    [
      'session_data',
      'analysis',
      'session_config',
      'system_manager',
      'time_manager',
      'threads',
      'performance_metrics',
    ].indexOf(p.split('.')[0] as string);
  const ranks = paths.map(rank);
  expect(ranks).toEqual([...ranks].sort((x, y) => x - y));

  // Bookkeeping: folded, with its count; opened, A's and B's sequence and time of making.
  const bookkeeping = page.getByTestId('compare-bookkeeping');
  const kept = bookkeeping.getByTestId('compare-value');
  await expect(bookkeeping).not.toHaveAttribute('open');
  await expect(kept.first()).toBeHidden();
  const listed = await kept.count();
  await expect(page.getByTestId('compare-bookkeeping-count')).toHaveText(String(listed));
  const keptPaths = await kept.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path') ?? ''));
  expect(keptPaths.filter((p) => !BOOKKEEPING.test(p))).toEqual([]);
  expect(keptPaths).toEqual(
    expect.arrayContaining(['_metadata.sequence', '_metadata.mode', '_metadata.changed_paths']),
  );
  await bookkeeping.getByText('Bookkeeping that differs').click();
  const sequence = bookkeeping.locator('[data-testid="compare-value"][data-path="_metadata.sequence"]');
  await expect(sequence).toBeVisible();
  await expect(sequence.locator('td').nth(0)).toHaveText(String(first.doc._metadata.sequence));
  await expect(sequence.locator('td').nth(1)).toHaveText(`≠ ${delta.doc._metadata.sequence}`);
  const results = await new AxeBuilder({ page }).include('[data-testid="compare"]').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => v.id)).toEqual([]);
  expect(problems).toEqual([]);
});

test('long lists show their first hundred, and a hundred more on demand with the focus on the first new one', async ({
  page,
}, testInfo) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await step(page);
  const { doc } = await exportFromPanel(page, 'Export complete');
  // B: the same export with 130 values changed and 250 streams added, each of one row.
  const a = structuredClone(doc);
  const b = structuredClone(doc);
  a.analysis.probe = {};
  b.analysis.probe = {};
  for (let i = 0; i < 130; i++) {
    const key = `v${String(i).padStart(3, '0')}`;
    a.analysis.probe[key] = i;
    b.analysis.probe[key] = i + 1;
  }
  const data = b.session_data.symbols.RIVN.session.data;
  for (let i = 0; i < 250; i++)
    data[`probe_${String(i).padStart(3, '0')}`] = {
      count: 1,
      total_count: 1,
      columns: ['timestamp', 'value'],
      data: [['09:30:00', i]],
    };
  const pathA = testInfo.outputPath('a.json');
  const pathB = testInfo.outputPath('b.json');
  await writeFile(pathA, JSON.stringify(a));
  await writeFile(pathB, JSON.stringify(b));

  await showTab(page, 'History & viewer');
  await page.getByTestId('compare-file-a').setInputFiles(pathA);
  await page.getByTestId('compare-file-b').setInputFiles(pathB);
  await button(page, 'Compare').click();
  await expect(page.getByTestId('compare')).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('compare-summary')).toContainText('130 values differ');

  // Streams: 100 of 250, then 200, then all, by keyboard; the focus lands on the first row added.
  const streams = page.getByTestId('compare-streams').getByTestId('compare-stream');
  await expect(streams).toHaveCount(100);
  const more = page.getByRole('button', { name: 'Show 100 more (150 left) of the streams', exact: true });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(streams).toHaveCount(200);
  await expect(streams.nth(100).getByRole('button').first()).toBeFocused();
  await page.getByRole('button', { name: 'Show the last 50 of the streams', exact: true }).click();
  await expect(streams).toHaveCount(250);
  await expect(page.getByRole('button', { name: /of the streams$/ })).toHaveCount(0);
  await expect(streams.last()).toHaveAttribute(
    'data-path',
    'session_data.symbols.RIVN.session.data.probe_249',
  );

  // Values: 100 of 130 (the section's count says 130), then the last 30.
  const values = page.getByTestId('compare-values').getByTestId('compare-value');
  await expect(values).toHaveCount(100);
  await expect(page.getByTestId('compare-values').locator('.compare__group').first()).toContainText(
    'analysis 130',
  );
  await page.getByRole('button', { name: 'Show the last 30 of the values', exact: true }).click();
  await expect(values).toHaveCount(130);
  await expect(values.last()).toHaveAttribute('data-path', 'analysis.probe.v129');
  expect(problems).toEqual([]);
});

test("the added rows' box scrolls by keyboard: Space and the arrows there leave the session as it is", async ({
  page,
}) => {
  const problems = watchProblems(page);
  await startPaused(page);
  await step(page);
  await exportFromPanel(page, 'Export complete');
  await step(page, 3);
  const delta = await exportFromPanel(page, 'Export delta');
  await compareFromHistory(page, delta.fileName);
  // The ticks of three minutes: hundreds of rows, more than the box shows, so it has somewhere to scroll.
  const ticks = RIVN_1M.replace(/1m$/, 'ticks');
  const row = page.locator(`[data-testid="compare-stream"][data-path="${ticks}"]`);
  await row.getByRole('button', { name: `Show rows B adds to ${ticks}` }).click();
  const box = page.getByRole('group', { name: `Rows B adds to ${ticks}`, exact: true });
  await box.focus();
  await expect(box).toBeFocused();
  const scrolled = () => box.evaluate((el) => el.scrollTop);
  const time = await page.getByTestId('market-time').textContent();
  // Space would resume the session and → would step it, were the keys to reach the page's shortcuts; in
  // the box they scroll it.
  await page.keyboard.press('ArrowDown');
  await expect.poll(scrolled).toBeGreaterThan(0);
  const afterArrow = await scrolled();
  await page.keyboard.press('Space');
  await expect.poll(scrolled).toBeGreaterThan(afterArrow);
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(300);
  await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
  await expect(page.getByTestId('market-time')).toHaveText(time ?? '');
  await expect(box).toBeFocused();
  expect(problems).toEqual([]);
});

test('"Compare with…" brings the panel into view without a smooth scroll when less motion is asked for', async ({
  page,
}) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // Records how each scroll into view was asked for.
  await page.addInitScript(() => {
    const scrolls: unknown[] = [];
    (window as unknown as { scrolls: unknown[] }).scrolls = scrolls;
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element, options?: boolean | ScrollIntoViewOptions) {
      if (this.getAttribute('data-testid') === 'compare') scrolls.push(options);
      return original.call(this, options);
    };
  });
  await startPaused(page);
  await step(page);
  await exportFromPanel(page, 'Export complete');
  await step(page);
  const second = await exportFromPanel(page, 'Export complete');
  await compareFromHistory(page, second.fileName);
  const scrolls = await page.evaluate(() => (window as unknown as { scrolls: unknown[] }).scrolls);
  expect(scrolls).toEqual([{ block: 'start', behavior: 'auto' }]);
});

test('a comparison asked for without two exports says what is missing and changes nothing', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await page.goto('/');
  await showTab(page, 'History & viewer');
  await button(page, 'Compare').click();
  await expect(page.getByTestId('compare-error')).toHaveText('Choose two exports, A and B, to compare.');
  await expect(page.getByTestId('compare-result')).toHaveCount(0);
  expect(problems).toEqual([]);
});

for (const [colorScheme, width, height] of [
  ['light', 1366, 860],
  ['dark', 1366, 860],
  ['dark', 390, 844],
] as const)
  test(`axe finds no serious violation in a comparison with its added rows shown (${colorScheme}, ${width} wide)`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme });
    const problems = watchProblems(page);
    await startPaused(page);
    await step(page);
    await exportFromPanel(page, 'Export complete');
    await step(page);
    const delta = await exportFromPanel(page, 'Export delta');
    await compareFromHistory(page, delta.fileName);
    const row1m = page.locator(`[data-testid="compare-stream"][data-path="${RIVN_1M}"]`);
    await row1m.getByRole('button', { name: `Show rows B adds to ${RIVN_1M}` }).click();
    await expect(page.getByTestId('compare-added-row').first()).toBeVisible();
    const results = await new AxeBuilder({ page }).include('[data-testid="compare"]').analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    expect(problems).toEqual([]);
  });
