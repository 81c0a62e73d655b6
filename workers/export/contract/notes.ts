// What a reader could not use in a file, or had to assume (docs/export-format.md section 11.2), gathered
// while it reads the file: the viewer as it sums a file up, the mirror as it reads an export. Places with
// the same problem make one line with their number, so that a file of 150 symbols without `total_count`
// gets one line, not 900; a single place is named, with what it held.

/** The kinds of place a note is about, in the order their lines are given. */
export type NoteKind =
  | 'symbol-null'
  | 'symbol-not-object'
  | 'session-null'
  | 'historical-null'
  | 'part-not-object'
  | 'block-empty'
  | 'block-not-object'
  | 'no-count'
  | 'no-total'
  | 'no-columns'
  | 'indicators-not-object'
  | 'indicator-damaged'
  | 'analysis-damaged';

interface Phrases {
  /** One place: its path, and what it held (a quoted value, or a few words). */
  one: (where: string, detail: string) => string;
  many: (n: number) => string;
}

const PHRASES: Record<NoteKind, Phrases> = {
  'symbol-null': {
    one: (where, symbol) => `${where} is null: nothing to show for ${symbol}`,
    many: (n) => `${n} symbols are null: nothing to show for them`,
  },
  'symbol-not-object': {
    one: (where, detail) => `${where} is ${detail}, not an object: left out`,
    many: (n) => `${n} symbols are not objects: left out`,
  },
  'session-null': {
    one: (where) => `${where}.session is null: no session rows`,
    many: (n) => `${n} symbols have session null: no session rows`,
  },
  'historical-null': {
    one: (where) => `${where}.historical is null: no history`,
    many: (n) => `${n} symbols have historical null: no history`,
  },
  'part-not-object': {
    one: (where, detail) => `${where} is ${detail}, not an object: left out`,
    many: (n) => `${n} session or historical blocks are not objects: left out`,
  },
  'block-empty': {
    one: (where, detail) => `${where} is ${detail}: no rows`,
    many: (n) => `${n} stream blocks are null or {}: no rows`,
  },
  'block-not-object': {
    one: (where, detail) => `${where} is ${detail}, not a stream block: not counted`,
    many: (n) => `${n} stream blocks are not objects: not counted`,
  },
  'no-count': {
    one: (where, detail) => `${where} has ${detail}: the rows of its data are counted instead`,
    many: (n) => `${n} stream blocks have no count, or one that is not a number: their data rows are counted`,
  },
  'no-total': {
    one: (where, detail) => `${where} has ${detail}`,
    many: (n) => `${n} stream blocks have no total_count`,
  },
  'no-columns': {
    one: (where) => `${where} has no columns: this app's columns for that stream are assumed`,
    many: (n) => `${n} stream blocks have no columns: this app's columns for each stream are assumed`,
  },
  'indicators-not-object': {
    one: (where, detail) => `${where} is ${detail}, not an object: no indicators`,
    many: (n) => `${n} indicators members are not objects: no indicators`,
  },
  'indicator-damaged': {
    // The detail is the problem as the block checks word it, which starts with its place.
    one: (_where, problem) => `${problem}: indicator left out`,
    many: (n) => `${n} indicators are damaged: left out`,
  },
  'analysis-damaged': {
    // As for indicators, the detail is the problem, which starts with its place.
    one: (_where, problem) => `${problem}: left out`,
    many: (n) => `${n} parts of the analysis section are damaged: left out`,
  },
};

const ORDER = Object.keys(PHRASES) as NoteKind[];

export class NoteTally {
  private readonly seen = new Map<NoteKind, { count: number; where: string; detail: string }>();

  /** One more place of this kind; the first one is the one named if it stays alone. */
  add(kind: NoteKind, where: string, detail = ''): void {
    const entry = this.seen.get(kind);
    if (entry) entry.count++;
    else this.seen.set(kind, { count: 1, where, detail });
  }

  lines(): string[] {
    const lines: string[] = [];
    for (const kind of ORDER) {
      const entry = this.seen.get(kind);
      if (!entry) continue;
      const phrases = PHRASES[kind];
      lines.push(entry.count === 1 ? phrases.one(entry.where, entry.detail) : phrases.many(entry.count));
    }
    return lines;
  }
}
