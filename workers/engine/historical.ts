// Historical bars for the trailing trading days before a session, from the same generator as the session
// itself, so history and the live day form one continuous series.

import { localToUtcMs, previousTradingDays, tradingDayInTables } from './calendar';
import { BarColumns } from './columns';
import type { HistoricalRequest } from './config';
import { DerivedBarBuilder } from './derived-bars';
import { type DayData, dailyBarOf } from './market-data';
import type { MarketSource } from './market-source';
import type { HistoricalSeries } from './session-store';

/** Requests that apply to a symbol, one per interval (the longest trailing window wins). */
export function requestsFor(symbol: string, requests: readonly HistoricalRequest[]): HistoricalRequest[] {
  const byInterval = new Map<string, HistoricalRequest>();
  for (const r of requests) {
    if (r.symbols !== 'all' && !r.symbols.includes(symbol)) continue;
    const known = byInterval.get(r.interval);
    if (!known || known.trailingDays < r.trailingDays) byInterval.set(r.interval, r);
  }
  return [...byInterval.values()];
}

function minuteBarsOf(day: DayData, intervalMinutes: number, out: BarColumns): void {
  if (intervalMinutes === 1) {
    out.appendRange(day.bars, 0, day.bars.length);
    return;
  }
  const info = tradingDayInTables(day.date);
  const builder = new DerivedBarBuilder(intervalMinutes, localToUtcMs(day.date, info.openMinute), out);
  for (let m = 0; m < day.sessionMinutes; m++) {
    const i = day.barOfMinute[m] as number;
    if (i >= 0) {
      builder.addBaseBar(
        m,
        day.bars.open[i] as number,
        day.bars.high[i] as number,
        day.bars.low[i] as number,
        day.bars.close[i] as number,
        day.bars.volume[i] as number,
      );
    }
    builder.minuteEnded(m);
  }
  builder.sessionClosed();
}

/** Loads every requested historical interval of one symbol for the session on `sessionDate`. */
export function loadHistorical(
  symbol: string,
  sessionDate: string,
  requests: readonly HistoricalRequest[],
  source: MarketSource,
): HistoricalSeries[] {
  // Several intervals share days (10 days of 1m inside 30 days of 1d): generate each day once. History may
  // reach before the session years (back to 2008), so its days are described from the calendar's tables.
  const days = new Map<string, DayData>();
  const dayData = (date: string) => {
    let data = days.get(date);
    if (!data) {
      data = source.day(symbol, tradingDayInTables(date), false);
      days.set(date, data);
    }
    return data;
  };
  return requestsFor(symbol, requests).map((request) => {
    const dates = previousTradingDays(sessionDate, request.trailingDays);
    if (request.interval === '1d') {
      const bars = new BarColumns(dates.length);
      for (const date of dates) {
        const bar = dailyBarOf(dayData(date));
        if (bar) bars.append(localToUtcMs(date, 0), bar.open, bar.high, bar.low, bar.close, bar.volume);
      }
      return { interval: request.interval, bars, dates };
    }
    const minutes = Number.parseInt(request.interval, 10);
    const bars = new BarColumns(Math.ceil((dates.length * 390) / minutes));
    for (const date of dates) minuteBarsOf(dayData(date), minutes, bars);
    return { interval: request.interval, bars, dates };
  });
}

/** The first row at or after `ms` (rows are in time order). */
function firstRowFrom(bars: BarColumns, ms: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars.time[mid] as number) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The history for the session on `sessionDate` made from the previous session's history and that
 * session's own day (`finished`): the rows `loadHistorical` would build, without generating every
 * trailing day again. A new trading day then costs one day per symbol instead of the whole window, so
 * replay does not stall at the day boundary. New series are built; the previous ones stay as they were
 * for an export of the previous session still being written. Null when the previous session is not the
 * trading day just before `sessionDate` or its history does not match the requests.
 */
export function rollHistorical(
  symbol: string,
  sessionDate: string,
  requests: readonly HistoricalRequest[],
  previous: ReadonlyMap<string, HistoricalSeries>,
  finished: DayData,
): HistoricalSeries[] | null {
  if (previousTradingDays(sessionDate, 1)[0] !== finished.date) return null;
  const rolled: HistoricalSeries[] = [];
  for (const request of requestsFor(symbol, requests)) {
    const before = previous.get(request.interval);
    const dates = previousTradingDays(sessionDate, request.trailingDays);
    const first = dates[0];
    // The new window is the old one moved on by one day: its days but the last must end the old one.
    const kept = dates.slice(0, -1);
    if (
      !before ||
      first === undefined ||
      kept.some((d, i) => d !== before.dates[before.dates.length - kept.length + i])
    )
      return null;
    const from = firstRowFrom(before.bars, localToUtcMs(first, 0));
    const bars = new BarColumns(before.bars.length - from + 390);
    bars.appendRange(before.bars, from, before.bars.length);
    if (request.interval === '1d') {
      const bar = dailyBarOf(finished);
      if (bar)
        bars.append(localToUtcMs(finished.date, 0), bar.open, bar.high, bar.low, bar.close, bar.volume);
    } else {
      minuteBarsOf(finished, Number.parseInt(request.interval, 10), bars);
    }
    rolled.push({ interval: request.interval, bars, dates });
  }
  return rolled;
}
