// A set of export files opened together for offline replay: one complete export and any number of deltas
// of the same session and consumer. Checks that they form one chain before anything is shown, and puts
// them in the order to apply them. The offline replay keeps a chain with a gap up to the gap (what was
// left out is said); the demo player's tapes must be whole, and use the strict check.

import type { Result } from '../common/result';
import type { ExportDoc } from './export-doc';

export interface NamedExport {
  name: string;
  doc: ExportDoc;
}

type SetResult = { ok: true; value: NamedExport[] } | { ok: false; error: string };

/** Where an opened set stops short of its last file, and why (see docs/offline-replay.md). */
export interface SetCut {
  /** One line for the page: what is replayed, what is missing and what is left out. */
  message: string;
  /** The names of the files left out, in the order they would have applied. */
  leftOut: string[];
}

/** The exports to replay, and where (if anywhere) the chain stopped before the last file. */
export interface CutSet {
  /** The ones replayed, in order: every file given, up to the cut. */
  kept: NamedExport[];
  cut: SetCut | null;
}

/** The first export that does not follow on from the ones before it. */
interface ChainBreak {
  at: number;
  /** The break as the strict check refuses it. */
  refusal: string;
  /** The break as the cut's message says it ("#4 is missing"). */
  reason: string;
}

/** Orders the exports by sequence (by generation time for files without one) and checks the chain. */
export function orderExportSet(files: readonly NamedExport[]): SetResult {
  const ordered = orderedSet(files);
  if (!ordered.ok) return ordered;
  const broken = chainBreak(ordered.value);
  if (broken) return { ok: false, error: broken.refusal };
  return ordered;
}

/**
 * Like `orderExportSet`, but a missing export does not refuse the set: the chain is kept up to the last
 * export before the gap, and the cut says where and why it stopped. A set with no usable start (no
 * complete export, or one of another session or consumer among the files) is still refused.
 */
export function chainUpToGap(files: readonly NamedExport[]): Result<CutSet> {
  const ordered = orderedSet(files);
  if (!ordered.ok) return ordered;
  const broken = chainBreak(ordered.value);
  if (!broken) return { ok: true, value: { kept: ordered.value, cut: null } };
  return { ok: true, value: cutAt(ordered.value, broken.at, broken.reason) };
}

/** Keeps `ordered` up to (not including) `at` and says why the rest is left out. `at` is at least 1. */
function cutAt(ordered: readonly NamedExport[], at: number, reason: string): CutSet {
  const kept = ordered.slice(0, at);
  const left = ordered.slice(at);
  const consumer = ordered[0]?.doc.meta.consumer;
  const of = consumer ? ` of consumer "${consumer}"` : '';
  const leftLabel = exportsLabel(left, false);
  const verb = left.length === 1 ? 'is' : 'are';
  return {
    kept,
    cut: {
      message: `Replaying ${exportsLabel(kept, true)}${of}; ${reason}, so ${leftLabel} ${verb} left out`,
      leftOut: left.map((f) => f.name),
    },
  };
}

/** "exports #1-#3", "export #1", or by file name for files without sequence numbers. */
function exportsLabel(files: readonly NamedExport[], named: boolean): string {
  const sequences = files.map((f) => f.doc.meta.sequence);
  const word = named ? (files.length === 1 ? 'export ' : 'exports ') : '';
  if (sequences.every((s): s is number => s !== null)) return word + sequenceRanges(sequences);
  const first = files[0]?.name ?? '';
  if (files.length === 1) return first;
  return named
    ? `${files.length} exports (${first} to ${files.at(-1)?.name})`
    : files.map((f) => f.name).join(', ');
}

/** "#1-#3, #5": runs of consecutive sequence numbers as ranges. */
export function sequenceRanges(sequences: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sequences.length; ) {
    let j = i;
    while (j + 1 < sequences.length && (sequences[j + 1] as number) === (sequences[j] as number) + 1) j++;
    parts.push(i === j ? `#${sequences[i]}` : `#${sequences[i]}-#${sequences[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** One complete export first, then the deltas in order; refuses sets that mix sessions or consumers. */
function orderedSet(files: readonly NamedExport[]): SetResult {
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
    const cur = ordered[i] as NamedExport;
    const seq = cur.doc.meta.sequence;
    const start = first.doc.meta.sequence;
    // A delta older than the complete export is not part of its chain at all: the set is the wrong one.
    if (seq !== null && start !== null && seq < start) {
      return {
        ok: false,
        error: `${cur.name} (export #${seq}) comes before ${first.name} (#${start}); open the complete export it follows`,
      };
    }
  }
  return { ok: true, value: ordered };
}

/** The first export of an ordered set that does not follow on from the one before it, if any. */
function chainBreak(ordered: readonly NamedExport[]): ChainBreak | null {
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1] as NamedExport;
    const cur = ordered[i] as NamedExport;
    const expected = prev.doc.meta.sequence;
    const got = cur.doc.meta.previousSequence;
    const seq = cur.doc.meta.sequence;
    if (expected !== null && seq !== null && got !== expected) {
      const missing: number[] = [];
      if (got !== null) for (let n = expected + 1; n <= got; n++) missing.push(n);
      return {
        at: i,
        refusal: `${cur.name} (export #${seq}) follows #${got ?? 'nothing'}, not #${expected} (${prev.name}): an export is missing`,
        reason:
          missing.length > 0
            ? `${sequenceRanges(missing)} ${missing.length === 1 ? 'is' : 'are'} missing`
            : `#${seq} follows #${got ?? 'nothing'}, not #${expected}`,
      };
    }
  }
  return rowsBreak(ordered);
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
function rowsBreak(ordered: readonly NamedExport[]): ChainBreak | null {
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
          const rows = `${path} starts at row ${starts}, but the exports up to ${previous} hold ${before}`;
          return {
            at: i,
            refusal: `${f.name}: ${rows}: ${what}`,
            reason: `${f.name} does not follow on (${rows}: ${what})`,
          };
        }
        held.set(path, block.total_count);
      }
    }
  }
  return null;
}
