// A set of export files opened together for offline replay: one complete export and any number of deltas
// of the same session and consumer. Checks that they form one chain before anything is shown, and puts
// them in the order to apply them.

import type { ExportDoc } from './export-doc';

export interface NamedExport {
  name: string;
  doc: ExportDoc;
}

type SetResult = { ok: true; value: NamedExport[] } | { ok: false; error: string };

/** Orders the exports by sequence (by generation time for files without one) and checks the chain. */
export function orderExportSet(files: readonly NamedExport[]): SetResult {
  const completes = files.filter((f) => f.doc.meta.mode === 'complete');
  if (completes.length !== 1) {
    return {
      ok: false,
      error:
        completes.length === 0
          ? 'no complete export among the files (open one complete export and the deltas that follow it)'
          : `${completes.length} complete exports among the files (${completes.map((f) => f.name).join(', ')}); open exactly one, with the deltas that follow it`,
    };
  }
  const [first] = completes as [NamedExport];
  for (const file of files) {
    const base = first.doc.meta;
    const meta = file.doc.meta;
    if (base.sessionId !== null && meta.sessionId !== null && base.sessionId !== meta.sessionId) {
      return {
        ok: false,
        error: `${file.name} is from session ${meta.sessionId}, ${first.name} from session ${base.sessionId}`,
      };
    }
    if (
      first.doc.sessionDate !== null &&
      file.doc.sessionDate !== null &&
      first.doc.sessionDate !== file.doc.sessionDate
    ) {
      return {
        ok: false,
        error: `${file.name} is from the session of ${file.doc.sessionDate}, ${first.name} from ${first.doc.sessionDate}`,
      };
    }
    if (base.consumer !== null && meta.consumer !== null && base.consumer !== meta.consumer) {
      return {
        ok: false,
        error: `${file.name} was made for consumer ${meta.consumer}, ${first.name} for ${base.consumer}`,
      };
    }
  }
  const deltas = files.filter((f) => f !== first).sort(byOrder);
  const ordered = [first, ...deltas];
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1] as NamedExport;
    const cur = ordered[i] as NamedExport;
    const expected = prev.doc.meta.sequence;
    const got = cur.doc.meta.previousSequence;
    if (expected !== null && cur.doc.meta.sequence !== null && got !== expected) {
      const seq = cur.doc.meta.sequence;
      if (seq < expected) {
        return {
          ok: false,
          error: `${cur.name} (export #${seq}) comes before ${first.name} (#${first.doc.meta.sequence}); open the complete export it follows`,
        };
      }
      return {
        ok: false,
        error: `${cur.name} (export #${seq}) follows #${got ?? 'nothing'}, not #${expected} (${prev.name}): an export is missing`,
      };
    }
  }
  const rows = rowsProblem(ordered);
  if (rows) return { ok: false, error: rows };
  return { ok: true, value: ordered };
}

/** Rows every stream holds after an export: streams only grow within a session, so this orders exports too. */
function rowsHeld(f: NamedExport): number {
  let rows = 0;
  for (const s of Object.values(f.doc.symbols)) {
    for (const block of Object.values(s.session.data)) rows += block.total_count;
  }
  return rows;
}

/**
 * By sequence; files without one (the original system's) by generation time, which is only to the
 * second, and then by how many rows the streams hold.
 */
function byOrder(a: NamedExport, b: NamedExport): number {
  const sa = a.doc.meta.sequence;
  const sb = b.doc.meta.sequence;
  if (sa !== null && sb !== null) return sa - sb;
  if (a.doc.meta.generatedAt !== b.doc.meta.generatedAt)
    return a.doc.meta.generatedAt < b.doc.meta.generatedAt ? -1 : 1;
  return rowsHeld(a) - rowsHeld(b);
}

/**
 * Each delta's rows must start where the exports before it left each stream: this finds a missing export
 * when opening, even in files without sequence numbers.
 */
function rowsProblem(ordered: readonly NamedExport[]): string | null {
  const held = new Map<string, number>();
  for (const [i, f] of ordered.entries()) {
    for (const [symbol, s] of Object.entries(f.doc.symbols)) {
      for (const [name, block] of Object.entries(s.session.data)) {
        const path = `${symbol} ${name}`;
        const before = held.get(path);
        // A block that does not say how many rows its stream holds is taken to follow on.
        if (!block.totalKnown) {
          held.set(path, (before ?? 0) + block.count);
          continue;
        }
        const starts = block.total_count - block.count;
        if (i > 0 && before !== undefined && starts !== before) {
          const previous = (ordered[i - 1] as NamedExport).name;
          const what = starts > before ? 'an export is missing' : 'the exports overlap';
          return `${f.name}: ${path} starts at row ${starts}, but the exports up to ${previous} hold ${before}: ${what}`;
        }
        held.set(path, block.total_count);
      }
    }
  }
  return null;
}
