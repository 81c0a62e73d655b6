// Which exports of the history to replay offline for one of them: the complete export it descends from,
// the deltas in between, and the deltas that carry on after it. Pure; tested in Node.
import type { Result } from '../../workers/common/result';
import type { ExportRecord } from '../export-record';

export interface ReplayChain {
  /** In sequence order: one complete export, then the deltas that follow it. */
  records: ExportRecord[];
  /** Where the export asked for is among `records`: the step to show first. */
  index: number;
}

/**
 * The chain of export `id`: walks `previous_sequence` back to a complete export of the same consumer and
 * session, then forward through the deltas made from each one. Where `since=` made two deltas from the
 * same export, the newer one wins (it replaces the older, as the contract says). Where an export of the
 * chain is no longer in the history, the records hold the chain up to the gap and the exports after it:
 * the replay opens the first part and says the rest is left out (`index` then points past the gap).
 */
export function replayChain(history: readonly ExportRecord[], id: string): Result<ReplayChain> {
  const target = history.find((r) => r.id === id);
  if (!target) return { ok: false, error: 'That export is no longer in the history.' };
  const family = history.filter((r) => r.consumer === target.consumer && r.sessionId === target.sessionId);
  const bySequence = new Map(family.map((r) => [r.sequence, r]));
  const consumer = `consumer "${target.consumer}"`;

  const records = [target];
  for (let cur = target; cur.mode === 'delta'; ) {
    const previous = cur.previousSequence;
    if (previous === null) {
      return {
        ok: false,
        error: `${cur.fileName} (export #${cur.sequence}) follows no complete export of ${consumer}: make a complete export for that consumer first`,
      };
    }
    const before = bySequence.get(previous);
    if (!before) {
      // An export of the chain was removed. The chain is replayed from the newest complete export made
      // before the missing one, as far as it goes: the mirror worker cuts it at the gap and says which
      // exports are left out (those from here on, the target among them).
      const start = family
        .filter((r) => r.mode === 'complete' && r.sequence < previous)
        .reduce<ExportRecord | null>(
          (best, r) => (best === null || r.sequence > best.sequence ? r : best),
          null,
        );
      if (!start) {
        return {
          ok: false,
          error: `${cur.fileName} (export #${cur.sequence}) follows export #${previous} of ${consumer}, which is no longer in the history, and no complete export of that consumer before it is`,
        };
      }
      const upToGap = [start, ...after(family, start)].filter((r) => r.sequence < previous);
      const fromGap = [...records, ...after(family, target)];
      return {
        ok: true,
        value: { records: [...upToGap, ...fromGap], index: upToGap.length + records.length - 1 },
      };
    }
    records.unshift(before);
    cur = before;
  }
  const index = records.length - 1;
  records.push(...after(family, target));
  return { ok: true, value: { records, index } };
}

/** The deltas that carry on from `from`, in order; of two made from the same export, the newer. */
function after(family: readonly ExportRecord[], from: ExportRecord): ExportRecord[] {
  const chain: ExportRecord[] = [];
  for (let cur = from; ; ) {
    const next = family
      .filter((r) => r.mode === 'delta' && r.previousSequence === cur.sequence)
      .reduce<ExportRecord | null>(
        (best, r) => (best === null || r.sequence > best.sequence ? r : best),
        null,
      );
    if (!next) return chain;
    chain.push(next);
    cur = next;
  }
}
