// The session slice's shape: the engine's latest summary and the session commands.
import type { StartProgress } from '../../workers/api/engine-api';
import type { EngineSnapshot } from '../../workers/engine/types';

/** The session commands the UI can send; one runs at a time. */
export const SESSION_ACTIONS = ['start', 'pause', 'resume', 'step', 'stop', 'setSpeed'] as const;

export type SessionAction = (typeof SESSION_ACTIONS)[number];

export interface SessionSlice {
  /** The engine's latest summary; null until the first answer (and again right after a restart). */
  snapshot: EngineSnapshot | null;
  /** The command waiting for the engine's answer, if any. */
  pendingAction: SessionAction | null;
  /** Why the engine refused (or failed) the last command; cleared by the next command. */
  commandError: string | null;
  /** While `start` loads each symbol's history: how far it has got. */
  startProgress: StartProgress | null;
  start(): Promise<void>;
  /** Stops a start that is still loading history; nothing changes. */
  cancelStart(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  step(minutes?: number): Promise<void>;
  stop(): Promise<void>;
  setSpeed(multiplier: number): Promise<void>;
  /**
   * After a reload (or an engine restart), sets the engine to the speed kept from before, when the
   * configuration in force is the one it was set under (docs/kept-settings.md).
   */
  reapplyKeptSpeed(): Promise<void>;
  /** Fetches a fresh snapshot (the poller calls this). */
  refresh(): Promise<void>;
  dismissCommandError(): void;
}
