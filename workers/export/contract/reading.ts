// What the readers of exports (the viewer, the mirror) share when a file may not be one of this app's
// (docs/export-format.md section 11): the columns section 3 names for a stream, when a format version is
// one they know, and how a value or key taken from a file is quoted in a note.

import { cut, escapeInvisible, quoted } from '../../common/shown-text';
import { EXPORT_MODES, type ExportMode, FORMAT_VERSION } from './types';

/** The row fields of each kind of stream (section 3): what exports write and what readers assume. */
export const BAR_COLUMNS: readonly string[] = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];
export const DAILY_COLUMNS: readonly string[] = ['date', 'open', 'high', 'low', 'close', 'volume'];
export const TICK_COLUMNS: readonly string[] = ['timestamp', 'price', 'size', 'exchange'];
export const QUOTE_COLUMNS: readonly string[] = ['timestamp', 'bid', 'ask', 'bid_size', 'ask_size'];

/** The analysis section's streams (section 10.1): each strategy's signals and orders, the equity samples. */
export const SIGNAL_COLUMNS: readonly string[] = [
  'timestamp',
  'symbol',
  'interval',
  'action',
  'quantity',
  'price',
  'reason',
];
export const ORDER_COLUMNS: readonly string[] = [
  'timestamp',
  'symbol',
  'side',
  'quantity',
  'status',
  'price',
  'commission',
  'realized_pnl',
  'signal_timestamp',
  'reason',
];
export const EQUITY_COLUMNS: readonly string[] = [
  'timestamp',
  'cash',
  'equity',
  'realized_pnl',
  'unrealized_pnl',
];

/** The columns a stream's rows have in this app's exports (section 3), for files that do not name them. */
export function defaultColumns(stream: string): string[] {
  if (stream === 'ticks') return [...TICK_COLUMNS];
  if (stream === 'quotes') return [...QUOTE_COLUMNS];
  if (/^\d+[dw]$/.test(stream)) return [...DAILY_COLUMNS];
  return [...BAR_COLUMNS];
}

/** A `_metadata.version` of the 2.x format: what this app writes, and what its readers were made for. */
export const isKnownVersion = (version: unknown): boolean =>
  typeof version === 'string' && /^2(\.|$)/.test(version);

/**
 * The note a reader gives for a version it does not know (section 11.2): `shown` is the version as quoted
 * by `quoted`, or null when the file gives none. The file is read all the same.
 */
export const versionNote = (shown: string | null): string =>
  `${shown === null ? 'no format version' : `format version ${shown}`} (this app writes ${FORMAT_VERSION}): read as far as it goes`;

const KEY_CHARS = 24;

// The quoting of values from a file is shared with the importers (workers/common/shown-text.ts).
export { quoted };

/** A key from a file (a symbol, a stream name) as a note shows it in a path: cut short, escaped. */
export const keyText = (key: string): string => escapeInvisible(cut(key, KEY_CHARS));

/** The original's flags, in the order they decide the mode when `mode` is missing. */
const MODE_FLAGS: readonly [flag: string, value: boolean, mode: ExportMode][] = [
  ['complete', true, 'complete'],
  ['diff_mode', false, 'complete'],
  ['delta', false, 'complete'],
  ['complete', false, 'delta'],
  ['diff_mode', true, 'delta'],
  ['delta', true, 'delta'],
];

/** The mode of an export, and the original's flag it was read from (null when `mode` gave it). */
export interface ModeRead {
  mode: ExportMode;
  from: string | null;
}

/**
 * `complete` / `delta` from `_metadata.mode`, or from the original's `complete`, `diff_mode` and `delta`
 * flags when `mode` is missing or null (section 11); undefined when neither gives one. `field` reads a
 * field of `_metadata`.
 */
export function readMode(field: (name: string) => unknown): ModeRead | undefined {
  const mode = field('mode');
  if (typeof mode === 'string' && (EXPORT_MODES as readonly string[]).includes(mode)) {
    return { mode: mode as ExportMode, from: null };
  }
  if (mode !== undefined && mode !== null) return undefined;
  for (const [flag, value, flagMode] of MODE_FLAGS)
    if (field(flag) === value) return { mode: flagMode, from: `"${flag}": ${value}` };
  return undefined;
}

/** The note a reader gives for a mode read from a flag. */
export const modeNote = (read: ModeRead & { from: string }): string =>
  `no "mode": read as ${read.mode} from ${read.from}`;
