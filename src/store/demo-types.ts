// The demo slice's shape: the Save demo button's setting, the demo being made, and the last one saved.

import type { DemoPayload } from '../../workers/api/engine-api';
import type { DemoProgress, DemoSummary } from '../../workers/export/contract';

export interface RunningDemo {
  /** The export panel's Save demo, or the console's `system save-demo`. */
  source: 'panel' | 'console';
  progress: DemoProgress | null;
}

export interface DemoSlice {
  /** `every=`: one step every this many market minutes (1 to 390). */
  demoEvery: number;
  runningDemo: RunningDemo | null;
  /** Why the last demo failed, in one line; cleared by the next one. */
  demoError: string | null;
  /** The last demo downloaded, for the line under the button. */
  lastDemo: DemoSummary | null;
  setDemoEvery(minutes: number): void;
  /** Makes the demo of the session so far with `demoEvery` and the export panel's Leave out, and downloads it. */
  saveDemo(): Promise<void>;
  cancelDemo(): Promise<void>;
  /** Downloads a demo the engine made (the console's too) as its .html file. */
  downloadDemo(payload: DemoPayload): Promise<void>;
  dismissDemoError(): void;
}
