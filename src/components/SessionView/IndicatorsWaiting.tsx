import type { IndicatorInfo } from './indicator-layer';
import { waitingLine } from './indicator-waiting';

/**
 * One line under the indicator toggles while shown indicators have no value yet (their panes are not drawn
 * meanwhile): which ones, and a switch to the interval they are on when the chart shows another one.
 */
export function IndicatorsWaiting({
  waiting,
  interval,
  intervals,
  onSelect,
}: {
  waiting: readonly IndicatorInfo[];
  /** The chart's interval, and those the symbol can be charted at. */
  interval: string;
  intervals: readonly string[];
  onSelect: (interval: string) => void;
}) {
  const line = waitingLine(waiting, interval);
  if (line === null) return null;
  const other = line.interval !== null && intervals.includes(line.interval) ? line.interval : null;
  return (
    <p className="indicators-waiting" data-testid="indicators-waiting">
      <span>{line.text}</span>
      {other !== null && (
        <button
          type="button"
          className="button button--small"
          data-testid="indicators-waiting-switch"
          onClick={() => onSelect(other)}
        >
          Show {other}
        </button>
      )}
    </p>
  );
}
