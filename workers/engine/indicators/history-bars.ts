// The history an indicator warms up on: its interval's own historical bars when the configuration loads
// them, else bars of that interval built from a shorter intraday history (section 9: "derived from the base
// history where needed"), day by day with the session's own bucketing so that they match the session's bars.

import { intervalSeconds, isDateInterval, readIntervalKey } from '../../common/interval-key';
import { localToUtcMs, tradingDayInTables, utcMsToLocal } from '../calendar';
import { BarColumns } from '../columns';
import { BarBucketer } from '../derived-bars';
import type { HistoricalSeries } from '../session-store';

const MS_PER_DAY = 86_400_000;

/**
 * Trading days never cross midnight UTC (a US session runs 13:30-21:00 UTC), so the UTC day number of a bar's
 * time tells the days apart without a calendar lookup per bar.
 */
export const dayNumber = (ms: number): number => Math.floor(ms / MS_PER_DAY);

/** The intraday series a longer interval can be built from: one whose length divides it, the longest. */
function sourceFor(
  interval: string,
  history: ReadonlyMap<string, HistoricalSeries>,
): HistoricalSeries | null {
  const wanted = intervalSeconds(interval);
  let best: HistoricalSeries | null = null;
  for (const series of history.values()) {
    if (isDateInterval(series.interval) || series.bars.length === 0) continue;
    const seconds = intervalSeconds(series.interval);
    if (seconds >= wanted && !isDateInterval(interval)) continue;
    if (!isDateInterval(interval) && wanted % seconds !== 0) continue;
    if (best === null || seconds > intervalSeconds(best.interval)) best = series;
  }
  return best;
}

/** Intraday bars of `lengthMs` from shorter ones [from, length), bucketed from each day's open. */
function bucketed(source: BarColumns, lengthMs: number, from: number): BarColumns {
  const out = new BarColumns(Math.max(1, Math.ceil((source.length - from) / 2)));
  let day = Number.NaN;
  let bucketer: BarBucketer | null = null;
  for (let i = from; i < source.length; i++) {
    const time = source.time[i] as number;
    if (dayNumber(time) !== day) {
      bucketer?.sessionClosed();
      day = dayNumber(time);
      const date = utcMsToLocal(time).date;
      bucketer = new BarBucketer(lengthMs, localToUtcMs(date, tradingDayInTables(date).openMinute), out);
    }
    bucketer?.add(
      time,
      source.open[i] as number,
      source.high[i] as number,
      source.low[i] as number,
      source.close[i] as number,
      source.volume[i] as number,
    );
  }
  bucketer?.sessionClosed();
  return out;
}

/** One bar per day from intraday bars, stamped with the date's local midnight, as daily bars are. */
export function dailyFrom(source: BarColumns): { bars: BarColumns; dates: string[] } {
  const bars = new BarColumns(Math.max(1, Math.ceil(source.length / 390)));
  const dates: string[] = [];
  let i = 0;
  while (i < source.length) {
    const day = dayNumber(source.time[i] as number);
    const date = utcMsToLocal(source.time[i] as number).date;
    const open = source.open[i] as number;
    let high = source.high[i] as number;
    let low = source.low[i] as number;
    let close = open;
    let volume = 0;
    for (; i < source.length && dayNumber(source.time[i] as number) === day; i++) {
      if ((source.high[i] as number) > high) high = source.high[i] as number;
      if ((source.low[i] as number) < low) low = source.low[i] as number;
      close = source.close[i] as number;
      volume += source.volume[i] as number;
    }
    bars.append(localToUtcMs(date, 0), open, high, low, close, volume);
    dates.push(date);
  }
  return { bars, dates };
}

/** Index of the first bar of the day that holds bar `from`, or of the next day when `from` is mid-day. */
function dayStartAtOrAfter(bars: BarColumns, from: number): number {
  if (from <= 0) return 0;
  const day = dayNumber(bars.time[from - 1] as number);
  let i = from;
  while (i < bars.length && dayNumber(bars.time[i] as number) === day) i++;
  return i;
}

/** Bars [from, length) of `bars` as columns of their own. */
function tail(bars: BarColumns, from: number): BarColumns {
  if (from <= 0) return bars;
  const out = new BarColumns(Math.max(1, bars.length - from));
  out.appendRange(bars, from, bars.length);
  return out;
}

/**
 * The historical bars of `interval` for warm-up, at most about `maxBars` of them (the last ones, from a day's
 * first bar), or null when the history holds nothing to build them. Ten years of minute history are not
 * replayed into an SMA of 20 at every session open: its last bars give the same values.
 */
export function historyBarsFor(
  interval: string,
  history: ReadonlyMap<string, HistoricalSeries>,
  maxBars = Number.POSITIVE_INFINITY,
): BarColumns | null {
  const own = history.get(interval);
  if (own !== undefined) return tail(own.bars, dayStartAtOrAfter(own.bars, own.bars.length - maxBars));
  const unit = readIntervalKey(interval)?.unit;
  if (unit === 'w') return null;
  const source = sourceFor(interval, history);
  if (source === null) return null;
  if (unit === 'd') return dailyFrom(source.bars).bars;
  const ratio = intervalSeconds(interval) / intervalSeconds(source.interval);
  const from = dayStartAtOrAfter(source.bars, source.bars.length - Math.ceil(maxBars * ratio));
  return bucketed(source.bars, intervalSeconds(interval) * 1000, from);
}

/** The daily bars a historical indicator reads: the `1d` history, else days built from intraday history. */
export function dailyHistory(
  history: ReadonlyMap<string, HistoricalSeries>,
): { bars: BarColumns; dates: readonly string[] } | null {
  const daily = history.get('1d');
  if (daily !== undefined) return { bars: daily.bars, dates: daily.dates };
  const source = sourceFor('1d', history);
  return source === null ? null : dailyFrom(source.bars);
}
