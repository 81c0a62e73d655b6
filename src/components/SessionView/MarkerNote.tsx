import type { ChartMarker } from '../../../workers/mirror/analysis-types';
import { markerHeadline, strategyName } from './trade-markers';

/**
 * The strategies' signals and orders on the bar under the crosshair, with their reasons: chart markers
 * cannot be hovered in lightweight-charts, so this note (over the chart's corner, so that the page does not
 * move as it comes and goes) is where they are read.
 */
export function MarkerNote({ trades }: { trades: readonly ChartMarker[] }) {
  if (trades.length === 0) return null;
  return (
    <ul className="marker-note" data-testid="chart-legend-trades">
      {trades.map((trade, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is rebuilt whole for each bar.
          key={i}
          className="marker-note__trade"
          data-testid="chart-legend-trade"
          data-kind={trade.kind}
          data-side={trade.side}
        >
          <span
            className={`marker-note__mark marker-note__mark--${trade.kind === 'refused' ? 'refused' : trade.side.toLowerCase()} marker-note__mark--${trade.kind}`}
            aria-hidden="true"
          />
          <b className="marker-note__head">{markerHeadline(trade)}</b>
          <span className="chart-legend__trade-reason marker-note__reason">{trade.text}</span>
          <span className="marker-note__strategy">{strategyName(trade.strategy)}</span>
        </li>
      ))}
    </ul>
  );
}
