// The config form beside the JSON (issue 17): its fields and the JSON always in step, both ways; the date
// picker that knows the exchange's trading days (a holiday marked closed and not pickable by keyboard); a
// window with no trading day refused in the form too; and a session applied and started from the form.
import { expect, type Page, test } from '@playwright/test';
import { button, type Json, showTab, watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

const editorOf = (page: Page) => page.getByLabel('Session configuration (JSON)');
const formOf = (page: Page) => page.getByTestId('config-form');
const jsonIn = async (page: Page): Promise<Json> => JSON.parse(await editorOf(page).inputValue());
const chips = (page: Page) => formOf(page).getByTestId('config-form-symbol');

async function open(page: Page) {
  await page.goto('/');
  await showTab(page, 'Config & data');
  await expect(page.getByTestId('config-origin')).toHaveText('in force');
  await expect(page.getByTestId('day-picker')).toBeVisible();
}

/**
 * Run in the page before its scripts: the engine worker's answers are held until `releaseEngine()` is
 * called, as when the engine is slow to start. What is typed meanwhile meets the calendar when it arrives.
 */
function holdEngineAnswers() {
  const held: (() => void)[] = [];
  let holding = true;
  const wrapped = new WeakMap<object, EventListener>();
  const Base = window.Worker;
  class HeldWorker extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      if (options?.name !== 'engine') return;
      const add = this.addEventListener.bind(this);
      const remove = this.removeEventListener.bind(this);
      this.addEventListener = (
        type: string,
        listener: EventListenerOrEventListenerObject,
        opts?: unknown,
      ) => {
        if (type !== 'message') return add(type, listener, opts as AddEventListenerOptions);
        const call = (event: Event) =>
          typeof listener === 'function' ? listener.call(this, event) : listener.handleEvent(event);
        const hold: EventListener = (event) => (holding ? held.push(() => call(event)) : call(event));
        wrapped.set(listener, hold);
        add(type, hold, opts as AddEventListenerOptions);
      };
      this.removeEventListener = (
        type: string,
        listener: EventListenerOrEventListenerObject,
        opts?: unknown,
      ) => remove(type, wrapped.get(listener) ?? listener, opts as EventListenerOptions);
    }
  }
  window.Worker = HeldWorker;
  (window as unknown as { releaseEngine: () => void }).releaseEngine = () => {
    holding = false;
    for (const deliver of held.splice(0)) deliver();
  };
}

