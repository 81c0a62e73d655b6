// The demo player's page for the engine worker's `system save-demo`: the Vite build makes the player one
// HTML file and serves it, gzipped and in base64, as the module `virtual:demo-player` (vite.config.ts's
// demo-player plugin). Imported on first use only, so the worker does not carry the page until a demo is
// made. Kept apart from engine.worker.ts so that the worker entry stays Comlink wiring.

// The page's type is declared beside this file; named here so that every program that reaches this module
// (the UI's type check follows engine.worker.ts's types) knows it.
/// <reference path="./virtual-demo-player.d.ts" />

import { fromBase64 } from './common/base64';
import { gunzip } from './common/gzip';

/** More than any player page inflates to: a damaged build stops here, not at the end of memory. */
const MAX_PAGE_BYTES = 64 * 1024 * 1024;

export async function demoPlayerPage(): Promise<string> {
  const module = await import('virtual:demo-player');
  const packed = fromBase64(module.default);
  if (packed === null) throw new Error('the built demo player is not base64 (the Vite build is damaged)');
  return new TextDecoder().decode(await gunzip(packed, MAX_PAGE_BYTES));
}
