// Weekly bars from daily bars. A week is a calendar week (Monday to Sunday); its bar is stamped with its
// first trading day and is complete once its last trading day has closed.

import { addDays, dayOfWeek, localToUtcMs, nextTradingDay } from './calendar';
import type { BarColumns } from './columns';
import type { DailyBar } from './market-data';

/** The Monday of the calendar week `date` is in: the week's name. */
export function weekOf(date: string): string {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/** True when `date` is the last trading day of its week (the next trading day is in a later week). */
export function endsItsWeek(date: string): boolean {
  return weekOf(nextTradingDay(date)) !== weekOf(date);
}

/** A week's bar as its trading days are added, oldest first. */
export class WeekBar {
  /** False until a day with trades is added. */
  traded = false;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  volume = 0;
  /** The trading days added; the first one stamps the bar. */
  readonly dates: string[] = [];

  constructor(readonly week: string) {}

  add(date: string, bar: DailyBar | null): void {
    this.dates.push(date);
    if (bar === null) return;
    if (!this.traded) {
      this.traded = true;
      this.open = bar.open;
      this.high = bar.high;
      this.low = bar.low;
    }
    if (bar.high > this.high) this.high = bar.high;
    if (bar.low < this.low) this.low = bar.low;
    this.close = bar.close;
    this.volume += bar.volume;
  }

  /** A copy, so that the week so far can be carried into the next session and added to there. */
  copy(): WeekBar {
    const copy = new WeekBar(this.week);
    copy.traded = this.traded;
    copy.open = this.open;
    copy.high = this.high;
    copy.low = this.low;
    copy.close = this.close;
    copy.volume = this.volume;
    copy.dates.push(...this.dates);
    return copy;
  }

  /** Appends the bar, stamped with the week's first trading day (midnight, exchange time); none without trades. */
  appendTo(out: BarColumns): void {
    const first = this.dates[0];
    if (!this.traded || first === undefined) return;
    out.append(localToUtcMs(first, 0), this.open, this.high, this.low, this.close, this.volume);
  }
}
