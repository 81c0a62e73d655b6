// The built-in session's configuration, edited for a benchmark (symbols, streams, indicators, strategies)
// and parsed: a configuration a benchmark cannot build is a bug, so it throws.

import {
  DEFAULT_SESSION_CONFIG_JSON,
  parseSessionConfig,
  type SessionConfig,
} from '../workers/engine/config';

export type ConfigJson = Record<string, unknown> & { session_data_config: Record<string, unknown> };

/** The built-in configuration's JSON, edited (for a benchmark that builds an engine as the app does). */
export function configJsonOf(edit: (json: ConfigJson) => void): ConfigJson {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as ConfigJson;
  edit(json);
  return json;
}

export function configOf(edit: (json: ConfigJson) => void): SessionConfig {
  const parsed = parseSessionConfig(configJsonOf(edit));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}
