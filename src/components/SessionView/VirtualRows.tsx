// Table rows rendered only where the table's scroller shows them (@tanstack/react-virtual): a long backtest
// has thousands of orders, and a live session reads several times a second. Spacer rows above and below
// keep the scroll height, so the table stays a real table (headers, caption, columns lined up).
import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactNode, type RefObject, useEffect } from 'react';

/** Every row is one line high (long text is cut, with the whole of it in a title). */
export const ROW_HEIGHT = 30;

export function VirtualRows({
  count,
  columns,
  scroller,
  row,
  reveal = null,
  headHeight = 0,
}: {
  count: number;
  columns: number;
  scroller: RefObject<HTMLDivElement | null>;
  /** Row `index` of the list as shown. */
  row: (index: number) => ReactNode;
  /** A row scrolled into view when it changes (the keyboard's row): it must be drawn to be pointed at. */
  reveal?: number | null;
  /**
   * Height of what the scroller shows above the rows (a sticky header): given, a revealed row is scrolled
   * clear of it. Unset, the rows are counted from the scroller's top, which is enough for drawing them.
   */
  headHeight?: number;
}) {
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: headHeight,
    scrollPaddingStart: headHeight,
    // Before the scroller is measured (and in a test page), the first rows are drawn.
    initialRect: { width: 800, height: ROW_HEIGHT * 12 },
  });
  useEffect(() => {
    if (reveal !== null && reveal < count) virtualizer.scrollToIndex(reveal, { align: 'auto' });
  }, [reveal, count, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const before = (items[0]?.start ?? headHeight) - headHeight;
  const after = virtualizer.getTotalSize() - ((items.at(-1)?.end ?? headHeight) - headHeight);
  return (
    <tbody>
      {before > 0 && (
        <tr className="strategy-table__spacer">
          <td colSpan={columns} style={{ height: before }} />
        </tr>
      )}
      {items.map((item) => row(item.index))}
      {after > 0 && (
        <tr className="strategy-table__spacer">
          <td colSpan={columns} style={{ height: after }} />
        </tr>
      )}
    </tbody>
  );
}

/** The scroller's height: the rows there are, up to `visible` of them, and the header. */
export const scrollHeight = (rows: number, visible: number) =>
  (Math.min(Math.max(rows, 1), visible) + 1) * ROW_HEIGHT + 8;
