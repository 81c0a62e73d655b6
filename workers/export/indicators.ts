// What an export says of a symbol's indicators (docs/export-format.md sections 9 and 9.1): each session
// indicator's entry with its series block, planned like a stream (a cursor position per indicator after the
// streams'), and the historical indicators, whole, for complete exports.

import { isDateInterval } from '../common/interval-key';
import { formatLocalDateTime } from '../engine/calendar';
import type { HistoricalIndicatorValue, IndicatorSeries } from '../engine/indicators/indicator-series';
import type { JsonValue } from './json-value';

/** `exclude=indicators`: a section name, like `historical` (section 4.4). */
export const INDICATORS_SECTION = 'indicators';

/** One session indicator of one symbol in one export: what it says now, and which series rows it sends. */
export interface IndicatorPlan {
  indicator: IndicatorSeries;
  /** The entry's fields before `series`, taken with the plan (section 9.1 names them for each mode). */
  head: { [key: string]: JsonValue };
  from: number;
  to: number;
  excluded: boolean;
  /**
   * Where the cursor's count of the indicator's `updates` moves to: the count when its entry is written, the
   * count the consumer holds when it is not, and -1 (holds none) after a complete export that left it out.
   */
  updatesTo: number;
  /**
   * Whether the entry is written. A delta leaves out an entry that took no bar since the consumer was last
   * sent it: its value, last_updated, valid and series are those the consumer holds already (section 9.1).
   * Between two 5m bars, a delta then carries only the 1m indicators.
   */
  carried: boolean;
}

/** NaN and infinities have no JSON number: `null`, as the rows write them (section 5.3). */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** `value`: null while not valid, a number for one output, else the named outputs in catalogue order. */
export function indicatorValue(outputs: readonly string[], value: Float64Array, valid: boolean): JsonValue {
  if (!valid) return null;
  if (outputs.length === 1) return finite(value[0] as number);
  return Object.fromEntries(outputs.map((name, k) => [name, finite(value[k] as number)]));
}

/** `last_updated`: the exchange-local date-time of the bar's interval open, null before any bar. */
export const lastUpdatedText = (ms: number): string | null =>
  Number.isNaN(ms) ? null : formatLocalDateTime(ms);

/**
 * The entry's fields before `series`. `name`, `type`, `interval` and `config` never change during a
 * session, so a delta carries only what does (section 9).
 */
export function indicatorHead(indicator: IndicatorSeries, complete: boolean): { [key: string]: JsonValue } {
  const { spec } = indicator;
  const changing = {
    value: indicatorValue(indicator.outputs, indicator.value, indicator.valid),
    last_updated: lastUpdatedText(indicator.lastUpdated),
    valid: indicator.valid,
  };
  if (!complete) return changing;
  return {
    name: spec.name,
    type: spec.type,
    interval: spec.interval,
    ...changing,
    config: { period: spec.period, params: { ...spec.params } },
  };
}

/** `columns` of a series block: the bar's time, then the outputs. */
export const seriesColumns = (indicator: IndicatorSeries): string[] => ['timestamp', ...indicator.outputs];

/** How a series row's time is written: as the session bars of its interval write theirs. */
export const seriesTimeForm = (indicator: IndicatorSeries): 'date' | 'timeOfDay' =>
  isDateInterval(indicator.spec.interval) ? 'date' : 'timeOfDay';

/**
 * `historical.indicators` of a complete export, or null when the symbol has none: each entry whole, as
 * it was computed when the session opened.
 */
export function historicalIndicatorsValue(values: readonly HistoricalIndicatorValue[]): JsonValue | null {
  if (values.length === 0) return null;
  return Object.fromEntries(
    values.map(({ spec, outputs, value, valid, lastUpdated }) => [
      spec.key,
      {
        name: spec.name,
        type: spec.type,
        interval: spec.interval,
        value: indicatorValue(outputs, value, valid),
        last_updated: lastUpdatedText(lastUpdated),
        valid,
        config: { period: spec.period, unit: spec.unit, params: { ...spec.params } },
      },
    ]),
  );
}

/** The changed path of a series with new rows (section 2). */
export const seriesPath = (symbol: string, key: string): string =>
  `session_data.symbols.${symbol}.indicators.${key}.series`;
