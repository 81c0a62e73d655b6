// One symbol's imported one-minute bars, by trading date: what the backtest replays instead of the
// generator for that symbol (and what becomes history for the days before the backtest window).

import { localToUtcMs, type TradingDay } from '../engine/calendar';
import { BarColumns } from '../engine/columns';
import type { DayData } from '../engine/market-data';
import { noTrades } from '../engine/stored-trades';

export class ImportedBars {
  /** Bars by trading date, in time order. */
  readonly days = new Map<string, BarColumns>();

  constructor(readonly symbol: string) {}

  get bars(): number {
    let n = 0;
    for (const d of this.days.values()) n += d.length;
    return n;
  }

  /** Appends a bar of `date` (rows arrive in time order). */
  add(
    date: string,
    time: number,
    open: number,
    high: number,
    low: number,
    close: number,
    volume: number,
  ): void {
    let day = this.days.get(date);
    if (!day) {
      day = new BarColumns(390);
      this.days.set(date, day);
    }
    day.append(time, open, high, low, close, volume);
  }

  /**
   * The day as the backtest replays it: its bars at their session minutes, minutes without a bar as
   * gaps. Imported symbols have no ticks or quotes: they are left out rather than invented.
   */
  dayData(day: TradingDay): DayData {
    const n = day.sessionMinutes;
    const source = this.days.get(day.date);
    const bars = new BarColumns(Math.max(1, source?.length ?? 0));
    const barOfMinute = new Int32Array(n).fill(-1);
    if (source) {
      const openMs = localToUtcMs(day.date, day.openMinute);
      for (let i = 0; i < source.length; i++) {
        const minute = Math.round(((source.time[i] as number) - openMs) / 60_000);
        if (minute < 0 || minute >= n) continue;
        barOfMinute[minute] = bars.length;
        bars.appendRange(source, i, i + 1);
      }
    }
    return {
      date: day.date,
      sessionMinutes: n,
      bars,
      barOfMinute,
      appendTrades: noTrades,
    };
  }
}
