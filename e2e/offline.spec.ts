// Opening exports offline against the built app: a complete export and its deltas downloaded from the
// export panel (one of them gzip), the page reloaded, the files opened in shuffled order, and the replay
// compared with what the live session showed at the last export; stepping back; sets that are refused;
// drag and drop; and "Replay" from the export history.
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { type Download, expect, type Locator, type Page, test } from '@playwright/test';
import { button, command, type Json, showTab, startPaused, watchProblems } from './support';

test.use({ viewport: { width: 1280, height: 900 } });

interface FileSpec {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

interface Exported {
  file: FileSpec;
  doc: Json;
}

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Runs a console command and waits for its answer. */
/** Clicks an export button of the panel and keeps the file it downloads (name, bytes, parsed document). */
async function exportFile(page: Page, label: 'Export complete' | 'Export delta'): Promise<Exported> {
  const [download] = await Promise.all([page.waitForEvent('download'), button(page, label).click()]);
  return fileOf(download);
}

async function fileOf(download: Download): Promise<Exported> {
  const name = download.suggestedFilename();
  const buffer = await readFile(await download.path());
  const gz = name.endsWith('.gz');
  const doc = JSON.parse((gz ? gunzipSync(buffer) : buffer).toString('utf8'));
  return { file: { name, mimeType: gz ? 'application/gzip' : 'application/json', buffer }, doc };
}

/** What the symbol table shows in "Rows per stream" for each symbol after export `doc` was applied. */
function rowsText(doc: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [symbol, s] of Object.entries<Json>(doc.session_data.symbols)) {
    out[symbol] = Object.entries<Json>(s.session.data)
      .map(([stream, block]) => `${stream} ${count.format(block.total_count)}`)
      .join(' · ');
  }
  return out;
}

function volumes(doc: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [symbol, s] of Object.entries<Json>(doc.session_data.symbols))
    out[symbol] = count.format(s.session.volume);
  return out;
}

/** The symbol table of a session view, read as { symbol: text } for one column. */
async function column(view: Locator, testId: string): Promise<Record<string, string>> {
  const rows = view.getByTestId('symbol-row');
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    const symbol = await row.getAttribute('data-symbol');
    if (symbol) out[symbol] = (await row.getByTestId(testId).textContent()) ?? '';
  }
  return out;
}

async function candles(view: Locator, interval: string): Promise<number> {
  await view
    .getByTestId('interval-button')
    .filter({ hasText: new RegExp(`^${interval}$`) })
    .click();
  await expect(
    view.getByTestId('interval-button').filter({ hasText: new RegExp(`^${interval}$`) }),
  ).toHaveAttribute('aria-pressed', 'true');
  return Number(await view.getByTestId('chart-candle-count').textContent());
}

/**
 * Waits until a session view shows the rows and volumes of export `doc`. The live view holds the rows of its
 * charted symbol only (`charted`); an offline replay holds every symbol's.
 */
async function expectShows(view: Locator, doc: Json, charted: string | null = null): Promise<void> {
  const rows = rowsText(doc);
  if (charted !== null)
    for (const symbol of Object.keys(rows))
      if (symbol !== charted) rows[symbol] = 'not held: chart or compare it to load';
  await expect.poll(() => column(view, 'symbol-rows')).toEqual(rows);
  await expect.poll(() => column(view, 'symbol-volume')).toEqual(volumes(doc));
}

const shuffle = <T>(items: T[]): T[] => {
  const out = [...items];
  // A fixed shuffle that moves every file away from its place.
  out.push(out.shift() as T);
  return out.reverse();
};

