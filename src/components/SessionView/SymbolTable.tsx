// Every symbol of the session, at any count: rows are drawn only where the scroller shows them (a session
// of 1,000 symbols reads several times a second, and a thousand rows each read would be a long task), a
// search box keeps the names that match, and the table is one keyboard stop (an ARIA grid): the arrow
// keys, Page Up/Down, Home and End move through the rows, Enter or Space shows the row's symbol in the
// chart. Clicking a row does the same.
import { memo, useId, useMemo, useRef, useState } from 'react';
import { formatCount } from '../../format';
import type { SymbolRow } from '../../mirror-client';
import { matchCountText, matchSymbols, movedRow } from './symbol-search';
import { ROW_HEIGHT, scrollHeight, VirtualRows } from './VirtualRows';

const COLUMNS = 7;
/** Rows the scroller shows before it scrolls; also the keyboard's page. */
const VISIBLE_ROWS = 12;

const price = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** Rows held per stream, bars first: `1m 12 · 5m 2 · ticks 480`. */
const rowsText = (rows: Record<string, number>) =>
  Object.entries(rows)
    .map(([stream, n]) => `${stream} ${formatCount(n)}`)
    .join(' · ');

/** A symbol's name as an element id (names are tickers, but nothing stops a `.` or a space). */
const idPart = (symbol: string) => symbol.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0)}`);

interface SymbolTableProps {
  /** The region's name, unique on the page (SessionView's `label`); the grid keeps its heading's. */
  name: string;
  symbols: readonly SymbolRow[];
  selected: string | null;
  onSelect: (symbol: string) => void;
}

/** Drawn again only when the rows, the selection or the handler change (not on every parent render). */
export const SymbolTable = memo(SymbolGrid);

function SymbolGrid({ name, symbols, selected, onSelect }: SymbolTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLTableElement>(null);
  const id = useId();
  const [query, setQuery] = useState('');
  /** The keyboard's row, as an index into the rows shown; null until the grid is used by keyboard. */
  const [active, setActive] = useState<number | null>(null);
  /** Set while the search box hands the focus to the grid's first row (the focus must not move it). */
  const fromSearch = useRef(false);
  const names = useMemo(() => symbols.map((s) => s.symbol), [symbols]);
  // The names change only when the session does: the match is kept across reads of the same names.
  const nameKey = names.join('\n');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `nameKey` stands for `names` (same names, same match).
  const matches = useMemo(() => matchSymbols(names, query), [nameKey, query]);
  const count = matches.length;
  const activeRow = active !== null && active < count ? active : null;
  const rowAt = (index: number) => {
    const at = matches[index];
    return at === undefined ? undefined : symbols[at];
  };
  const rowId = (symbol: string) => `${id}-row-${idPart(symbol)}`;
  const activeSymbol = activeRow === null ? undefined : rowAt(activeRow)?.symbol;

  const choose = (index: number) => {
    const row = rowAt(index);
    if (!row) return;
    setActive(index);
    onSelect(row.symbol);
  };

  const onSearch = (text: string) => {
    setQuery(text);
    setActive(null);
    scroller.current?.scrollTo({ top: 0 });
  };

  const onSearchKey = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' && count > 0) {
      // The best match (an exact name comes first) goes to the chart.
      event.preventDefault();
      choose(0);
    } else if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      setActive(0);
      fromSearch.current = true;
      grid.current?.focus();
      fromSearch.current = false;
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      onSearch('');
    }
  };

  const onGridFocus = () => {
    // Tabbed into: the keyboard starts on the charted symbol's row (or the first).
    if (activeRow !== null || fromSearch.current) return;
    const at = selected === null ? -1 : matches.findIndex((i) => symbols[i]?.symbol === selected);
    setActive(Math.max(0, at));
  };

  const onGridKey = (event: React.KeyboardEvent<HTMLTableElement>) => {
    if ((event.key === 'Enter' || event.key === ' ') && activeRow !== null) {
      event.preventDefault();
      choose(activeRow);
      return;
    }
    const next = movedRow(event.key, activeRow ?? 0, count, VISIBLE_ROWS - 1);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
  };

  const countText = matchCountText(count, symbols.length, query, formatCount);
  return (
    <section className="symbol-table-card" aria-label={name} data-testid="symbol-table-card">
      <div className="symbol-table__bar">
        <h3 className="symbol-table__title" id={`${id}-title`}>
          Symbols
        </h3>
        <input
          type="search"
          className="symbol-table__search"
          placeholder="Find a symbol"
          aria-label="Find a symbol"
          aria-controls={`${id}-grid`}
          aria-describedby={`${id}-count`}
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => onSearch(event.target.value)}
          onKeyDown={onSearchKey}
          data-testid="symbol-search"
        />
        <span className="symbol-table__count" id={`${id}-count`} role="status" data-testid="symbol-count">
          {countText}
        </span>
      </div>
      <div
        ref={scroller}
        className="symbol-table-wrap"
        style={{ maxHeight: scrollHeight(count, VISIBLE_ROWS) }}
        data-testid="symbol-scroller"
      >
        <table
          ref={grid}
          id={`${id}-grid`}
          className="symbol-table"
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA Authoring Practices' data grid is a table with role grid: its columns stay a table's, the keyboard moves through its rows.
          role="grid"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-help`}
          aria-rowcount={count + 1}
          aria-activedescendant={activeSymbol === undefined ? undefined : rowId(activeSymbol)}
          tabIndex={0}
          onFocus={onGridFocus}
          onKeyDown={onGridKey}
          data-testid="symbol-table"
          data-rows={count}
        >
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">Symbol</th>
              <th scope="col" className="is-number">
                Last
              </th>
              <th scope="col" className="is-number">
                Volume
              </th>
              <th scope="col" className="is-number">
                High
              </th>
              <th scope="col" className="is-number">
                Low
              </th>
              <th scope="col" className="is-number">
                Quality
              </th>
              <th scope="col">Rows per stream</th>
            </tr>
          </thead>
          <VirtualRows
            count={count}
            columns={COLUMNS}
            scroller={scroller}
            reveal={activeRow}
            headHeight={ROW_HEIGHT}
            row={(index) => {
              const s = rowAt(index);
              if (!s) return null;
              const classes = [
                s.symbol === selected ? 'is-selected' : '',
                index === activeRow ? 'is-active' : '',
              ].join(' ');
              return (
                <tr
                  key={s.symbol}
                  id={rowId(s.symbol)}
                  className={classes.trim() || undefined}
                  aria-rowindex={index + 2}
                  aria-selected={s.symbol === selected}
                  data-testid="symbol-row"
                  data-symbol={s.symbol}
                  onClick={() => choose(index)}
                >
                  <th scope="row">{s.symbol}</th>
                  <td className="is-number number" data-testid="symbol-last">
                    {price(s.lastPrice)}
                  </td>
                  <td className="is-number number" data-testid="symbol-volume">
                    {formatCount(s.volume)}
                  </td>
                  <td className="is-number number">{price(s.high)}</td>
                  <td className="is-number number">{price(s.low)}</td>
                  <td className={s.quality < 100 ? 'is-number number is-warn' : 'is-number number'}>
                    {s.quality.toFixed(s.quality === 100 ? 0 : 2)}%
                  </td>
                  <td className="symbol-table__rows number" data-testid="symbol-rows">
                    {/* The page holds the rows of the charted and compared symbols only (the live feed's rule). */}
                    {s.held ? (
                      rowsText(s.rows)
                    ) : (
                      <span className="symbol-table__not-held">not held: chart or compare it to load</span>
                    )}
                  </td>
                </tr>
              );
            }}
          />
        </table>
        {count === 0 && symbols.length > 0 && (
          <p className="symbol-table__empty" data-testid="symbol-empty">
            No symbol matches “{query.trim()}”.{' '}
            <button type="button" className="button button--small" onClick={() => onSearch('')}>
              Clear the search
            </button>
          </p>
        )}
      </div>
      <p className="visually-hidden" id={`${id}-help`}>
        Arrow keys move through the symbols; Enter shows the symbol in the chart.
      </p>
    </section>
  );
}
