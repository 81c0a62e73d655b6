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

/**
 * Word tables for the rows' numbers: each store writes four bytes through a DataView and the position
 * moves on by the number's length, so a whole part or a price's cents cost one lookup and one store.
 * The bytes past the length are scratch that the next write covers (row writers reserve room).
 */
/** 0..9999 left-aligned in a big-endian word ("7", "42", "123", "1234"), and their lengths. */
const WHOLE_WORDS = new Uint32Array(10_000);
const WHOLE_LENGTHS = new Uint8Array(10_000);
/** 0..9999 zero-padded to four digits, as a big-endian word. */
const PADDED_WORDS = new Uint32Array(10_000);
/** ".DD" for 1..99 cents, and its length without a trailing zero (".1" for 10 cents). */
const CENTS_WORDS = new Uint32Array(100);
const CENTS_LENGTHS = new Uint8Array(100);

function wordOf(text: string): number {
  let word = 0;
  for (let k = 0; k < 4; k++) word = (word << 8) | (k < text.length ? text.charCodeAt(k) : 0);
  return word >>> 0;
}

for (let n = 0; n < 10_000; n++) {
  WHOLE_WORDS[n] = wordOf(String(n));
  WHOLE_LENGTHS[n] = String(n).length;
  PADDED_WORDS[n] = wordOf(String(n).padStart(4, '0'));
}
for (let n = 1; n < 100; n++) {
  const text = `.${String(n).padStart(2, '0')}`;
  CENTS_WORDS[n] = wordOf(text);
  CENTS_LENGTHS[n] = n % 10 === 0 ? 2 : 3;
}

/** An integer in [0, 10^8): the volumes, sizes and whole parts of prices in every row. */
function writeIntWords(view: DataView, pos: number, n: number): number {
  if (n < 10_000) {
    view.setUint32(pos, WHOLE_WORDS[n] as number);
    return pos + (WHOLE_LENGTHS[n] as number);
  }
  const high = (n / 10_000) | 0;
  view.setUint32(pos, WHOLE_WORDS[high] as number);
  pos += WHOLE_LENGTHS[high] as number;
  view.setUint32(pos, PADDED_WORDS[n - high * 10_000] as number);
  return pos + 4;
}

/** One cell through which `writeNumberWords` hands its number to `writeColumnWords`. */
const CELL = new Float64Array(1);

/**
 * `writeNumber` for the rows: the same text, written a word at a time through `view` (a DataView of
 * `out`'s bytes), with four bytes of room past it. Cents below 10^6 and integers below 10^8 (nearly every
 * price, size and volume) take this path; anything else goes to `writeNumber`.
 */
export function writeNumberWords(view: DataView, out: Uint8Array, pos: number, x: number): number {
  CELL[0] = x;
  return writeColumnWords(view, out, pos, CELL, 0);
}

/**
 * `writeNumberWords` of `column[i]`. The row writers pass the column and the index rather than the number:
 * a double passed to a call that is not inlined is boxed on the heap, a few bytes of garbage per number
 * that a large export would pay for in collections; read here, it stays in a register.
 */
export function writeColumnWords(
  view: DataView,
  out: Uint8Array,
  pos: number,
  column: Float64Array,
  i: number,
): number {
  const x = column[i] as number;
  if (x >= 0 && x < 100_000_000) {
    if ((x | 0) === x) return writeIntWords(view, pos, x);
    if (x < 1_000_000) {
      const cents = Math.round(x * 100);
      if (cents / 100 === x) {
        const whole = x | 0; // see writeNumber for why the truncated x is the whole part
        pos = writeIntWords(view, pos, whole);
        const fraction = cents - whole * 100;
        view.setUint32(pos, CENTS_WORDS[fraction] as number);
        return pos + (CENTS_LENGTHS[fraction] as number);
      }
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
    if (x === Number.NEGATIVE_INFINITY) return writeAscii(out, pos, 'null');
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

/** A newline and `indent` spaces. */
export function writeIndent(out: Uint8Array, pos: number, indent: number): number {
  out[pos++] = NEWLINE;
  for (let k = 0; k < indent; k++) out[pos++] = SPACE;
  return pos;
}
