// Exchange-local timestamps written straight into the byte sink. New York's offset is a whole number of
// hours and changes only on a UTC hour boundary, so the local date and hour are computed once per UTC
// hour and reused for every row in it.

import { offsetAtInstant, utcMsToLocal } from '../engine/calendar';
import { ascii, type ByteSink } from './byte-sink';
import { writeQuotedClock } from './encode';

const MS_PER_HOUR = 3_600_000;
const PER_HOUR = 1 / MS_PER_HOUR;
const PER_MINUTE = 1 / 60_000;
const PER_SECOND = 1 / 1000;
const QUOTE = 0x22;

/**
 * `YYYY-MM-DDTHH:` of each UTC hour, shared by all exports: history is exported again and again and its
 * hours never change, so each is worked out once. Bounded, since a long run may touch many hours.
 */
const hourPrefixes = new Map<number, Uint8Array>();
const MAX_CACHED_HOURS = 200_000;

function hourPrefix(key: number): Uint8Array {
  let prefix = hourPrefixes.get(key);
  if (!prefix) {
    // Guard the assumption above; a zone with half-hour offsets would need another cache key.
    if (offsetAtInstant(key * MS_PER_HOUR) % 60 !== 0)
      throw new Error('offset is not a whole number of hours');
    const local = utcMsToLocal(key * MS_PER_HOUR);
    const hour = String(Math.floor(local.minuteOfDay / 60)).padStart(2, '0');
    prefix = ascii(`${local.date}T${hour}:`);
    if (hourPrefixes.size >= MAX_CACHED_HOURS) hourPrefixes.clear();
    hourPrefixes.set(key, prefix);
  }
  return prefix;
}

export class TimestampWriter {
  private hourKey = Number.NaN;
  /** `YYYY-MM-DDTHH:` of the cached hour. */
  private prefix: Uint8Array = new Uint8Array(14);

  private enterHour(ms: number): void {
    const key = Math.floor(ms / MS_PER_HOUR);
    if (key === this.hourKey) return;
    this.hourKey = key;
    this.prefix = hourPrefix(key);
  }

  /**
   * Writes `"` + prefix[from, to) + `MM:SS[.mmm]` + `"` at `pos` and returns the position after it:
   * (11, 14) gives a time of day, (0, 14) a local date-time. Row writers call this with their range.
   */
  stamp(out: Uint8Array, pos: number, ms: number, from: number, to: number): number {
    // Divisions by multiplying with the reciprocal, corrected by one where rounding fell short or over:
    // this runs for every row, and a floating-point division costs several multiplications.
    let key = Math.floor(ms * PER_HOUR);
    let within = ms - key * MS_PER_HOUR;
    if (within < 0) {
      key--;
      within += MS_PER_HOUR;
    } else if (within >= MS_PER_HOUR) {
      key++;
      within -= MS_PER_HOUR;
    }
    if (key !== this.hourKey) {
      this.hourKey = key;
      this.prefix = hourPrefix(key);
    }
    let minute = (within * PER_MINUTE) | 0;
    let rest = within - minute * 60_000;
    if (rest >= 60_000) {
      minute++;
      rest -= 60_000;
    }
    let second = (rest * PER_SECOND) | 0;
    if (rest - second * 1000 >= 1000) second++;
    return writeQuotedClock(out, pos, this.prefix, from, to, minute, second, rest - second * 1000);
  }

  /** Writes `"YYYY-MM-DD"` (the local date of `ms`) at `pos`; returns the position after it. */
  day(out: Uint8Array, pos: number, ms: number): number {
    this.enterHour(ms);
    out[pos++] = QUOTE;
    for (let i = 0; i < 10; i++) out[pos++] = this.prefix[i] as number;
    out[pos++] = QUOTE;
    return pos;
  }

  private stampInto(sink: ByteSink, ms: number, from: number, to: number): void {
    sink.reserve(32);
    sink.pos = this.stamp(sink.chunk, sink.pos, ms, from, to);
  }

  /** `"09:30:00"` (`"09:30:01.250"` when there are milliseconds): session rows. */
  timeOfDay(sink: ByteSink, ms: number): void {
    this.stampInto(sink, ms, 11, 14);
  }

  /** `"2025-06-16T09:30:00"`: historical intraday rows. */
  dateTime(sink: ByteSink, ms: number): void {
    this.stampInto(sink, ms, 0, 14);
  }

  /** `"2025-06-16"`: daily rows. */
  date(sink: ByteSink, ms: number): void {
    this.enterHour(ms);
    sink.reserve(12);
    sink.byte(QUOTE);
    sink.copy(this.prefix, 0, 10);
    sink.byte(QUOTE);
  }
}
