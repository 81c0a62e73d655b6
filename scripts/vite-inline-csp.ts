// A Vite plugin that gives a single-file page its Content-Security-Policy (content-security-policy.ts).
// Once vite-plugin-singlefile has inlined the page's script and style, it hashes each inline <script> and
// <style> of the final HTML and puts the policy, with those sha256 hashes in script-src and style-src, in a
// <meta> tag at the top of <head>: the page then runs its own code and nothing else, even from file://,
// where no header can carry a policy. Both the app and the demo player use it, each with its own policy.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { type Directives, policyText } from '../content-security-policy.ts';

// Data blocks (the demo's tape, `type="application/x-session-tape"`) are never run, so CSP ignores them.
const SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const attribute = (attrs: string, name: string): string | undefined =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
    .exec(attrs)
    ?.slice(1)
    .find((value) => value !== undefined);

const hasAttribute = (attrs: string, name: string) => new RegExp(`\\s${name}(\\s|=|$)`, 'i').test(attrs);

/** The hashes of the inline scripts a browser would run, and of every inline style, in page order. */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const scripts: string[] = [];
  for (const [, attrs = '', text = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const type = (attribute(attrs, 'type') ?? '').trim().toLowerCase();
    if (!hasAttribute(attrs, 'src') && SCRIPT_TYPES.has(type)) scripts.push(sha256(text));
  }
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(([, text = '']) =>
    sha256(text),
  );
  return { scripts, styles };
}

/** `directives` with the page's inline hashes added to script-src and style-src (which must be there). */
export function withInlineHashes(directives: Directives, html: string): Directives {
  const { scripts, styles } = inlineHashes(html);
  const added: Record<string, string[]> = { 'script-src': scripts, 'style-src': styles };
  for (const name of Object.keys(added))
    if (!directives.some(([directive]) => directive === name))
      throw new Error(`The policy has no ${name} to add the page's inline hashes to.`);
  return directives.map(([name, value]) => [name, [value, ...new Set(added[name] ?? [])].join(' ').trim()]);
}

const META_RE = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

const ENTITIES: Record<string, string> = { '&#39;': "'", '&apos;': "'", '&quot;': '"', '&amp;': '&' };

/** The policy of a page's <meta> tag, if it has one, as the browser reads the attribute (entities decoded). */
export const cspOfPage = (html: string): string | undefined =>
  META_RE.exec(html)?.[1]?.replace(/&(#39|apos|quot|amp);/g, (entity) => ENTITIES[entity] ?? entity);

/** The page with its policy in a <meta> tag first in <head>, before any script it governs. */
export function withCspMeta(html: string, directives: Directives): string {
  if (cspOfPage(html) !== undefined) throw new Error('The page already has a Content-Security-Policy.');
  const policy = policyText(withInlineHashes(directives, html));
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}" />`;
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) throw new Error('The page has no <head> for its Content-Security-Policy.');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${meta}${html.slice(at)}`;
}

export interface InlineCspOptions {
  /** The page's policy, before the inline hashes are added. */
  directives: Directives;
  /**
   * Directives only a header can carry: when given, `vite preview` sends the built index.html's own policy
   * (read back from its <meta> tag, hashes and all) plus these as a Content-Security-Policy header.
   */
  headerOnly?: Directives;
}

/** List it after viteSingleFile(): both rewrite the HTML last, in the order the plugins are listed. */
export function inlineCsp({ directives, headerOnly }: InlineCspOptions): Plugin {
  let outDir = 'dist';
  return {
    name: 'session-tape:inline-csp',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle))
          if (file.type === 'asset' && file.fileName.endsWith('.html'))
            file.source = withCspMeta(String(file.source), directives);
      },
    },
    configurePreviewServer(server) {
      if (!headerOnly) return;
      server.middlewares.use((_request, response, next) => {
        readFile(resolve(outDir, 'index.html'), 'utf8').then(
          (html) => {
            const policy = cspOfPage(html);
            if (policy !== undefined)
              response.setHeader('Content-Security-Policy', `${policy}; ${policyText(headerOnly)}`);
            next();
          },
          () => next(),
        );
      });
    },
  };
}
