// The command language of docs/export-format.md section 7, as data: what `parseCommand` produces and
// `executeCommand` carries out. Shared by the UI's command console and the command line.

import { type ExportLayout, MAX_ADVANCE_MINUTES, SPEED_RULE } from '../export/contract';

export interface ExportCommand {
  kind: 'export';
  complete: boolean;
  consumer?: string;
  since?: number;
  /** Streams or sections, in the order given (checked against the session when the export runs). */
  exclude?: string[];
  /** The file name as the user typed it (already checked with `checkFileName`); `.json` is added later. */
  fileName?: string;
  layout?: ExportLayout;
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
  'system export-status complete=true|false [consumer=NAME] [since=SEQ] [exclude=LIST] [layout=pretty|compact] [FILENAME]',
  '                              make a complete or delta export; exclude=ticks,quotes leaves streams out',
  'system reset-indices [consumer=NAME]',
  "                              move a consumer's cursor back to the start of the session",
  'system status                 a short summary of the system',
  'help                          this list',
  '(blank lines and lines starting with # do nothing)',
];
