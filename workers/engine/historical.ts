// Historical bars for the trailing trading days before a session, from the same source as the session
// itself, so history and the live day form one continuous series. Intraday intervals are built a day at a
// time with the session's own builders; daily bars are each day's aggregation; weekly bars are built from
// the daily bars of whole weeks.
//
// Decisions (docs/export-format.md, section 8):
// - `trailing_days` counts trading days: the window is the N trading days before the session.
// - A weekly series holds the weeks whose first trading day is inside the window and that have ended before
//   the session's week: every bar is a whole week, and the week in progress is the session's own `1w`
//   stream's business. Its `dates` are the trading days of those weeks.

import { barsPerSession } from './bars-per-session';
import {
  localToUtcMs,
  previousTradingDay,
  previousTradingDays,
  tradingDay,
  tradingDayInTables,
  utcMsToLocal,
} from './calendar';
import { BAR_COLUMN_NAMES, BarColumns } from './columns';
import type { HistoricalRequest } from './config';
import { type DayData, DayScratch, dailyBarOf } from './market-data';
import type { MarketSource } from './market-source';
import { appendDayBars } from './session-bars';
import type { HistoricalSeries } from './session-store';
import { WeekBar, weekOf } from './weeks';

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

/**
 * Trading days of spare room each series is made with: moving history on to the next day then writes the
 * new day into that room behind a view that starts a day later (no copy), and only every ROLL_ROOM_DAYS
 * days copies the window once into fresh memory. Four days cost 10% at 40 days of history (48 bytes a bar
 * become 53); copying 15.6 million bars every day instead cost most of a second.
 */
export const ROLL_ROOM_DAYS = 4;

/** Collects one request's rows as the days of its window pass, oldest first. */
interface SeriesBuilder {
  /** Index in the longest window of this request's first day. */
  readonly from: number;
  addDay(data: DayData, openMinute: number): void;
  finish(sessionDate: string): HistoricalSeries;
}

function intradaySeries(interval: string, dates: string[], from: number): SeriesBuilder {
  const bars = new BarColumns(Math.max(1, (dates.length + ROLL_ROOM_DAYS) * barsPerSession(interval)));
  return {
    from,
    addDay: (data, openMinute) => appendDayBars(interval, data, openMinute, bars),
    finish: () => ({ interval, bars, dates }),
  };
}

function dailySeries(dates: string[], from: number): SeriesBuilder {
  const bars = new BarColumns(dates.length + ROLL_ROOM_DAYS);
  return {
    from,
    addDay(data) {
      const bar = dailyBarOf(data);
      if (bar) bars.append(localToUtcMs(data.date, 0), bar.open, bar.high, bar.low, bar.close, bar.volume);
    },
    finish: () => ({ interval: '1d', bars, dates }),
  };
}

function weeklySeries(dates: string[], from: number): SeriesBuilder {
  const weeks: WeekBar[] = [];
  return {
    from,
    addDay(data) {
      const week = weekOf(data.date);
      let current = weeks.at(-1);
      if (current?.week !== week) {
        current = new WeekBar(week);
        weeks.push(current);
      }
      current.add(data.date, dailyBarOf(data));
    },
    finish(sessionDate) {
      const first = dates[0];
      // The window's first week is whole only if the window starts on that week's first trading day.
      const startsMidWeek = first !== undefined && weekOf(previousTradingDay(first)) === weekOf(first);
      const whole = weeks.filter((w, i) => w.week !== weekOf(sessionDate) && !(i === 0 && startsMidWeek));
      const bars = new BarColumns(Math.max(1, whole.length));
      for (const w of whole) w.appendTo(bars);
      return { interval: '1w', bars, dates: whole.flatMap((w) => w.dates) };
    },
  };
}

function seriesBuilder(interval: string, dates: string[], from: number): SeriesBuilder {
  if (interval === '1d') return dailySeries(dates, from);
  if (interval === '1w') return weeklySeries(dates, from);
  return intradaySeries(interval, dates, from);
}

/**
 * The memory every history load reads its days into. The builders copy a day out before `advance` goes on
 * to the next, so loads that take turns between days never see each other's rows, and a start of 1,000
 * symbols allocates one scratch instead of one a symbol (21 KB each).
 */
