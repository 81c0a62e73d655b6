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
  | { type: 'loading'; id: string; path: ViewerPath; depth: number }
  | { type: 'error'; id: string; path: ViewerPath; depth: number; error: string };

/** A path as a map key. */
export const pathKey = (path: ViewerPath): string => JSON.stringify(path);

/**
 * `session_data.symbols.RIVN.session.data.1m`, `…data[3]`, as `_metadata.changed_paths` writes a path: the
 * tree's and Compare's names, keys and `data-path`s. Every key but the first has its dot, even after an
 * empty key (`['', 'x']` is `.x`, not the `x` of `['x']`), so two paths never read the same.
 */
export const dottedPath = (path: ViewerPath): string =>
  path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A path as code that reads it from the parsed export (copy path): `session_data.symbols.RIVN.session
 * .data["1m"]`, `…columns[2]`. Keys that are not identifiers go in brackets, quoted as JSON.
 */
export function codePath(path: ViewerPath): string {
  let text = '';
  for (const step of path)
    if (typeof step === 'number') text += `[${step}]`;
    else if (IDENTIFIER.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  return text;
}

/**
 * Where a path is shown in the tree, and what to open to show it. The tree lists an array as a rows
 * table, not as rows of its own, so a path into an array is shown at the array (opened, with its rows).
 */
export function revealPlan(path: ViewerPath): { target: ViewerPath; open: ViewerPath[] } {
  const inArray = path.findIndex((step) => typeof step === 'number');
  const target = inArray < 0 ? path : path.slice(0, inArray);
  const open: ViewerPath[] = [];
  for (let length = 1; length < target.length; length++) open.push(target.slice(0, length));
  if (inArray > 0) open.push(target);
  return { target, open };
}

/**
 * A path of `_metadata.changed_paths` as keys. The export joins keys with dots without quoting them, and a
 * symbol (`BRK.B`) or a strategy's module (`strategies.examples.simple_ma_cross`) may hold dots, so the
 * path is read by the shapes the export writes (export-format.md, section 2 and the analysis section):
 *   session_data.symbols.<symbol>.session.data.<stream>     (and historical.data.<stream>)
 *   session_data.symbols.<symbol>.indicators.<key>.series
 *   analysis.strategies.<module>.signals                     (and .orders)
 * A symbol is upper case, so the lower-case words after it cannot be part of it; a stream and an
 * indicator's key hold no dot. Any other path is split at every dot.
 */
export function parseChangedPath(text: string): ViewerPath {
  const stream = /^session_data\.symbols\.(.+)\.(session|historical)\.data\.([^.]+)$/.exec(text);
  if (stream)
    return ['session_data', 'symbols', stream[1] as string, stream[2] as string, 'data', stream[3] as string];
  const series = /^session_data\.symbols\.(.+?)\.indicators\.([^.]+)\.series$/.exec(text);
  if (series)
    return ['session_data', 'symbols', series[1] as string, 'indicators', series[2] as string, 'series'];
  const strategy = /^analysis\.strategies\.(.+)\.(signals|orders)$/.exec(text);
  if (strategy) return ['analysis', 'strategies', strategy[1] as string, strategy[2] as string];
  return text.split('.').filter((step) => step !== '');
}

/**
 * Whether a path being revealed cannot be shown: true when one of its keys is not in its parent (or the
 * parent could not be read), false when every key is there, null while a parent is still loading. The
 * tree then drops a reveal that can never happen, rather than scrolling to it whenever it might appear.
 */
export function revealMissing(
  root: readonly ViewerEntry[],
  children: ReadonlyMap<string, ChildrenState>,
  target: ViewerPath,
): boolean | null {
  let entries: readonly ViewerEntry[] = root;
  for (let depth = 0; depth < target.length; depth++) {
    if (depth > 0) {
      const state = children.get(pathKey(target.slice(0, depth)));
      if (state === undefined || state.status === 'loading') return null;
      if (state.status === 'error') return true;
      entries = state.entries;
    }
    if (!entries.some((entry) => entry.key === target[depth])) return true;
  }
  return false;
}

/** The list whose items are paths of the export, shown as buttons that reveal them. */
export const CHANGED_PATHS: ViewerPath = ['_metadata', 'changed_paths'];

/** Expand all opens objects down to this depth and no more than EXPAND_ALL_MAX of them. */
export const EXPAND_ALL_DEPTH = 6;
export const EXPAND_ALL_MAX = 2000;

/**
 * What expand all opens next among the rows shown: closed objects above EXPAND_ALL_DEPTH, up to
 * EXPAND_ALL_MAX open in all. Arrays stay closed: each would show a rows table, and a stream holds millions.
 */
export function toExpand(items: readonly TreeItem[], open: ReadonlySet<string>): string[] {
  const more: string[] = [];
  for (const item of items) {
    if (open.size + more.length >= EXPAND_ALL_MAX) break;
    if (item.type === 'entry' && !item.open && item.entry.kind === 'object' && canOpen(item.entry))
      if (item.depth < EXPAND_ALL_DEPTH) more.push(item.id);
  }
  return more;
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

/** The id of a node's loading line is the node's own id with this after it. */
const LOADING_SUFFIX = '#loading';

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
        items.push({ type: 'loading', id: `${id}${LOADING_SUFFIX}`, path, depth: depth + 1 });
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

/** Where the keyboard is: a row's id, and the path it belongs to (a rows table's is its array's). */
export interface TreeFocus {
  id: string;
  path: ViewerPath;
}

/**
 * The row the keyboard is on: the item `focus.id` or, when that is hidden (an ancestor was closed), the
 * nearest shown ancestor of its path; the first row when none is shown. -1 for an empty tree.
 */
export function activeIndexOf(items: readonly TreeItem[], focus: TreeFocus): number {
  const exact = items.findIndex((item) => item.id === focus.id);
  if (exact >= 0) return exact;
  // A loading line the keyboard went down to is replaced by the children it waited for: the first of them.
  if (focus.id.endsWith(LOADING_SUFFIX)) {
    const parent = items.findIndex((item) => item.id === focus.id.slice(0, -LOADING_SUFFIX.length));
    const first = items[parent + 1];
    if (parent >= 0 && first !== undefined && first.path.length > focus.path.length) return parent + 1;
  }
  for (let length = focus.path.length; length > 0; length--) {
    const id = pathKey(focus.path.slice(0, length));
    const index = items.findIndex((item) => item.id === id);
    if (index >= 0) return index;
  }
  return items.length > 0 ? 0 : -1;
}

/** The keyboard's place for an item. */
export const focusOf = (item: TreeItem): TreeFocus => ({ id: item.id, path: item.path });

/** What a key does in the tree (the WAI-ARIA tree pattern); null for a key the tree leaves alone. */
export type TreeMove =
  | { type: 'focus'; index: number }
  | { type: 'toggle'; index: number }
  | { type: 'none' };

/**
 * The tree's keyboard: Up and Down move between shown rows; Right opens a closed row or moves to its first
 * child; Left closes an open row or moves to its parent; Home and End go to the first and last rows; Enter
 * and Space open or close. An open array's rows table, and a loading or error line, are rows of their own
 * (leaves) under their node.
 */
export function treeKey(items: readonly TreeItem[], active: number, key: string): TreeMove | null {
  const current = items[active];
  if (current === undefined) return null;
  const last = items.length - 1;
  switch (key) {
    case 'ArrowDown':
      return { type: 'focus', index: Math.min(active + 1, last) };
    case 'ArrowUp':
      return { type: 'focus', index: Math.max(active - 1, 0) };
    case 'Home':
      return { type: 'focus', index: 0 };
    case 'End':
      return { type: 'focus', index: last };
    case 'ArrowRight': {
      if (current.type !== 'entry' || !canOpen(current.entry)) return { type: 'none' };
      if (!current.open) return { type: 'toggle', index: active };
      const next = items[active + 1];
      return next !== undefined && next.depth === current.depth + 1
        ? { type: 'focus', index: active + 1 }
        : { type: 'none' };
    }
    case 'ArrowLeft': {
      if (current.type === 'entry' && current.open) return { type: 'toggle', index: active };
      // A rows table's or loading line's parent is the node at its path; an entry's, the one above it.
      const parent = current.type === 'entry' ? current.path.slice(0, -1) : current.path;
      if (parent.length === 0) return { type: 'none' };
      return { type: 'focus', index: activeIndexOf(items, { id: pathKey(parent), path: parent }) };
    }
    case 'Enter':
    case ' ':
      return current.type === 'entry' && canOpen(current.entry)
        ? { type: 'toggle', index: active }
        : { type: 'none' };
    default:
      return null;
  }
}
