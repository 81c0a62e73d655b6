import type { AnalysisRead } from '../../../workers/mirror/analysis-types';
import { OrdersTable } from './OrdersTable';
import { PositionsTable } from './PositionsTable';
import { TradesTable } from './TradesTable';
import { strategyName } from './trade-markers';

/** What the strategies did: positions, closed trades and orders, beside the chart of their markers. */
export function StrategyPanel({ analysis }: { analysis: AnalysisRead }) {
  const names = analysis.strategies.map((s) => `${strategyName(s.module)}${s.enabled ? '' : ' (disabled)'}`);
  return (
    <section className="strategy-panel" aria-labelledby="strategy-panel-title" data-testid="strategy-panel">
      <h3 className="strategy-panel__title" id="strategy-panel-title">
        Strategies <span className="strategy-panel__names">{names.join(', ')}</span>
      </h3>
      <PositionsTable positions={analysis.positions} />
      <TradesTable trades={analysis.trades} />
      <OrdersTable orders={analysis.orders} />
    </section>
  );
}
