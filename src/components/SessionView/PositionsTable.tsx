import type { PositionView } from '../../../workers/mirror/analysis-types';
import { positionCells } from './strategy-rows';

/** A row for every symbol a strategy trades: held quantity, average price, last, P&L. */
export function PositionsTable({ positions }: { positions: readonly PositionView[] }) {
  return (
    <div className="strategy-table-wrap">
      <table className="strategy-table" data-testid="positions-table">
        <caption>Positions</caption>
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col" className="is-number">
              Qty
            </th>
            <th scope="col" className="is-number">
              Avg price
            </th>
            <th scope="col" className="is-number">
              Last
            </th>
            <th scope="col" className="is-number">
              Unrealized
            </th>
            <th scope="col" className="is-number">
              Realized
            </th>
          </tr>
        </thead>
        <tbody>
          {positions.length === 0 && (
            <tr>
              <td colSpan={6} className="strategy-table__none">
                No symbol traded.
              </td>
            </tr>
          )}
          {positions.map((position) => {
            const cells = positionCells(position);
            return (
              <tr key={cells.symbol} data-testid="position-row" data-symbol={cells.symbol}>
                <th scope="row">{cells.symbol}</th>
                <td className="is-number number">{cells.quantity}</td>
                <td className="is-number number">{cells.avgPrice}</td>
                <td className="is-number number">{cells.last}</td>
                <td className={`is-number number pnl--${cells.unrealizedTone}`}>{cells.unrealized}</td>
                <td className={`is-number number pnl--${cells.realizedTone}`}>{cells.realized}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
