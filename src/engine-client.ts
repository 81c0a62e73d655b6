// The only module that knows the engine runs in a Web Worker. The worker is owned by the shared supervisor
// (src/worker-supervisor.ts): it starts the worker, notices when it dies (its `error` and `messageerror`
// events, a call that never answers), rejects what was in flight with an `EngineWorkerError`, and starts a
// fresh one after `restart()`. Comlink alone never rejects a pending call when its worker dies
// (GoogleChromeLabs/comlink#601), so every call goes through `call()`.
//
// Callbacks (export progress) are passed as plain functions; the supervisor wraps them in Comlink's
// `proxy()`, and a callback the engine invokes restarts the call's timeout, so a long export that keeps
// reporting progress is not stopped.
import type { Result } from '../workers/common/result';
import type { EngineApi } from '../workers/engine.worker';
import { type SupervisedWorker, superviseWorker, type WorkerLike } from './worker-supervisor';

/** The indicator catalogue as the engine answers `indicatorCatalogue` (plain data). */
/** The exchange calendar as the engine answers `tradingCalendar` (plain data). */
export type {
  CalendarDayView,
  ParamRule,
  SessionIndicatorInfo,
  TradingCalendarView,
} from '../workers/api/engine-api';
export type { WorkerLike };
export type EngineMethod = keyof EngineApi;
export type EngineAnswer<M extends EngineMethod> = Awaited<ReturnType<EngineApi[M]>>;

/** The worker died, failed to load or stopped answering. The only error the UI offers a restart for. */
export class EngineWorkerError extends Error {
  override name = 'EngineWorkerError';
}

export const isEngineWorkerError = (error: unknown): error is EngineWorkerError =>
  error instanceof Error && error.name === 'EngineWorkerError';

export interface EngineClientOptions {
  /** How long one call may take before the worker is declared stuck and stopped. */
  timeoutMs?: number;
  /** Builds a worker; the default is the real engine worker. */
  createWorker?: () => WorkerLike;
}

export interface EngineClient extends SupervisedWorker<EngineApi> {
  /**
   * Tells the engine which symbols the page shows (the chart's, and any other it draws): the live mirror
   * then holds only their rows, and gets them at once. Unknown names are refused with one message.
   */
  showSymbols(symbols: string[]): Promise<Result<void>>;
}

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

// Vite finds the worker only when this expression is written inline with literal options.
const createEngineWorker = (): WorkerLike =>
  new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });

export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const worker = superviseWorker<EngineApi>({
    label: 'engine',
    createWorker: options.createWorker ?? createEngineWorker,
    timeoutMs: options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    deadError: (message) => new EngineWorkerError(message),
  });
  return engineClientOf(worker);
}

/** The client's named verbs over a supervised worker's `call` (tests give a stand-in worker). */
export function engineClientOf(worker: SupervisedWorker<EngineApi>): EngineClient {
  return { ...worker, showSymbols: (symbols) => worker.call('showSymbols', symbols) };
}
