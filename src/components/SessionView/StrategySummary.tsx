import type { AnalysisSummary } from '../../../workers/mirror/analysis-types';
import { formatCount } from '../../format';
import {
  formatDrawdown,
  formatMoney,
  formatReturn,
  formatShare,
  formatSharpe,
  pnlTone,
} from './analysis-format';

/** The run's figures so far: return, drawdown, win rate, trades, Sharpe, equity and cash. */
export function StrategySummary({
  summary,
  testId = 'strategy-summary',
}: {
  summary: AnalysisSummary;
  /** The list's test id (the demo player shows a second one at its head). */
  testId?: string;
}) {
  const facts: { id: string; label: string; value: string; tone?: string; title?: string }[] = [
    {
      id: 'total-return',
      label: 'Total return',
      value: formatReturn(summary.totalReturn),
      tone: pnlTone(summary.totalReturn),
      title: `From ${formatMoney(summary.startingEquity)}`,
    },
    { id: 'max-drawdown', label: 'Max drawdown', value: formatDrawdown(summary.maxDrawdown) },
    { id: 'win-rate', label: 'Win rate', value: formatShare(summary.winRate) },
    { id: 'trades', label: 'Trades', value: formatCount(summary.trades), title: 'Closed trades' },
    {
      id: 'sharpe',
      label: 'Sharpe',
      value: formatSharpe(summary.sharpe),
      title: `Annualized, on ${formatCount(summary.samples)} equity samples`,
    },
    { id: 'equity', label: 'Equity', value: formatMoney(summary.equity) },
    { id: 'cash', label: 'Cash', value: formatMoney(summary.cash) },
  ];
  return (
    <dl className="strategy-summary" aria-label="Strategy results" data-testid={testId}>
      {facts.map((fact) => (
        <div key={fact.id} className="strategy-summary__fact" title={fact.title}>
          <dt>{fact.label}</dt>
          <dd className={`number${fact.tone ? ` pnl--${fact.tone}` : ''}`} data-testid={`summary-${fact.id}`}>
            {fact.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Whether two reads' summaries show the same figures (a read that changed none need not render again). */
export function sameSummary(a: AnalysisSummary | null, b: AnalysisSummary | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.equity === b.equity &&
    a.cash === b.cash &&
    a.totalReturn === b.totalReturn &&
    a.maxDrawdown === b.maxDrawdown &&
    a.winRate === b.winRate &&
    a.trades === b.trades &&
    a.sharpe === b.sharpe
  );
}
