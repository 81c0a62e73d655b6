// The built app under its Content-Security-Policy (content-security-policy.ts): the page carries the policy,
// with the hashes of its own inline script and style and no 'unsafe-inline' or eval, the preview server sends
// the same policy (and frame-ancestors) as a header, and starting a session, charting it, exporting and viewing an export, Open
// exports and a file import all run without a single violation. (Every other spec runs under it too.)
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { APP_CSP_HEADER_ONLY, policyText } from '../content-security-policy';
import { button, downloadFrom, showTab, watchProblems } from './support';

const SAMPLE_CSV = fileURLToPath(new URL('../samples/rivn-1m.csv', import.meta.url));

test('the app runs under its Content-Security-Policy with no violation', async ({ page }) => {
  const problems = watchProblems(page);
  // Collected by the page itself, before any of its own scripts run.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const response = await page.goto('/');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
  expect(meta).not.toMatch(/unsafe-(inline|eval|hashes)/);
  expect(response?.headers()['content-security-policy']).toBe(`${meta}; ${policyText(APP_CSP_HEADER_ONLY)}`);
  // The page's own script is the one inline script that runs: it is the app, so the app running shows it.
  expect(
    await page.evaluate(() =>
      [...document.scripts].filter((s) => !s.src && ['', 'module'].includes(s.type)).map((s) => s.type),
    ),
  ).toEqual(['module']);

  // What the policy forbids is forbidden: an inline script does not run, and is reported.
  const inlineRan = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  const violations = () =>
    page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  // Reported once per policy in force: the <meta> tag's and the header's.
  const refusedScript = 'script-src-elem inline at :4';
  await expect.poll(violations).toEqual([refusedScript, refusedScript]);

  // The workers, the live charts, an export, the viewer, an import: all within the policy.
  await button(page, 'Start').click();
  await expect(page.getByTestId('mirror-badge')).toHaveAttribute('data-status', 'in-sync');
  await expect
    .poll(async () => Number(await page.getByTestId('chart-candle-count').textContent()))
    .toBeGreaterThan(0);
  await button(page, 'Pause').click();
  const download = await downloadFrom(page, () => button(page, 'Export complete').click());
  const fileName = download.suggestedFilename();
  await showTab(page, 'History & viewer');
  await page.getByRole('button', { name: `View ${fileName}`, exact: true }).click();
  await expect(page.getByTestId('viewer')).toHaveAttribute('data-status', 'open');
  await page.getByTestId('offline-files').setInputFiles(await download.path());
  await expect(page.getByTestId('offline')).toHaveAttribute('data-status', 'open');
  await showTab(page, 'Config & data');
  await page.getByTestId('import-file-input').setInputFiles(SAMPLE_CSV);
  await page.getByLabel('Symbol to import for').selectOption('RIVN');
  await button(page, 'Read file').click();
  await expect(page.getByTestId('import-report')).toBeVisible();

  expect(await violations()).toEqual([refusedScript, refusedScript]);
  // The refused script above is reported as console errors by the browser; nothing else is.
  expect(problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
});
