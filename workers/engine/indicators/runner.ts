// Runs a symbol's indicators: set up as its session opens (warmed up on the history, the historical ones
// computed), then fed each bar of their interval as it closes. The session's analysis engine stage calls
// `feedIndicators` after the bars of the minute were built; the work is O(1) per new bar per indicator.

import { historicalIndicatorInfo, sessionIndicatorInfo } from '../../common/indicator-catalogue';
import type { BarColumns } from '../columns';
import { barsPerSession, type SessionConfig } from '../config';
import type { SymbolStore } from '../session-store';
import { dailyHistory, dayNumber, historyBarsFor } from './history-bars';
import { HISTORICAL_CALCS, SESSION_CALCS } from './index';
import { type HistoricalIndicatorValue, IndicatorSeries } from './indicator-series';
import type { HistoricalIndicatorSpec, SessionIndicatorSpec } from './spec';

/** A fresh indicator for `spec`, its series sized for a full session of its interval. */
function makeSeries(spec: SessionIndicatorSpec): IndicatorSeries {
  const info = sessionIndicatorInfo(spec.name);
  const make = SESSION_CALCS[spec.name];
  // The configuration accepts only catalogue names, and every catalogue name has a calculation (tested).
  if (info === undefined || make === undefined) throw new Error(`no indicator "${spec.name}"`);
  return new IndicatorSeries(
    spec,
    info.outputs,
    make(spec.period, spec.params),
    barsPerSession(spec.interval),
  );
}

/**
 * History bars enough to warm `spec` up as if on all of it: twenty times its look-back (the weight an EMA or
 * a Wilder average then gives older bars is below 1e-8: (1 - 1/n)^(20n) < e^-20) and two whole days (the
 * previous day's pivots, the day's VWAP).
 */
function warmUpBars(spec: SessionIndicatorSpec): number {
  let lookBack = Math.max(1, spec.period);
  for (const value of Object.values(spec.params)) if (Number.isInteger(value)) lookBack += value;
  return 20 * lookBack + 2 * barsPerSession(spec.interval);
}

/** Feeds bars [from, to) of `bars`; a bar on another day than the one before it starts a day. */
function feedRange(
  indicator: IndicatorSeries,
  bars: BarColumns,
  from: number,
  to: number,
  inSession: boolean,
  lastDay: number,
): number {
  const { time, open, high, low, close, volume } = bars;
  let day = lastDay;
  for (let i = from; i < to; i++) {
    const t = time[i] as number;
    const today = dayNumber(t);
    indicator.feed(
      t,
      today !== day,
      open[i] as number,
      high[i] as number,
      low[i] as number,
      close[i] as number,
      volume[i] as number,
      inSession,
    );
    day = today;
  }
  return day;
}

function historicalValue(
  spec: HistoricalIndicatorSpec,
  store: SymbolStore,
  sessionDate: string,
): HistoricalIndicatorValue {
  const outputs = historicalIndicatorInfo(spec.name)?.outputs ?? ['value'];
  const value = new Float64Array(outputs.length);
  const daily = dailyHistory(store.historical);
  const calc = HISTORICAL_CALCS[spec.name];
  if (daily === null || daily.bars.length === 0 || calc === undefined)
    return { spec, outputs, valid: false, value, lastUpdated: Number.NaN };
  const valid = calc({ ...daily, sessionDate }, spec.period, spec.unit, spec.params, value);
  const lastUpdated = daily.bars.time[daily.bars.length - 1] as number;
  return { spec, outputs, valid, value, lastUpdated };
}

/**
 * Sets up `store`'s indicators for its session on `sessionDate` (its history already loaded): each session
 * indicator warmed up on its interval's history, each historical one computed.
 */
export function openIndicators(store: SymbolStore, config: SessionConfig, sessionDate: string): void {
  const { session, historical } = config.indicators;
  store.indicators = session.map(makeSeries);
  // History bars of each interval are found (or built) once, whatever the number of indicators on it, and
  // only as many as its longest warm-up needs.
  const need = new Map<string, number>();
  for (const spec of session)
    need.set(spec.interval, Math.max(need.get(spec.interval) ?? 0, warmUpBars(spec)));
  const warmUp = new Map<string, BarColumns | null>();
  for (const indicator of store.indicators) {
    const { interval } = indicator.spec;
    if (!warmUp.has(interval))
      warmUp.set(interval, historyBarsFor(interval, store.historical, need.get(interval)));
    const bars = warmUp.get(interval);
    if (bars) feedRange(indicator, bars, 0, bars.length, false, Number.NaN);
  }
  store.historicalIndicators = historical.map((spec) => historicalValue(spec, store, sessionDate));
}

/** Feeds every indicator the bars of its interval that closed since the last call. */
export function feedIndicators(store: SymbolStore): void {
  for (const indicator of store.indicators) {
    const bars = store.barsOf(indicator.spec.interval);
    if (bars === undefined || indicator.fed === bars.length) continue;
    // The session's first bar starts a day: NaN matches no day.
    const last = indicator.fed === 0 ? Number.NaN : dayNumber(bars.time[indicator.fed - 1] as number);
    feedRange(indicator, bars, indicator.fed, bars.length, true, last);
    indicator.fed = bars.length;
  }
}
