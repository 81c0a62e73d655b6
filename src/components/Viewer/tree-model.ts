// The export tree as one flat list of items, which is what the virtual list draws: a row per visible key,
// a rows table under each open array, and a line while children load or when they failed. Pure: tested in
// Node.
import type { ViewerEntry, ViewerPath } from '../../../workers/viewer/types';

export type ChildrenState =
  | { status: 'loading' }
  | { status: 'ready'; entries: ViewerEntry[] }
  | { status: 'error'; error: string };

export type TreeItem =
  | { type: 'entry'; id: string; path: ViewerPath; entry: ViewerEntry; depth: number; open: boolean }
  | { type: 'rows'; id: string; path: ViewerPath; entry: ViewerEntry; depth: number }
  | { type: 'loading'; id: string; depth: number }
  | { type: 'error'; id: string; path: ViewerPath; depth: number; error: string };

/** A path as a map key. */
export const pathKey = (path: ViewerPath): string => JSON.stringify(path);

/** `session_data.symbols.RIVN`, `…data[3]`; what tests and tooltips use. */
export function dottedPath(path: ViewerPath): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text === '' ? step : `.${step}`;
  return text;
}

/** Objects and non-empty arrays open; values and empty containers do not. */
export const canOpen = (entry: ViewerEntry): boolean => entry.kind !== 'value' && entry.size > 0;

/** A stream block: an object with `count` (and `total_count` in session data). */
export const isStream = (entry: ViewerEntry): boolean =>
  entry.kind === 'object' && entry.counts !== undefined;

/** What is open when an export is first shown: the symbols, one click away from their streams. */
export const INITIALLY_OPEN: readonly ViewerPath[] = [['session_data'], ['session_data', 'symbols']];

/**
 * What opening `path` opens: the node itself and, for a stream block, its `data` too, so that opening a
 * stream shows its rows at once.
 */
export function pathsToOpen(path: ViewerPath, entry: ViewerEntry): ViewerPath[] {
  return isStream(entry) && entry.counts && entry.counts.count > 0 ? [path, [...path, 'data']] : [path];
}

export function flattenTree(
  root: readonly ViewerEntry[],
  open: ReadonlySet<string>,
  children: ReadonlyMap<string, ChildrenState>,
): TreeItem[] {
  const items: TreeItem[] = [];
  const walk = (entries: readonly ViewerEntry[], parent: ViewerPath, depth: number) => {
    for (const entry of entries) {
      const path = [...parent, entry.key];
      const id = pathKey(path);
      const isOpen = canOpen(entry) && open.has(id);
      items.push({ type: 'entry', id, path, entry, depth, open: isOpen });
      if (!isOpen) continue;
      if (entry.kind === 'array') {
        items.push({ type: 'rows', id: `${id}#rows`, path, entry, depth: depth + 1 });
        continue;
      }
      const state = children.get(id);
      if (state === undefined || state.status === 'loading')
        items.push({ type: 'loading', id: `${id}#loading`, depth: depth + 1 });
      else if (state.status === 'error')
        items.push({ type: 'error', id: `${id}#error`, path, depth: depth + 1, error: state.error });
      else walk(state.entries, path, depth + 1);
    }
  };
  walk(root, [], 0);
  return items;
}

/** Open objects whose children are not asked for yet. */
export function missingChildren(
  items: readonly TreeItem[],
  children: ReadonlyMap<string, ChildrenState>,
): ViewerPath[] {
  const missing: ViewerPath[] = [];
  for (const item of items)
    if (item.type === 'entry' && item.open && item.entry.kind === 'object' && !children.has(item.id))
      missing.push(item.path);
  return missing;
}