const historyScratch = new DayScratch();

/** One symbol's history being loaded, a trading day at a time, so that a host can report and cancel. */
export interface HistoryLoad {
  /**
   * The source the days are read from: the keeper compares it with the session's source when the load
   * finishes, since an import or a dropped import while it loaded makes the series stale.
   */
  readonly source: MarketSource;
  readonly daysTotal: number;
  readonly daysDone: number;
  /** Reads up to `days` more trading days, oldest first; true once every day has been read. */
  advance(days: number): boolean;
  /** The series, once every day has been read. */
  series(): HistoricalSeries[];
}

/**
 * Starts loading every requested historical interval of one symbol for the session on `sessionDate`. Each
 * trading day is read once, oldest first, and handed to every request whose window holds it (bars only:
 * a second interval asks the day for its trades a minute at a time).
 */
export function startHistoryLoad(
  symbol: string,
  sessionDate: string,
  requests: readonly HistoricalRequest[],
  source: MarketSource,
): HistoryLoad {
  const wanted = requestsFor(symbol, requests);
  const longest = previousTradingDays(sessionDate, Math.max(0, ...wanted.map((r) => r.trailingDays)));
  const builders = wanted.map((r) =>
    seriesBuilder(
      r.interval,
      longest.slice(longest.length - r.trailingDays),
      longest.length - r.trailingDays,
    ),
  );
  let next = 0;
  return {
    source,
    daysTotal: longest.length,
    get daysDone() {
      return next;
    },
    advance(days) {
      const end = Math.min(longest.length, next + days);
      for (; next < end; next++) {
        // History may reach years before the session range the calendar answers for sessions.
        const day = tradingDayInTables(longest[next] as string);
        const data = source.day(symbol, day, historyScratch);
        for (const builder of builders) if (next >= builder.from) builder.addDay(data, day.openMinute);
      }
      return next === longest.length;
    },
    series() {
      if (next !== longest.length) throw new Error(`history of ${symbol} is not loaded yet`);
      return builders.map((b) => b.finish(sessionDate));
    },
  };
}

