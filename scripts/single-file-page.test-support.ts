// Reads a built single-file page the way a browser would, for the tests of the app's and the demo player's
// builds: its inline code, the URLs its tags point to and its Content-Security-Policy. Written apart from
// scripts/vite-inline-csp.ts on purpose, so that the tests do not check the plugin against itself.
import { createHash } from 'node:crypto';

export interface InlineCode {
  /** The scripts a browser runs (no data blocks), and every style, as their exact text. */
  scripts: string[];
  styles: string[];
  /** Scripts of a type the browser does not run, by id. */
  dataBlocks: Map<string, string>;
}

const RUN_TYPES = ['', 'module', 'text/javascript'];

export function inlineCode(html: string): InlineCode {
  const code: InlineCode = { scripts: [], styles: [], dataBlocks: new Map() };
  for (const match of html.matchAll(/<(script|style)((?:\s[^>]*)?)>([\s\S]*?)<\/\1>/g)) {
    const [, tag, attrs = '', text = ''] = match;
    if (tag === 'style') code.styles.push(text);
    else {
      const type = /\stype="([^"]*)"/.exec(attrs)?.[1] ?? '';
      if (RUN_TYPES.includes(type)) code.scripts.push(text);
      else code.dataBlocks.set(/\sid="([^"]*)"/.exec(attrs)?.[1] ?? '', text);
    }
  }
  return code;
}

/** The page with its inline code emptied: what is left is markup. */
export const markupOf = (html: string) =>
  html.replace(/<(script|style)((?:\s[^>]*)?)>[\s\S]*?<\/\1>/g, '<$1$2></$1>');

/** Every src, href, srcset, action or data URL the page's tags name. */
export const tagUrls = (html: string): string[] =>
  [...markupOf(html).matchAll(/\s(?:src|href|srcset|action|data)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map(
    ([, double, single]) => double ?? single ?? '',
  );

/** The page's <meta> policy as directive name → sources. */
export function metaPolicy(html: string): Map<string, string[]> {
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/gi)];
  if (metas.length !== 1) throw new Error(`The page has ${metas.length} CSP <meta> tags, not one.`);
  return new Map(
    (metas[0]?.[1] ?? '').split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

export const sha256Source = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The hash sources of a directive. */
export const hashesIn = (sources: readonly string[] = []) => sources.filter((s) => s.startsWith("'sha256-"));
