// The demo player's one-file build (docs/export-format.md, section 12): one HTML file that points to nothing
// but data: URLs, keeps the tape's placeholder for the demo writer, and allows by its policy exactly its own
// inline script and style, under a policy that forbids every request. The build is cached
// (node_modules/.cache/session-tape/), so this runs it at most once per change of the player's inputs.
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_LOGO_STYLE_HASH } from '../content-security-policy';
import { demoPlayerHtml } from './demo-player';
import {
  hashesIn,
  inlineCode,
  markupOf,
  metaPolicy,
  sha256Source,
  tagUrls,
} from './single-file-page.test-support';
import { demoPlayerModule } from './vite-demo-player';

let html = '';

beforeAll(async () => {
  html = await demoPlayerHtml();
}, 120_000);

describe('the demo player page', () => {
  it('is one HTML file with all its code inline and no URL but data:', () => {
    expect(markupOf(html).match(/<html\b/g)).toHaveLength(1);
    expect(html.trimStart().toLowerCase().startsWith('<!doctype html>')).toBe(true);
    const { scripts } = inlineCode(html);
    expect(scripts.length).toBeGreaterThan(0);
    expect(markupOf(html)).not.toMatch(/<script\b[^>]*\ssrc=/);
    expect(markupOf(html)).not.toMatch(/<link\b[^>]*rel="(stylesheet|modulepreload)"/);
    for (const url of tagUrls(html)) expect(url).toMatch(/^data:/);
    // The player worker is inlined too: no worker file is named in the code.
    expect(html).not.toMatch(/\.worker\.(ts|js)\b/);
  });

  it("keeps the tape's element with its placeholder, to be filled in by the demo writer", () => {
    expect(inlineCode(html).dataBlocks.get('session-tape')).toBe('__SESSION_TAPE__');
    expect(html).toContain(
      '<script id="session-tape" type="application/x-session-tape">__SESSION_TAPE__</script>',
    );
  });

  it('allows its own inline script and style by hash and nothing from anywhere', () => {
    const policy = metaPolicy(html);
    const { scripts, styles } = inlineCode(html);
    expect(new Set(hashesIn(policy.get('script-src')))).toEqual(new Set(scripts.map(sha256Source)));
    expect(policy.get('script-src')).toEqual(hashesIn(policy.get('script-src')));
    expect(new Set(policy.get('style-src'))).toEqual(
      new Set([`'${CHART_LOGO_STYLE_HASH}'`, ...styles.map(sha256Source)]),
    );
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'none'"]);
    expect(policy.get('worker-src')).toEqual(['blob:']);
    expect(policy.get('img-src')).toEqual(['data:', 'blob:']);
    for (const name of ['base-uri', 'form-action', 'object-src'])
      expect(policy.get(name)).toEqual(["'none'"]);
    expect(html).not.toMatch(/unsafe-(inline|eval|hashes)/);
    // The policy comes before any script it governs.
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
  });

  it('is what virtual:demo-player exports, gzipped and in base64', async () => {
    const plugin = demoPlayerModule();
    const load = plugin.load as { handler: (id: string) => Promise<string> };
    const resolveId = plugin.resolveId as { handler: (id: string) => string };
    const code = await load.handler(resolveId.handler('virtual:demo-player'));
    const base64 = /^export default "([A-Za-z0-9+/=]+)";$/.exec(code)?.[1];
    expect(base64).toBeDefined();
    expect(gunzipSync(Buffer.from(base64 as string, 'base64')).toString('utf8')).toBe(html);
  });
});
