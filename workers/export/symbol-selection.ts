// `symbols=RIVN,AAPL`: which symbols an export carries rows for (docs/export-format.md section 4.4). The
// UI's live feed asks only for the symbols the page shows; the others keep their cursors, as excluded
// streams do.

import type { Result } from '../common/result';
import { shownWord } from '../common/shown-text';

/** How many of the session's symbols a refusal names before it says how many more there are. */
const NAMED_IN_REFUSAL = 10;

/** The session's symbols as a refusal lists them: the first few, then how many more. */
export function acceptedSymbols(symbols: readonly string[]): string {
  if (symbols.length === 0) return 'none';
  const named = symbols.slice(0, NAMED_IN_REFUSAL).join(', ');
  const more = symbols.length - NAMED_IN_REFUSAL;
  return more > 0 ? `${named} and ${more} more of the session's symbols` : named;
}

/**
 * The symbols asked for, validated against the session's, without repeats; null when none were asked for
 * (every symbol). An empty list is accepted: the export then carries no symbol's rows. `asked` starts the
 * refusal with the caller's own words (the command's, the live feed's): what was asked, up to the name.
 */
export function parseSymbolSelection(
  names: readonly string[] | undefined,
  symbols: readonly string[],
  asked: string,
): Result<ReadonlySet<string> | null> {
  if (names === undefined) return { ok: true, value: null };
  const known = new Set(symbols);
  const result = new Set<string>();
  for (const name of names) {
    if (!known.has(name)) {
      return {
        ok: false,
        error: `${asked}${shownWord(name)} is not a symbol of this session (accepted: ${acceptedSymbols(symbols)})`,
      };
    }
    result.add(name);
  }
  return { ok: true, value: result };
}