test('exports downloaded, reopened offline after a reload, and stepped through', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const problems = watchProblems(page);
  await startPaused(page);
  await page.getByLabel('Consumer').fill('replay');

  // A complete export, then four deltas a few minutes apart; the second one gzip-compressed.
  const exported = [await exportFile(page, 'Export complete')];
  for (let i = 1; i <= 4; i++) {
    await command(page, `system advance ${i + 1}`, `advanced ${i + 1} minutes`);
    const gzip = page.getByLabel('Compress downloads with gzip');
    if (i === 2) await gzip.check();
    exported.push(await exportFile(page, 'Export delta'));
    if (i === 2) await gzip.uncheck();
  }
  expect(exported.map((e) => e.doc._metadata.sequence)).toEqual([1, 2, 3, 4, 5]);
  expect(exported[2]?.file.name).toMatch(/\.json\.gz$/);
  const last = exported[4]?.doc;
  const first = exported[0]?.doc;
  const files = exported.map((e) => e.file);

  // What the live session shows now, at the last export: rows per stream, volumes and candle counts.
  const live = page.getByTestId('session-view-live');
  await expect(page.getByTestId('mirror-badge')).toHaveAttribute('data-status', 'in-sync');
  await expectShows(live, last, 'RIVN');
  const liveCandles = { '1m': await candles(live, '1m'), '5m': await candles(live, '5m') };
  const liveLast = await column(live, 'symbol-last');
  expect(liveCandles['1m']).toBeGreaterThan(0);

  await showTab(page, 'History & viewer');
  await page.getByTestId('export-history').screenshot({ path: testInfo.outputPath('history.png') });
  // "Replay" on the newest export of the history: the chain from the complete export, at its end.
  await page.getByRole('button', { name: `Open ${exported[4]?.file.name} in replay` }).click();
  const offline = page.getByTestId('offline');
  const replay = page.getByTestId('session-view-offline');
  await expect(offline).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('offline-position')).toHaveText('5 / 5');
  await expectShows(replay, last);

  // With an export of the chain removed from the history, Replay opens the chain up to the gap (#1-#2, at
  // #2) and says which export is gone and which are left out.
  const third = (files[2]?.name ?? '').replace(/\.gz$/, ''); // the history names it without .gz
  await showTab(page, 'History & viewer');
  await page.getByRole('button', { name: `Remove ${third} from the history` }).click();
  await page.getByRole('button', { name: `Open ${files[4]?.name} in replay` }).click();
  await expect(offline).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('offline-cut-message')).toHaveText(
    'Replaying exports #1-#2 of consumer "replay"; #3 is missing, so #4-#5 are left out.',
  );
  await expect(page.getByTestId('offline-left-out').getByRole('listitem')).toHaveText([
    files[3]?.name ?? '',
    files[4]?.name ?? '',
  ]);
  await expect(page.getByTestId('offline-position')).toHaveText('2 / 2');
  await expect(page.getByTestId('offline-sequence')).toHaveText('#2');
  await expectShows(replay, exported[1]?.doc);
  await page.getByTestId('offline-cut').screenshot({ path: testInfo.outputPath('offline-cut.png') });
  // Closed, so that the address no longer names it and the reload below starts with no replay.
  await offline.getByRole('button', { name: 'Close' }).click();
  await expect(offline).toHaveAttribute('data-status', 'idle');

  // A delta of the next session, for the mixed set below.
  await command(page, 'system advance 400', 'advanced 400 minutes');
  const nextSession = await exportFile(page, 'Export delta');
  expect(nextSession.doc._metadata.session_id).not.toBe(last._metadata.session_id);

  // A fresh page: nothing held. Open the files in shuffled order through the file input.
  await page.reload();
  await expect(page.getByTestId('system-state')).toHaveText('STOPPED');
  await expect(offline).toHaveAttribute('data-status', 'idle');
  await expect(replay).toHaveCount(0);
  await showTab(page, 'Open exports');
  await offline.screenshot({ path: testInfo.outputPath('offline-idle.png'), animations: 'disabled' });
  const input = page.getByTestId('offline-files');
  // The files without #4: #1-#3 replay, and #5 is left out.
  await input.setInputFiles(shuffle(files.filter((_, i) => i !== 3)));
  await expect(offline).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('offline-cut-message')).toHaveText(
    'Replaying exports #1-#3 of consumer "replay"; #4 is missing, so #5 is left out.',
  );
  await expect(page.getByTestId('offline-left-out').getByRole('listitem')).toHaveText([files[4]?.name ?? '']);
  await expect(page.getByTestId('offline-position')).toHaveText('1 / 3');
  // The whole set: nothing left out.
  await input.setInputFiles(shuffle(files));
  await expect(offline).toHaveAttribute('data-status', 'open');
  // The first step is shown first: the complete export.
  await expect(page.getByTestId('offline-position')).toHaveText('1 / 5');
  // Checked once the set is open (the notice shows only then): it is gone with the gap.
  await expect(page.getByTestId('offline-cut')).toHaveCount(0);
  await expect(page.getByTestId('offline-sequence')).toHaveText('#1');
  await expectShows(replay, first);

  // The last step: the same counts as the live session had at the last export.
  const steps = page.getByTestId('offline-steps');
  const slider = page.getByTestId('offline-slider');
  await slider.fill('4');
  await expect(steps).toHaveAttribute('data-current', '4');
  await expect(page.getByTestId('offline-position')).toHaveText('5 / 5');
  await expect(page.getByTestId('offline-sequence')).toHaveText('#5');
  await expect(page.getByTestId('offline-file')).toHaveText(files[4]?.name ?? '');
  await expect(page.getByTestId('offline-market-time')).toContainText(
    `market ${String(last._metadata.market_time).slice(11, 19)}`,
  );
  await expectShows(replay, last);
  expect(await column(replay, 'symbol-last')).toEqual(liveLast);
  expect(await candles(replay, '5m')).toBe(liveCandles['5m']);
  expect(await candles(replay, '1m')).toBe(liveCandles['1m']);

  // Screenshots of the replay, light and dark.
  const shot = (name: string) =>
    offline.screenshot({ path: testInfo.outputPath(name), animations: 'disabled' });
  await shot('offline-light.png');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot('offline-dark.png');
  await page.emulateMedia({ colorScheme: 'light' });

  // Step back: the counts drop to what each earlier export held.
  const base1m = (doc: Json) => doc.session_data.symbols.RIVN.session.data['1m'].total_count as number;
  await slider.fill('2');
  await expect(steps).toHaveAttribute('data-current', '2');
  await expect(page.getByTestId('offline-sequence')).toHaveText('#3');
  await expectShows(replay, exported[2]?.doc);
  await expect
    .poll(() => candles(replay, '1m'))
    .toBe(liveCandles['1m'] - (base1m(last) - base1m(exported[2]?.doc)));
  await button(page, 'Previous export').click();
  await expect(steps).toHaveAttribute('data-current', '1');
  await expectShows(replay, exported[1]?.doc);
  await button(page, 'Previous export').click();
  await expect(steps).toHaveAttribute('data-current', '0');
  await expect(button(page, 'Previous export')).toBeDisabled();
  await expectShows(replay, first);
  await expect.poll(() => candles(replay, '1m')).toBe(liveCandles['1m'] - (base1m(last) - base1m(first)));
  // And forward again, one step.
  await button(page, 'Next export').click();
  await expect(steps).toHaveAttribute('data-current', '1');
  await expectShows(replay, exported[1]?.doc);

  // Sets that are not a replay: one clear line each, and no replay shown.
  const error = page.getByTestId('offline-error');
  const refused = async (set: FileSpec[], message: RegExp) => {
    await input.setInputFiles(set);
    await expect(offline).toHaveAttribute('data-status', 'failed');
    await expect(error).toHaveText(message);
    await expect(replay).toHaveCount(0);
    expect(((await error.textContent()) ?? '').includes('\n')).toBe(false);
  };
  await refused(
    [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello, these are notes\n') }],
    /^notes\.txt: not a JSON file \(.+\)$/,
  );
  await refused(
    [{ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"rows": [1, 2, 3]}') }],
    /^other\.json: not a Session Tape export: there is no _metadata/,
  );
  await refused([files[3] as FileSpec, files[4] as FileSpec], /no complete export among the files/);
  // (A set with an export missing is not refused: it opens up to the gap, above.)
  await offline.screenshot({ path: testInfo.outputPath('offline-refused.png'), animations: 'disabled' });
  await refused(
    [files[0] as FileSpec, nextSession.file],
    new RegExp(`^${nextSession.file.name.replace(/\./g, '\\.')} is from session \\d+, .+ from session \\d+$`),
  );

  // The same exports in the original system's form (no sequence, session id or market time): ordered by
  // generated_at, and stepped through the same way. (The exports above were made within a second or two,
  // so their generated_at may tie: these are set a minute apart, as the original's files would be.)
  const original = exported.map(({ doc }, i): FileSpec => {
    const copy = structuredClone(doc);
    for (const key of ['consumer', 'sequence', 'previous_sequence', 'session_id', 'market_time', 'excluded'])
      delete copy._metadata[key];
    copy._metadata.generated_at = `2025-07-01T10:0${i}:00-04:00`;
    return {
      name: `original_${i}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(copy, null, 2)),
    };
  });
  await input.setInputFiles(shuffle(original));
  await expect(offline).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('offline-file')).toHaveText('original_0.json');
  await expect(page.getByTestId('offline-sequence')).toHaveCount(0);
  await expect(page.getByTestId('offline-market-time')).toContainText(/^made \d{2}:\d{2}:\d{2}/);
  await slider.fill('4');
  await expect(steps).toHaveAttribute('data-current', '4');
  await expect(page.getByTestId('offline-file')).toHaveText('original_4.json');
  await expectShows(replay, last);
  // Without sequence numbers a missing delta is still found when the files are opened (each delta's rows
  // must start where the files before it left each stream): the chain opens up to it, named by file.
  await input.setInputFiles(original.filter((f) => f.name !== 'original_3.json'));
  await expect(page.getByTestId('offline-cut-message')).toHaveText(
    /^Replaying 3 exports \(original_0\.json to original_2\.json\); original_4\.json does not follow on \(RIVN 1m starts at row \d+, but the exports up to original_2\.json hold \d+: an export is missing\), so original_4\.json is left out\.$/,
  );
  await expect(page.getByTestId('offline-position')).toHaveText('1 / 3');

  // Dropped on the drop zone: the whole set again, replayed.
  const dataTransfer = await page.evaluateHandle(
    (specs) => {
      const transfer = new DataTransfer();
      for (const spec of specs) {
        const bytes = Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], spec.name, { type: spec.mimeType }));
      }
      return transfer;
    },
    shuffle(files).map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString('base64') })),
  );
  const zone = page.getByTestId('offline-drop');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await expect(zone).toHaveAttribute('data-over', 'true');
  await zone.dispatchEvent('drop', { dataTransfer });
  await expect(offline).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('offline-position')).toHaveText('1 / 5');
  await slider.fill('4');
  await expectShows(replay, last);

  expect(problems).toEqual([]);
});
