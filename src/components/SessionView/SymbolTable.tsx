import { formatCount } from '../../format';
import type { SymbolRow } from '../../mirror-client';

const price = (value: number | null) => (value === null ? '—' : value.toFixed(2));

/** Rows held per stream, bars first: `1m 12 · 5m 2 · ticks 480`. */
const rowsText = (rows: Record<string, number>) =>
  Object.entries(rows)
    .map(([stream, n]) => `${stream} ${formatCount(n)}`)
    .join(' · ');

/** Every symbol of the session; choosing one shows it in the chart and the quote view. */
export function SymbolTable({
  symbols,
  selected,
  onSelect,
}: {
  symbols: readonly SymbolRow[];
  selected: string | null;
  onSelect: (symbol: string) => void;
}) {
  return (
    <div className="symbol-table-wrap">
      <table className="symbol-table" data-testid="symbol-table">
        <thead>
          <tr>
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
        <tbody>
          {symbols.map((s) => (
            <tr
              key={s.symbol}
              className={s.symbol === selected ? 'is-selected' : undefined}
              aria-selected={s.symbol === selected}
              data-testid="symbol-row"
              data-symbol={s.symbol}
              onClick={() => onSelect(s.symbol)}
            >
              <th scope="row">
                {/* The row takes the click; the button makes it reachable by keyboard (its click bubbles up). */}
                <button type="button" className="symbol-table__pick">
                  {s.symbol}
                </button>
              </th>
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
                {rowsText(s.rows)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
