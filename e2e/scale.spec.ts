// Issue 16's app at scale: a session of 300 symbols starts with its progress shown, replays as fast as the
// engine can for 20 seconds with no main-thread task of 50 ms or more, and its symbol table (virtualized
// and searchable) finds a symbol by typing and switches the chart to it, by mouse and by keyboard, and the
// whole session (history included, hundreds of megabytes) is saved complete to a file with its progress
// shown.
// SCALE_SYMBOLS=n runs it with another count (for a quick look while developing); SCALE_SCREENSHOTS=dir
// writes the symbol table's screenshots there; SCALE_PROFILE=file writes the main thread's CPU profile of
// the 20 s of replay there, with the long tasks; SCALE_TRACE=file writes a Chromium trace of them (every
// thread, each task's wall and CPU time), which `node --import tsx scripts/long-task-trace.ts file` sums up:
// a long task whose CPU time is a third of its wall time waited for a core.
import { writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { traceMainThread } from './main-thread-trace';
import {
  applyConfiguration,
  button,
  recordProgress,
  reportLongTasks,
  timingTests,
  watchProblems,
} from './support';

test.use({ viewport: { width: 1280, height: 900 } });

const COUNT = Number(process.env.SCALE_SYMBOLS ?? 300);
const SHOTS = process.env.SCALE_SCREENSHOTS;
const PROFILE = process.env.SCALE_PROFILE;
const TRACE = process.env.SCALE_TRACE;

/** Four-letter ticker-like names: AAAA, AAAB, ... (the built-in session's RIVN first, for its strategy). */
function symbolNames(count: number): string[] {
  const names = ['RIVN'];
  for (let i = 0; names.length < count; i++) {
    let name = '';
    for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / 26))
      name = String.fromCharCode(65 + (n % 26)) + name;
    names.push(name);
  }
  return names;
}

const names = symbolNames(COUNT);

/** The design note's session at 300 symbols: bar streams, minute and day history, a quarter of sessions. */
const session = {
  session_name: `Scale ${COUNT}`,
  mode: 'backtest',
  exchange_group: 'US_EQUITY',
  asset_class: 'EQUITY',
  // Long enough to be still replaying after 20 s at full speed (a day takes well under a second here).
  backtest_config: { start_date: '2025-07-01', end_date: '2025-12-31', speed_multiplier: 60 },
  session_data_config: {
    symbols: names,
    streams: ['1m', '5m', '15m'],
    historical: {
      enabled: true,
      data: [
        { interval: '1m', trailing_days: 40 },
        { interval: '1d', trailing_days: 30 },
      ],
    },
  },
};

const numberIn = async (page: Page, testId: string) =>
  Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/,/g, ''));

