// Files in the original system's layout, written here from its format description (docs/design-note.md,
// docs/export-format.md section 11): `_metadata` last, the mode only in `complete` / `diff_mode`, no
// `total_count` or `columns`, lower-case states, `null` where it had nothing. The export viewer and Open
// exports read them, as `.json` and as `.json.gz`; Open exports shows states as written and says what it
// had to assume.
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { originalComplete, originalDelta } from '../workers/mirror/original-exports.test-support';

const complete = originalComplete();
const delta = originalDelta();

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

  // The viewer: _metadata last, the mode from complete / diff_mode, and a .json.gz file.
  const file = page.getByTestId('viewer-file');
  await file.setInputFiles(json('original-complete.json', complete));
  await expect(page.getByTestId('viewer-summary')).toHaveAttribute('data-mode', 'complete');
  await expect(page.locator('[data-testid="tree-row"][data-path="session_data.symbols.RIVN"]')).toBeVisible();
  await file.setInputFiles(gz('original-delta.json.gz', delta));
  await expect(page.getByTestId('viewer-summary')).toHaveAttribute('data-mode', 'delta');
  await expect(page.locator('[data-testid="tree-row"][data-path="_metadata"]')).toBeVisible();
  await page.getByTestId('viewer').screenshot({ path: testInfo.outputPath('viewer-original.png') });

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
    'session_data.symbols.RIVN.session.data.1m: no total_count, its rows are taken to follow on',
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
