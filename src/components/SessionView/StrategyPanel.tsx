import type { AnalysisRead } from '../../../workers/mirror/analysis-types';
import { OrdersTable } from './OrdersTable';
import { PositionsTable } from './PositionsTable';
import { TradesTable } from './TradesTable';
import { strategyName } from './trade-markers';

/** What the strategies did: positions, closed trades and orders, beside the chart of their markers. */
export function StrategyPanel({ name, analysis }: { name: string; analysis: AnalysisRead }) {
  const names = analysis.strategies.map((s) => `${strategyName(s.module)}${s.enabled ? '' : ' (disabled)'}`);
  return (
    // Named by `name` (unique on the page, SessionView's `label`) rather than its heading, which is the same
    // in the live view and a replay's.
    <section className="strategy-panel" aria-label={name} data-testid="strategy-panel">
      <h3 className="strategy-panel__title">
        Strategies <span className="strategy-panel__names">{names.join(', ')}</span>
      </h3>
      <PositionsTable positions={analysis.positions} />
      <TradesTable trades={analysis.trades} />
      <OrdersTable orders={analysis.orders} />
    </section>
  );
}
