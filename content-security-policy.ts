// The Content-Security-Policies of the two single-file pages (issues 12 and 13). Both pages are one HTML file
// each, their script and style inlined by the build, so neither allows 'unsafe-inline' or `eval`: the build
// adds the sha256 hash of each inline <script> and <style> to the directives below
// (scripts/vite-inline-csp.ts) and puts the result in the page's <meta> tag; `vite preview` sends the app's
// as a header too, with the one directive a <meta> tag cannot carry (frame-ancestors). The dev server has
// neither: its hot reload needs inline script.

/**
 * sha256 of the <style> text lightweight-charts adds for its attribution logo (its `css` constant);
 * content-security-policy.test.ts recomputes it from the installed library, so an upgrade that changes the
 * text fails there rather than in a browser.
 */
export const CHART_LOGO_STYLE_HASH = 'sha256-3pRED1tOXas1FXFoPb9TGCjmYe9XQsmO9OV23khV2nY=';

/** A policy as [directive, sources] pairs; the build appends the inline hashes to script-src and style-src. */
export type Directives = readonly (readonly [string, string])[];

/** The app (index.html), served or opened from disk. */
export const APP_CSP_DIRECTIVES: Directives = [
  ['default-src', "'self'"],
  // Plus the hash of the one inline module script the build makes of the app.
  ['script-src', "'self'"],
  // lightweight-charts puts its attribution logo's rules in a <style> element of its own (TradingView's
  // license asks for that attribution): that one text is allowed by its hash, as is the app's inlined CSS.
  ['style-src', `'self' '${CHART_LOGO_STYLE_HASH}'`],
  // The favicon is a data: URL; charts draw on canvases, which need nothing here.
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  // The engine, mirror and viewer workers are inlined in the page and start from blob: URLs.
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** Only a header can carry these; the preview server adds them to the page's own policy. */
export const APP_CSP_HEADER_ONLY: Directives = [['frame-ancestors', "'none'"]];

/**
 * A demo file (docs/export-format.md, section 12): opened from disk, it may make no request of any kind.
 * Nothing is allowed but its own inline script and style (by hash), the chart logo's style, its player
 * worker from a blob: URL and images the page draws itself.
 */
export const DEMO_CSP_DIRECTIVES: Directives = [
  ['default-src', "'none'"],
  ['script-src', ''],
  ['style-src', `'${CHART_LOGO_STYLE_HASH}'`],
  ['worker-src', 'blob:'],
  ['img-src', 'data: blob:'],
  ['connect-src', "'none'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** The policy's text: `name sources; name sources`. A directive left with no source allows nothing. */
export const policyText = (directives: Directives): string =>
  directives.map(([name, value]) => `${name} ${value.trim() || "'none'"}`).join('; ');
