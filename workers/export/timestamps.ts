// Exchange-local timestamps written straight into the byte sink. New York's offset is a whole number of
// hours and changes only on a UTC hour boundary, so the local date and hour are computed once per UTC
// hour and reused for every row in it.

import { offsetAtInstant, utcMsToLocal } from '../engine/calendar';
import { ascii, type ByteSink } from './byte-sink';

const MS_PER_HOUR = 3_600_000;
const PER_HOUR = 1 / MS_PER_HOUR;
const PER_MINUTE = 1 / 60_000;
const PER_SECOND = 1 / 1000;
const QUOTE = 0x22;
const COLON = 0x3a;
const DOT = 0x2e;

/**
 * The text of one UTC hour, `YYYY-MM-DDTHH:`, as bytes and as the big-endian words a DataView writes in
 * four stores instead of fourteen byte stores. Shared by all exports: history is exported again and again
 * and its hours never change, so each is worked out once. Bounded, since a long run may touch many hours.
 */
interface HourText {
  bytes: Uint8Array;
  /** Bytes 0-3, 4-7 and 8-11 as big-endian 32-bit words, then bytes 12-13 and 11-12 as 16-bit words. */
  words: Uint32Array;
}

const hourTexts = new Map<number, HourText>();
const MAX_CACHED_HOURS = 200_000;

function hourText(key: number): HourText {
  let text = hourTexts.get(key);
  if (!text) {
    // Guard the assumption above; a zone with half-hour offsets would need another cache key.
    if (offsetAtInstant(key * MS_PER_HOUR) % 60 !== 0)
      throw new Error('offset is not a whole number of hours');
    const local = utcMsToLocal(key * MS_PER_HOUR);
    const hour = String(Math.floor(local.minuteOfDay / 60)).padStart(2, '0');
    const bytes = ascii(`${local.date}T${hour}:`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const words = Uint32Array.of(
      view.getUint32(0),
      view.getUint32(4),
      view.getUint32(8),
      view.getUint16(12),
      view.getUint16(11),
    );
    text = { bytes, words };
    if (hourTexts.size >= MAX_CACHED_HOURS) hourTexts.clear();
    hourTexts.set(key, text);
  }
  return text;
}

/** "00".."99" as big-endian 16-bit words. */
const DIGIT_PAIRS = new Uint16Array(100);
for (let n = 0; n < 100; n++) DIGIT_PAIRS[n] = ((0x30 + Math.floor(n / 10)) << 8) | (0x30 + (n % 10));
/** `:00"` as a big-endian word: the end of every bar's timestamp. */
const ZERO_SECONDS_QUOTE = 0x3a303022;

export const TIME_OF_DAY = 0;
export const DATE_TIME = 1;

export class TimestampWriter {
  private hourKey = Number.NaN;
  private text: HourText = { bytes: new Uint8Array(14), words: new Uint32Array(5) };

  private enterHour(ms: number): void {
    const key = Math.floor(ms / MS_PER_HOUR);
    if (key === this.hourKey) return;
    this.hourKey = key;
    this.text = hourText(key);
  }

  /**
   * Writes `"HH:MM:SS"` (TIME_OF_DAY) or `"YYYY-MM-DDTHH:MM:SS"` (DATE_TIME), with `.mmm` when there are
   * milliseconds, at `pos`; returns the position after it. `view` is a DataView of `out`'s bytes. This
   * runs once per row, so it writes words where it can and divides by multiplying with reciprocals
   * (corrected by one where rounding fell short or over).
   */
  stamp(view: DataView, out: Uint8Array, pos: number, ms: number, form: number): number {
    this.scratch[0] = ms;
    return this.stampAt(view, out, pos, this.scratch, 0, form);
  }

  private readonly scratch = new Float64Array(1);

  /**
   * `stamp` of `times[i]`: rows pass their time column and index, since a time passed as a number to a
   * call that is not inlined is boxed on the heap (garbage on every row of a large export).
   */
  stampAt(
    view: DataView,
    out: Uint8Array,
    pos: number,
    times: Float64Array,
    i: number,
    form: number,
  ): number {
    const ms = times[i] as number;
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
      this.text = hourText(key);
    }
    const words = this.text.words;
    out[pos++] = QUOTE;
    if (form === DATE_TIME) {
      view.setUint32(pos, words[0] as number);
      view.setUint32(pos + 4, words[1] as number);
      view.setUint32(pos + 8, words[2] as number);
      view.setUint16(pos + 12, words[3] as number);
      pos += 14;
    } else {
      view.setUint16(pos, words[4] as number);
      out[pos + 2] = COLON;
      pos += 3;
    }
    let minute = (within * PER_MINUTE) | 0;
    let rest = within - minute * 60_000;
    if (rest >= 60_000) {
      minute++;
      rest -= 60_000;
    }
    view.setUint16(pos, DIGIT_PAIRS[minute] as number);
    pos += 2;
    if (rest === 0) {
      view.setUint32(pos, ZERO_SECONDS_QUOTE);
      return pos + 4;
    }
    let second = (rest * PER_SECOND) | 0;
    if (rest - second * 1000 >= 1000) second++;
    const millis = rest - second * 1000;
    out[pos++] = COLON;
    view.setUint16(pos, DIGIT_PAIRS[second] as number);
    pos += 2;
    if (millis !== 0) {
      const hundreds = (millis / 100) | 0;
      out[pos++] = DOT;
      out[pos++] = 0x30 + hundreds;
      view.setUint16(pos, DIGIT_PAIRS[millis - hundreds * 100] as number);
      pos += 2;
    }
    out[pos++] = QUOTE;
    return pos;
  }

  /** Writes `"YYYY-MM-DD"` (the local date of `ms`) at `pos`; returns the position after it. */
  day(out: Uint8Array, pos: number, ms: number): number {
    this.enterHour(ms);
    const bytes = this.text.bytes;
    out[pos++] = QUOTE;
    for (let i = 0; i < 10; i++) out[pos++] = bytes[i] as number;
    out[pos++] = QUOTE;
    return pos;
  }

  private stampInto(sink: ByteSink, ms: number, form: number): void {
    sink.reserve(32);
    sink.pos = this.stamp(sink.view, sink.chunk, sink.pos, ms, form);
  }

  /** `"09:30:00"` (`"09:30:01.250"` when there are milliseconds): session rows. */
  timeOfDay(sink: ByteSink, ms: number): void {
    this.stampInto(sink, ms, TIME_OF_DAY);
  }

  /** `"2025-06-16T09:30:00"`: historical intraday rows. */
  dateTime(sink: ByteSink, ms: number): void {
    this.stampInto(sink, ms, DATE_TIME);
  }

  /** `"2025-06-16"`: daily rows. */
  date(sink: ByteSink, ms: number): void {
    sink.reserve(12);
    sink.pos = this.day(sink.chunk, sink.pos, ms);
  }
}
