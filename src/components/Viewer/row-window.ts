// Which rows of a table to draw for a scroll position, in constant time whatever the number of rows. Rows
// all have one height. A browser cannot scroll a box taller than a few tens of millions of pixels, so past
// MAX_SCROLL_HEIGHT the scroll range stands for the rows proportionally (a pixel of scrolling moves more than
// a pixel of rows) and each drawn row is placed relative to the scroll position. Pure: tested in Node.

export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface RowWindowInput {
  total: number;
  rowHeight: number;
  /** Height of the part of the box that shows rows. */
  viewport: number;
  scrollTop: number;
  /** Rows drawn beyond each edge. */
  overscan: number;
}

export interface RowWindow {
  /** Height of the scrolling content that holds the rows. */
  contentHeight: number;
  /** The first row at the top edge (a row scrolled half out of view counts until half of it is gone). */
  firstSeen: number;
  /** Rows to draw: `from` to `to`, exclusive. */
  from: number;
  to: number;
  /** Where row `index` goes, from the top of the content. */
  top(index: number): number;
}

export function rowWindow({ total, rowHeight, viewport, scrollTop, overscan }: RowWindowInput): RowWindow {
  const fullHeight = total * rowHeight;
  const contentHeight = Math.min(fullHeight, MAX_SCROLL_HEIGHT);
  const scrollRange = Math.max(0, contentHeight - viewport);
  const rowRange = Math.max(0, fullHeight - viewport);
  const scale = scrollRange > 0 && contentHeight < fullHeight ? rowRange / scrollRange : 1;
  const scroll = Math.min(Math.max(0, scrollTop), scrollRange);
  // The offset in rows (as if nothing were scaled) at the top edge.
  const offset = scroll * scale;
  const inView = Math.ceil(viewport / rowHeight);
  const firstSeen = Math.max(0, Math.min(total - Math.min(total, inView), Math.round(offset / rowHeight)));
  const first = Math.floor(offset / rowHeight);
  return {
    contentHeight,
    firstSeen,
    from: Math.max(0, first - overscan),
    to: Math.min(total, first + inView + 1 + overscan),
    top: (index) => scroll + index * rowHeight - offset,
  };
}
