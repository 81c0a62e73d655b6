// The only module that knows the export viewer runs in a Web Worker of its own (apart from the engine, so
// reading a large export never holds up the replay). Supervised like the engine: a dead or stuck viewer
// rejects its calls with a `ViewerWorkerError`, and the next call after `restart()` starts a fresh one.
import type { ViewerApi } from '../workers/viewer.worker';
import { type SupervisedWorker, superviseWorker, type WorkerLike } from './worker-supervisor';

/** The viewer worker died, failed to load or stopped answering. The UI offers a restart for it. */
export class ViewerWorkerError extends Error {
  override name = 'ViewerWorkerError';
}

export const isViewerWorkerError = (error: unknown): error is ViewerWorkerError =>
  error instanceof Error && error.name === 'ViewerWorkerError';

export type ViewerClient = SupervisedWorker<ViewerApi>;

/**
 * How long the viewer may go without answering or reporting progress. Opening reports after every 2 MB
 * slice, and a row page reads a few KB, so this is generous even on a slow machine.
 */
export const VIEWER_TIMEOUT_MS = 20_000;

export interface ViewerClientOptions {
  timeoutMs?: number;
  createWorker?: () => WorkerLike;
}

// Vite finds the worker only when this expression is written inline with literal options.
const createViewerWorker = (): WorkerLike =>
  new Worker(new URL('../workers/viewer.worker.ts', import.meta.url), { type: 'module', name: 'viewer' });

export function createViewerClient(options: ViewerClientOptions = {}): ViewerClient {
  return superviseWorker<ViewerApi>({
    label: 'viewer',
    createWorker: options.createWorker ?? createViewerWorker,
    timeoutMs: options.timeoutMs ?? VIEWER_TIMEOUT_MS,
    deadError: (message) => new ViewerWorkerError(message),
  });
}
