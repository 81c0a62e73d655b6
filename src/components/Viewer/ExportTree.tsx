import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ViewerEntry, ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { RowsTable, rowsTableHeight } from './RowsTable';
import type { TableView } from './row-query';
import { TreeRow } from './TreeRow';
import {
  activeIndexOf,
  CHANGED_PATHS,
  type ChildrenState,
  dottedPath,
  EXPAND_ALL_DEPTH,
  EXPAND_ALL_MAX,
  flattenTree,
  focusOf,
  INITIALLY_OPEN,
  missingChildren,
  pathKey,
  pathsToOpen,
  revealMissing,
  revealPlan,
  type TreeFocus,
  type TreeItem,
  toExpand,
  treeKey,
} from './tree-model';
import { ViewerTools } from './ViewerTools';

const ENTRY_HEIGHT = 30;
const CHANGED_PATHS_ID = `${pathKey(CHANGED_PATHS)}#rows`;
const ROWS_GAP = 10;

/** A stream's rows table (its columns are named) can be sorted and filtered: it has a bar for that. */
const hasTableTools = (item: Extract<TreeItem, { type: 'rows' }>) =>
  item.entry.columns !== undefined && item.entry.columns.length > 0;

const heightOf = (item: TreeItem | undefined) =>
  item?.type === 'rows' ? rowsTableHeight(item.entry.size, hasTableTools(item)) + ROWS_GAP : ENTRY_HEIGHT;

const indent = (depth: number) => ({ paddingLeft: `calc(${depth} * 1.15rem + 1.6rem)` });

/**
 * The open export as a tree, drawn as one virtual list: only the lines in view exist in the page, whatever
 * the number of symbols and streams. Children are asked for when a node is first opened.
 *
 * The keyboard follows the WAI-ARIA tree pattern with a roving tabindex: the tree is one stop for Tab, and
 * the row the keyboard is on (the active row) is the one focusable by Tab. The active row is kept by its
 * path, not by its element: the list draws only the rows in view, so it is always drawn as well (however
 * far it is scrolled away), and a row moved to by the keyboard is scrolled into view and focused once drawn.
 */
