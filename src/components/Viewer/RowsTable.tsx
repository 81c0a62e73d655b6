import {
  type KeyboardEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { RowSort, ViewerPath } from '../../../workers/viewer/types';
import { formatCount } from '../../format';
import { useAppStore } from '../../store/context';
import { ScrollBox } from '../ScrollBox/ScrollBox';
import { columnChars, columnDecimals, formatColumnCell, toneOf } from './format-value';
import { fileIndexAt, PAGE_SIZE, type PageState, pagesFor, pagesToForget, rowAt } from './row-pages';
import { nextSort, PLAIN_VIEW, queryOf, rangeText, sameView, type TableView } from './row-query';
import { rowWindow } from './row-window';
import { dottedPath, parseChangedPath } from './tree-model';

export const ROW_HEIGHT = 26;
const HEADER_HEIGHT = 30;
const FOOTER_HEIGHT = 30;
/** The sort and filter bar above a stream's table. */
const TOOLS_HEIGHT = 40;
/** Rows on screen at once; more scroll inside the table. */
const VISIBLE_ROWS = 12;
/** A table that can be filtered keeps room for a few rows (and a message about a bad filter). */
const MIN_TOOLS_ROWS = 6;
const OVERSCAN = 8;
/** How long typing in the filter pauses before it is applied (each one reads the whole stream). */
const FILTER_DELAY_MS = 400;

const rowsInView = (total: number, tools: boolean) =>
  tools ? Math.min(Math.max(total, MIN_TOOLS_ROWS), VISIBLE_ROWS) : Math.min(total, VISIBLE_ROWS);

/** The scrolling part: the header and up to VISIBLE_ROWS rows. */
const scrollHeight = (total: number, tools: boolean) => HEADER_HEIGHT + rowsInView(total, tools) * ROW_HEIGHT;

/**
 * The height the tree reserves for a table of `total` rows (with its footer and border, and its sort and
 * filter bar when it has `tools`). It never changes while the table is shown: a filter that keeps fewer
 * rows leaves the box as it was, and a message about a bad filter takes room from the rows.
 */
export const rowsTableHeight = (total: number, tools = false) =>
  scrollHeight(total, tools) + FOOTER_HEIGHT + 2 + (tools ? TOOLS_HEIGHT : 0);

interface Props {
  path: ViewerPath;
  total: number;
  columns: readonly string[] | undefined;
  /** Where the table was scrolled to, the last time it was on screen. */
  scrollTop: number;
  onScrolled: (scrollTop: number) => void;
  /** Given for a list of the export's paths (`changed_paths`): each is a button that reveals its node. */
  onRevealPath?: ((path: ViewerPath) => void) | undefined;
  /**
   * Given for a table whose columns are named (a stream's rows): its headers sort and a field filters,
   * over the whole list, in the viewer worker. `view` is what it was last, kept while it is out of view.
   */
  view?: TableView | undefined;
  onView?: ((view: TableView) => void) | undefined;
}

/**
 * An array's rows in a table of its own: only the rows on screen are drawn (in constant time, for millions
 * of rows too), and they are asked for from the viewer worker a page at a time as the table scrolls. Pages
 * far from view are forgotten.
 */
export function RowsTable({
  path,
  total: all,
  columns,
  scrollTop,
  onScrolled,
  onRevealPath,
  view: kept,
  onView,
}: Props) {
  const viewerRowView = useAppStore((s) => s.viewerRowView);
  const tools = onView !== undefined && columns !== undefined && columns.length > 0;
  const [view, setView] = useState<TableView>(() => (tools && kept ? kept : PLAIN_VIEW));
  const [pages, setPages] = useState<ReadonlyMap<number, PageState>>(() => new Map());
  // Rows the view holds: all of them, or those the filter keeps (known once the worker answers).
  const [total, setTotal] = useState(view.filter.trim() === '' ? all : (view.total ?? 0));
  const asked = useRef(new Set<number>());
  // Bumped when the view changes: pages asked for under the previous one are dropped when they come.
  const generation = useRef(0);
  // Identifies the latest sort or filter asked for: an earlier one's answer is dropped.
  const applyToken = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const [draft, setDraft] = useState(view.filter);
  const [applying, setApplying] = useState<'sorting' | 'filtering' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const [scroll, setScroll] = useState(scrollTop);
  const inView = Math.min(total, rowsInView(all, tools));
  const visible = rowWindow({
    total,
    rowHeight: ROW_HEIGHT,
    viewport: inView * ROW_HEIGHT,
    scrollTop: scroll,
    overscan: OVERSCAN,
  });
  const first = visible.from;
  const last = visible.to - 1;
  const lastSeen = visible.firstSeen + inView - 1;

  // The tree draws only what is in view: a table scrolled away and back comes back where it was.
  const savedScroll = useRef(scrollTop);
  useLayoutEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = savedScroll.current;
  }, []);

  // The view last asked for (shown once the worker answers): a sort clicked while a filter is being
  // applied adds to it, rather than undoing it.
  const wanted = useRef(view);
  const shown = useRef(view);

  const names = useMemo(() => columns ?? [], [columns]);
  const load = useCallback(
    async (page: number) => {
      const mine = generation.current;
      asked.current.add(page);
      setPages((prev) => new Map(prev).set(page, { status: 'loading' }));
      const result = await viewerRowView(path, queryOf(view, names), page * PAGE_SIZE, PAGE_SIZE);
      if (mine !== generation.current || !asked.current.has(page)) return;
      // A newer sort or filter being applied stops this view's scan in the worker: the page stays loading
      // until the new view replaces every page.
      if (!result.ok && !sameView(wanted.current, shown.current)) return;
      if (result.ok) setTotal(result.value.total);
      setPages((prev) =>
        new Map(prev).set(
          page,
          result.ok
            ? { status: 'ready', rows: result.value.rows, indices: result.value.indices }
            : { status: 'error', error: result.error },
        ),
      );
    },
    [viewerRowView, path, view, names],
  );

  useEffect(() => {
    // A filtered view knows how many rows it keeps only once its first page is read.
    const needed = total === 0 ? [0] : pagesFor(first, last);
    for (const page of needed) if (!asked.current.has(page)) void load(page);
    const forget = pagesToForget(pages, Math.floor(first / PAGE_SIZE));
    if (forget.length === 0) return;
    for (const page of forget) asked.current.delete(page);
    setPages((prev) => {
      const next = new Map(prev);
      for (const page of forget) next.delete(page);
      return next;
    });
  }, [first, last, load, pages, total]);

  /**
   * Asks the worker for the first page of another view (sorted, filtered): shown once it answers. A filter
   * it refuses changes nothing (a sort asked for with it is still applied); its message says what a filter
   * may be.
   */
  const apply = useCallback(
    async (next: TableView, doing: 'sorting' | 'filtering', keepProblem = false) => {
      wanted.current = next;
      const mine = ++applyToken.current;
      setApplying(doing);
      const result = await viewerRowView(path, queryOf(next, names), 0, PAGE_SIZE);
      if (mine !== applyToken.current) return;
      setApplying(null);
      if (!result.ok) {
        setProblem(result.error);
        const without = { ...next, filter: shown.current.filter };
        wanted.current = without;
        if (!sameView(without, shown.current)) void apply(without, 'sorting', true);
        return;
      }
      generation.current++;
      if (!keepProblem) setProblem(null);
      asked.current = new Set([0]);
      setPages(new Map([[0, { status: 'ready', rows: result.value.rows, indices: result.value.indices }]]));
      setTotal(result.value.total);
      const now = { ...next, total: result.value.total };
      shown.current = now;
      setView(now);
      onView?.(now);
      setScroll(0);
      onScrolled(0);
      if (scrollRef.current) scrollRef.current.scrollTop = 0;
    },
    [viewerRowView, path, names, onView, onScrolled],
  );

  const sortBy = (column: number) =>
    void apply({ ...wanted.current, sort: nextSort(wanted.current.sort, column) }, 'sorting');
  const filterBy = (text: string) => {
    if (text.trim() === wanted.current.filter) {
      if (sameView(wanted.current, shown.current)) setProblem(null);
      return;
    }
    void apply({ ...wanted.current, filter: text.trim() }, 'filtering');
  };

  // The filter is applied as typing pauses; Enter applies it at once.
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const typed = (text: string) => {
    setDraft(text);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => filterBy(text), FILTER_DELAY_MS);
  };
  useEffect(() => () => clearTimeout(typing.current), []);
  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(typing.current);
    filterBy(draft);
  };

  const sortOf = (column: number): RowSort['direction'] | null =>
    view.sort?.column === column ? view.sort.direction : null;
  const filtered = view.filter.trim() !== '';
  const label = dottedPath(path);

  const width = columns?.length ?? rowAt(pages, first)?.length ?? 1;
  const heads = columns ?? (width === 1 ? ['value'] : Array.from({ length: width }, (_, i) => String(i)));
  // Each column as wide as its widest text among the rows read (a timestamp is never cut), in rem: the
  // header's font is smaller than the rows', so `ch` would differ between them. A character of the rows'
  // monospace font (0.78rem) is about 0.6 of that.
  const loaded = useMemo(
    () => [...pages.values()].flatMap((p) => (p.status === 'ready' ? p.rows : [])),
    [pages],
  );
  const decimals = useMemo(() => columnDecimals(loaded, heads.length), [loaded, heads.length]);
  const chars = useMemo(() => columnChars(loaded, heads.length, decimals), [loaded, heads.length, decimals]);
  const template = `minmax(3.5rem, max-content) ${chars
    .map((n) => `minmax(max(5.5rem, ${(n * 0.78 * 0.62 + 0.8).toFixed(2)}rem), 1fr)`)
    .join(' ')}`;
  // Numeric columns are right-aligned, header included; the first row on screen tells which they are.
  const sample = rowAt(pages, first);
  const numeric = heads.map((_, c) => typeof sample?.[c] === 'number');
  const failed = pagesFor(first, last)
    .map((p) => pages.get(p))
    .find((s) => s?.status === 'error');

  return (
    <div
      className={tools ? 'rows rows--tools' : 'rows'}
      data-testid="rows-table"
      data-path={label}
      style={{ height: rowsTableHeight(all, tools) - 2 }}
    >
      {tools && (
        <div className="rows__tools">
          <input
            type="search"
            className="field-input field-input--compact rows__filter"
            aria-label={`Filter the rows of ${label}`}
            aria-describedby={problem === null ? undefined : `${label}-filter-problem`}
            aria-invalid={problem !== null}
            placeholder="Filter: text, or column > value"
            title="Text found in any cell, or conditions such as close > 12.5 and volume >= 1000 (= != < <= > >= ~)"
            value={draft}
            onChange={(event) => typed(event.target.value)}
            onKeyDown={onFilterKey}
            data-testid="rows-filter"
          />
          {problem !== null && (
            <p
              className="rows__problem"
              id={`${label}-filter-problem`}
              role="alert"
              data-testid="rows-filter-problem"
            >
              {problem}
            </p>
          )}
        </div>
      )}
      {/* A stop for Tab of its own, so that the keyboard scrolls the rows (a tree row cannot hold them). */}
      <ScrollBox
        ref={scrollRef}
        className="rows__scroll"
        label={`Rows of ${label}`}
        style={tools ? undefined : { height: scrollHeight(all, tools) }}
        onScroll={(event) => {
          setScroll(event.currentTarget.scrollTop);
          onScrolled(event.currentTarget.scrollTop);
        }}
      >
        <table className="rows__table" aria-rowcount={total + 1}>
          <thead className="rows__head-group">
            <tr className="rows__head" style={{ gridTemplateColumns: template }}>
              <th scope="col">#</th>
              {heads.map((name, c) => {
                const sorted = tools ? sortOf(c) : null;
                return (
                  <th
                    key={name}
                    scope="col"
                    className={numeric[c] ? 'rows__num' : undefined}
                    {...(sorted ? { 'aria-sort': sorted } : {})}
                  >
                    {tools ? (
                      <button
                        type="button"
                        className="rows__sort"
                        onClick={() => sortBy(c)}
                        title={
                          sorted === null
                            ? `Sort by ${name}, ascending`
                            : sorted === 'ascending'
                              ? `Sort by ${name}, descending`
                              : 'Back to the order of the file'
                        }
                        data-testid="rows-sort"
                      >
                        {name}
                        {/* Drawn by CSS, so the header's text stays the column's name. */}
                        <span className="rows__arrow" data-sort={sorted ?? 'none'} aria-hidden="true" />
                      </button>
                    ) : (
                      name
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="rows__body" style={{ height: visible.contentHeight }}>
            {Array.from({ length: visible.to - visible.from }, (_, k) => {
              const index = visible.from + k;
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
                    transform: `translateY(${visible.top(index)}px)`,
                  }}
                >
                  {/* Where the row is in the file, also when the table is sorted or filtered. */}
                  <th scope="row" className="rows__index">
                    {row === undefined ? '' : formatCount(fileIndexAt(pages, index) + 1)}
                  </th>
                  {row === undefined ? (
                    <td className="rows__pending" aria-label="Loading" />
                  ) : (
                    heads.map((name, c) => (
                      <td
                        key={name}
                        className={`rows__cell rows__cell--${toneOf(row[c])}${numeric[c] ? ' rows__num' : ''}`}
                      >
                        {onRevealPath && typeof row[c] === 'string' ? (
                          <button
                            type="button"
                            className="rows__link"
                            onClick={() => onRevealPath(parseChangedPath(row[c] as string))}
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
      </ScrollBox>
      <div className="rows__foot" style={{ height: FOOTER_HEIGHT }}>
        {failed?.status === 'error' ? (
          <span className="rows__error" role="alert">
            {failed.error}
          </span>
        ) : (
          <span className="number" data-testid="rows-range">
            {applying === 'sorting'
              ? `Sorting ${formatCount(all)} rows…`
              : applying === 'filtering'
                ? `Filtering ${formatCount(all)} rows…`
                : rangeText(visible.firstSeen, lastSeen, total, all, filtered)}
          </span>
        )}
      </div>
    </div>
  );
}
