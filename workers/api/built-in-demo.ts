// The benchmark's hook for demo files: the demo of the built-in session's whole first day (3 symbols,
// every=1, ticks and quotes left out), made exactly as `system save-demo` makes it. bench/ measures its
// sizes (the exports, the tape, gzipped, base64, the page) and how long it takes.

import type { Result } from '../common/result';
import { DEMO_TAPE_SLOT, type DemoFile } from '../export/contract';
import { makeDemo } from './demo-maker';
import { createRuntime } from './runtime';

/** A page holding nothing but the tape: the file's size is then the tape's (the bench may pass the player). */
export const BARE_PLAYER_PAGE = `<!doctype html>${DEMO_TAPE_SLOT}\n`;

/** Minutes of the built-in session's first day (2025-07-01, a regular session). */
const WHOLE_DAY = 390;

export async function builtInDemo(
  template: () => Promise<string> = async () => BARE_PLAYER_PAGE,
  now: () => number = () => Date.now(),
): Promise<Result<DemoFile>> {
  const runtime = createRuntime({ realtime: false, now });
  const started = runtime.start();
  if (!started.ok) return started;
  const stepped = runtime.step(WHOLE_DAY);
  if (!stepped.ok) return stepped;
  return makeDemo(runtime.backtest, { every: 1, exclude: ['ticks', 'quotes'] }, { template, now });
}
