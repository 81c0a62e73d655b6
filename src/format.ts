// Display formatting, in one place. Market times arrive as exchange-local ISO strings without an offset
// (`2025-07-01T09:31:00`) and are shown as they are: never converted through the browser's timezone.

const countFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `1234567` -> `1,234,567`. */
export const formatCount = (value: number): string => countFormat.format(value);

/** `1234.5` -> `1,234.5`. */
export const formatDecimal = (value: number): string => decimalFormat.format(value);

/** `2025-07-01T09:31:00` -> `09:31:00`; seconds are added when the engine leaves them out. */
export function formatMarketTime(iso: string): string {
  const match = /T(\d{2}:\d{2})(?::(\d{2}))?/.exec(iso);
  if (!match) return iso;
  return `${match[1]}:${match[2] ?? '00'}`;
}

/** `2025-07-01` (or a full ISO date-time) -> `Tue, Jul 1, 2025`. */
export function formatMarketDate(isoDate: string): string {
  const day = isoDate.slice(0, 10);
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
}

const rangeFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** `2025-07-01`, `2025-07-03` -> `Jul 1 – 3, 2025`. */
export function formatDateRange(startDate: string, endDate: string): string {
  const start = new Date(`${startDate.slice(0, 10)}T00:00:00Z`);
  const end = new Date(`${endDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startDate} – ${endDate}`;
  return end < start ? `${startDate} – ${endDate}` : rangeFormat.formatRange(start, end);
}

/** How fast the replay runs, in words: a multiplier of 60 is one market minute per wall-clock second. */
export function describeSpeed(multiplier: number): string {
  // The original system's 0: no waiting between minutes.
  if (multiplier === 0) return 'as fast as possible';
  if (multiplier === 1) return 'real time';
  const minutesPerSecond = multiplier / 60;
  if (minutesPerSecond >= 1) {
    const unit = minutesPerSecond === 1 ? 'minute' : 'minutes';
    return `${formatDecimal(minutesPerSecond)} market ${unit} per second`;
  }
  return `${formatDecimal(multiplier)} market seconds per second`;
}

const sizeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

/** `850` -> `850 B`, `3277` -> `3.2 KB`, `5956737` -> `5.7 MB` (binary units, as file managers mostly show). */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${countFormat.format(bytes)} B`;
  if (bytes < MB) return `${sizeFormat.format(bytes / KB)} KB`;
  if (bytes < GB) return `${sizeFormat.format(bytes / MB)} MB`;
  return `${sizeFormat.format(bytes / GB)} GB`;
}

/** `3.42` -> `3.4 ms`, `82.3` -> `82 ms`, `1234` -> `1.2 s`. */
export function formatDuration(ms: number): string {
  if (ms < 10) return `${sizeFormat.format(ms)} ms`;
  if (ms < 1000) return `${countFormat.format(ms)} ms`;
  return `${sizeFormat.format(ms / 1000)} s`;
}

/** A size ratio: `2.46` -> `2.5×`, `340.2` -> `340×`, `12345` -> `12,345×`. */
export function formatRatio(ratio: number): string {
  return `${ratio < 10 ? sizeFormat.format(ratio) : countFormat.format(ratio)}×`;
}

/** Where the replay stands, from the engine's snapshot. */
export interface SessionPosition {
  /** The trading day of the backtest window the open session is, from 1; 0 before start. */
  dayNumber: number;
  dayCount: number;
  /** Market minutes of the open session processed, of `minutes`. */
  minute: number;
  minutes: number;
}

/**
 * The session progress in words: `Day 3 of 3, minute 210 of 210` for a backtest of several days (the minutes
 * alone would not say which day), `Minute 5 of 390` for one day, `Not started (3 trading days)` before start.
 */
export function describeSessionProgress({ dayNumber, dayCount, minute, minutes }: SessionPosition): string {
  if (dayNumber < 1) {
    return `Not started (${formatCount(dayCount)} trading ${dayCount === 1 ? 'day' : 'days'})`;
  }
  const ofMinutes = `${formatCount(minute)} of ${formatCount(minutes)}`;
  if (dayCount <= 1) return `Minute ${ofMinutes}`;
  return `Day ${formatCount(dayNumber)} of ${formatCount(dayCount)}, minute ${ofMinutes}`;
}
