// Owns one Comlink worker: starts it on first use, notices when it dies (its `error` and `messageerror`
// events, a call that never answers), rejects what was in flight with an error named for the worker, and
// starts a fresh one on request. Comlink alone never rejects a pending call when its worker dies
// (GoogleChromeLabs/comlink#601). The engine, viewer and mirror clients are built on this.
//
// Callbacks (progress) are passed as plain functions: `call()` wraps each in Comlink's `proxy()`. A callback
// the worker invokes counts as a sign of life and restarts the call's timeout.
import { proxy, type Remote, wrap } from 'comlink';

/** What the supervisor needs of a worker; a `Worker` has it, and so can a test double over a `MessageChannel`. */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
  terminate(): void;
}

// biome-ignore lint/suspicious/noExplicitAny: API objects are records of functions of any shape.
type AnyApi = Record<string, (...args: any[]) => unknown>;

export interface SupervisedWorker<Api extends AnyApi> {
  call<M extends keyof Api & string>(
    method: M,
    ...args: Parameters<Api[M]>
  ): Promise<Awaited<ReturnType<Api[M]>>>;
  /** Stops the current worker (rejecting its pending calls); the next call starts a fresh one. */
  restart(): void;
  /** Called once per dead worker with a message for the user. Returns an unsubscribe function. */
  onFailure(listener: (message: string) => void): () => void;
  dispose(): void;
}

export interface SupervisorOptions {
  /** Names the worker in messages: `The viewer worker crashed: …`. */
  label: string;
  createWorker: () => WorkerLike;
  /** How long a call may go without an answer or a callback before the worker is declared stuck. */
  timeoutMs: number;
  /** The error that pending and later calls reject with once the worker is dead. */
  deadError: (message: string) => Error;
}

/** The message of an `ErrorEvent`, if the browser gave one (it does not for a script that failed to load). */
function errorDetail(event: Event): string {
  const message: unknown = 'message' in event ? event.message : undefined;
  return typeof message === 'string' ? message.replace(/\.$/, '') : '';
}

interface Connection<Api> {
  worker: WorkerLike;
  remote: Remote<Api>;
  /** Rejecters of the calls still waiting for an answer. */
  pending: Set<(error: Error) => void>;
  failure: string | null;
}

export function superviseWorker<Api extends AnyApi>(options: SupervisorOptions): SupervisedWorker<Api> {
  const { label, timeoutMs, deadError } = options;
  const listeners = new Set<(message: string) => void>();
  let connection: Connection<Api> | null = null;

  function connect(): Connection<Api> {
    const worker = options.createWorker();
    // One long-lived wrap per worker, never released: terminating the worker ends it.
    const conn: Connection<Api> = { worker, remote: wrap<Api>(worker), pending: new Set(), failure: null };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const detail = errorDetail(event);
      fail(
        conn,
        detail ? `The ${label} worker crashed: ${detail}.` : `The ${label} worker failed to load or crashed.`,
        true,
      );
    });
    worker.addEventListener('messageerror', () => {
      fail(conn, `The ${label} worker sent a message that could not be read.`, true);
    });
    return conn;
  }

  function fail(conn: Connection<Api>, message: string, notify: boolean): void {
    if (conn.failure !== null) return;
    conn.failure = message;
    conn.worker.terminate();
    const error = deadError(message);
    for (const reject of [...conn.pending]) reject(error);
    if (notify && conn === connection) for (const listener of listeners) listener(message);
  }

  function call<M extends keyof Api & string>(
    method: M,
    ...args: Parameters<Api[M]>
  ): Promise<Awaited<ReturnType<Api[M]>>> {
    connection ??= connect();
    const conn = connection;
    if (conn.failure !== null) return Promise.reject(deadError(conn.failure));
    const invoke = (conn.remote as Record<string, unknown>)[method] as (...a: unknown[]) => Promise<unknown>;
    return new Promise((resolve, reject) => {
      let settled = false;
      const expire = () =>
        fail(
          conn,
          `The ${label} did not answer "${method}" within ${timeoutMs / 1000} s and was stopped.`,
          true,
        );
      let timer = setTimeout(expire, timeoutMs);
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        conn.pending.delete(rejectPending);
      };
      const rejectPending = (error: Error) => {
        settle();
        reject(error);
      };
      // A fresh function per call, so the caller's own function is not marked by `proxy()`. Late callbacks
      // (they travel on their own channel) are dropped.
      const sent = args.map((arg: unknown) =>
        typeof arg === 'function'
          ? proxy((...values: unknown[]) => {
              if (settled) return undefined;
              clearTimeout(timer);
              timer = setTimeout(expire, timeoutMs);
              return (arg as (...v: unknown[]) => unknown)(...values);
            })
          : arg,
      );
      conn.pending.add(rejectPending);
      invoke(...sent).then(
        (value) => {
          settle();
          resolve(value as Awaited<ReturnType<Api[M]>>);
        },
        (error: unknown) => {
          // A throw inside the worker (a bug): only name, message and stack cross the boundary.
          settle();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  return {
    call,
    restart() {
      if (connection) fail(connection, `The ${label} was restarted.`, false);
      connection = null;
    },
    onFailure(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      if (connection) fail(connection, `The ${label} was shut down.`, false);
      connection = null;
      listeners.clear();
    },
  };
}
