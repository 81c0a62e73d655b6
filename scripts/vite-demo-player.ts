// A Vite plugin that serves `virtual:demo-player` (type in workers/virtual-demo-player.d.ts): the base64
// of the gzipped demo player page (scripts/demo-player.ts), which the engine worker writes demo files with.
// It is in the app's configuration, for the page and for its workers' builds, and never in the player's own.
// The dev server loads the module once: a change to the player shows in Save demo after a restart of it.
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { demoPlayerHtml } from './demo-player.ts';

const ID = 'virtual:demo-player';
const RESOLVED_ID = `\0${ID}`;

export function demoPlayerModule(): Plugin {
  return {
    name: 'session-tape:demo-player',
    resolveId: {
      filter: { id: /^virtual:demo-player$/ },
      handler: () => RESOLVED_ID,
    },
    load: {
      filter: { id: /^\0virtual:demo-player$/ },
      async handler() {
        const gzipped = gzipSync(Buffer.from(await demoPlayerHtml(), 'utf8'), { level: 9 });
        return `export default ${JSON.stringify(gzipped.toString('base64'))};`;
      },
    },
  };
}
