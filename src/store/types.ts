import type { EngineSnapshot } from '../../workers/engine/types';
import type { ConfigSlice, ImportSlice, StorageSlice } from './data-types';
import type { ConsoleSlice, ExportsSlice } from './export-types';
import type { MirrorSlice } from './mirror-slice';
import type { OfflineSlice } from './offline-types';
import type { ViewerSlice } from './viewer-types';

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
  startProgress: { symbolsDone: number; symbolsTotal: number } | null;
  start(): Promise<void>;
  /** Stops a start that is still loading history; nothing changes. */
  cancelStart(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  step(minutes?: number): Promise<void>;
  stop(): Promise<void>;
  setSpeed(multiplier: number): Promise<void>;
  /** Fetches a fresh snapshot (the poller calls this). */
  refresh(): Promise<void>;
  dismissCommandError(): void;
}

export interface EngineSlice {
  /** Set when the worker died or stopped answering; the UI offers a restart. */
  workerError: string | null;
  /** Bumped by every restart, so answers from a previous worker are ignored. */
  generation: number;
  restartEngine(): Promise<void>;
  /** Files an error thrown by a call: a dead worker, or a bug inside the engine. */
  reportError(error: unknown): void;
}

/** The viewer's entry point: the export history's View button calls `openInViewer`. The viewer slice owns it. */
export interface ViewerLink {
  /** The id of the export shown in the viewer, if any. */
  viewing: string | null;
  openInViewer(id: string): void;
}

export type AppState = SessionSlice &
  EngineSlice &
  ExportsSlice &
  ConsoleSlice &
  ViewerSlice &
  OfflineSlice &
  MirrorSlice &
  ConfigSlice &
  ImportSlice &
  StorageSlice;
