// The shown indicators that have no value yet at any bar the chart holds (a pane indicator then gets no
// pane: docs/chart-tools.md), said in one short line with the interval they are on.
import type { IndicatorInfo } from './indicator-layer';

/** Names listed one by one up to this many; more are counted. */
const NAMED = 2;

/** The line for the shown indicators without a value (`waiting`), or null when there is none. */
export function waitingLine(waiting: readonly IndicatorInfo[]): string | null {
  if (waiting.length === 0) return null;
  const intervals = [...new Set(waiting.map((i) => i.interval).filter((i) => i !== null))];
  let subject: string;
  if (waiting.length <= NAMED) subject = waiting.map((i) => i.label).join(' and ');
  else {
    const on = intervals.length === 0 ? '' : ` on ${intervals.join(', ')}`;
    subject = `${waiting.length} indicators${on}`;
  }
  return `No value yet for ${subject}.`;
}
