// The session config editor's logic, without React or the engine: where a problem the engine names is in
// the text, what the status line says, whether the text differs from the configuration in force, and a
// debouncer for checking as the user types. Tested in Node.

/** The engine's answer to a check, as the editor shows it. */
export type ConfigCheck =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'ok'; sessionName: string; ignored: string[] }
  | { status: 'error'; field: string; reason: string; line: number | null };

/** How long typing must pause before the text is checked. */
export const CHECK_DELAY_MS = 300;

/**
 * The engine's one-line problem (`session_data_config.streams[1]: expected ...`, or `invalid JSON: ...
 * (line 3 column 5)`) as a field, a reason and, when it can be found, the line of the text it is on.
 */
export function configProblem(error: string, text: string): Extract<ConfigCheck, { status: 'error' }> {
  const json = /^invalid JSON: (.*)$/.exec(error);
  if (json) {
    const reason = json[1] ?? error;
    const line = /\bline (\d+)/.exec(reason);
    return { status: 'error', field: 'JSON', reason, line: line ? Number(line[1]) : null };
  }
  const colon = error.indexOf(': ');
  if (colon < 0) return { status: 'error', field: 'session config', reason: error, line: null };
  const field = error.slice(0, colon);
  return { status: 'error', field, reason: error.slice(colon + 2), line: lineOfField(text, field) };
}

/**
 * The line (1-based) where the dotted `field` is written in the JSON `text`, found by its keys in order
 * (`a.b[2].c`: the key "a", then "b" after it, then "c" after that); null when a key is not written.
 */
export function lineOfField(text: string, field: string): number | null {
  const keys = field
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter((k) => k !== '' && k !== 'session config');
  if (keys.length === 0) return null;
  let at = 0;
  let found = -1;
  for (const key of keys) {
    const index = text.indexOf(`${JSON.stringify(key)}`, at);
    if (index < 0) break;
    found = index;
    at = index + key.length + 2;
  }
  if (found < 0) return null;
  return text.slice(0, found).split('\n').length;
}

/** `kept, not used: session_data_config.indicators, session_data_config.gap_filler`, or null for none. */
export function describeIgnored(ignored: readonly string[]): string | null {
  return ignored.length === 0 ? null : `kept, not used: ${ignored.join(', ')}`;
}

/** The status line under the editor. */
export function checkSummary(check: ConfigCheck, dirty: boolean): string {
  switch (check.status) {
    case 'idle':
      return dirty ? 'Not checked yet' : 'The configuration in force';
    case 'checking':
      return 'Checking…';
    case 'ok':
      return dirty
        ? `Valid: session “${check.sessionName}”. Apply to put it in force.`
        : `In force: session “${check.sessionName}”.`;
    case 'error':
      return `${check.field}: ${check.reason}`;
  }
}

/** The file a configuration is saved as: `session_config_<Session_Name>.json`. */
export function configFileName(sessionName: string): string {
  const safe = sessionName
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `session_config_${safe === '' ? 'unnamed' : safe}.json`;
}

/** A configuration's text with its line endings and trailing whitespace set aside. */
export const configTextOf = (text: string): string => text.replace(/\r\n/g, '\n').trimEnd();

/** Two texts the same once line endings and trailing whitespace are set aside. */
export const sameConfigText = (a: string, b: string): boolean => configTextOf(a) === configTextOf(b);

export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const SYSTEM_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Runs `run` once calls stop coming for `ms`; `flush` runs it at once, `cancel` drops it. */
export function debounce(run: () => void, ms: number, timers: Timers = SYSTEM_TIMERS) {
  let handle: unknown = null;
  const cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  return {
    schedule() {
      cancel();
      handle = timers.setTimeout(() => {
        handle = null;
        run();
      }, ms);
    },
    flush() {
      const waiting = handle !== null;
      cancel();
      if (waiting) run();
    },
    cancel,
    get pending() {
      return handle !== null;
    },
  };
}

/** The lines of `text`, counted as the editor's gutter shows them (at least one). */
export const lineCount = (text: string): number => text.split('\n').length;

/** The offset in `text` where `line` (1-based) starts; a line past the end gives the end of the text. */
export function lineStart(text: string, line: number): number {
  let at = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}
