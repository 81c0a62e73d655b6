// Runs a symbol's indicators: set up as its session opens (warmed up on the history, the historical ones
// computed), then fed each bar of their interval as it closes. The session's analysis engine stage calls
// `feedIndicators` after the bars of the minute were built; the work is O(1) per new bar per indicator.

import { historicalIndicatorInfo, sessionIndicatorInfo } from '../../common/indicator-catalogue';
import type { BarColumns } from '../columns';
import { barsPerSession, type SessionConfig } from '../config';
import { type SymbolStore, strategyIntervals } from '../session-store';
import { dailyHistory, dayNumber, historyBarsFor } from './history-bars';
import { HISTORICAL_CALCS, SESSION_CALCS } from './index';
import { type HistoricalIndicatorValue, type IndicatorGroup, IndicatorSeries } from './indicator-series';
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
  let lookBack = Math.max(1, sessionIndicatorInfo(spec.name)?.period === null ? 0 : spec.period);
  for (const name of LOOK_BACK_PARAMS) lookBack += spec.params[name] ?? 0;
  return 20 * lookBack + 2 * barsPerSession(spec.interval);
}

/** Parameters that count bars (the MACD's averages, the stochastic's %K and %D), unlike `num_std`. */
const LOOK_BACK_PARAMS = ['fast', 'slow', 'signal', 'k_period', 'd_period'] as const;

/**
 * Feeds bars [from, to) of `bars` to every member; a bar on another day than the one before it (`lastDay`
 * for the first) starts a day. Returns the day of the last bar.
 */
function feedRange(
  members: readonly IndicatorSeries[],
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
    const newDay = today !== day;
    const o = open[i] as number;
    const h = high[i] as number;
    const l = low[i] as number;
    const c = close[i] as number;
    const v = volume[i] as number;
    for (let m = 0; m < members.length; m++)
      (members[m] as IndicatorSeries).feed(t, newDay, o, h, l, c, v, inSession);
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
  // What the strategies read and the configuration does not list: the same calculation, not exported.
  const keys = new Set(session.map((spec) => spec.key));
  store.hiddenIndicators = [];
  for (const strategy of config.strategies) {
    for (const { symbol, spec } of strategy.indicators) {
      if (symbol !== store.symbol || keys.has(spec.key)) continue;
      keys.add(spec.key);
      store.hiddenIndicators.push(makeSeries(spec));
    }
  }
  const all = [...store.indicators, ...store.hiddenIndicators];
  const watched = strategyIntervals(config, store.symbol);
  store.indicatorGroups = [];
  for (const interval of new Set([...all.map((i) => i.spec.interval), ...watched])) {
    const members = all.filter((indicator) => indicator.spec.interval === interval);
    const bars = store.barsOf(interval);
    // The store builds bars for every interval an indicator or a strategy names (SymbolStore constructor).
    if (bars === undefined) throw new Error(`no ${interval} bars for ${store.symbol}'s indicators`);
    // History bars of the interval are found (or built) once for all its indicators, and only as many as the
    // longest warm-up needs.
    if (members.length > 0) {
      const need = Math.max(...members.map((m) => warmUpBars(m.spec)));
      const history = historyBarsFor(interval, store.historical, need);
      if (history) feedRange(members, history, 0, history.length, false, Number.NaN);
    }
    store.indicatorGroups.push({ interval, bars, members, fed: 0, watched: watched.includes(interval) });
  }
  store.historicalIndicators = historical.map((spec) => historicalValue(spec, store, sessionDate));
}

/** Called after the indicators of a watched interval took bar `index` of `group.bars`. */
export type BarClosed = (store: SymbolStore, group: IndicatorGroup, index: number) => void;

/**
 * Feeds every indicator the bars of its interval that closed since the last call. A watched interval's bars
 * are fed one at a time, `onBar` called after each, so that a strategy sees the indicators at that bar.
 */
export function feedIndicators(store: SymbolStore, onBar?: BarClosed): void {
  const groups = store.indicatorGroups;
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g] as IndicatorGroup;
    const { bars, fed } = group;
    const end = bars.length;
    if (fed === end) continue;
    // The session's first bar starts a day: NaN matches no day.
    let last = fed === 0 ? Number.NaN : dayNumber(bars.time[fed - 1] as number);
    if (onBar === undefined || !group.watched) {
      feedRange(group.members, bars, fed, end, true, last);
    } else {
      for (let i = fed; i < end; i++) {
        last = feedRange(group.members, bars, i, i + 1, true, last);
        onBar(store, group, i);
      }
    }
    group.fed = end;
  }
}
