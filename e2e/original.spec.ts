// Files in the original system's layout, written here from its format description (docs/design-note.md,
// docs/export-format.md section 11): `_metadata` last, the mode only in `complete` / `diff_mode`, format
// version 1.0 or none, no `total_count` or `columns`, lower-case states, `null` where it had nothing. The
// export viewer and Open exports read them, as `.json` and as `.json.gz`, show states as written, and say
// what they had to assume.
import { gzipSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import {
  originalComplete,
  originalDelta,
  originalNothing,
} from '../workers/mirror/original-exports.test-support';

const complete = originalComplete();
const delta = originalDelta();

const treeRow = (page: Page, path: string) => page.locator(`[data-testid="tree-row"][data-path="${path}"]`);

const json = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(value, null, 2)),
});
const gz = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/gzip',
  buffer: gzipSync(Buffer.from(JSON.stringify(value, null, 2))),
});

test("the original system's exports open in the viewer and in Open exports, plain and gzipped", async ({
  page,
}, testInfo) => {
  await page.goto('/');

  // The viewer: _metadata last, the mode from complete / diff_mode, version 1.0, and what it could not use.
  const file = page.getByTestId('viewer-file');
  const notes = page.getByTestId('viewer-notes');
  await file.setInputFiles(json('original-complete.json', complete));
  await expect(page.getByTestId('viewer-summary')).toHaveAttribute('data-mode', 'complete');
  await expect(treeRow(page, 'session_data.symbols.RIVN')).toBeVisible();
  await expect(notes.getByRole('listitem')).toHaveText([
    'format version "1.0" (this app writes 2.0): read as far as it goes',
    'no "mode": read as complete from "complete": true',
    'session_data.symbols.AAPL is null: nothing to show for AAPL',
    'session_data.symbols.RIVN.session.data.ticks is {}: no rows',
    '2 stream blocks have no total_count',
    "2 stream blocks have no columns: this app's columns for each stream are assumed",
  ]);
  // The lower-case state as the file writes it, and no thread information.
  await treeRow(page, 'system_manager').click();
  await expect(treeRow(page, 'system_manager._state')).toContainText('"stopped"');
  await expect(treeRow(page, 'threads')).toContainText('null');
  await page.getByTestId('viewer').screenshot({ path: testInfo.outputPath('viewer-notes.png') });

  // A .json.gz file without a version.
  await file.setInputFiles(gz('original-delta.json.gz', delta));
  await expect(page.getByTestId('viewer-summary')).toHaveAttribute('data-mode', 'delta');
  await expect(treeRow(page, '_metadata')).toBeVisible();
  await expect(notes).toContainText('no format version (this app writes 2.0): read as far as it goes');
  await expect(notes).toContainText('session_data.symbols.RIVN.session.data.1m has no total_count');
  await page.getByTestId('viewer').screenshot({ path: testInfo.outputPath('viewer-original.png') });

  // A system that never opened a session: shown with no symbols, not refused.
  await file.setInputFiles(json('original-nothing.json', originalNothing()));
  const fact = (name: string) =>
    page
      .getByTestId('viewer-summary')
      .locator('.viewer__fact')
      .filter({ has: page.getByText(name, { exact: true }) });
  await expect(fact('symbols').locator('dd')).toHaveText('0');
  await expect(notes).toContainText('session_data is null: no symbols');
  await expect(treeRow(page, 'session_data')).toContainText('null');

  // Open exports: the two files, one of them gzipped, in any order; what was assumed is said.
  const offline = page.getByTestId('offline');
  await page
    .getByTestId('offline-files')
    .setInputFiles([gz('original-delta.json.gz', delta), json('original-complete.json', complete)]);
  await expect(offline).toHaveAttribute('data-status', 'open');
  await expect(page.getByTestId('offline-file')).toHaveText('original-complete.json');
  await expect(page.getByTestId('offline-step-notes')).toContainText(
    'session_data.symbols.AAPL is null: nothing to show for AAPL',
  );
  await expect(page.getByTestId('offline-step-notes')).toContainText('format version "1.0"');
  const candles = offline.getByTestId('chart-candle-count');
  await expect(candles).toHaveText('3');
  // The state as written; no thread information: every stage not known.
  await expect(offline.getByTestId('system-panel-state')).toHaveText('stopped');
  await expect(offline.getByTestId('system-stage-status')).toHaveText([
    'not known',
    'not known',
    'not known',
    'not known',
  ]);
  await page.getByRole('button', { name: /Next/ }).click();
  await expect(page.getByTestId('offline-file')).toHaveText('original-delta.json.gz');
  await expect(candles).toHaveText('4');
  await expect(page.getByTestId('offline-step-notes')).toContainText(
    'session_data.symbols.RIVN.session.data.1m has no total_count: its rows are taken to follow on',
  );
  // Lower-case stage states as written, one stage without thread_info, one not alive, one left out.
  await expect(offline.getByTestId('system-panel-state')).toHaveText('stopped');
  await expect(offline.getByTestId('system-stage-status')).toHaveText([
    'stopped',
    'not alive',
    'stopped',
    'not known',
  ]);
  await offline.screenshot({ path: testInfo.outputPath('offline-original.png') });
});
