import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ViewerEntry } from '../../../workers/viewer/types';
import { useAppStore } from '../../store/context';
import { RowsTable, rowsTableHeight } from './RowsTable';
import { TreeRow } from './TreeRow';
import {
  type ChildrenState,
  flattenTree,
  INITIALLY_OPEN,
  missingChildren,
  pathKey,
  pathsToOpen,
  type TreeItem,
} from './tree-model';

const ENTRY_HEIGHT = 30;
const ROWS_GAP = 10;

const heightOf = (item: TreeItem | undefined) =>
  item?.type === 'rows' ? rowsTableHeight(item.entry.size) + ROWS_GAP : ENTRY_HEIGHT;

const indent = (depth: number) => ({ paddingLeft: `calc(${depth} * 1.15rem + 1.6rem)` });

/**
 * The open export as a tree, drawn as one virtual list: only the lines in view exist in the page, whatever
 * the number of symbols and streams. Children are asked for when a node is first opened.
 */
export function ExportTree({ root }: { root: ViewerEntry[] }) {
  const viewerChildren = useAppStore((s) => s.viewerChildren);
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(INITIALLY_OPEN.map(pathKey)));
  const [children, setChildren] = useState<ReadonlyMap<string, ChildrenState>>(() => new Map());
  const items = useMemo(() => flattenTree(root, open, children), [root, open, children]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableScroll = useRef(new Map<string, number>());

  useEffect(() => {
    const missing = missingChildren(items, children);
    if (missing.length === 0) return;
    setChildren((prev) => {
      const next = new Map(prev);
      for (const path of missing) next.set(pathKey(path), { status: 'loading' });
      return next;
    });
    for (const path of missing)
      void viewerChildren(path).then((result) =>
        setChildren((prev) =>
          new Map(prev).set(
            pathKey(path),
            result.ok ? { status: 'ready', entries: result.value } : { status: 'error', error: result.error },
          ),
        ),
      );
  }, [items, children, viewerChildren]);

  // The rows table a click just opened: scrolled into view once it is in the list.
  const reveal = useRef<string | null>(null);

  const toggle = useCallback((item: Extract<TreeItem, { type: 'entry' }>) => {
    const paths = pathsToOpen(item.path, item.entry);
    const last = paths.at(-1);
    reveal.current = item.open || last === undefined ? null : `${pathKey(last)}#rows`;
    setOpen((prev) => {
      const next = new Set(prev);
      if (item.open) next.delete(item.id);
      else for (const path of paths) next.add(pathKey(path));
      return next;
    });
  }, []);

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
  });

  useEffect(() => {
    if (reveal.current === null) return;
    const index = items.findIndex((item) => item.id === reveal.current);
    if (index < 0) return;
    reveal.current = null;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [items, virtualizer]);

  return (
    <div ref={scrollRef} className="tree" data-testid="export-tree">
      <div className="tree__sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const item = items[virtual.index];
          if (!item) return null;
          return (
            <div
              key={virtual.key}
              className="tree__item"
              style={{ height: virtual.size, transform: `translateY(${virtual.start}px)` }}
            >
              {item.type === 'entry' && <TreeRow item={item} onToggle={toggle} />}
              {item.type === 'rows' && (
                <div className="tree__rows" style={indent(item.depth)}>
                  <RowsTable
                    path={item.path}
                    total={item.entry.size}
                    columns={item.entry.columns}
                    scrollTop={tableScroll.current.get(item.id) ?? 0}
                    onScrolled={(top) => tableScroll.current.set(item.id, top)}
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
  );
}
