import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { columnChars, columnDecimals, formatColumnCell, toneOf } from './format-value';
import { PAGE_SIZE, type PageState, pagesFor, pagesToForget, rowAt } from './row-pages';
import { rowWindow } from './row-window';
import { dottedPath, parseDottedPath } from './tree-model';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 30;
const FOOTER_HEIGHT = 30;
/** Rows on screen at once; more scroll inside the table. */
const VISIBLE_ROWS = 12;
const OVERSCAN = 8;

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
  /** Given for a list of the export's paths (`changed_paths`): each is a button that reveals its node. */
  onRevealPath?: ((path: ViewerPath) => void) | undefined;
}

/**
 * An array's rows in a table of its own: only the rows on screen are drawn (in constant time, for millions
 * of rows too), and they are asked for from the viewer worker a page at a time as the table scrolls. Pages
 * far from view are forgotten.
 */
export function RowsTable({ path, total, columns, scrollTop, onScrolled, onRevealPath }: Props) {
  const viewerRows = useAppStore((s) => s.viewerRows);
  const [pages, setPages] = useState<ReadonlyMap<number, PageState>>(() => new Map());
  const asked = useRef(new Set<number>());
  const scrollRef = useRef<HTMLDivElement>(null);

  const [scroll, setScroll] = useState(scrollTop);
  const inView = Math.min(total, VISIBLE_ROWS);
  const view = rowWindow({
    total,
    rowHeight: ROW_HEIGHT,
    viewport: inView * ROW_HEIGHT,
    scrollTop: scroll,
    overscan: OVERSCAN,
  });
  const first = view.from;
  const last = view.to - 1;
  const lastSeen = view.firstSeen + inView - 1;

  // The tree draws only what is in view: a table scrolled away and back comes back where it was.
  const savedScroll = useRef(scrollTop);
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = savedScroll.current;
  }, []);

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
  // Each column as wide as its widest text among the rows read (a timestamp is never cut), in rem: the
  // header's font is smaller than the rows', so `ch` would differ between them. A character of the rows'
  // monospace font (0.78rem) is about 0.6 of that.
  const loaded = useMemo(
    () => [...pages.values()].flatMap((p) => (p.status === 'ready' ? p.rows : [])),
    [pages],
  );
  const decimals = useMemo(() => columnDecimals(loaded, names.length), [loaded, names.length]);
  const chars = useMemo(() => columnChars(loaded, names.length, decimals), [loaded, names.length, decimals]);
  const template = `minmax(3.5rem, max-content) ${chars
    .map((n) => `minmax(max(5.5rem, ${(n * 0.78 * 0.62 + 0.8).toFixed(2)}rem), 1fr)`)
    .join(' ')}`;
  // Numeric columns are right-aligned, header included; the first row on screen tells which they are.
  const sample = rowAt(pages, first);
  const numeric = names.map((_, c) => typeof sample?.[c] === 'number');
  const failed = pagesFor(first, last)
    .map((p) => pages.get(p))
    .find((s) => s?.status === 'error');

  return (
    <div className="rows" data-testid="rows-table" data-path={dottedPath(path)}>
      {/* A stop for Tab of its own, so that the keyboard scrolls the rows (a tree row cannot hold them). */}
      {/* biome-ignore lint/a11y/useSemanticElements: a scrolling box of rows, not a group of form fields. */}
      <div
        ref={scrollRef}
        className="rows__scroll"
        role="group"
        aria-label={`Rows of ${dottedPath(path)}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus to scroll by keyboard.
        tabIndex={0}
        style={{ height: scrollHeight(total) }}
        onScroll={(event) => {
          setScroll(event.currentTarget.scrollTop);
          onScrolled(event.currentTarget.scrollTop);
        }}
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
          <tbody className="rows__body" style={{ height: view.contentHeight }}>
            {Array.from({ length: view.to - view.from }, (_, k) => {
              const index = view.from + k;
              const row = rowAt(pages, index);
              return (
                <tr
                  key={index}
                  className={index % 2 ? 'rows__row rows__row--alt' : 'rows__row'}
                  aria-rowindex={index + 2}
                  data-testid="rows-row"
                  data-index={index}
                  style={{
                    gridTemplateColumns: template,
                    height: ROW_HEIGHT,
                    transform: `translateY(${view.top(index)}px)`,
                  }}
                >
                  <th scope="row" className="rows__index">
                    {formatCount(index + 1)}
                  </th>
                  {row === undefined ? (
                    <td className="rows__pending" aria-label="Loading" />
                  ) : (
                    names.map((name, c) => (
                      <td
                        key={name}
                        className={`rows__cell rows__cell--${toneOf(row[c])}${numeric[c] ? ' rows__num' : ''}`}
                      >
                        {onRevealPath && typeof row[c] === 'string' ? (
                          <button
                            type="button"
                            className="rows__link"
                            onClick={() => onRevealPath(parseDottedPath(row[c] as string))}
                            title="Show in the tree"
                          >
                            {row[c] as string}
                          </button>
                        ) : (
                          formatColumnCell(row[c], decimals[c] ?? 0)
                        )}
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
              : `Rows ${formatCount(view.firstSeen + 1)}–${formatCount(lastSeen + 1)} of ${formatCount(total)}`}
          </span>
        )}
      </div>
    </div>
  );
}
