// What the system panel says about the system and its pipeline stages, read from the always-whole sections
// of the export shown (`system_manager`, `threads`), as the file has them (docs/export-format.md section 11):
// a state is shown as written (`"stopped"`, `"RUNNING"`), and a file with no thread information (the
// original's `threads: null` or `{}`, a stage without `thread_info`) shows its stages as not known.

type Json = Record<string, unknown>;

export const STAGES = [
  'session_coordinator',
  'data_processor',
  'data_quality_manager',
  'analysis_engine',
] as const;

/** How a stage's status is drawn: the states this app writes have a colour of their own. */
export type StageTone = 'running' | 'paused' | 'finished' | 'dead' | 'plain';

export interface StageStatus {
  /** As the file has it (`running`, `stopped`), `not alive`, or `not known`. */
  text: string;
  tone: StageTone;
  /** `thread SessionCoordinator (daemon)`, when the file names the thread. */
  thread: string | null;
}

const obj = (v: unknown): Json | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const NOT_KNOWN = 'not known';
const MAX_SHOWN = 40;

/** A value from the file as shown in the panel: text as written, anything else as short JSON. */
function shown(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = str(value) ?? JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** `system_manager._state` as the file writes it (any case), or `—` when it has none. */
export function systemState(systemManager: unknown): string {
  return shown(obj(systemManager)?._state) ?? '—';
}

/** A stage's own state: `state` as written, else what `_running` says, else null. */
function stateOf(thread: Json): string | null {
  const state = shown(thread.state);
  if (state !== null) return state;
  if (thread._running === true) return 'running';
  if (thread._running === false) return 'not running';
  return null;
}

function toneOf(text: string): StageTone {
  const lower = text.toLowerCase();
  if (lower === 'running' || lower === 'paused' || lower === 'finished') return lower;
  return text === 'not alive' ? 'dead' : 'plain';
}

/**
 * A stage as the panel shows it. Only `thread_info.is_alive: false` makes it `not alive`; with no
 * `thread_info` (or no `threads` at all) whether it is alive is not known, so its state is shown if the
 * file gives one, and `not known` otherwise.
 */
export function stageStatus(threads: unknown, stage: string): StageStatus {
  const thread = obj(obj(threads)?.[stage]);
  if (thread === null) return { text: NOT_KNOWN, tone: 'plain', thread: null };
  const info = obj(thread.thread_info);
  const name = info ? shown(info.name) : null;
  const label = name === null ? null : `thread ${name}${info?.daemon === true ? ' (daemon)' : ''}`;
  const alive = info?.is_alive;
  const text = alive === false ? 'not alive' : (stateOf(thread) ?? (alive === true ? 'alive' : NOT_KNOWN));
  return { text, tone: toneOf(text), thread: label };
}

/** `complete` or `delta` from `_metadata.mode`, or from the original's `complete` / `diff_mode` flags. */
function modeOf(meta: Json): string | null {
  if (meta.mode === 'complete' || meta.mode === 'delta') return meta.mode;
  if (meta.complete === true || meta.diff_mode === false) return 'complete';
  if (meta.complete === false || meta.diff_mode === true) return 'delta';
  return null;
}

/**
 * The export shown, for the panel: `#3 delta · 14:15:30`. The original's files have no sequence and may give
 * the mode only by its flags: `complete · 14:15:30`.
 */
export function exportShown(metadata: unknown): string {
  const meta = obj(metadata);
  if (meta === null) return '—';
  const sequence = typeof meta.sequence === 'number' ? `#${meta.sequence}` : null;
  const time = str(meta.generated_at)?.slice(11, 19) ?? null;
  const head = [sequence, modeOf(meta)].filter((part) => part !== null).join(' ');
  return [head === '' ? null : head, time].filter((part) => part !== null).join(' · ') || '—';
}

/** `60×`, `as fast as possible` for 0 (the original's default), `—` when the file gives none. */
export function speedShown(systemManager: unknown): string {
  const speed = obj(systemManager)?.speed_multiplier;
  if (typeof speed !== 'number') return '—';
  return speed === 0 ? 'as fast as possible' : `${speed}×`;
}
