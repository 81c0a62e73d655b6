// The verbs the UI can call on the engine, as plain data in and out: the session's, the exports' and the
// console's, the configuration's and the imports'. `engine.worker.ts` exposes this object through Comlink
// and marks export bytes for transfer; tests call it directly.

import type { Result } from '../common/result';
import type { FeedPort } from '../export/contract';
import { createConfigVerbs } from './config-verbs';
import { createDemoVerbs, type DemoPlayer } from './demo-verbs';
import { EngineHost } from './engine-host';
import {
  createExportQueue,
  createExportVerbs,
  createFileNames,
  type ExportQueueOptions,
} from './export-verbs';
import type { HistoryHelper } from './history-helper';
import { createImportVerbs } from './import-verbs';
import { createLiveFeed } from './live-feed';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime';
import { createSessionVerbs } from './session-verbs';

export type { ParamRule, SessionIndicatorInfo } from '../common/indicator-catalogue';
export type { CalendarDayView, ConfigView, TradingCalendarView } from './config-verbs';
export type { DemoPayload, DemoPlayer, DemoProgressListener } from './demo-verbs';
export type { CommandReply, ExportOptions, ExportPayload, ProgressListener } from './export-verbs';
export type { ImportRequest, PendingImport } from './import-verbs';
export type { StartProgress } from './session-verbs';

export interface EngineApiOptions extends ExportQueueOptions {
  /** The demo player's page for `system save-demo` (the worker's comes from the Vite build). */
  demoPlayer?: DemoPlayer;
  /**
   * The threads that help `start` load history (the worker's start with the first start that needs them);
   * without, the engine's thread loads it all.
   */
  historyHelpers?: () => readonly HistoryHelper[];
}

/**
 * `runtime` is the engine at start-up; `make` builds a fresh one for a new configuration (the worker and
 * tests pass `createRuntime`). Imports of symbols the new configuration still has are carried over.
 */
export function createEngineApi(
  runtime: Runtime,
  make: (options: RuntimeOptions) => Runtime = createRuntime,
  options: EngineApiOptions = {},
) {
  const host = new EngineHost(runtime);
  const imports = createImportVerbs(host);
  const exports = createExportQueue(host, options);
  const feed = createLiveFeed(host, exports.run);
  const takeFileName = createFileNames();
  const demos = createDemoVerbs(host, options.demoPlayer, takeFileName);
  return {
    ...createSessionVerbs(host, options.historyHelpers),
    ...createExportVerbs(host, exports, demos, takeFileName),
    saveDemo: demos.saveDemo,
    cancelDemo: demos.cancelDemo,
    ...imports.verbs,
    ...createConfigVerbs(host, make, imports.carryOver),
    /**
     * Feeds the mirror worker at the other end of `port` with the `ui` consumer's exports from now on,
     * without the page in between (the page transfers one port of a MessageChannel here, the other to
     * the mirror). A new port replaces the old one: the mirror then gets a complete export.
     */
    connectMirror(port: FeedPort): void {
      feed.connect(port);
    },
    /**
     * The symbols the page shows (its chart's, and any other it draws): the live feed carries rows only for
     * them, and sends them complete at once so that the chart switches without waiting. Until the page
     * says, the session's first symbol. A name the session does not have is refused and nothing changes.
     * (Async like every verb the page calls, so that tests and the worker answer alike.)
     */
    async showSymbols(symbols: string[]): Promise<Result<void>> {
      return feed.show(symbols);
    },
    /** The symbols the live feed carries rows for now. */
    shownSymbols: (): string[] => feed.shown(),
  };
}

export type EngineApiObject = ReturnType<typeof createEngineApi>;
