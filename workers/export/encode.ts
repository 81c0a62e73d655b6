// Pure byte encoders for the hot path: each writes at `pos` in `out` and returns the position after
// what it wrote. Row writers keep `out` and `pos` in locals and call these, so a row costs no property
// loads or stores on the sink. The caller has reserved room (a row is under 256 bytes).

export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
const ZERO = 0x30;
const MINUS = 0x2d;
const DOT = 0x2e;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const SMALL_INT = 2 ** 31;
const FOUR_DECIMALS_LIMIT = 1e10;

/** "00".."99" as bytes. */
const TWO_DIGITS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  TWO_DIGITS[2 * n] = ZERO + Math.floor(n / 10);
  TWO_DIGITS[2 * n + 1] = ZERO + (n % 10);
}

/** The digits of 0..9999, four bytes each, right-aligned: a price's whole part is one lookup. */
const DIGITS_4 = new Uint8Array(40_000);
for (let n = 0; n < 10_000; n++) {
  const text = String(n).padStart(4, ' ');
  for (let k = 0; k < 4; k++) DIGITS_4[4 * n + k] = text.charCodeAt(k);
}

/** "00".."99" as big-endian 16-bit words, for DataView stores of two digits at once. */
const DIGIT_PAIRS = new Uint16Array(100);
for (let n = 0; n < 100; n++) DIGIT_PAIRS[n] = ((ZERO + Math.floor(n / 10)) << 8) | (ZERO + (n % 10));

/** One or two digits (n < 100) through a DataView of `out`. */
function writeUpTo2(view: DataView, out: Uint8Array, pos: number, n: number): number {
  if (n < 10) {
    out[pos] = ZERO + n;
    return pos + 1;
  }
  view.setUint16(pos, DIGIT_PAIRS[n] as number);
  return pos + 2;
}

/** Up to four digits (n < 10^4), two at a time. */
function writeUpTo4(view: DataView, out: Uint8Array, pos: number, n: number): number {
  if (n < 100) return writeUpTo2(view, out, pos, n);
  const high = (n * 0.01) | 0;
  pos = writeUpTo2(view, out, pos, high);
  view.setUint16(pos, DIGIT_PAIRS[n - high * 100] as number);
  return pos + 2;
}

/** An integer in [0, 10^8): the volumes, sizes and whole parts of prices in every row. */
function writeIntWords(view: DataView, out: Uint8Array, pos: number, n: number): number {
  if (n < 10_000) return writeUpTo4(view, out, pos, n);
  const high = Math.trunc(n / 10_000);
  const low = n - high * 10_000;
  const lowHigh = (low * 0.01) | 0;
  pos = writeUpTo4(view, out, pos, high);
  view.setUint16(pos, DIGIT_PAIRS[lowHigh] as number);
  view.setUint16(pos + 2, DIGIT_PAIRS[low - lowHigh * 100] as number);
  return pos + 4;
}

/**
 * `writeNumber` for the rows: the same text, written two digits at a time through `view` (a DataView of
 * `out`'s bytes). Cents below 10^6 and integers below 10^8 (nearly every price, size and volume) take this
 * path; anything else goes to `writeNumber`.
 */
export function writeNumberWords(view: DataView, out: Uint8Array, pos: number, x: number): number {
  if (x >= 0 && x < 100_000_000) {
    if ((x | 0) === x) return writeIntWords(view, out, pos, x);
    const cents = Math.round(x * 100);
    if (x < 1_000_000 && cents / 100 === x) {
      const whole = Math.trunc(x); // see writeNumber for why trunc(x) is the whole part
      pos = writeIntWords(view, out, pos, whole);
      out[pos++] = DOT;
      const pair = DIGIT_PAIRS[cents - whole * 100] as number;
      if ((pair & 0xff) === ZERO) {
        out[pos] = pair >> 8; // 12.1, not 12.10
        return pos + 1;
      }
      view.setUint16(pos, pair);
      return pos + 2;
    }
  }
  return writeNumber(out, pos, x);
}

