// The symbol an import's file name suggests (`rivn-1m.csv` -> RIVN), to pre-fill the import form's symbol.
//
// The rule (README "Bringing your own bars"): take the file's name without its folder and extensions, and
// read its leading run of letters, upper-cased. A share-class suffix joined by `.` or `-` (`brk.b`, `brk-b`)
// belongs to it when that suffix ends the run (the end of the name, a digit or another separator follows);
// so `brk-b_1m` gives BRK-B, while `aapl-daily` gives AAPL and `rivn-1m` gives RIVN. A name that does not
// start with a letter (`2025-07-01.csv`, `_rivn.csv`) suggests nothing. The form takes the first
// candidate that is a symbol of the session, so a name that reads as a word (`bars.csv` -> BARS) leaves the
// field as it is unless the session really has that symbol.

/** Longest a symbol may be, as the configuration's check allows. */
const MAX_SYMBOL_LENGTH = 10;

/** The file's name without folders and without its extensions (`a/RIVN_1m.csv.gz` -> `RIVN_1m`). */
function stem(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  // Extensions are short runs of letters and digits after the last dots; a dot inside a class suffix
  // (`brk.b.csv`) stays, since only known file extensions are cut.
  return base.replace(/(\.(csv|txt|tsv|parquet|pq|gz|gzip|zip|json))+$/i, '');
}

/**
 * The symbols `fileName` may name, most specific first: `["BRK.B", "BRK"]` for `brk.b-1m.csv`, `["RIVN"]`
 * for `rivn-1m.csv`, `[]` for a name that does not start with letters.
 */
export function symbolCandidates(fileName: string): string[] {
  const match = /^([A-Za-z]+)(?:([.-])([A-Za-z]{1,2})(?=$|[^A-Za-z]))?(?=$|[^A-Za-z])/.exec(stem(fileName));
  if (match === null) return [];
  const root = (match[1] ?? '').toUpperCase();
  const candidates: string[] = [];
  if (match[3] !== undefined) candidates.push(`${root}${match[2]}${match[3].toUpperCase()}`);
  candidates.push(root);
  return candidates.filter((c) => c.length <= MAX_SYMBOL_LENGTH);
}

/** The session symbol `fileName` names, or null when it names none of `symbols` (then nothing is guessed). */
export function symbolFromFileName(fileName: string, symbols: readonly string[]): string | null {
  return symbolCandidates(fileName).find((c) => symbols.includes(c)) ?? null;
}
