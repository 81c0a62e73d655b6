// The engine slice's shape: a dead or stuck engine worker, and its restart.

export interface EngineSlice {
  /** Set when the worker died or stopped answering; the UI offers a restart. */
  workerError: string | null;
  /** Bumped by every restart, so answers from a previous worker are ignored. */
  generation: number;
  restartEngine(): Promise<void>;
  /** Files an error thrown by a call: a dead worker, or a bug inside the engine. */
  reportError(error: unknown): void;
}
