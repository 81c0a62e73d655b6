// The build's rewrite of worker constructions into Vite's inline workers (scripts/vite-inline-workers.ts):
// the form the three clients write is rewritten, with its options kept; anything else is left as it was.
import { describe, expect, it } from 'vitest';
import { inlineWorkerConstructions } from './vite-inline-workers';

describe('inline worker constructions', () => {
  it('rewrites new Worker(new URL(path, import.meta.url), options) into an inline worker import', () => {
    const code = [
      "const a = () => new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });",
      'const b = () =>',
      '  new Worker(new URL("./player.worker.ts", import.meta.url));',
    ].join('\n');
    expect(inlineWorkerConstructions(code)).toBe(
      [
        'import __sessionTapeInlineWorker0 from "../workers/engine.worker.ts?worker&inline";',
        'import __sessionTapeInlineWorker1 from "./player.worker.ts?worker&inline";',
        "const a = () => new __sessionTapeInlineWorker0({ type: 'module', name: 'engine' });",
        'const b = () =>',
        '  new __sessionTapeInlineWorker1();',
      ].join('\n'),
    );
  });

  it('leaves other code alone', () => {
    expect(inlineWorkerConstructions('const w = new Worker(url, { type: "module" });')).toBeNull();
    expect(inlineWorkerConstructions('const u = new URL("./x.ts", import.meta.url);')).toBeNull();
  });
});
