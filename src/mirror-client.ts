// The only module that knows the mirror (the UI's live copy of the session, and the offline replay of
// export files) runs in a Web Worker of its own. Supervised like the engine: a dead or stuck mirror worker
// rejects its calls with a `MirrorWorkerError`, and the next call after `restart()` starts a fresh one
// (which holds nothing: joined to the engine again, it gets a complete export).
//
// Besides the generic `call()`, the client names each verb of the mirror API. `connectLive` hands the mirror
// the two ports of the live feed (transferred): export bytes reach it from the engine, never via the page.
import { transfer } from 'comlink';
import type { Result } from '../workers/common/result';
import type { OpenedSet, ViewQuery, ViewRead } from '../workers/mirror/mirror-api';
import type { MirrorApi } from '../workers/mirror.worker';
import { type SupervisedWorker, superviseWorker, type WorkerLike } from './worker-supervisor';

export type { LiveUpdate } from '../workers/mirror/live-link';
export type {
  ChartIndicator,
  CompareRead,
  OpenedSet,
  OpenedStep,
  Overview,
  Quote,
  ShownSeries,
  Source,
  SymbolRow,
  ViewQuery,
  ViewRead,
} from '../workers/mirror/mirror-api';
export type { BarSeries } from '../workers/mirror/series';

/** The mirror worker died, failed to load or stopped answering. */
export class MirrorWorkerError extends Error {
  override name = 'MirrorWorkerError';
}

export const isMirrorWorkerError = (error: unknown): error is MirrorWorkerError =>
  error instanceof Error && error.name === 'MirrorWorkerError';

export interface MirrorClient extends SupervisedWorker<MirrorApi> {
  /**
   * Makes the live mirror follow the engine's feed on `engine`, telling what changed on `page`; both
   * ports are transferred. Drops what the live mirror held.
   */
  connectLive(engine: MessagePort, page: MessagePort): Promise<void>;
  /** Reads, checks and orders export files for offline replay, and shows the first (complete) one. */
  openFiles(files: { name: string; blob: Blob }[]): Promise<Result<OpenedSet>>;
  /** Shows the offline replay as it stood after export `index` of the opened set. */
  showStep(index: number): Promise<Result<number>>;
  /** Answers unless the worker is stuck: then the call times out and the worker is declared dead. */
  ping(): Promise<true>;
  /** Everything a session view draws, in one answer; the series' buffers are transferred. */
  view(query: ViewQuery): Promise<ViewRead>;
}

/**
 * How long the mirror may take to answer one call. Applying a complete export of a long session or opening
 * a set of large files parses megabytes of JSON in the worker; a live delta takes a millisecond or two.
 */
export const MIRROR_TIMEOUT_MS = 30_000;

export interface MirrorClientOptions {
  timeoutMs?: number;
  createWorker?: () => WorkerLike;
}

// Vite finds the worker only when this expression is written inline with literal options.
const createMirrorWorker = (): WorkerLike =>
  new Worker(new URL('../workers/mirror.worker.ts', import.meta.url), { type: 'module', name: 'mirror' });

export function createMirrorClient(options: MirrorClientOptions = {}): MirrorClient {
  const worker = superviseWorker<MirrorApi>({
    label: 'mirror',
    createWorker: options.createWorker ?? createMirrorWorker,
    timeoutMs: options.timeoutMs ?? MIRROR_TIMEOUT_MS,
    deadError: (message) => new MirrorWorkerError(message),
  });
  return {
    ...worker,
    connectLive: (engine, page) =>
      worker.call('connectLive', transfer(engine, [engine]), transfer(page, [page])),
    openFiles: (files) => worker.call('openFiles', files),
    showStep: (index) => worker.call('showStep', index),
    view: (query) => worker.call('view', query),
    ping: () => worker.call('ping'),
  };
}
