// A Vite plugin that builds every `new Worker(new URL('./x.worker.ts', import.meta.url), {...})` as an inline
// worker (Vite's `?worker&inline`): the worker's bundle becomes a string in the page's script and starts
// from a blob: URL. A single-file page needs that: opened from disk, a page may not load a worker file
// (file:// is an opaque origin), but it may start one from a Blob it made itself.
//
// The source keeps the standard form, which the dev server and the tests understand and which keeps the
// UI's imports of workers/ type-only (README, house rule layers/ui-types-only); only the build rewrites it.
import type { Plugin } from 'vite';

// The form Vite itself recognizes (a literal path, then literal options); anything else is left alone.
const WORKER_RE =
  /new\s+Worker\s*\(\s*new\s+URL\s*\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)\s*(?:,\s*(\{[^{}]*\})\s*)?,?\s*\)/g;

/** The module with each worker construction replaced by Vite's inline worker wrapper, or null if none. */
export function inlineWorkerConstructions(code: string): string | null {
  const imports: string[] = [];
  const rewritten = code.replace(WORKER_RE, (_match, _quote: string, path: string, options?: string) => {
    const name = `__sessionTapeInlineWorker${imports.length}`;
    imports.push(`import ${name} from ${JSON.stringify(`${path}?worker&inline`)};`);
    // The wrapper takes the options for the name; the worker's type follows `worker.format`.
    return `new ${name}(${options ?? ''})`;
  });
  return imports.length ? `${imports.join('\n')}\n${rewritten}` : null;
}

export function inlineWorkers(): Plugin {
  return {
    name: 'session-tape:inline-workers',
    apply: 'build',
    // Before Vite's own worker plugin, which would otherwise emit each worker as a file of its own.
    enforce: 'pre',
    transform: {
      filter: { id: /\.[cm]?[jt]sx?$/, code: /new\s+Worker\s*\(/ },
      handler(code, id) {
        if (id.includes('/node_modules/')) return null;
        const rewritten = inlineWorkerConstructions(code);
        return rewritten === null ? null : { code: rewritten, map: null };
      },
    },
  };
}
