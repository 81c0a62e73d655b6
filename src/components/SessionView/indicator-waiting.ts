// The shown indicators that have no value yet at any bar the chart holds (a pane indicator then gets no
// pane: docs/chart-tools.md), said in one short line, and the interval they are on when it is one.
import type { IndicatorInfo } from './indicator-layer';

/** Names listed one by one up to this many; more are counted. */
const NAMED = 2;

export interface Waiting {
  /** The line: which indicators have no value yet, and on which bars. */
  text: string;
  /** The one interval they are all on, when it is not the chart's (null otherwise): the chart can switch. */
  interval: string | null;
}

/** The line for the shown indicators without a value (`waiting`), or null when there is none. */
export function waitingLine(waiting: readonly IndicatorInfo[], chartInterval: string): Waiting | null {
  if (waiting.length === 0) return null;
  const intervals = [...new Set(waiting.map((i) => i.interval).filter((i) => i !== null))];
  let subject: string;
  if (waiting.length <= NAMED) subject = waiting.map((i) => i.label).join(' and ');
  else {
    const on = intervals.length === 0 ? '' : ` on ${intervals.join(', ')}`;
    subject = `${waiting.length} indicators${on}`;
  }
  const only = intervals.length === 1 && waiting.every((i) => i.interval !== null) ? intervals[0] : undefined;
  return {
    text: `No value yet for ${subject}.`,
    interval: only !== undefined && only !== chartInterval ? only : null,
  };
}
