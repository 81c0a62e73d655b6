// Plain data shared by the engine and its callers (the worker API, the CLI, the UI via `import type`).

export const SYSTEM_STATES = ['STOPPED', 'RUNNING', 'PAUSED', 'FINISHED'] as const;
export type SystemState = (typeof SYSTEM_STATES)[number];

/** A small, cheap summary of the engine for status displays; polled by the UI. */
export interface EngineSnapshot {
  sessionName: string;
  state: SystemState;
  /** Backtest clock, exchange-local ISO without offset (`2025-07-01T09:31:00`); null before start. */
  marketTime: string | null;
  /** Trading date of the open session; null before start. */
  sessionDate: string | null;
  /** Changes whenever the session's streams restart (new trading day). */
  sessionId: number;
  speedMultiplier: number;
  symbols: string[];
  backtestWindow: { startDate: string; endDate: string };
  /** Market minutes processed in the current session (0..390, or 210 on an early close). */
  sessionMinute: number;
  sessionMinutes: number;
  /** Which trading day of the backtest window the open session is, from 1; 0 before start. */
  dayNumber: number;
  /** Trading days in the backtest window. */
  dayCount: number;
  /** Market minutes processed since the backtest started, across sessions. */
  minutesProcessed: number;
  barsProcessed: number;
  ticksProcessed: number;
  quotesProcessed: number;
}
