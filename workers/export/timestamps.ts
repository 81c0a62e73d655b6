// Exchange-local timestamps written straight into the byte sink. New York's offset is a whole number of
// hours and changes only on a UTC hour boundary, so the local date and hour are computed once per UTC
// hour and reused for every row in it.

import { offsetAtInstant, utcMsToLocal } from '../engine/calendar';
import { ascii, type ByteSink } from './byte-sink';

const MS_PER_HOUR = 3_600_000;
const COLON = 0x3a;
const DOT = 0x2e;
const QUOTE = 0x22;
const T = 0x54;

export class TimestampWriter {
  private hourKey = Number.NaN;
  private dateBytes: Uint8Array = new Uint8Array(10);
  private hour = 0;

  private enterHour(ms: number): void {
    const key = Math.floor(ms / MS_PER_HOUR);
    if (key === this.hourKey) return;
    this.hourKey = key;
    const local = utcMsToLocal(key * MS_PER_HOUR);
    this.dateBytes = ascii(local.date);
    this.hour = Math.floor(local.minuteOfDay / 60);
    // Guard the assumption above; a zone with half-hour offsets would need another cache key.
    if (offsetAtInstant(key * MS_PER_HOUR) % 60 !== 0)
      throw new Error('offset is not a whole number of hours');
  }

  private clock(sink: ByteSink, ms: number): void {
    const within = ms - this.hourKey * MS_PER_HOUR;
    const minute = Math.floor(within / 60_000);
    const second = Math.floor((within - minute * 60_000) / 1000);
    const millis = Math.floor(within - minute * 60_000 - second * 1000);
    sink.padded(this.hour, 2);
    sink.byte(COLON);
    sink.padded(minute, 2);
    sink.byte(COLON);
    sink.padded(second, 2);
    if (millis !== 0) {
      sink.byte(DOT);
      sink.padded(millis, 3);
    }
  }

  /** `"09:30:00"` (`"09:30:01.250"` when there are milliseconds): session rows. */
  timeOfDay(sink: ByteSink, ms: number): void {
    this.enterHour(ms);
    sink.byte(QUOTE);
    this.clock(sink, ms);
    sink.byte(QUOTE);
  }

  /** `"2025-06-16T09:30:00"`: historical intraday rows. */
  dateTime(sink: ByteSink, ms: number): void {
    this.enterHour(ms);
    sink.byte(QUOTE);
    sink.bytes(this.dateBytes);
    sink.byte(T);
    this.clock(sink, ms);
    sink.byte(QUOTE);
  }

  /** `"2025-06-16"`: daily rows. */
  date(sink: ByteSink, ms: number): void {
    this.enterHour(ms);
    sink.byte(QUOTE);
    sink.bytes(this.dateBytes);
    sink.byte(QUOTE);
  }
}
