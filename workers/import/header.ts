// Which column of an imported file holds which field: recognized by header under the usual names, or
// mapped by hand (a manual mapping wins over recognition).

import { quoted } from '../common/shown-text';

export const BAR_FIELDS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;
export type BarField = (typeof BAR_FIELDS)[number];

/** The usual names of each field, lower case, in order of preference. */
export const FIELD_NAMES: Record<BarField, readonly string[]> = {
  timestamp: ['timestamp', 'time', 'date', 'datetime', 'date_time', 't', 'ts'],
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'last'],
  volume: ['volume', 'v', 'vol'],
};

/** Column index of each field. */
export type ColumnMap = Record<BarField, number>;

const normalize = (name: string) => name.trim().toLowerCase().replace(/^"|"$/g, '');

/**
 * Finds each field's column in `header`. `mapping` names a header for a field by hand. Answers one line
 * listing what is missing and which names are recognized.
 */
export function recognizeColumns(
  header: readonly string[],
  mapping: Partial<Record<BarField, string>> = {},
): { ok: true; value: ColumnMap } | { ok: false; error: string } {
  const names = header.map(normalize);
  const found: Partial<ColumnMap> = {};
  const missing: string[] = [];
  for (const field of BAR_FIELDS) {
    const wanted = mapping[field];
    if (wanted !== undefined) {
      const index = names.indexOf(normalize(wanted));
      if (index < 0) {
        return {
          ok: false,
          // Both the mapping and the header come from the user's file or form: shown cut and escaped.
          error: `column ${quoted(wanted)} mapped to ${field} is not in the header ${quoted(header.join(','))}`,
        };
      }
      found[field] = index;
      continue;
    }
    const index = FIELD_NAMES[field].map((n) => names.indexOf(n)).find((i) => i >= 0);
    if (index === undefined) missing.push(`${field} (${FIELD_NAMES[field].join('/')})`);
    else found[field] = index;
  }
  if (missing.length > 0) {
    return {
      ok: false,
      error: `no column for ${missing.join(', ')} in the header ${quoted(header.join(','))}; name the columns so or map them by hand`,
    };
  }
  return { ok: true, value: found as ColumnMap };
}
