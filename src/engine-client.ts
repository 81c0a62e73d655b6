// The only module that knows the engine runs in a Web Worker. It owns the worker: starts it, notices when it
// dies (its `error` and `messageerror` events, a call that never answers), rejects what was in flight, and
// starts a fresh one on request. Comlink alone never rejects a pending call when its worker dies
// (GoogleChromeLabs/comlink#601), so every call goes through `call()` below.
//
// Callbacks (export progress) are passed as plain functions: `call()` wraps each function argument in
// Comlink's `proxy()`, so callers never see Comlink. A callback that the engine invokes counts as a sign of
// life: it restarts the call's timeout, so a long export that keeps reporting progress is not stopped.
import { proxy, type Remote, wrap } from 'comlink';
import type { EngineApi } from '../workers/engine.worker';

export type EngineMethod = keyof EngineApi;
export type EngineAnswer<M extends EngineMethod> = Awaited<ReturnType<EngineApi[M]>>;

/** The worker died, failed to load or stopped answering. The only error the UI offers a restart for. */
export class EngineWorkerError extends Error {
  override name = 'EngineWorkerError';
}

export const isEngineWorkerError = (error: unknown): error is EngineWorkerError =>
  error instanceof Error && error.name === 'EngineWorkerError';

/** What the client needs of a worker; a `Worker` has it, and so can a test double over a `MessageChannel`. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  terminate(): void;
}

export interface EngineClientOptions {
  /** How long one call may take before the worker is declared stuck and stopped. */
  timeoutMs?: number;
  /** Builds a worker; the default is the real engine worker. */
  createWorker?: () => WorkerLike;
}

export interface EngineClient {
  call<M extends EngineMethod>(method: M, ...args: Parameters<EngineApi[M]>): Promise<EngineAnswer<M>>;
  /** Stops the current worker (rejecting its pending calls) and starts a fresh engine. */
  restart(): void;
  /** Called once per dead worker with a message for the user. Returns an unsubscribe function. */
  onFailure(listener: (message: string) => void): () => void;
  dispose(): void;
}

export const DEFAULT_CALL_TIMEOUT_MS = 10_000;

// Vite finds the worker only when this expression is written inline with literal options.
const createEngineWorker = (): WorkerLike =>
  new Worker(new URL('../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });

/** The message of an `ErrorEvent`, if the browser gave one (it does not for a script that failed to load). */
function errorDetail(event: Event): string {
  const message: unknown = 'message' in event ? event.message : undefined;
  return typeof message === 'string' ? message.replace(/\.$/, '') : '';
}

interface Connection {
  worker: WorkerLike;
  remote: Remote<EngineApi>;
  /** Rejecters of the calls still waiting for an answer. */
  pending: Set<(error: Error) => void>;
  failure: string | null;
}

export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const createWorker = options.createWorker ?? createEngineWorker;
  const listeners = new Set<(message: string) => void>();
  let connection: Connection | null = null;

  function connect(): Connection {
    const worker = createWorker();
    // One long-lived wrap per worker. It is not released: terminating the worker ends it.
    const conn: Connection = { worker, remote: wrap<EngineApi>(worker), pending: new Set(), failure: null };
    worker.addEventListener('error', (event) => {
      // An uncaught error inside the worker (or a worker script that failed to load): its state can no
      // longer be trusted, so it is treated as dead.
      event.preventDefault();
      const detail = errorDetail(event);
      const message = detail
        ? `The engine worker crashed: ${detail}.`
        : 'The engine worker failed to load or crashed.';
      fail(conn, message, true);
    });
    worker.addEventListener('messageerror', () => {
      fail(conn, 'The engine worker sent a message that could not be read.', true);
    });
    return conn;
  }

  function fail(conn: Connection, message: string, notify: boolean): void {
    if (conn.failure !== null) return;
    conn.failure = message;
    conn.worker.terminate();
    const error = new EngineWorkerError(message);
    for (const reject of [...conn.pending]) reject(error);
    if (notify && conn === connection) for (const listener of listeners) listener(message);
  }

  function current(): Connection {
    connection ??= connect();
    return connection;
  }

  function call<M extends EngineMethod>(
    method: M,
    ...args: Parameters<EngineApi[M]>
  ): Promise<EngineAnswer<M>> {
    const conn = current();
    if (conn.failure !== null) return Promise.reject(new EngineWorkerError(conn.failure));
    // Comlink's proxy invokes by property path, so the method can be taken off the remote and called.
    const invoke = conn.remote[method] as unknown as (
      ...a: Parameters<EngineApi[M]>
    ) => Promise<EngineAnswer<M>>;
    return new Promise<EngineAnswer<M>>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        conn.pending.delete(rejectPending);
      };
      const rejectPending = (error: Error) => {
        settle();
        reject(error);
      };
      const expire = () => {
        const seconds = timeoutMs / 1000;
        fail(conn, `The engine did not answer "${method}" within ${seconds} s and was stopped.`, true);
      };
      let timer = setTimeout(expire, timeoutMs);
      const alive = () => {
        if (settled) return;
        clearTimeout(timer);
        timer = setTimeout(expire, timeoutMs);
      };
      // A fresh function per call, so the caller's own function is not marked by `proxy()`. Callbacks travel
      // on their own channel and may arrive after the answer: those late ones are dropped.
      const sent = args.map((arg: unknown) =>
        typeof arg === 'function'
          ? proxy((...values: unknown[]) => {
              if (settled) return undefined;
              alive();
              return (arg as (...v: unknown[]) => unknown)(...values);
            })
          : arg,
      ) as Parameters<EngineApi[M]>;
      conn.pending.add(rejectPending);
      invoke(...sent).then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          // A throw inside the engine (a bug): only name, message and stack cross the boundary.
          settle();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  return {
    call,
    restart() {
      if (connection) fail(connection, 'The engine was restarted.', false);
      connection = connect();
    },
    onFailure(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (connection) fail(connection, 'The engine was shut down.', false);
      connection = null;
      listeners.clear();
    },
  };
}
