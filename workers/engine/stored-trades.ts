// Trades kept as whole-day columns (a test's scripted source), served a minute at a time like the
// generator's, and the other way round: a day's trades gathered into columns (tests, second bars by hand).

import { QuoteColumns, TickColumns } from './columns';
import type { DayData, MinuteTradesWriter } from './market-data';

/** Serves minute m as rows [tickEnd[m - 1] ?? 0, tickEnd[m]) of `ticks` (and of `quotes` when it has them). */
export function storedTrades(
  ticks: TickColumns,
  quotes: QuoteColumns,
  tickEnd: Int32Array,
): MinuteTradesWriter {
  return (minute, toTicks, toQuotes) => {
    const from = minute === 0 ? 0 : (tickEnd[minute - 1] as number);
    const to = tickEnd[minute] as number;
    toTicks?.appendRange(ticks, from, to);
    if (quotes.length >= to) toQuotes?.appendRange(quotes, from, to);
  };
}

/** For sources without trades (imported bars): every minute appends nothing. */
export const noTrades: MinuteTradesWriter = () => {};

/** Every trade (and quote) of the day, minute by minute, with `tickEnd` as `storedTrades` reads it. */
export function allTrades(day: DayData): { ticks: TickColumns; quotes: QuoteColumns; tickEnd: Int32Array } {
  const ticks = new TickColumns();
  const quotes = new QuoteColumns();
  const tickEnd = new Int32Array(day.sessionMinutes);
  for (let m = 0; m < day.sessionMinutes; m++) {
    day.appendTrades(m, ticks, quotes);
    tickEnd[m] = ticks.length;
  }
  return { ticks, quotes, tickEnd };
}