/** Every key of a parsed JSON value, depth first, in order. */
function keyPaths(node: Json, at = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((child, i) => keyPaths(child, `${at}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, child]) => [`${at}.${key}`, ...keyPaths(child, `${at}.${key}`)]);
}

test('symbols and dates changed in the form rewrite the JSON, and the JSON edited changes the form', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await open(page);
  const before = await jsonIn(page);
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×', 'TSLA×']);

  // A chip removed and one added: the JSON's list follows, every other key kept in its place.
  await formOf(page).getByRole('button', { name: 'Remove AAPL' }).click();
  const symbolInput = formOf(page).getByLabel('Add a symbol');
  await symbolInput.fill('msft');
  await symbolInput.press('Enter');
  await expect(chips(page)).toHaveText(['RIVN×', 'TSLA×', 'MSFT×']);
  let json = await jsonIn(page);
  expect(json.session_data_config.symbols).toEqual(['RIVN', 'TSLA', 'MSFT']);
  expect(keyPaths(json).filter((k) => !k.includes('.symbols['))).toEqual(
    keyPaths(before).filter((k) => !k.includes('.symbols[')),
  );
  // A ticker the engine would refuse is refused here, with what is accepted, and the JSON is left alone.
  await symbolInput.fill('not a ticker');
  await formOf(page).getByRole('button', { name: 'Add symbol' }).click();
  await expect(symbolInput).toHaveAccessibleDescription(/^"not a ticker" is not a ticker \(accepted: /);
  expect((await jsonIn(page)).session_data_config.symbols).toEqual(['RIVN', 'TSLA', 'MSFT']);

  // Dates typed in the form: the JSON's window and the count of trading days follow.
  await formOf(page).getByLabel('End date', { exact: true }).fill('2025-07-11');
  await formOf(page).getByLabel('Start date', { exact: true }).fill('2025-07-07');
  json = await jsonIn(page);
  expect(json.backtest_config).toEqual({
    ...before.backtest_config,
    start_date: '2025-07-07',
    end_date: '2025-07-11',
  });
  await expect(page.getByTestId('config-form-trading-days')).toHaveText('5 trading days in the window.');
  await expect(page.getByTestId('config-status')).toContainText('Valid: session “Example Trading Session”');

  // The JSON edited by hand: the form follows.
  const edited = (await editorOf(page).inputValue())
    .replace('"RIVN"', '"NVDA"')
    .replace('"2025-07-11"', '"2025-07-18"')
    .replace('"Example Trading Session"', '"Edited by hand"');
  await editorOf(page).fill(edited);
  await expect(chips(page)).toHaveText(['NVDA×', 'TSLA×', 'MSFT×']);
  await expect(formOf(page).getByLabel('End date', { exact: true })).toHaveValue('2025-07-18');
  await expect(formOf(page).getByLabel('Session name')).toHaveValue('Edited by hand');
  await expect(page.getByTestId('config-form-trading-days')).toHaveText('10 trading days in the window.');

  // JSON that does not parse: the form says it is out of step and edits nothing, rather than guess.
  await editorOf(page).fill(edited.replace('"Edited by hand",', '"Edited by hand"'));
  await expect(page.getByTestId('config-form-out')).toContainText('Out of step with the JSON.');
  await expect(formOf(page)).toHaveAttribute('data-in-step', 'false');
  await expect(formOf(page).getByLabel('Session name')).toBeDisabled();
  await expect(formOf(page).getByRole('button', { name: 'Remove NVDA' })).toBeDisabled();
  // The calendar too: no day takes the focus or can be picked.
  await expect(page.getByTestId('day-picker').locator('[tabindex="0"]')).toHaveCount(0);
  // Mended, it is in step again.
  await editorOf(page).fill(edited);
  await expect(page.getByTestId('config-form-out')).toHaveCount(0);
  await expect(formOf(page).getByLabel('Session name')).toBeEnabled();
  expect(problems).toEqual([]);
});

test('a form change is taken back by Undo in the editor', async ({ page }) => {
  await open(page);
  const before = await editorOf(page).inputValue();
  await formOf(page).getByRole('button', { name: 'Remove TSLA' }).click();
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×']);
  await editorOf(page).focus();
  await page.keyboard.press('Control+z');
  await expect(editorOf(page)).toHaveValue(before);
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×', 'TSLA×']);
  // And put again with redo.
  await page.keyboard.press('Control+Shift+z');
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×']);
  // Typing in the editor since a form edit is the browser's to undo: the form edit stays.
  await editorOf(page).press('Control+End');
  await page.keyboard.type(' ');
  await page.keyboard.press('Control+z');
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×']);
});

test('Add indicator is taken back by Undo in the editor, and the form edit before it too', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await open(page);
  const before = await editorOf(page).inputValue();
  await formOf(page).getByRole('button', { name: 'Remove TSLA' }).click();
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×']);
  const removed = await editorOf(page).inputValue();
  const listed = formOf(page).locator('.config-form__indicators li');
  const entries = await listed.count();
  await formOf(page).locator('summary', { hasText: 'Add indicator' }).click();
  await page.getByTestId('add-indicator-submit').click();
  await expect(listed).toHaveCount(entries + 1);
  await expect(page.getByTestId('config-status')).toHaveAttribute('data-status', 'ok');

  await editorOf(page).focus();
  await page.keyboard.press('Control+z');
  await expect(editorOf(page)).toHaveValue(removed);
  await expect(listed).toHaveCount(entries);
  // The text is what the form edit before left, so that one is taken back too.
  await page.keyboard.press('Control+z');
  await expect(editorOf(page)).toHaveValue(before);
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×', 'TSLA×']);
  // And both put again.
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(listed).toHaveCount(entries + 1);
  expect(problems).toEqual([]);
});

test('a stream written "60m" is 60m in the streams, in Add indicator and in Add history; one added lands on its bars', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await open(page);
  const config = await jsonIn(page);
  const data = (config as { session_data_config: { streams: (string | number)[] } }).session_data_config;
  data.streams = ['1m', '5m', '60m', 'ticks'];
  await editorOf(page).fill(JSON.stringify(config, null, 2));
  await expect(page.getByTestId('config-status')).toHaveAttribute('data-status', 'ok');
  const streams = formOf(page).getByRole('group', { name: 'Streams' });
  // One checkbox for the stream, named as written, checked; no 1h beside it.
  await expect(streams.getByRole('checkbox', { name: '60m' })).toBeChecked();
  await expect(streams.getByRole('checkbox', { name: '1h' })).toHaveCount(0);
  await formOf(page).locator('summary', { hasText: 'Add indicator' }).click();
  const interval = page.getByTestId('add-indicator-interval');
  await expect(interval.locator('option')).toHaveText(['1m', '5m', '60m']);
  const history = formOf(page)
    .getByRole('group', { name: 'History' })
    .getByRole('combobox', { name: 'Interval' });
  await expect(history.locator('option')).toHaveText(['1m', '5m', '15m', '60m', '1d', '1w']);
  // An indicator added on it is written with the stream's spelling: the engine's 60m bars, not other ones.
  await interval.selectOption('60m');
  await page.getByTestId('add-indicator-submit').click();
  await expect(page.getByTestId('config-status')).toHaveAttribute('data-status', 'ok');
  const written = (await jsonIn(page)) as {
    session_data_config: { indicators: { session: { interval: string }[] } };
  };
  expect(written.session_data_config.indicators.session.at(-1)?.interval).toBe('60m');
  await expect(formOf(page).locator('.config-form__indicators li').last()).toContainText('on 60m');
  expect(problems).toEqual([]);
});

test('a year typed digit by digit in a date field writes the JSON once, not each part-typed year', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await open(page);
  const before = await editorOf(page).inputValue();
  const start = formOf(page).getByLabel('Start date', { exact: true });
  await expect(start).toHaveValue('2025-07-01');
  // Month, day, then the year a digit at a time: the browser reports 0002-, 0020-, 0202-, 2025-07-02.
  await start.focus();
  await page.keyboard.type('07022025', { delay: 30 });
  await expect(start).toHaveValue('2025-07-02');
  await expect.poll(async () => (await jsonIn(page)).backtest_config.start_date).toBe('2025-07-02');
  await expect(page.getByTestId('config-status')).toHaveAttribute('data-status', 'ok');
  // One edit to take back: the day. No junk year was ever written.
  await editorOf(page).focus();
  await page.keyboard.press('Control+z');
  await expect(editorOf(page)).toHaveValue(before);

  // A whole date outside the calendar is not written either, and leaving the field says so.
  await start.fill('2031-01-02');
  await start.blur();
  await expect(formOf(page).getByRole('alert')).toHaveText(
    /2031-01-02 was not written: dates run from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\./,
  );
  await expect(start).toHaveValue('2025-07-01');
  await expect(editorOf(page)).toHaveValue(before);
  expect(problems).toEqual([]);
});

test('a start date in the JSON that is not a real date: the page stays, and the form says what is wrong', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await open(page);
  const text = await editorOf(page).inputValue();
  const withStart = (date: string) => text.replace(/"start_date": "[^"]*"/, `"start_date": "${date}"`);
  const count = page.getByTestId('config-form-trading-days');
  const notADate = 'The start date in the JSON is not a real date: give both dates as YYYY-MM-DD.';

  // Typed once the calendar is drawn.
  await editorOf(page).fill(withStart('2025-13-01'));
  await expect(count).toHaveText(notADate);
  await expect(page.getByTestId('config-status')).toHaveAttribute('data-status', 'error');
  await expect(formOf(page).getByLabel('Start date', { exact: true })).toHaveValue('');

  // Typed before the engine answered: the calendar then arrives with the bad date (the grid once threw here
  // and the whole page went blank).
  await page.addInitScript(holdEngineAnswers);
  await page.reload();
  await showTab(page, 'Config & data');
  await editorOf(page).fill(withStart('2025-7-4'));
  await page.evaluate(() => (window as unknown as { releaseEngine: () => void }).releaseEngine());
  await expect(count).toHaveText(notADate);
  const picker = page.getByTestId('day-picker');
  await expect(picker).toBeVisible();
  // The grid opens on the calendar's first month, and a day picked there mends the JSON.
  await formOf(page).getByRole('radio', { name: 'Set start date' }).check();
  await picker.getByRole('gridcell', { name: /^Tuesday, January 2, 2024/ }).click();
  await expect.poll(async () => (await jsonIn(page)).backtest_config.start_date).toBe('2024-01-02');
  await expect(count).toHaveText(/^\d+ trading days in the window\.$/);
  await expect(page.getByRole('tab', { name: 'Export', exact: true })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a date picked by keyboard in the trading calendar: a holiday is closed and cannot be picked', async ({
  page,
}) => {
  const problems = watchProblems(page);
  await open(page);
  const picker = page.getByTestId('day-picker');
  await formOf(page).getByRole('radio', { name: 'Set end date' }).check();
  // The grid is one tab stop, on the date being set: 2025-07-03, the day before Independence Day.
  const third = picker.getByRole('gridcell', { name: /^Thursday, July 3, 2025/ });
  await expect(third).toHaveAttribute('tabindex', '0');
  await third.focus();
  await page.keyboard.press('ArrowRight');
  const fourth = picker.getByRole('gridcell', {
    name: 'Friday, July 4, 2025, market closed: Independence Day',
  });
  await expect(fourth).toBeFocused();
  await expect(fourth).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  // Not picked: the JSON's end date is as it was.
  expect((await jsonIn(page)).backtest_config.end_date).toBe('2025-07-03');
  await expect(fourth).toHaveAttribute('aria-selected', 'false');
  // On past the weekend (closed too) to Monday, and picked.
  await page.keyboard.press('ArrowRight');
  await expect(
    picker.getByRole('gridcell', { name: /^Saturday, July 5, 2025, market closed: weekend/ }),
  ).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const monday = picker.getByRole('gridcell', { name: /^Monday, July 7, 2025/ });
  await expect(monday).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await jsonIn(page)).backtest_config.end_date).toBe('2025-07-07');
  await expect(monday).toHaveAttribute('aria-selected', 'true');
  await expect(formOf(page).getByLabel('End date', { exact: true })).toHaveValue('2025-07-07');
  // July 1, 2, 3 and 7: the holiday and the weekend are not counted.
  await expect(page.getByTestId('config-form-trading-days')).toHaveText('4 trading days in the window.');
  // Page Down is a month on.
  await page.keyboard.press('PageDown');
  await expect(picker.getByRole('gridcell', { name: /^Thursday, August 7, 2025/ })).toBeFocused();
  await expect(page.getByRole('heading', { name: 'August 2025' })).toBeVisible();

  // A window of a weekend alone: the form says so, and shows the engine's message under the dates.
  await formOf(page).getByLabel('End date', { exact: true }).fill('2025-07-06');
  await formOf(page).getByLabel('Start date', { exact: true }).fill('2025-07-05');
  await expect(page.getByTestId('config-form-trading-days')).toHaveText(
    'No trading day in this window (weekends and exchange holidays are closed).',
  );
  await expect(formOf(page).getByTestId('config-form-error')).toContainText(
    'backtest_config.start_date: the backtest window "2025-07-05" to "2025-07-06" holds no trading day',
  );
  await expect(formOf(page).getByLabel('Start date', { exact: true })).toHaveAccessibleDescription(
    /holds no trading day/,
  );
  await expect(button(page, 'Apply')).toBeDisabled();
  expect(problems).toEqual([]);
});

test('a session applied and started with the configuration made in the form', async ({ page }) => {
  const problems = watchProblems(page);
  await open(page);
  await formOf(page).getByLabel('Session name').fill('Made in the form');
  await formOf(page).getByRole('button', { name: 'Remove TSLA' }).click();
  await formOf(page).getByLabel('End date', { exact: true }).fill('2025-07-02');
  await formOf(page).getByRole('checkbox', { name: '15m' }).uncheck();
  await formOf(page).getByRole('checkbox', { name: '30m' }).check();
  const json = await jsonIn(page);
  expect(json.session_name).toBe('Made in the form');
  expect(json.session_data_config.streams).toEqual(['1m', '5m', 'ticks', 'quotes', '30m']);
  await expect(page.getByTestId('config-form-trading-days')).toHaveText('2 trading days in the window.');
  await expect(page.getByTestId('config-status')).toContainText('Valid: session “Made in the form”');
  await button(page, 'Apply').click();
  await expect(page.getByTestId('session-name')).toHaveText('Made in the form');
  // The engine counts the window's trading days as the form did.
  await expect(page.getByTestId('session-progress')).toContainText('2 trading days');
  await button(page, 'Start').click();
  await expect(page.getByTestId('system-state')).toHaveText(/RUNNING|FINISHED/);
  await showTab(page, 'Config & data');
  await expect(chips(page)).toHaveText(['RIVN×', 'AAPL×']);
  expect(problems).toEqual([]);
});