export function ExportTree({ root }: { root: ViewerEntry[] }) {
  const viewerChildren = useAppStore((s) => s.viewerChildren);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(INITIALLY_OPEN.map(pathKey)));
  const [children, setChildren] = useState<ReadonlyMap<string, ChildrenState>>(() => new Map());
  const items = useMemo(() => flattenTree(root, open, children), [root, open, children]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<TreeFocus>(() => {
    const path = root[0] ? [root[0].key] : [];
    return { id: pathKey(path), path };
  });
  const activeIndex = useMemo(() => activeIndexOf(items, focus), [items, focus]);
  const focusEntry = useCallback((path: ViewerPath) => setFocus({ id: pathKey(path), path }), []);
  // Set when the keyboard moved to a row: it gets the focus once it is drawn.
  const focusWanted = useRef(false);
  const tableScroll = useRef(new Map<string, number>());
  // Each table's sort and filter, kept while it is scrolled out of the list (and so not drawn).
  const tableViews = useRef(new Map<string, TableView>());

  useEffect(() => {
    const missing = missingChildren(items, children);
    if (missing.length === 0) return;
    setChildren((prev) => {
      const next = new Map(prev);
      for (const path of missing) next.set(pathKey(path), { status: 'loading' });
      return next;
    });
    // The answers of one round go in together: one new map and one flattening of the tree, not one per
    // node (Expand all asks for hundreds at a time).
    void Promise.all(
      missing.map(async (path): Promise<[string, ChildrenState]> => {
        const result = await viewerChildren(path);
        return [
          pathKey(path),
          result.ok ? { status: 'ready', entries: result.value } : { status: 'error', error: result.error },
        ];
      }),
    ).then((answers) => setChildren((prev) => new Map([...prev, ...answers])));
  }, [items, children, viewerChildren]);

  // The rows table a click just opened: scrolled into view once it is in the list.
  const reveal = useRef<string | null>(null);

  const toggle = useCallback(
    (item: Extract<TreeItem, { type: 'entry' }>) => {
      focusEntry(item.path);
      const paths = pathsToOpen(item.path, item.entry);
      const last = paths.at(-1);
      reveal.current = item.open || last === undefined ? null : `${pathKey(last)}#rows`;
      setOpen((prev) => {
        const next = new Set(prev);
        if (item.open) next.delete(item.id);
        else for (const path of paths) next.add(pathKey(path));
        return next;
      });
    },
    [focusEntry],
  );

  const retry = useCallback((id: string) => {
    setChildren((prev) => {
      const next = new Map(prev);
      next.delete(id);
      return next;
    });
  }, []);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => heightOf(items[i]),
    getItemKey: (i) => items[i]?.id ?? i,
    overscan: 6,
    // The active row is always drawn, in view or not, so that Tab can always reach the tree and the focus
    // stays on the row while the tree scrolls.
    rangeExtractor: useCallback(
      (range: Range) => {
        const shown = defaultRangeExtractor(range);
        if (activeIndex < 0 || shown.includes(activeIndex)) return shown;
        return [...shown, activeIndex].sort((a, b) => a - b);
      },
      [activeIndex],
    ),
  });

  // A row revealed by search: once drawn, brought into the page's view too (the tree may be below the fold).
  // A changed_paths button moves the focus there too (the button is in a table that may close).
  const pageScrollWanted = useRef<{ path: string; focus: boolean } | null>(null);
  useLayoutEffect(() => {
    const wanted = pageScrollWanted.current;
    if (wanted === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(
      `[data-testid="tree-row"][data-path="${CSS.escape(wanted.path)}"]`,
    );
    if (!row) return;
    pageScrollWanted.current = null;
    if (wanted.focus) row.focus({ preventScroll: true });
    row.scrollIntoView({ block: 'nearest' });
  });

  // Whether the focus is on a row of the tree. A focused row that leaves the list (a loading line replaced
  // by the children it waited for) takes the page's focus with it, to the body: the active row takes it
  // back, so the keyboard is not left nowhere. (A row removed while focused fires no blur in Chromium.)
  const rowFocused = useRef(false);
  useLayoutEffect(() => {
    if (rowFocused.current && (document.activeElement === null || document.activeElement === document.body))
      focusWanted.current = true;
  });

  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]');
    if (!row) return;
    focusWanted.current = false;
    row.focus({ preventScroll: true });
    // The row is drawn wherever it is (see rangeExtractor): brought into view in the tree and in the page.
    row.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Only the rows' keys: a rows table or a button inside the tree keeps its own.
    if (!(event.target instanceof HTMLElement) || event.target.getAttribute('role') !== 'treeitem') return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const move = treeKey(items, activeIndex, event.key);
    if (move === null) return;
    // Handled here, even when it does nothing (Right on a leaf): the page's shortcuts (Space pauses, Right
    // steps the session) must not act on a key meant for the tree.
    event.preventDefault();
    if (move.type === 'none') return;
    const item = items[move.index];
    if (item === undefined) return;
    if (move.type === 'toggle') {
      if (item.type === 'entry') toggle(item);
    } else {
      setFocus(focusOf(item));
      focusWanted.current = true;
    }
  };

  // The path being revealed until it is found, or found missing (a stale changed_paths entry, say).
  const revealing = useRef<ViewerPath | null>(null);
  const [revealNote, setRevealNote] = useState<string | null>(null);
  // Search and changed_paths: the ancestors are opened (their children load one level at a time), the
  // node is selected, and it is scrolled into view once it is in the list. The focus stays where it is
  // (in the search field, for Enter to go on to the next match).
  const revealPath = useCallback((path: ViewerPath, focus = false) => {
    const plan = revealPlan(path);
    revealing.current = plan.target;
    setRevealNote(null);
    setFocus({ id: pathKey(plan.target), path: plan.target });
    reveal.current = pathKey(plan.target);
    pageScrollWanted.current = { path: dottedPath(plan.target), focus };
    setOpen((prev) => {
      const next = new Set(prev);
      for (const step of plan.open) next.add(pathKey(step));
      return next;
    });
  }, []);

  // A path asked for from elsewhere (Compare's paths): revealed and focused once this export is shown.
  const revealWanted = useAppStore((s) => s.viewerRevealWanted);
  const takeReveal = useAppStore((s) => s.takeViewerReveal);
  useEffect(() => {
    if (revealWanted === null) return;
    const path = takeReveal();
    if (path !== null) revealPath(path, true);
  }, [revealWanted, takeReveal, revealPath]);

  // A path that is not in the export leaves nothing pending behind: no scroll waits for a row that will
  // never be drawn (and then jumps when something else is opened).
  useEffect(() => {
    const target = revealing.current;
    if (target === null) return;
    const missing = revealMissing(root, children, target);
    if (missing === null) return;
    revealing.current = null;
    if (!missing) return;
    pageScrollWanted.current = null;
    reveal.current = null;
    setRevealNote(`${dottedPath(target)} is not in this export.`);
  }, [root, children]);

  // Expand all: opens the objects shown, then those their children show, down to a depth and a count.
  const [expanding, setExpanding] = useState(false);
  const [expandNote, setExpandNote] = useState<string | null>(null);
  useEffect(() => {
    if (!expanding) return;
    const more = toExpand(items, open);
    if (more.length > 0) {
      setOpen((prev) => new Set([...prev, ...more]));
      return;
    }
    if (items.some((item) => item.type === 'loading')) return;
    setExpanding(false);
    const capped = open.size >= EXPAND_ALL_MAX;
    setExpandNote(
      `${capped ? `Expanded the first ${formatCount(EXPAND_ALL_MAX)}` : `Expanded ${formatCount(open.size)}`} objects, ${EXPAND_ALL_DEPTH} levels deep at most; lists stay closed (open one to see its rows).`,
    );
  }, [expanding, items, open]);
  const expandAll = useCallback(() => {
    setExpandNote(null);
    setExpanding(true);
  }, []);
  const collapseAll = useCallback(() => {
    setExpanding(false);
    setExpandNote(null);
    setOpen(new Set());
  }, []);

  useEffect(() => {
    if (reveal.current === null) return;
    const index = items.findIndex((item) => item.id === reveal.current);
    if (index < 0) return;
    reveal.current = null;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [items, virtualizer]);

  return (
    <>
      <ViewerTools
        selected={focus.path.length > 0 ? focus.path : null}
        onReveal={revealPath}
        onExpandAll={expandAll}
        onCollapseAll={collapseAll}
        expandNote={revealNote ?? expandNote}
      />
      <div
        ref={scrollRef}
        className="tree"
        role="tree"
        aria-label="Export tree"
        data-testid="export-tree"
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          rowFocused.current = event.target.getAttribute('role') === 'treeitem';
        }}
        onBlur={(event) => {
          // Only a move elsewhere: a row removed from the page keeps its claim (see rowFocused).
          if (event.target.isConnected) rowFocused.current = false;
        }}
      >
        <div className="tree__sizer" role="none" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((virtual) => {
            const item = items[virtual.index];
            if (!item) return null;
            return (
              <div
                key={virtual.key}
                className="tree__item"
                // A rows table, a loading or an error line is a leaf row of the tree under its node (a tree
                // may hold only rows and groups); a row's box adds nothing.
                {...(item.type === 'entry'
                  ? { role: 'none' }
                  : {
                      // Named by what it shows (no label over it: a label must hold the visible text).
                      role: 'treeitem',
                      'aria-level': item.depth + 1,
                      tabIndex: virtual.index === activeIndex ? 0 : -1,
                      onFocus: () => setFocus(focusOf(item)),
                    })}
                style={{ height: virtual.size, transform: `translateY(${virtual.start}px)` }}
              >
                {item.type === 'entry' && (
                  <TreeRow
                    item={item}
                    active={virtual.index === activeIndex}
                    onToggle={toggle}
                    onFocus={focusEntry}
                  />
                )}
                {item.type === 'rows' && (
                  <div className="tree__rows" style={indent(item.depth)}>
                    <RowsTable
                      path={item.path}
                      total={item.entry.size}
                      columns={item.entry.columns}
                      scrollTop={tableScroll.current.get(item.id) ?? 0}
                      onScrolled={(top) => tableScroll.current.set(item.id, top)}
                      onRevealPath={
                        item.id === CHANGED_PATHS_ID ? (target) => revealPath(target, true) : undefined
                      }
                      {...(hasTableTools(item)
                        ? {
                            view: tableViews.current.get(item.id),
                            onView: (view: TableView) => tableViews.current.set(item.id, view),
                          }
                        : {})}
                    />
                  </div>
                )}
                {item.type === 'loading' && (
                  <div className="tree__status" style={indent(item.depth)} role="status">
                    <span className="spinner spinner--small" aria-hidden="true" /> Loading…
                  </div>
                )}
                {item.type === 'error' && (
                  <div className="tree__status tree__status--error" style={indent(item.depth)} role="alert">
                    <span className="tree__status-text">{item.error}</span>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => retry(pathKey(item.path))}
                    >
                      Try again
                    </button>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
