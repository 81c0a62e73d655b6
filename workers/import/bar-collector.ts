// Checks imported rows one by one and keeps the good ones. Every bad row is reported with its line number
// and what is wrong: a number that does not parse, high below low, a time that repeats or goes backwards,
// a time outside the regular session. Nothing is applied until the user chooses to keep the good rows.

import { quoted } from '../common/shown-text';
import { TABLE_FIRST_YEAR, TABLE_LAST_YEAR, tradingDayInTables, utcMsToLocal } from '../engine/calendar';
import type { ColumnMap } from './header';
import { ImportedBars } from './imported-bars';
import { outsideCalendar, parseTimestamp } from './timestamp';

export type Cell = string | number | bigint | boolean | Date | null | undefined;

export interface BadRow {
  line: number;
  reason: string;
}

/** Bad rows kept in full; past this only their number is counted (a broken 100 MB file has millions). */
export const MAX_BAD_ROWS_LISTED = 1000;

const hhmm = (minuteOfDay: number) =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

const withinTables = (year: number) => year >= TABLE_FIRST_YEAR && year <= TABLE_LAST_YEAR;

function numberOf(cell: Cell): number {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'string' && cell.trim() !== '') return Number(cell.trim());
  return Number.NaN;
}

function timeOf(cell: Cell): { ok: true; value: number } | { ok: false; error: string } {
  if (cell instanceof Date) return { ok: true, value: cell.getTime() };
  if (typeof cell === 'bigint') return parseTimestamp(String(cell));
  if (typeof cell === 'number') return parseTimestamp(String(cell));
  return parseTimestamp(String(cell ?? ''));
}

export class BarCollector {
  readonly bars: ImportedBars;
  readonly badRows: BadRow[] = [];
  badRowCount = 0;
  rowsRead = 0;
  private lastTime = Number.NEGATIVE_INFINITY;
  private lastLine = 0;

  constructor(
    symbol: string,
    private readonly columns: ColumnMap,
  ) {
    this.bars = new ImportedBars(symbol);
  }

  /** A row refused before its cells could be read (a quote never closed). */
  addBad(line: number, reason: string): void {
    this.rowsRead++;
    this.bad(line, reason);
  }

  private bad(line: number, reason: string): void {
    this.badRowCount++;
    if (this.badRows.length < MAX_BAD_ROWS_LISTED) this.badRows.push({ line, reason });
  }

  add(cells: readonly Cell[], line: number): void {
    this.rowsRead++;
    const checked = this.checkOrExplain(cells);
    if (typeof checked === 'string') {
      this.bad(line, checked);
      return;
    }
    const { time, date, open, high, low, close, volume } = checked;
    this.lastTime = time;
    this.lastLine = line;
    this.bars.add(date, time, open, high, low, close, volume);
  }

  /** `check`, with anything it throws as the row's reason: one odd row never refuses the whole file. */
  private checkOrExplain(cells: readonly Cell[]): ReturnType<BarCollector['check']> {
    try {
      return this.check(cells);
    } catch (error) {
      return `the row could not be checked (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  /** The row as a bar, or what is wrong with it. */
  private check(
    cells: readonly Cell[],
  ):
    | string
    | ({ time: number; date: string } & Record<'open' | 'high' | 'low' | 'close' | 'volume', number>) {
    const columns = this.columns;
    const time = timeOf(cells[columns.timestamp]);
    if (!time.ok) return time.error;
    const values = { open: 0, high: 0, low: 0, close: 0, volume: 0 };
    for (const field of ['open', 'high', 'low', 'close', 'volume'] as const) {
      const value = numberOf(cells[columns[field]]);
      if (!Number.isFinite(value) || value < 0 || (field !== 'volume' && value === 0)) {
        const text = String(cells[columns[field]] ?? '');
        return `${field} ${quoted(text)} is not a ${field === 'volume' ? 'volume (a number >= 0)' : 'price (a number > 0)'}`;
      }
      values[field] = value;
    }
    const { open, high, low, close } = values;
    if (high < low) return `high ${high} is below low ${low}`;
    if (high < Math.max(open, close) || low > Math.min(open, close)) {
      return `open ${open} and close ${close} must lie between low ${low} and high ${high}`;
    }
    // Bars from before the session dates serve as history: any day the calendar knows is accepted. The
    // UTC year is checked first (the exchange clock has no rules far outside the tables), then the
    // exchange-local date: 2008-01-01 00:00 UTC is still 2007 in New York.
    const outside = outsideCalendar(quoted(String(cells[columns.timestamp] ?? '')));
    if (!withinTables(new Date(time.value).getUTCFullYear())) return outside;
    const local = utcMsToLocal(time.value);
    if (!withinTables(Number(local.date.slice(0, 4)))) return outside;
    const when = `${local.date} ${hhmm(local.minuteOfDay)}`;
    if (time.value === this.lastTime) return `${when} repeats the time of line ${this.lastLine}`;
    if (time.value < this.lastTime)
      return `${when} comes before line ${this.lastLine} (rows must be in time order)`;
    if (local.second !== 0 || local.millisecond !== 0) {
      return `${when}:${String(local.second).padStart(2, '0')} is not on a whole minute (one-minute bars open on the minute)`;
    }
    const day = tradingDayInTables(local.date);
    if (!day.isTradingDay) {
      return `${when} is outside the trading session (the market is closed: ${day.holidayName ?? 'weekend'})`;
    }
    if (local.minuteOfDay < day.openMinute || local.minuteOfDay >= day.closeMinute) {
      return `${when} is outside the trading session (${hhmm(day.openMinute)}-${hhmm(day.closeMinute)} ET on ${local.date})`;
    }
    return { time: time.value, date: local.date, ...values };
  }
}
