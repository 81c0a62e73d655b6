// The single-file pages' policy (scripts/vite-inline-csp.ts): the hashes of exactly the inline code a browser
// runs (not the demo's tape, not a script with a src), in a <meta> tag first in <head>.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cspOfPage, inlineHashes, withCspMeta } from './vite-inline-csp';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

const PAGE = [
  '<!doctype html><html><head><title>t</title>',
  '<script type="module" crossorigin>console.log("é")</script>',
  '<style rel="stylesheet">body{color:red}</style>',
  '</head><body>',
  '<script id="session-tape" type="application/x-session-tape">__SESSION_TAPE__</script>',
  '<script src="./x.js"></script>',
  '</body></html>',
].join('\n');

describe('inline content security policy', () => {
  it('hashes the scripts a browser runs and every style, as UTF-8', () => {
    expect(inlineHashes(PAGE)).toEqual({
      scripts: [hash('console.log("é")')],
      styles: [hash('body{color:red}')],
    });
  });

  it('puts the policy with those hashes first in <head>, and a directive with no source allows nothing', () => {
    const page = withCspMeta(PAGE, [
      ['default-src', "'none'"],
      ['script-src', ''],
      ['style-src', "'sha256-logo='"],
      ['img-src', ''],
    ]);
    expect(cspOfPage(page)).toBe(
      `default-src 'none'; script-src ${hash('console.log("é")')}; style-src 'sha256-logo=' ${hash('body{color:red}')}; img-src 'none'`,
    );
    expect(page.indexOf('Content-Security-Policy')).toBeLessThan(page.indexOf('<title>'));
    expect(() => withCspMeta(page, [['script-src', '']])).toThrow(/already has/);
    // A policy another tool wrote, its quotes as entities, reads as the browser reads it.
    expect(
      cspOfPage(
        '<meta http-equiv="Content-Security-Policy" content="script-src &#39;self&#39; &quot;x&quot;">',
      ),
    ).toBe(`script-src 'self' "x"`);
    expect(() => withCspMeta(PAGE, [['default-src', "'none'"]])).toThrow(/no script-src/);
  });
});
