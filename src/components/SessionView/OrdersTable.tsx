import { memo, useRef } from 'react';
import type { OrderView } from '../../../workers/mirror/analysis-types';
import { formatCount } from '../../format';
import { newestFirst, orderCells, orderStatusCounts, sameOrders } from './strategy-rows';
import { scrollHeight, VirtualRows } from './VirtualRows';

const COLUMNS = 8;

/**
 * Every order of the strategies, newest first: filled, refused (with the limit that refused it) and
 * cancelled ones, each with its reason.
 */
export const OrdersTable = memo(OrdersList, (a, b) => sameOrders(a.orders, b.orders));

function OrdersList({ orders }: { orders: readonly OrderView[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const counts = orderStatusCounts(orders);
  return (
    <div
      ref={scroller}
      className="strategy-table-wrap"
      style={{ maxHeight: scrollHeight(orders.length, 10) + 32 }}
      data-testid="orders-scroller"
    >
      <table className="strategy-table" data-testid="orders-table" data-rows={orders.length}>
        <caption>
          Orders{' '}
          <span className="strategy-table__count">
            {orders.length === 0 ? 'none yet' : `${formatCount(orders.length)} · ${counts} · newest first`}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" className="is-number">
              Qty
            </th>
            <th scope="col">Status</th>
            <th scope="col" className="is-number">
              Price
            </th>
            <th scope="col" className="strategy-table__optional">
              Strategy
            </th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <VirtualRows
          count={orders.length}
          columns={COLUMNS}
          scroller={scroller}
          row={(index) => {
            const order = newestFirst(orders, index);
            if (!order) return null;
            const cells = orderCells(order);
            return (
              <tr
                key={orders.length - index}
                data-testid="order-row"
                data-index={index}
                data-time={order.time}
                data-status={order.status}
                className={`strategy-table__order--${cells.tone}`}
              >
                <td className="number">{cells.time}</td>
                <td>{cells.symbol}</td>
                <td>
                  <span className={`side side--${cells.side.toLowerCase()}`}>{cells.side}</span>
                </td>
                <td className="is-number number">{cells.quantity}</td>
                <td>
                  <span className={`order-status order-status--${cells.tone}`}>{cells.status}</span>
                </td>
                <td className="is-number number">{cells.price}</td>
                <td className="strategy-table__optional">{cells.strategy}</td>
                <td className="strategy-table__reason" title={cells.reason}>
                  {cells.reason}
                </td>
              </tr>
            );
          }}
        />
      </table>
    </div>
  );
}
