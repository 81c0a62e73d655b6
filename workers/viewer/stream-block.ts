// What a slot of an indexed export holds, told from the index alone: a scalar's value, and whether an object
// is a stream block. One definition for the viewer, its search and Compare.
import type { ObjectNode, Slot } from './json-index';

/** A scalar slot's value, if it was kept whole. */
export function scalarOf(slot: Slot | undefined): string | number | boolean | null | undefined {
  if (slot?.kind !== 'value' || slot.truncated) return undefined;
  try {
    return JSON.parse(slot.text) as string | number | boolean | null;
  } catch {
    return undefined; // a string with a bad escape: shown as its text only
  }
}

/** What finds an object's members (ExportDocument.child: later duplicates win, as in `JSON.parse`). */
export interface Members {
  child(node: ObjectNode, key: string): Slot | undefined;
}

/**
 * A stream block (export-format.md section 3): an object with a numeric `count` and its `columns` or
 * `total_count`. Its rows, under `data`, are shown as a table, left out of search and compared as rows.
 */
export function isStreamBlock(document: Members, node: Slot | undefined): node is ObjectNode {
  if (node?.kind !== 'object') return false;
  if (typeof scalarOf(document.child(node, 'count')) !== 'number') return false;
  return (
    document.child(node, 'columns')?.kind === 'array' || document.child(node, 'total_count') !== undefined
  );
}
