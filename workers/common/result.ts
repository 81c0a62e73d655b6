// Plain types every layer may use (the engine, export, import, commands, the API, the readers and, with
// `import type`, the UI). Nothing else lives here: no code, no dependencies.

/** Result of a command-like call: expected failures are data, not throws (they cross the worker boundary). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
