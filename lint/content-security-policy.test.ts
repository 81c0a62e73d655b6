// The app's Content-Security-Policy (content-security-policy.ts), checked on the real built page: `vite build`
// makes one self-contained index.html, and its <meta> policy allows exactly the page's inline script and
// style, by hash, with no 'unsafe-inline' and no eval. The one inline style the app adds at run time is the
// chart library's attribution logo: its hash is recomputed from the installed library, so an upgrade that
// changes that text is caught here, with the new hash to put in content-security-policy.ts.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_CSP_DIRECTIVES, CHART_LOGO_STYLE_HASH } from '../content-security-policy';
import {
  hashesIn,
  inlineCode,
  markupOf,
  metaPolicy,
  sha256Source,
  tagUrls,
} from '../scripts/single-file-page.test-support';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let outDir = '';
let html = '';

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'session-tape-build-'));
  // NODE_ENV unset: the production build, as `npm run build` makes it (vitest sets it to `test`).
  const { NODE_ENV: _, ...env } = process.env;
  execFileSync(join(root, 'node_modules', '.bin', 'vite'), ['build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    env,
    stdio: 'pipe',
  });
  html = readFileSync(join(outDir, 'index.html'), 'utf8');
}, 180_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('content security policy', () => {
  it("allows the chart library's logo style by its hash, as the installed library writes it", () => {
    const libraryRoot = dirname(require.resolve('lightweight-charts/package.json'));
    const source = readFileSync(join(libraryRoot, 'dist', 'lightweight-charts.development.mjs'), 'utf8');
    const css = /const css = `(a#tv-attr-logo[^`]*)`;/.exec(source)?.[1];
    expect(css, 'the logo style text in lightweight-charts').toBeDefined();
    const hash = `sha256-${createHash('sha256')
      .update(css as string)
      .digest('base64')}`;
    expect(CHART_LOGO_STYLE_HASH).toBe(hash);
  });

  it('builds the app into one file, index.html, that points to nothing but data: URLs', () => {
    expect(readdirSync(outDir)).toEqual(['index.html']);
    expect(markupOf(html)).not.toMatch(/<script\b[^>]*\ssrc=/);
    expect(markupOf(html)).not.toMatch(/<link\b[^>]*rel="(stylesheet|modulepreload)"/);
    for (const url of tagUrls(html)) expect(url).toMatch(/^data:/);
    // The workers are inlined (started from blob: URLs; the history helper inside the engine worker), not
    // files of their own.
    expect(html).not.toMatch(/\b(engine|mirror|viewer|history)\.worker[-.\w]*\.js\b/);
  });

  it("allows the page's own inline script and style by hash, no other inline script and no eval", () => {
    const policy = metaPolicy(html);
    const { scripts, styles } = inlineCode(html);
    expect(scripts.length).toBeGreaterThan(0);
    expect(new Set(hashesIn(policy.get('script-src')))).toEqual(new Set(scripts.map(sha256Source)));
    expect(policy.get('script-src')?.filter((source) => !source.startsWith("'sha256-"))).toEqual(["'self'"]);
    expect(new Set(hashesIn(policy.get('style-src')))).toEqual(
      new Set([`'${CHART_LOGO_STYLE_HASH}'`, ...styles.map(sha256Source)]),
    );
    expect(html).not.toMatch(/unsafe-(inline|eval|hashes)/);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    // Only a header can carry frame-ancestors; the preview server adds it.
    expect(policy.has('frame-ancestors')).toBe(false);
    // Every directive of content-security-policy.ts is in the page, in its order.
    expect([...policy.keys()]).toEqual(APP_CSP_DIRECTIVES.map(([name]) => name));
    // The policy comes before any script it governs.
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  });
});
