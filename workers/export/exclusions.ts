// `exclude=ticks,quotes`: which streams or sections an export leaves out.

import type { Result } from '../common/result';
import { shownWord } from '../common/shown-text';
import type { SessionConfig } from '../engine/config';
import { streamSpecs } from './streams';

export const EXCLUDABLE_SECTIONS = [
  'system_manager',
  'time_manager',
  'performance_metrics',
  'threads',
  'session_config',
  'historical',
  'indicators',
  'analysis',
] as const;

/** The names, validated against this session's streams, in the order given and without repeats. */
export function parseExclusions(
  names: readonly string[],
  config: SessionConfig,
  command = 'system export-status',
): Result<Set<string>> {
  const streams = streamSpecs(config).map((s) => s.name);
  const accepted = [...streams, ...EXCLUDABLE_SECTIONS];
  const result = new Set<string>();
  for (const name of names) {
    if (!accepted.includes(name)) {
      return {
        ok: false,
        error: `${command}: exclude=${shownWord(name)} is not a stream or section of this session (accepted: ${accepted.join(', ')})`,
      };
    }
    result.add(name);
  }
  return { ok: true, value: result };
}
