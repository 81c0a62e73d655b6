// The command language of docs/export-format.md section 7, as data: what `parseCommand` produces and
// `executeCommand` carries out. Shared by the UI's command console and the command line.

import {
  DEFAULT_DEMO_EVERY,
  type ExportLayout,
  MAX_ADVANCE_MINUTES,
  MAX_DEMO_EVERY,
  SPEED_RULE,
} from '../export/contract';

export interface ExportCommand {
  kind: 'export';
  complete: boolean;
  consumer?: string;
  since?: number;
  /** Streams or sections, in the order given (checked against the session when the export runs). */
  exclude?: string[];
  /** Only these symbols' rows (checked against the session when the export runs). */
  symbols?: string[];
  /** The file name as the user typed it (already checked with `checkFileName`); `.json` is added later. */
  fileName?: string;
  layout?: ExportLayout;
}

export interface SaveDemoCommand {
  kind: 'save-demo';
  every?: number;
  /** Streams or sections, checked against the session when the demo is made, as for an export. */
  exclude?: string[];
  /** The file name as the user typed it (already checked with `checkDemoFileName`); `.html` is added later. */
  fileName?: string;
}

export type Command =
  /** A blank line or a `#` comment: does nothing (scripts). */
  | { kind: 'noop' }
  | { kind: 'start' }
  | { kind: 'pause' }
  | { kind: 'resume' }
  | { kind: 'stop' }
  | { kind: 'advance'; minutes: number }
  | { kind: 'speed'; multiplier: number }
  | ExportCommand
  | SaveDemoCommand
  | { kind: 'reset-indices'; consumer?: string }
  | { kind: 'status' }
  | { kind: 'help' };

export type CommandKind = Command['kind'];

/** The `system` subcommands, in the order help lists them. */
export const SYSTEM_SUBCOMMANDS = [
  'start',
  'pause',
  'resume',
  'stop',
  'advance',
  'speed',
  'export-status',
  'save-demo',
  'reset-indices',
  'status',
] as const;

/** `help`'s answer: one command a line. */
export const COMMAND_HELP: readonly string[] = [
  'system start                  load historical data and open the first session of the backtest',
  'system pause                  pause the replay',
  'system resume                 resume a paused replay',
  'system stop                   stop the replay (the session data stays available for exports)',
  `system advance [N]            move the backtest clock N market minutes (default 1, at most ${MAX_ADVANCE_MINUTES})`,
  `system speed X                set the replay speed multiplier (${SPEED_RULE})`,
  'system export-status complete=true|false [consumer=NAME] [since=SEQ] [exclude=LIST] [symbols=LIST] [layout=pretty|compact] [FILENAME]',
  '                              make a complete or delta export; exclude=ticks,quotes leaves streams out,',
  '                              symbols=RIVN,AAPL carries only those symbols',
  'system save-demo [every=N] [exclude=LIST] [FILENAME]',
  '                              write a standalone HTML demo of the session so far, replayed apart',
  `                              (a step every N market minutes, default ${DEFAULT_DEMO_EVERY}, at most ${MAX_DEMO_EVERY})`,
  'system reset-indices [consumer=NAME]',
  "                              move a consumer's cursor back to the start of the session",
  'system status                 a short summary of the system',
  'help                          this list',
  '(blank lines and lines starting with # do nothing)',
];
