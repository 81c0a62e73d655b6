// What the command language needs of whatever carries its commands out: a handful of verbs over plain
// data. The runtime (workers/api/runtime.ts) provides them; the commands never see the backtest itself,
// so they cannot come to depend on how the engine keeps its state.

import type { Result } from '../common/result';
import type { EngineSnapshot } from '../engine/types';
import type { ExportRequest, ExportResult, PendingExport } from '../export/contract';

/** The base-interval rows each symbol holds in the open session, for `system status`. */
export interface SessionBars {
  /** The base interval, or null when the session streams no bars. */
  interval: string | null;
  bars: { symbol: string; rows: number }[];
}

export interface CommandTarget {
  snapshot(): EngineSnapshot;
  start(): Result<EngineSnapshot>;
  pause(): Result<EngineSnapshot>;
  resume(): Result<EngineSnapshot>;
  stop(): Result<EngineSnapshot>;
  step(minutes: number): Result<EngineSnapshot>;
  setSpeed(multiplier: number): Result<EngineSnapshot>;
  resetIndices(consumer?: string): Result<string>;
  /** Produces and counts an export (its consumer's cursor moves). */
  exportStatus(request: ExportRequest): Result<ExportResult>;
  /** Produces an export without counting it: nothing moves until its `commit` (see `CommandContext.save`). */
  prepareExport(request: ExportRequest): Result<PendingExport>;
  /** Null before the first session opens. */
  sessionBars(): SessionBars | null;
}
