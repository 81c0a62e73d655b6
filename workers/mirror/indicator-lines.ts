// A symbol's session indicators lined up with the bars a chart shows (docs/export-format.md section 9),
// so the page draws them point for point without knowing how intervals relate. A value belongs to a bar
// "as of the bar's close": the last indicator row whose own bar has closed by the time the chart bar
// closes. No look-ahead, and it works across intervals: `sma_20_5m` on the 1m chart steps every five
// minutes, `vwap_1m` on the 5m chart takes each 5m bar's last minute.

import type { IndicatorPlacement } from '../common/indicator-catalogue';
import { sessionIndicatorInfo } from '../common/indicator-catalogue';
import { intervalSeconds } from '../common/interval-key';
import type { MirrorIndicator, SymbolState } from './mirror';
import type { BarSeries } from './series';

export interface ChartIndicator {
  /** What the export names it by: `sma_20_5m`. */
  key: string;
  name: string;
  /** The indicator's own interval (`5m`), or null when neither the export nor the key says. */
  interval: string | null;
  placement: IndicatorPlacement;
  /** Output names in series column order (`value`; `macd`, `signal`, `histogram`; ...). */
  outputs: string[];
  /** One per output, index for index with the read's bars (the same `from` and length); NaN for none. */
  values: Float64Array[];
  valid: boolean;
  value: number | Record<string, number | null> | null;
}

/** `sma_20_5m` -> name `sma`, interval `5m`; `vwap_1m` -> `vwap`, `1m`. Null parts when the key is not of that form. */
export function readIndicatorKey(key: string): { name: string; interval: string | null } {
  const match = /^(.+?)(?:_\d+)?_(\d+[smhdw])$/.exec(key);
  return match ? { name: match[1] as string, interval: match[2] as string } : { name: key, interval: null };
}

/** Seconds an interval spans, 0 when it cannot be read (the row's own time then counts as its close). */
const lengthOf = (interval: string | null): number => {
  const seconds = interval === null ? Number.POSITIVE_INFINITY : intervalSeconds(interval);
  return Number.isFinite(seconds) ? seconds : 0;
};

const DAY = 86_400;
/** The regular close, 16:00, in seconds after midnight (the times here are local seconds). */
const REGULAR_CLOSE = 16 * 3600;

/**
 * When a row stamped `t` of an interval of `length` seconds is known: at its interval's end, or at the
 * regular close when that comes first (the last hour bar, 15:30, lasts 30 minutes, and a day's bar is whole
 * at the close).
 */
export const rowClose = (t: number, length: number): number =>
  Math.min(t + length, Math.floor(t / DAY) * DAY + REGULAR_CLOSE);

/**
 * When bar `i` closes, for lining rows up: its end, or the end of its day when it is the day's last bar
 * before another day's (an early close's last rows are known by then too).
 */
function barClose(barTimes: ArrayLike<number>, i: number, barLength: number): number {
  const t = barTimes[i] as number;
  const next = barTimes[i + 1];
  if (next !== undefined && Math.floor(next / DAY) > Math.floor(t / DAY))
    return (Math.floor(t / DAY) + 1) * DAY - 1;
  return t + barLength;
}

/**
 * For each bar opening at `barTimes[i]` and lasting `barLength`, the index of the last row known by the
 * bar's close (`rowClose`, `barClose`), or -1. Both time lists ascend, so one pass of two pointers (after a
 * binary search for where the first bar stands) does it.
 */
export function alignRows(
  barTimes: ArrayLike<number>,
  barLength: number,
  rowTimes: ArrayLike<number>,
  rowLength: number,
): Int32Array {
  const out = new Int32Array(barTimes.length);
  if (barTimes.length === 0) return out;
  // Rows [0, lo) are known by the first bar's close: binary search, since an appended read starts late.
  const firstClose = barClose(barTimes, 0, barLength);
  let lo = 0;
  let hi = rowTimes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rowClose(rowTimes[mid] as number, rowLength) <= firstClose) lo = mid + 1;
    else hi = mid;
  }
  let next = lo;
  for (let i = 0; i < barTimes.length; i++) {
    const close = barClose(barTimes, i, barLength);
    while (next < rowTimes.length && rowClose(rowTimes[next] as number, rowLength) <= close) next++;
    out[i] = next - 1;
  }
  return out;
}

function lineOf(indicator: MirrorIndicator, bars: BarSeries, barLength: number): ChartIndicator {
  const fromKey = readIndicatorKey(indicator.key);
  const name = indicator.name ?? fromKey.name;
  const interval = indicator.interval ?? fromKey.interval;
  const table = indicator.series;
  const outputs = table.names.slice(1);
  const rows = alignRows(bars.time, barLength, table.column(0), lengthOf(interval));
  const values = outputs.map((_, o) => {
    const column = table.column(o + 1);
    const line = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i] as number;
      line[i] = r < 0 ? Number.NaN : (column[r] as number);
    }
    return line;
  });
  return {
    key: indicator.key,
    name,
    interval,
    // Names from other systems are not in the catalogue: a pane of their own cannot squash the candles.
    placement: sessionIndicatorInfo(name)?.placement ?? 'pane',
    outputs,
    values,
    valid: indicator.valid,
    value: indicator.value,
  };
}

/** Every session indicator the symbol holds, lined up with `bars` (a chart of `interval`). */
export function indicatorLines(state: SymbolState, interval: string, bars: BarSeries): ChartIndicator[] {
  const barLength = lengthOf(interval);
  return [...state.indicators.values()].map((indicator) => lineOf(indicator, bars, barLength));
}
