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
  for (const f of files) {
    const a = first.doc.meta;
    const b = f.doc.meta;
    if (a.sessionId !== null && b.sessionId !== null && a.sessionId !== b.sessionId) {
      return {
        ok: false,
        error: `${f.name} is from session ${b.sessionId}, ${first.name} from session ${a.sessionId}`,
      };
    }
    if (
      first.doc.sessionDate !== null &&
      f.doc.sessionDate !== null &&
      first.doc.sessionDate !== f.doc.sessionDate
    ) {
      return {
        ok: false,
        error: `${f.name} is from the session of ${f.doc.sessionDate}, ${first.name} from ${first.doc.sessionDate}`,
      };
    }
    if (a.consumer !== null && b.consumer !== null && a.consumer !== b.consumer) {
      return {
        ok: false,
        error: `${f.name} was made for consumer ${b.consumer}, ${first.name} for ${a.consumer}`,
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
  return { ok: true, value: ordered };
}

function byOrder(a: NamedExport, b: NamedExport): number {
  const sa = a.doc.meta.sequence;
  const sb = b.doc.meta.sequence;
  if (sa !== null && sb !== null) return sa - sb;
  return a.doc.meta.generatedAt < b.doc.meta.generatedAt
    ? -1
    : a.doc.meta.generatedAt > b.doc.meta.generatedAt
      ? 1
      : 0;
}
