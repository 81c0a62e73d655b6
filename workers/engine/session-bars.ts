// The bar streams of a session, built as its minutes pass: second bars from the trades, minute and hour bars
// from the one-minute bars, the day's bar and the week's bar when the session closes. History builds its
// intraday bars with the same builders, a day at a time, so that history and session agree bar for bar.

import { readIntervalKey } from '../common/interval-key';
import { localToUtcMs, MS_PER_MINUTE } from './calendar';
import { type BarColumns, TickColumns } from './columns';
import { BarBucketer } from './derived-bars';
import { type DayData, dailyBarOf } from './market-data';
import type { WeekBar } from './weeks';

const MS_PER_SECOND = 1000;

export interface SessionBarBuilder {
  readonly out: BarColumns;
  /** Session minute `minute` of `day` is over: takes what it brought and appends the bars it completed. */
  minuteEnded(day: DayData, minute: number): void;
  /** The session closed: appends its last (possibly shorter) bar, or the day's or the week's bar. */
  sessionClosed(day: DayData): void;
}

/** Second bars from the trades of each minute, asked of the day a minute at a time. */
function secondBars(seconds: number, openMs: number, out: BarColumns): SessionBarBuilder {
  const bucketer = new BarBucketer(seconds * MS_PER_SECOND, openMs, out);
  // One minute's trades, reused: the day makes them again when asked (the same rows every time), so the
  // builder needs no copy of the session's stored ticks, which a session may not even keep.
  const trades = new TickColumns(64);
  return {
    out,
    minuteEnded(day, minute) {
      trades.length = 0;
      day.appendTrades(minute, trades, null);
      const { time, price, size } = trades;
      for (let i = 0; i < trades.length; i++) {
        const p = price[i] as number;
        bucketer.add(time[i] as number, p, p, p, p, size[i] as number);
      }
      bucketer.reached(openMs + (minute + 1) * MS_PER_MINUTE);
    },
    sessionClosed: () => bucketer.sessionClosed(),
  };
}

/** Minute and hour bars from the one-minute bars. */
function minuteBars(minutes: number, openMs: number, out: BarColumns): SessionBarBuilder {
  const bucketer = new BarBucketer(minutes * MS_PER_MINUTE, openMs, out);
  return {
    out,
    minuteEnded(day, minute) {
      const bar = day.barOfMinute[minute] as number;
      if (bar >= 0) {
        const { bars } = day;
        bucketer.add(
          bars.time[bar] as number,
          bars.open[bar] as number,
          bars.high[bar] as number,
          bars.low[bar] as number,
          bars.close[bar] as number,
          bars.volume[bar] as number,
        );
      }
      bucketer.reached(openMs + (minute + 1) * MS_PER_MINUTE);
    },
    sessionClosed: () => bucketer.sessionClosed(),
  };
}

/** The day's bar, stamped with its date (midnight, exchange time), when the session closes. */
function dayBar(out: BarColumns): SessionBarBuilder {
  return {
    out,
    minuteEnded() {},
    sessionClosed(day) {
      const bar = dailyBarOf(day);
      if (bar !== null)
        out.append(localToUtcMs(day.date, 0), bar.open, bar.high, bar.low, bar.close, bar.volume);
    },
  };
}

/** The week's bar when the session that ends the week closes; `week` is the week so far, today included. */
function weekBar(out: BarColumns, week: () => WeekBar | null): SessionBarBuilder {
  return {
    out,
    minuteEnded() {},
    sessionClosed() {
      week()?.appendTo(out);
    },
  };
}

/**
 * The builder of `interval`'s bars for the session of `date` (which opens at `openMinute`), appending to
 * `out`. `week` answers the week so far once the session has closed, or null when the week goes on.
 */
export function sessionBarBuilder(
  interval: string,
  date: string,
  openMinute: number,
  out: BarColumns,
  week: () => WeekBar | null = () => null,
): SessionBarBuilder {
  const key = readIntervalKey(interval);
  if (key === null) throw new RangeError(`not an interval: ${JSON.stringify(interval)}`);
  const openMs = localToUtcMs(date, openMinute);
  switch (key.unit) {
    case 's':
      return secondBars(key.count, openMs, out);
    case 'm':
      return minuteBars(key.count, openMs, out);
    case 'h':
      return minuteBars(key.count * 60, openMs, out);
    case 'd':
      return dayBar(out);
    case 'w':
      return weekBar(out, week);
  }
}

/** Appends a whole day's bars of an intraday interval (second bars from the day's trades, made per minute). */
export function appendDayBars(interval: string, day: DayData, openMinute: number, out: BarColumns): void {
  if (interval === '1m') {
    out.appendRange(day.bars, 0, day.bars.length);
    return;
  }
  const builder = sessionBarBuilder(interval, day.date, openMinute, out);
  for (let m = 0; m < day.sessionMinutes; m++) builder.minuteEnded(day, m);
  builder.sessionClosed(day);
}
