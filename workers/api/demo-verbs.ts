// The engine API's demo verbs: `saveDemo` makes the demo of the session so far in a separate engine (see
// demo-maker.ts) while the running session goes on, with progress and Cancel; one demo at a time.

import type { Result } from '../common/result';
import type { DemoFile, DemoProgress, DemoRequest, DemoSummary } from '../export/contract';
import { makeDemo } from './demo-maker';
import type { EngineHost } from './engine-host';

/** The demo player's page, with its one tape placeholder (see `placeTape`). */
export type DemoPlayer = () => Promise<string>;

export type DemoProgressListener = (progress: DemoProgress) => void;

/** A demo as it crosses to the page: the HTML file's bytes in one buffer, transferred, and what it holds. */
export interface DemoPayload {
  fileName: string;
  bytes: ArrayBuffer;
  summary: DemoSummary;
}

/** The answer when no player was wired in (an engine built without one). */
const noPlayer: DemoPlayer = () => Promise.reject(new Error('this engine was built without the demo player'));

export function createDemoVerbs(
  host: EngineHost,
  demoPlayer: DemoPlayer = noPlayer,
  takeFileName: (name: string) => string = (name) => name,
) {
  let running: { cancelled: boolean } | null = null;

  /** The demo file, named with `takeFileName` (never the same name twice in the page's life). */
  async function make(request: DemoRequest, onProgress?: DemoProgressListener): Promise<Result<DemoFile>> {
    if (running !== null) {
      return { ok: false, error: 'system save-demo: a demo is already being made; wait for it or cancel it' };
    }
    const token = { cancelled: false };
    running = token;
    const runtime = host.runtime;
    try {
      const made = await makeDemo(runtime.backtest, request, {
        template: demoPlayer,
        now: runtime.now,
        ...(onProgress ? { onProgress } : {}),
        stopped: () => {
          if (token.cancelled) return 'cancelled';
          return host.runtime !== runtime
            ? 'a new configuration was applied while the demo was being made'
            : null;
        },
      });
      if (!made.ok) return made;
      const fileName = takeFileName(made.value.summary.fileName);
      return { ok: true, value: { ...made.value, summary: { ...made.value.summary, fileName } } };
    } finally {
      running = null;
    }
  }

  return {
    make,

    /** `system save-demo` for the page: the HTML file's bytes in a buffer of their own, to transfer. */
    async saveDemo(request: DemoRequest, onProgress?: DemoProgressListener): Promise<Result<DemoPayload>> {
      const made = await make(request, onProgress);
      if (!made.ok) return made;
      return { ok: true, value: payloadOf(made.value) };
    },

    /** Stops the demo being made, if any: nothing is written, and the running session never noticed. */
    cancelDemo(): void {
      if (running !== null) running.cancelled = true;
    },
  };
}

export type DemoVerbs = ReturnType<typeof createDemoVerbs>;

export function payloadOf(demo: DemoFile): DemoPayload {
  const { bytes } = demo;
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
  return { fileName: demo.summary.fileName, bytes: buffer, summary: demo.summary };
}