/** An integer in [0, 2^31), with 32-bit arithmetic. */
export function writeSmallUint(out: Uint8Array, pos: number, n: number): number {
  if (n < 100) {
    if (n >= 10) out[pos++] = TWO_DIGITS[2 * n] as number;
    out[pos++] = TWO_DIGITS[2 * n + 1] as number;
    return pos;
  }
  if (n < 10_000) {
    const at = 4 * n;
    const skip = n < 10 ? 3 : n < 100 ? 2 : n < 1000 ? 1 : 0;
    for (let k = skip; k < 4; k++) out[pos++] = DIGITS_4[at + k] as number;
    return pos;
  }
  if (n < 100_000_000) {
    // Two table lookups: the high part as written, the low four digits zero-padded.
    const high = Math.trunc(n / 10_000);
    const low = 4 * (n - high * 10_000);
    pos = writeSmallUint(out, pos, high);
    for (let k = 0; k < 4; k++)
      out[pos++] = DIGITS_4[low + k] === SPACE ? ZERO : (DIGITS_4[low + k] as number);
    return pos;
  }
  let width = 9;
  for (let p = 1_000_000_000; p <= n; p *= 10) width++;
  let at = pos + width;
  const end = at;
  while (n >= 10) {
    const q = (n / 10) | 0;
    out[--at] = ZERO + n - q * 10;
    n = q;
  }
  out[--at] = ZERO + n;
  return end;
}

/** A non-negative integer below 2^53. */
export function writeUint(out: Uint8Array, pos: number, n: number): number {
  if (n < SMALL_INT) return writeSmallUint(out, pos, n);
  let width = 1;
  for (let p = 10; p <= n; p *= 10) width++;
  let at = pos + width;
  const end = at;
  while (n >= 10) {
    const q = Math.floor(n / 10);
    out[--at] = ZERO + (n - q * 10);
    n = q;
  }
  out[--at] = ZERO + n;
  return end;
}

/** `n` zero-padded to `width` digits. */
export function writePadded(out: Uint8Array, pos: number, n: number, width: number): number {
  for (let k = pos + width - 1; k >= pos; k--) {
    const q = Math.floor(n / 10);
    out[k] = ZERO + (n - q * 10);
    n = q;
  }
  return pos + width;
}

function writeAscii(out: Uint8Array, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) out[pos++] = text.charCodeAt(i);
  return pos;
}

/**
 * A number as the shortest text that reads back exactly (`null` for NaN and infinities, which JSON
 * cannot hold). If round(x * 100) / 100 is x, then "whole.fraction" is the shortest exact text, so prices
 * in cents (nearly all of them) and integers skip the costly general shortest-float search.
 */
export function writeNumber(out: Uint8Array, pos: number, x: number): number {
  if (x < 0) {
    out[pos++] = MINUS;
    x = -x;
  }
  if ((x | 0) === x) return writeSmallUint(out, pos, x); // volumes and sizes
  const cents = Math.round(x * 100);
  if (cents < SMALL_INT && cents / 100 === x) {
    // x is the double nearest cents / 100, and no such double lies on the other side of an integer, so
    // trunc(x) is the whole part (a cheaper way to it than a second division).
    const whole = Math.trunc(x);
    const fraction = cents - whole * 100;
    pos = writeSmallUint(out, pos, whole);
    if (fraction !== 0) {
      out[pos++] = DOT;
      out[pos++] = TWO_DIGITS[2 * fraction] as number;
      const ones = TWO_DIGITS[2 * fraction + 1] as number;
      if (ones !== ZERO) out[pos++] = ones;
    }
    return pos;
  }
  if (Number.isSafeInteger(x)) return writeUint(out, pos, x);
  // Four decimals are the shortest text only while doubles are finer than 0.0001 apart: from about 2^36
  // on, a shorter decimal can read back to the same double (575129588710.622, not ...6219).
  const scaled = Math.round(x * 10_000);
  if (x < FOUR_DECIMALS_LIMIT && scaled / 10_000 === x) {
    const whole = Math.floor(scaled / 10_000);
    let fraction = scaled - whole * 10_000;
    let places = 4;
    while (fraction % 10 === 0) {
      fraction /= 10;
      places--;
    }
    pos = writeUint(out, pos, whole);
    out[pos++] = DOT;
    return writePadded(out, pos, fraction, places);
  }
  return writeAscii(out, pos, Number.isFinite(x) ? String(x) : 'null');
}

const FOUR_SPACES = 0x20202020;

/** A newline and `indent` spaces, four at a time through a DataView of the same bytes. */
export function writeIndentWords(view: DataView, out: Uint8Array, pos: number, indent: number): number {
  out[pos++] = NEWLINE;
  let k = 0;
  for (; k + 4 <= indent; k += 4) {
    view.setUint32(pos, FOUR_SPACES);
    pos += 4;
  }
  for (; k < indent; k++) out[pos++] = SPACE;
  return pos;
}

/** A newline and `indent` spaces. */
export function writeIndent(out: Uint8Array, pos: number, indent: number): number {
  out[pos++] = NEWLINE;
  for (let k = 0; k < indent; k++) out[pos++] = SPACE;
  return pos;
}
