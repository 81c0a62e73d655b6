// The export tree as one flat list of items, which is what the virtual list draws: a row per visible key,
// a rows table under each open array, and a line while children load or when they failed. Pure: tested in
// Node.
import type { ViewerEntry, ViewerPath } from '../../../workers/viewer/types';

export type ChildrenState =
  | { status: 'loading' }
  | { status: 'ready'; entries: ViewerEntry[] }
  | { status: 'error'; error: string };

export type TreeItem =
  | {
      type: 'entry';
      id: string;
      path: ViewerPath;
      entry: ViewerEntry;
      depth: number;
      open: boolean;
      /** Its place among its siblings (from 1) and their number: a screen reader says "3 of 12". */
      position: number;
      siblings: number;
    }
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
    for (const [index, entry] of entries.entries()) {
      const path = [...parent, entry.key];
      const id = pathKey(path);
      const isOpen = canOpen(entry) && open.has(id);
      items.push({
        type: 'entry',
        id,
        path,
        entry,
        depth,
        open: isOpen,
        position: index + 1,
        siblings: entries.length,
      });
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

type EntryItem = Extract<TreeItem, { type: 'entry' }>;

/**
 * The row the keyboard is on: the entry at `path` or, when that is hidden (an ancestor was closed), its
 * nearest shown ancestor; the first row when none is shown. -1 for an empty tree.
 */
export function activeIndexOf(items: readonly TreeItem[], path: ViewerPath): number {
  for (let length = path.length; length > 0; length--) {
    const id = pathKey(path.slice(0, length));
    const index = items.findIndex((item) => item.type === 'entry' && item.id === id);
    if (index >= 0) return index;
  }
  return items.findIndex((item) => item.type === 'entry');
}

/** What a key does in the tree (the WAI-ARIA tree pattern); null for a key the tree leaves alone. */
export type TreeMove =
  | { type: 'focus'; index: number }
  | { type: 'toggle'; index: number }
  | { type: 'none' };

/**
 * The tree's keyboard: Up and Down move between shown rows; Right opens a closed row or moves to its first
 * child; Left closes an open row or moves to its parent; Home and End go to the first and last rows; Enter
 * and Space open or close. Rows tables and loading lines are skipped: they are not rows of the tree.
 */
export function treeKey(items: readonly TreeItem[], active: number, key: string): TreeMove | null {
  const current = items[active];
  if (current?.type !== 'entry') return null;
  const isEntry = (i: number) => items[i]?.type === 'entry';
  const step = (from: number, by: 1 | -1): number => {
    for (let i = from + by; i >= 0 && i < items.length; i += by) if (isEntry(i)) return i;
    return from;
  };
  switch (key) {
    case 'ArrowDown':
      return { type: 'focus', index: step(active, 1) };
    case 'ArrowUp':
      return { type: 'focus', index: step(active, -1) };
    case 'Home':
      return { type: 'focus', index: step(-1, 1) };
    case 'End':
      return { type: 'focus', index: step(items.length, -1) };
    case 'ArrowRight': {
      if (!canOpen(current.entry)) return { type: 'none' };
      if (!current.open) return { type: 'toggle', index: active };
      const next = items[active + 1] as EntryItem | undefined;
      return next?.type === 'entry' && next.depth === current.depth + 1
        ? { type: 'focus', index: active + 1 }
        : { type: 'none' };
    }
    case 'ArrowLeft': {
      if (current.open) return { type: 'toggle', index: active };
      if (current.depth === 0) return { type: 'none' };
      const parent = activeIndexOf(items, current.path.slice(0, -1));
      return { type: 'focus', index: parent };
    }
    case 'Enter':
    case ' ':
      return canOpen(current.entry) ? { type: 'toggle', index: active } : { type: 'none' };
    default:
      return null;
  }
}