// A timing test: on the shared 2-core machine a task can wait for a core for reasons of the machine's own.
timingTests(() => {
  test(`a ${COUNT}-symbol session starts with progress, replays at full speed with no long task, its symbol table finds and charts a symbol, and it is saved to a file`, async ({
    page,
  }, testInfo) => {
    // Starting 300 symbols takes a few seconds, the replay 20, the save of a few hundred megabytes some more.
    test.setTimeout(180_000);
    const problems = watchProblems(page);
    // The save dialog, stubbed: it answers a file of the origin's private file system, which the engine worker
    // writes as a real one (as e2e/exports.spec.ts does).
    await page.addInitScript(() => {
      (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async () =>
        (await navigator.storage.getDirectory()).getFileHandle('scale-export.json', { create: true });
    });
    await applyConfiguration(page, session);

    // Start: the history of every symbol loads with its progress shown, then the session runs.
    await button(page, 'Start').click();
    await expect(page.getByTestId('start-progress')).toContainText(
      new RegExp(`Loading history: [\\d,]+ of ${COUNT.toLocaleString('en-US')} symbols`),
    );
    await expect(page.getByTestId('system-state')).toHaveText('RUNNING', { timeout: 60_000 });
    await expect(page.getByTestId('start-progress')).toHaveCount(0);
    await expect(page.getByTestId('mirror-badge')).toHaveAttribute('data-status', 'in-sync', {
      timeout: 60_000,
    });
    const table = page.getByTestId('symbol-table');
    await expect(page.getByTestId('symbol-count')).toHaveText(`${COUNT.toLocaleString('en-US')} symbols`);
    // Virtualized: a few rows are drawn, not one per symbol.
    const drawn = await page.getByTestId('symbol-row').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);
    await expect(page.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', 'RIVN');

    // Twenty seconds as fast as the engine replays (speed 0): the feed, the chart and the table follow with no
    // long task on the page.
    const speed = page.getByTestId('speed-input');
    await speed.fill('0');
    await speed.press('Enter');
    await expect(page.getByText('as fast as possible', { exact: true })).toBeVisible();
    const candles = page.getByTestId('chart-candle-count');
    const candlesBefore = await numberIn(page, 'chart-candle-count');
    const lastBar = page.getByTestId('chart-legend-time');
    const lastBarBefore = await lastBar.textContent();
    const cdp = PROFILE ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const stopTrace = await traceMainThread(page, TRACE ? { path: TRACE } : {});
    await page.waitForTimeout(20_000);
    const longTasks = await stopTrace();
    if (cdp && PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(PROFILE, JSON.stringify({ longTasks, profile }));
    }
    // Nothing on the page animates for ever while the session runs: an endless animation (the running dot's
    // pulse was one) keeps the compositor drawing every frame, which a machine without a GPU pays on its CPU.
    const endless = await page.evaluate(
      () =>
        document
          .getAnimations()
          .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations === Infinity).length,
    );
    expect(endless).toBe(0);
    const candlesAfter = await numberIn(page, 'chart-candle-count');
    testInfo.annotations.push({
      type: 'candles while replaying',
      description: `${candlesBefore} -> ${candlesAfter}`,
    });
    // Issue 16 asks for no long task of 50 ms or more, and that is what is held: none of 50 ms of wall time,
    // the waits for a core included. On this project's 2-core machine those waits come from whatever else
    // runs, the engine replaying as fast as it can first (docs/ui-at-scale.md): in eleven runs before the
    // engine stopped making fresh memory every day, three had one such task (54-74 ms, with 13-29 ms of
    // CPU); in 22 runs after, two had one (50 and 67 ms, 33-34 of CPU), and each passed when tried again.
    // A timing test, it is tried three times before it fails.
    reportLongTasks(longTasks, testInfo, 'while replaying');
    expect(
      longTasks.filter((task) => task.wall >= 50),
      'main-thread tasks of 50 ms or more while replaying',
    ).toEqual([]);
    // The chart followed the replay meanwhile (it draws from the mirror, which the feed kept up to date): its
    // last bar is weeks later. Bars coming many at a time, it follows the latest 1,500 of them
    // (chart-window.ts, LIVE_WINDOW), and no more than half as many again: the appends are trimmed.
    await expect(lastBar).not.toHaveText(lastBarBefore ?? '');
    expect(candlesAfter).toBeGreaterThanOrEqual(1_500);
    expect(candlesAfter).toBeLessThanOrEqual(2_250);
    await expect(candles).toHaveAttribute('data-symbol', 'RIVN');

    // Scrolled back (here zoomed out until its first bar is in view), the chart takes in older bars again:
    // 3,000 more, history all, and the legend's latest bar stays the same.
    await button(page, 'Pause').click();
    await expect(page.getByTestId('system-state')).toHaveText('PAUSED');
    // The last read after the pause may still come: the counts are taken once they hold still.
    await expect(page.getByTestId('mirror-badge')).toHaveAttribute('data-status', 'in-sync');
    const counts = async () =>
      `${await numberIn(page, 'chart-candle-count')}/${await numberIn(page, 'chart-history-count')}`;
    let before = '';
    await expect(async () => {
      before = await counts();
      await page.waitForTimeout(800);
      expect(await counts()).toBe(before);
    }).toPass({ timeout: 15_000 });
    const [held, historyHeld] = before.split('/').map(Number) as [number, number];
    const latest = await lastBar.textContent();
    await page.getByTestId('chart').scrollIntoViewIfNeeded();
    const chartBox = await page.getByTestId('chart').boundingBox();
    if (!chartBox) throw new Error('the chart has no box');
    // Zoomed out a little (the wheel zooms about the pointer, here over the latest bars), then dragged to the
    // right until its first bar comes into view, as a person scrolls a chart back.
    const y = chartBox.y + chartBox.height / 3;
    await page.mouse.move(chartBox.x + chartBox.width - 90, y);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 400);
    for (let i = 0; i < 20 && (await numberIn(page, 'chart-candle-count')) < held + 3_000; i++) {
      await page.mouse.move(chartBox.x + 100, y);
      await page.mouse.down();
      await page.mouse.move(chartBox.x + chartBox.width - 100, y, { steps: 8 });
      await page.mouse.up();
    }
    await expect.poll(() => numberIn(page, 'chart-candle-count')).toBeGreaterThanOrEqual(held + 3_000);
    expect(await numberIn(page, 'chart-history-count')).toBeGreaterThanOrEqual(historyHeld + 3_000);
    await page.mouse.move(0, 0);
    await expect(lastBar).toHaveText(latest ?? '');
    await button(page, 'Resume').click();
    const last = page.locator('[data-testid="symbol-row"][data-symbol="RIVN"]').getByTestId('symbol-last');
    await expect(last).not.toHaveText('—');

    // Search: typing filters the table case-insensitively; the exact name comes first; Enter charts it.
    const wanted = names[names.length - 1] ?? 'RIVN';
    const search = page.getByRole('searchbox', { name: 'Find a symbol' });
    await search.fill(wanted.toLowerCase());
    await expect(page.getByTestId('symbol-count')).toHaveText(
      new RegExp(`^\\d+ of ${COUNT.toLocaleString('en-US')} symbols$`),
    );
    await expect(page.getByTestId('symbol-row').first()).toHaveAttribute('data-symbol', wanted);
    if (SHOTS) await page.getByTestId('symbol-table-card').screenshot({ path: `${SHOTS}/symbol-search.png` });
    await search.press('Enter');
    await expect(page.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', wanted);
    await expect(page.getByTestId('chart-legend')).toContainText(wanted);
    await expect(page.getByTestId('symbol-row').first()).toHaveAttribute('aria-selected', 'true');

    // Nothing matches: the table says so, and clearing brings every symbol back.
    await search.fill('zz9');
    await expect(page.getByTestId('symbol-count')).toHaveText(
      `0 of ${COUNT.toLocaleString('en-US')} symbols`,
    );
    await expect(page.getByTestId('symbol-empty')).toContainText('No symbol matches “zz9”');
    await page.getByTestId('symbol-empty').getByRole('button', { name: 'Clear the search' }).click();
    await expect(page.getByTestId('symbol-count')).toHaveText(`${COUNT.toLocaleString('en-US')} symbols`);

    // The keyboard: down from the search box into the grid, down once more, Enter charts that row's symbol.
    await search.press('ArrowDown');
    await expect(table).toBeFocused();
    await table.press('ArrowDown');
    await table.press('Enter');
    await expect(page.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', names[1] ?? '');
    // End goes to the last row, drawn although it was far below (the grid scrolls to the keyboard's row).
    await table.press('End');
    const lastRow = page.locator(`[data-testid="symbol-row"][data-symbol="${wanted}"]`);
    await expect(lastRow).toBeInViewport();
    await expect(table).toHaveAttribute('aria-activedescendant', (await lastRow.getAttribute('id')) ?? '');
    await table.press('Enter');
    await expect(page.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', wanted);
    if (SHOTS) await page.getByTestId('symbol-table-card').screenshot({ path: `${SHOTS}/symbol-table.png` });

    // A click on a row charts it too.
    await table.press('Home');
    await page.locator('[data-testid="symbol-row"][data-symbol="RIVN"]').click();
    await expect(page.getByTestId('chart-candle-count')).toHaveAttribute('data-symbol', 'RIVN');

    // Saved complete to a file: the progress counts the symbols, and the file holds every byte the panel names.
    await button(page, 'Pause').click();
    const progress = await recordProgress(page);
    await button(page, 'Save complete to a file…').click();
    const saved = page.getByTestId('saved-file');
    await expect(saved).toHaveText(/^Saved export #\d+ to scale-export\.json \([\d.,]+ (MB|GB)\)$/, {
      timeout: 120_000,
    });
    const seen = await progress();
    const symbolsText = COUNT.toLocaleString('en-US');
    expect(seen.some((text) => new RegExp(`^\\d+ of ${symbolsText} symbols · `).test(text))).toBe(true);
    const file = await page.evaluate(async () => {
      const handle = await (await navigator.storage.getDirectory()).getFileHandle('scale-export.json');
      const blob = await handle.getFile();
      return {
        size: blob.size,
        head: await blob.slice(0, 400).text(),
        tail: await blob.slice(blob.size - 2).text(),
      };
    });
    const [, shown = '', unit = ''] = /\(([\d.,]+) (MB|GB)\)/.exec((await saved.textContent()) ?? '') ?? [];
    // The panel shows MiB or GiB (at 1,000 symbols) to one decimal.
    const unitBytes = unit === 'GB' ? 2 ** 30 : 2 ** 20;
    expect(Math.abs(file.size / unitBytes - Number(shown.replace(/,/g, '')))).toBeLessThanOrEqual(0.051);
    // Every symbol's 40 days of minutes: far more than a hundred megabytes.
    expect(file.size).toBeGreaterThan(COUNT * 300_000);
    expect(file.head).toContain('"mode": "complete"');
    expect(file.tail).toBe('}\n');
    expect(problems).toEqual([]);
  });
});
