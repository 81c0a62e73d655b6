// The app's Content-Security-Policy (issue 12): scripts, styles, workers and connections from the app's own
// origin only, no inline script and no `eval`. The built page carries it in a <meta> tag, so that it holds
// wherever the files are served from; `vite preview` also sends it as a header, with the one directive a
// <meta> tag cannot carry (frame-ancestors). The dev server has neither: its hot reload needs inline script.

/**
 * sha256 of the <style> text lightweight-charts adds for its attribution logo (its `css` constant);
 * content-security-policy.test.ts recomputes it from the installed library, so an upgrade that changes the
 * text fails there rather than in a browser.
 */
export const CHART_LOGO_STYLE_HASH = 'sha256-3pRED1tOXas1FXFoPb9TGCjmYe9XQsmO9OV23khV2nY=';

const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // lightweight-charts puts its attribution logo's rules in a <style> element of its own (TradingView's
  // license asks for that attribution): that one text is allowed by its hash, no other inline style.
  ['style-src', `'self' '${CHART_LOGO_STYLE_HASH}'`],
  // The favicon is a data: URL; charts draw on canvases, which need nothing here.
  ['img-src', "'self' data: blob:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  // The engine, mirror and viewer workers are files of the build.
  ['worker-src', "'self' blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

const policy = (directives: readonly (readonly [string, string])[]) =>
  directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** For the <meta> tag of the built page. */
export const APP_CSP_META = policy(DIRECTIVES);

/** For the header of a server that serves the app (frame-ancestors works only as a header). */
export const APP_CSP_HEADER = policy([...DIRECTIVES, ['frame-ancestors', "'none'"]]);
