// Search over an open export's index, in the viewer worker: the page never holds the document. What is
// searched is what the index keeps: every key of an indexed object, and each scalar's text (its first
// VALUE_TEXT_LIMIT bytes when it is long). Arrays are searched item by item only when they are small (a
// `columns` list, `changed_paths`): a stream's rows are millions of items that the index does not hold,
// and reading them all back for every keystroke would take seconds on a 100 MB file.

import { type ArrayNode, type ObjectNode, type Slot, VALUE_TEXT_LIMIT } from './json-index';
import { isStreamBlock, type Members } from './stream-block';
import type { SearchMatch, SearchResult, ViewerPath } from './types';

/** Arrays at most this long in bytes are read back and searched item by item. */
export const SEARCHED_ARRAY_BYTES = 16_384;
/** The most matches one search returns; the rest are counted, not listed. */
export const MAX_SEARCH_MATCHES = 1000;
/** Queries longer than this are refused (a value's kept text is shorter, so nothing longer can match). */
export const MAX_QUERY_CHARS = 200;

export interface Searchable extends Members {
  readonly root: ObjectNode;
  small(slot: ArrayNode): Promise<unknown[] | null>;
}

/** The text a scalar is searched by: a string without its quotes, anything else as written. */
function scalarText(text: string, truncated: boolean): string {
  if (!text.startsWith('"')) return text;
  if (truncated) return text.slice(1);
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1);
  }
}

/** A short piece of `text` around where it matched, for a tooltip or a list. */
function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/**
 * The paths whose key or value holds `query` (case-insensitive), in document order, a key before its
 * value. `total` counts every match; `matches` lists the first `limit`.
 */
export async function searchIndex(
  doc: Searchable,
  query: string,
  limit = MAX_SEARCH_MATCHES,
): Promise<SearchResult> {
  const needle = query.toLowerCase();
  const matches: SearchMatch[] = [];
  let total = 0;
  const hit = (path: ViewerPath, where: 'key' | 'value', text: string) => {
    total++;
    if (matches.length < limit) matches.push({ path: [...path], where, text: excerpt(text) });
  };
  const visitValue = (path: ViewerPath, value: unknown) => {
    if (value !== null && typeof value === 'object') {
      if (Array.isArray(value)) for (const [i, item] of value.entries()) visitValue([...path, i], item);
      else
        for (const [key, item] of Object.entries(value)) {
          if (key.toLowerCase().includes(needle)) hit([...path, key], 'key', key);
          visitValue([...path, key], item);
        }
      return;
    }
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text.toLowerCase().includes(needle)) hit(path, 'value', text);
  };
  const visit = async (path: ViewerPath, slot: Slot): Promise<void> => {
    if (slot.kind === 'value') {
      const text = scalarText(slot.text, slot.truncated);
      if (text.toLowerCase().includes(needle)) hit(path, 'value', text);
    } else if (slot.kind === 'object') {
      // A stream block's rows are not searched, however few: the index does not hold them, and a large
      // export's would take seconds to read.
      const stream = isStreamBlock(doc, slot);
      for (let i = 0; i < slot.keys.length; i++) {
        const key = slot.keys[i] as string;
        const childPath = [...path, key];
        if (key.toLowerCase().includes(needle)) hit(childPath, 'key', key);
        if (!(stream && key === 'data')) await visit(childPath, slot.slots[i] as Slot);
      }
    } else if (slot.end - slot.start <= SEARCHED_ARRAY_BYTES) {
      const items = await doc.small(slot);
      for (const [i, item] of (items ?? []).entries()) visitValue([...path, i], item);
    }
  };
  await visit([], doc.root);
  return { query, total, matches };
}

/** Why a query cannot be searched, or null. */
export function queryProblem(query: unknown): string | null {
  if (typeof query !== 'string') return 'A search is a text.';
  if (query.trim() === '') return 'Type a key or a value to search for.';
  if (query.length > MAX_QUERY_CHARS)
    return `A search is at most ${MAX_QUERY_CHARS} characters (values are searched by their first ${VALUE_TEXT_LIMIT} bytes); got ${query.length}.`;
  return null;
}
