import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { formatCell, toneOf } from './format-value';
import { PAGE_SIZE, type PageState, pagesFor, pagesToForget, rowAt } from './row-pages';
import { dottedPath } from './tree-model';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 30;
const FOOTER_HEIGHT = 30;
/** Rows on screen at once; more scroll inside the table. */
const VISIBLE_ROWS = 12;

/** The scrolling part: the header and up to VISIBLE_ROWS rows. */
const scrollHeight = (total: number) => HEADER_HEIGHT + Math.min(total, VISIBLE_ROWS) * ROW_HEIGHT;

/** The height the tree reserves for a table of `total` rows (with its footer and border). */
export const rowsTableHeight = (total: number) => scrollHeight(total) + FOOTER_HEIGHT + 2;

interface Props {
  path: ViewerPath;
  total: number;
  columns: readonly string[] | undefined;
  /** Where the table was scrolled to, the last time it was on screen. */
  scrollTop: number;
  onScrolled: (scrollTop: number) => void;
}

/**
 * An array's rows in a table of its own: only the rows on screen are drawn, and they are asked for from the
 * viewer worker a page at a time as the table scrolls. Pages far from view are forgotten.
 */
export function RowsTable({ path, total, columns, scrollTop, onScrolled }: Props) {
  const viewerRows = useAppStore((s) => s.viewerRows);
  const [pages, setPages] = useState<ReadonlyMap<number, PageState>>(() => new Map());
  const asked = useRef(new Set<number>());
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // The column header sits above the rows inside the scrolling box (sticky).
    scrollMargin: HEADER_HEIGHT,
    overscan: 12,
    // The tree draws only what is in view: a table scrolled away and back comes back where it was.
    initialOffset: scrollTop,
  });
  const drawn = virtualizer.getVirtualItems();
  const first = drawn[0]?.index ?? 0;
  const last = drawn.at(-1)?.index ?? -1;
  // The rows in view below the sticky header, for the footer (a row half scrolled away no longer counts).
  const inView = Math.min(total, VISIBLE_ROWS);
  const firstSeen = Math.max(
    0,
    Math.min(total - inView, Math.round((virtualizer.scrollOffset ?? 0) / ROW_HEIGHT)),
  );
  const lastSeen = firstSeen + inView - 1;

  const load = useCallback(
    async (page: number) => {
      asked.current.add(page);
      setPages((prev) => new Map(prev).set(page, { status: 'loading' }));
      const result = await viewerRows(path, page * PAGE_SIZE, PAGE_SIZE);
      if (!asked.current.has(page)) return;
      setPages((prev) =>
        new Map(prev).set(
          page,
          result.ok ? { status: 'ready', rows: result.value.rows } : { status: 'error', error: result.error },
        ),
      );
    },
    [viewerRows, path],
  );

  useEffect(() => {
    for (const page of pagesFor(first, last)) if (!asked.current.has(page)) void load(page);
    const forget = pagesToForget(pages, Math.floor(first / PAGE_SIZE));
    if (forget.length === 0) return;
    for (const page of forget) asked.current.delete(page);
    setPages((prev) => {
      const next = new Map(prev);
      for (const page of forget) next.delete(page);
      return next;
    });
  }, [first, last, load, pages]);

  const width = columns?.length ?? rowAt(pages, first)?.length ?? 1;
  const names = columns ?? (width === 1 ? ['value'] : Array.from({ length: width }, (_, i) => String(i)));
  const template = `minmax(3.5rem, max-content) repeat(${names.length}, minmax(5.5rem, 1fr))`;
  // Numeric columns are right-aligned, header included; the first row on screen tells which they are.
  const sample = rowAt(pages, first);
  const numeric = names.map((_, c) => typeof sample?.[c] === 'number');
  const failed = pagesFor(first, last)
    .map((p) => pages.get(p))
    .find((s) => s?.status === 'error');

  return (
    <div className="rows" data-testid="rows-table" data-path={dottedPath(path)}>
      <div
        ref={scrollRef}
        className="rows__scroll"
        style={{ height: scrollHeight(total) }}
        onScroll={(event) => onScrolled(event.currentTarget.scrollTop)}
      >
        <table className="rows__table" aria-rowcount={total + 1}>
          <thead className="rows__head-group">
            <tr className="rows__head" style={{ gridTemplateColumns: template }}>
              <th scope="col">#</th>
              {names.map((name, c) => (
                <th key={name} scope="col" className={numeric[c] ? 'rows__num' : undefined}>
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="rows__body" style={{ height: virtualizer.getTotalSize() }}>
            {drawn.map((item) => {
              const row = rowAt(pages, item.index);
              return (
                <tr
                  key={item.key}
                  className={item.index % 2 ? 'rows__row rows__row--alt' : 'rows__row'}
                  aria-rowindex={item.index + 2}
                  data-testid="rows-row"
                  data-index={item.index}
                  style={{
                    gridTemplateColumns: template,
                    height: ROW_HEIGHT,
                    transform: `translateY(${item.start - HEADER_HEIGHT}px)`,
                  }}
                >
                  <th scope="row" className="rows__index">
                    {formatCount(item.index + 1)}
                  </th>
                  {row === undefined ? (
                    <td className="rows__pending" aria-label="Loading" />
                  ) : (
                    names.map((name, c) => (
                      <td
                        key={name}
                        className={`rows__cell rows__cell--${toneOf(row[c])}${numeric[c] ? ' rows__num' : ''}`}
                      >
                        {formatCell(row[c])}
                      </td>
                    ))
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="rows__foot" style={{ height: FOOTER_HEIGHT }}>
        {failed?.status === 'error' ? (
          <span className="rows__error" role="alert">
            {failed.error}
          </span>
        ) : (
          <span className="number" data-testid="rows-range">
            {total === 0
              ? 'No rows'
              : `Rows ${formatCount(firstSeen + 1)}–${formatCount(lastSeen + 1)} of ${formatCount(total)}`}
          </span>
        )}
      </div>
    </div>
  );
}
