import { memo, useRef } from 'react';
import type { TradeRow } from '../../../workers/mirror/analysis-types';
import { formatCount } from '../../format';
import { formatPnl } from './analysis-format';
import { newestFirst, sameTrades, tradeCells } from './strategy-rows';
import { scrollHeight, VirtualRows } from './VirtualRows';

const COLUMNS = 9;

/** The closed trades (entry to exit, by average cost), newest first, each with the running total. */
export const TradesTable = memo(TradesList, (a, b) => sameTrades(a.trades, b.trades));

function TradesList({ trades }: { trades: readonly TradeRow[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const total = trades.at(-1)?.runningPnl ?? null;
  return (
    <div
      ref={scroller}
      className="strategy-table-wrap"
      style={{ maxHeight: scrollHeight(trades.length, 8) + 32 }}
      data-testid="trades-scroller"
    >
      <table className="strategy-table" data-testid="trades-table" data-rows={trades.length}>
        <caption>
          Closed trades{' '}
          <span className="strategy-table__count">
            {trades.length === 0
              ? 'none yet'
              : `${formatCount(trades.length)} · ${formatPnl(total)} in all · newest first`}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col">Entry</th>
            <th scope="col" className="is-number">
              Entry price
            </th>
            <th scope="col">Exit</th>
            <th scope="col" className="is-number">
              Exit price
            </th>
            <th scope="col" className="is-number">
              Qty
            </th>
            <th scope="col" className="is-number">
              P&amp;L
            </th>
            <th scope="col" className="is-number">
              Running total
            </th>
          </tr>
        </thead>
        <VirtualRows
          count={trades.length}
          columns={COLUMNS}
          scroller={scroller}
          row={(index) => {
            const trade = newestFirst(trades, index);
            if (!trade) return null;
            const cells = tradeCells(trade);
            return (
              <tr key={trades.length - index} data-testid="trade-row" title={cells.strategy}>
                <td>{cells.symbol}</td>
                <td>{cells.side}</td>
                <td className="number">{cells.entry}</td>
                <td className="is-number number">{cells.entryPrice}</td>
                <td className="number">{cells.exit}</td>
                <td className="is-number number">{cells.exitPrice}</td>
                <td className="is-number number">{cells.quantity}</td>
                <td className={`is-number number pnl--${cells.pnlTone}`}>{cells.pnl}</td>
                <td className={`is-number number pnl--${cells.runningTone}`}>{cells.running}</td>
              </tr>
            );
          }}
        />
      </table>
    </div>
  );
}
