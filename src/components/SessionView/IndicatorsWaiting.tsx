import type { IndicatorInfo } from './indicator-layer';
import { waitingLine } from './indicator-waiting';

/**
 * One line under the indicator toggles while shown indicators have no value yet (their panes are not drawn
 * meanwhile): which ones, on which bars. No switch to their interval: before their first bar closes that
 * chart is as empty, and a button that unmounts with the line would take the keyboard's focus with it.
 */
export function IndicatorsWaiting({ waiting }: { waiting: readonly IndicatorInfo[] }) {
  const line = waitingLine(waiting);
  if (line === null) return null;
  return (
    <p className="indicators-waiting" data-testid="indicators-waiting">
      {line}
    </p>
  );
}
