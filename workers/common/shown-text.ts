// Text taken from a user or a file and shown back in a message (an error line, a note, a status line).
// Every layer echoes such text, so the one way to show it safely lives here, where every layer may import it.
//
// Why: a message goes to a terminal or a log. A raw ESC starts a terminal escape sequence, a newline forges
// a second line, a bidi override or a zero-width character makes the text read as something else, and a
// very long value buries the message. So a shown value is cut short and every such character is written as
// a visible `\u…` escape.

/** Control (C0, DEL, C1), invisible-format (bidi overrides, zero-width), private-use, unassigned, line and
 * paragraph separators, and lone surrogates: what `escapeInvisible` writes as escapes. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Cs}]/gu;

/**
 * What a name (a session name, a file name) may not hold: control characters (C0, DEL, C1), invisible
 * format characters (bidi overrides, zero-width), line and paragraph separators and lone surrogates.
 * Private-use and unassigned code points are allowed in names: a newer emoji is unassigned to an older
 * runtime, and neither moves a cursor or starts an escape sequence.
 */
const NOT_IN_NAMES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** True when `text` holds a character a name may not hold (see `NOT_IN_NAMES`). */
export const hasControlCharacter = (text: string): boolean => NOT_IN_NAMES.test(text);

/** First `max` characters (whole code points), with `…` when cut. */
export function cut(text: string, max: number): string {
  // Only the first max + 1 code points are looked at: a megabyte of text is not split whole.
  const points: string[] = [];
  for (const point of text) {
    points.push(point);
    if (points.length > max) break;
  }
  return points.length > max ? `${points.slice(0, max - 1).join('')}…` : text;
}

/** Every invisible character (see `INVISIBLE`) as a `\u…` escape, so that the text shows as what it is. */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.codePointAt(0) as number;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A word as typed, for a message: cut to `max` characters, invisible characters escaped, no quotes. */
export const shownWord = (word: string, max = 60): string => escapeInvisible(cut(word, max));

/** A word in double quotes for a message: its quotes and backslashes escaped too, then as `shownWord`. */
export const quotedWord = (word: string, max = 60): string =>
  `"${escapeInvisible(cut(word, max).replace(/["\\]/g, (c) => `\\${c}`))}"`;

/** Characters of a quoted value: enough to recognize it, short enough for one line of a report. */
export const QUOTED_CHARS = 40;

/**
 * A value from a file as a message quotes it (a note, a bad row's reason): its JSON text, cut short,
 * invisible characters escaped.
 */
export function quoted(value: unknown): string {
  // A string is cut before it is quoted, so that the quotes and escapes stay whole.
  if (typeof value === 'string') return escapeInvisible(JSON.stringify(cut(value, QUOTED_CHARS)));
  return escapeInvisible(cut(JSON.stringify(value) ?? String(value), QUOTED_CHARS));
}

/** A number in a message: up to 10 significant digits, no trailing zeros (`12.501`, not `12.501000000000001`). */
export const shownNumber = (x: number): string => String(Number(x.toPrecision(10)));