/** Loads one symbol's history whole (see `startHistoryLoad`). */
export function loadHistorical(
  symbol: string,
  sessionDate: string,
  requests: readonly HistoricalRequest[],
  source: MarketSource,
): HistoricalSeries[] {
  const load = startHistoryLoad(symbol, sessionDate, requests, source);
  load.advance(load.daysTotal);
  return load.series();
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
 * session's own day (`finished`, with its trades): the rows `loadHistorical` would build, without generating
 * every trailing day again. A new trading day then costs one day per symbol instead of the whole window, so
 * replay does not stall at the day boundary. `finishedWeek` is the week `finished` ended, if it ended one.
 * New series are views that start a day later over the previous ones' memory, the new day written into its
 * spare room (a copy into fresh memory only when the room is used up); the previous series keep their own
 * rows as they were, for an export of the previous session still being written, until the series get room
 * again in that memory once no export reads (`withRoom`). Null when the previous session is not the
 * trading day just before `sessionDate` or its history does not match the requests.
 */
export function rollHistorical(
  symbol: string,
  sessionDate: string,
  requests: readonly HistoricalRequest[],
  previous: ReadonlyMap<string, HistoricalSeries>,
  finished: DayData,
  finishedWeek: WeekBar | null = null,
): HistoricalSeries[] | null {
  if (previousTradingDay(sessionDate) !== finished.date) return null;
  // Every request is checked before any series moves on: moving on gives a series' room to the new one, which
  // must not happen for a roll that then turns out impossible.
  const plans: { interval: string; before: HistoricalSeries; dates: string[]; first: string }[] = [];
  for (const request of requestsFor(symbol, requests)) {
    const before = previous.get(request.interval);
    const dates = previousTradingDays(sessionDate, request.trailingDays);
    const first = dates[0];
    if (!before || first === undefined) return null;
    if (request.interval === '1w') {
      if (finishedWeek === null && weekOf(sessionDate) !== weekOf(finished.date)) return null;
    } else {
      // The new window is the old one moved on by one day: its days but the last must end the old one.
      const kept = dates.slice(0, -1);
      if (kept.some((d, i) => d !== before.dates[before.dates.length - kept.length + i])) return null;
    }
    plans.push({ interval: request.interval, before, dates, first });
  }
  return plans.map(({ interval, before, dates, first }) => {
    if (interval === '1w') return rollWeeks(before, first, finishedWeek);
    const bars = movedOn(before.bars, firstRowFrom(before.bars, localToUtcMs(first, 0)), interval);
    if (interval === '1d') {
      const bar = dailyBarOf(finished);
      if (bar)
        bars.append(localToUtcMs(finished.date, 0), bar.open, bar.high, bar.low, bar.close, bar.volume);
    } else {
      appendDayBars(interval, finished, tradingDay(finished.date).openMinute, bars);
    }
    return { interval, bars, dates };
  });
}

/**
 * Rows [from, length) of `bars` with room for one more day of `interval`: a view over the same memory when
 * its room holds the day, else a copy with room again. The backtest copies a series short of room during
 * the session before (`withRoom`), a few symbols a minute, so that the copy here is only a fallback (a
 * series rolled twice from the same day, as tests do).
 */
function movedOn(bars: BarColumns, from: number, interval: string): BarColumns {
  return bars.room >= barsPerSession(interval)
    ? bars.tailFrom(from)
    : copyWithRoom(bars, from, interval, 1 + ROLL_ROOM_DAYS);
}

/** Rows [from, length) of `bars` in fresh memory, with `days` trading days of `interval` of room after them. */
function copyWithRoom(bars: BarColumns, from: number, interval: string, days: number): BarColumns {
  const copy = new BarColumns(bars.length - from + days * barsPerSession(interval));
  copy.appendRange(bars, from, bars.length);
  return copy;
}

/** True when `series` cannot take another trading day without a copy (weekly series are always copied). */
export function isShortOfRoom(series: HistoricalSeries): boolean {
  return series.interval !== '1w' && series.bars.room < barsPerSession(series.interval);
}

/**
 * The same rows with ROLL_ROOM_DAYS days of room again, for a series short of room (`isShortOfRoom`).
 *
 * When `inPlace` (no reader is left of the sessions before, whose series are views over the same memory)
 * and the series owns its memory (`BarColumns.ownsMemory`) with a day of room in it, the rows move back to
 * the start of that memory, and the room the days moved on by is room again: no new memory. Fresh memory
 * every few days for every symbol was about 60 MB a trading day at 300 symbols, and V8 collected the whole
 * heap and swept every array buffer of it about once a trading day for it: CPU that the page's main thread
 * waited for on a 2-core machine (docs/ui-at-scale.md).
 *
 * Otherwise (an export still going through an earlier session, or memory not the series' own) the rows are
 * copied into fresh memory, and readers of the series it replaces keep reading their own rows as they were.
 */
export function withRoom(series: HistoricalSeries, inPlace: boolean): HistoricalSeries {
  const { interval, dates } = series;
  const own = inPlace ? series.bars.wholeColumns() : null;
  const length = series.bars.length;
  if (own && own.columns.time.length - length >= barsPerSession(interval)) {
    for (const name of BAR_COLUMN_NAMES) own.columns[name].copyWithin(0, own.from, own.from + length);
    return { interval, bars: BarColumns.over(own.columns, length, true), dates };
  }
  return { interval, bars: copyWithRoom(series.bars, 0, interval, ROLL_ROOM_DAYS), dates };
}

/** The weekly series moved on: weeks that started before the window leave, a week just ended joins. */
function rollWeeks(before: HistoricalSeries, windowFirst: string, ended: WeekBar | null): HistoricalSeries {
  const from = firstRowFrom(before.bars, localToUtcMs(windowFirst, 0));
  const bars = new BarColumns(before.bars.length - from + 1);
  bars.appendRange(before.bars, from, before.bars.length);
  const firstKept = from < before.bars.length ? utcMsToLocal(before.bars.time[from] as number).date : null;
  const dates = firstKept === null ? [] : before.dates.filter((d) => d >= firstKept);
  const endedFirst = ended?.dates[0];
  if (ended !== null && endedFirst !== undefined && endedFirst >= windowFirst) {
    ended.appendTo(bars);
    dates.push(...ended.dates);
  }
  return { interval: '1w', bars, dates };
}
