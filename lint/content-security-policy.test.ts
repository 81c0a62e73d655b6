// The app's Content-Security-Policy allows exactly one inline style: the one lightweight-charts adds for its
// attribution logo. Its hash is recomputed here from the installed library, so that an upgrade that changes
// that text is caught by the unit tests, with the new hash to put in content-security-policy.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP_HEADER, APP_CSP_META, CHART_LOGO_STYLE_HASH } from '../content-security-policy';

const require = createRequire(import.meta.url);

describe('content security policy', () => {
  it("allows the chart library's logo style by its hash, as the installed library writes it", () => {
    const root = dirname(require.resolve('lightweight-charts/package.json'));
    const source = readFileSync(join(root, 'dist', 'lightweight-charts.development.mjs'), 'utf8');
    const css = /const css = `(a#tv-attr-logo[^`]*)`;/.exec(source)?.[1];
    expect(css, 'the logo style text in lightweight-charts').toBeDefined();
    const hash = `sha256-${createHash('sha256')
      .update(css as string)
      .digest('base64')}`;
    expect(CHART_LOGO_STYLE_HASH).toBe(hash);
  });

  it('allows no inline script, no eval, and connections to the app only', () => {
    for (const policy of [APP_CSP_META, APP_CSP_HEADER]) {
      expect(policy).toContain("script-src 'self';");
      expect(policy).not.toMatch(/unsafe-(inline|eval)/);
      expect(policy).toContain("connect-src 'self';");
      expect(policy).toContain("worker-src 'self' blob:;");
    }
    expect(APP_CSP_HEADER).toContain("frame-ancestors 'none'");
    expect(APP_CSP_META).not.toContain('frame-ancestors');
  });
});
