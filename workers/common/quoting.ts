// How text taken from a user's file is shown in a message: cut short and with invisible characters escaped,
// so that a note or a bad-row reason stays one short line that reads as what the file holds. Shared by
// the export readers (workers/export/contract/reading.ts) and the importers.

/** First `max` characters (whole code points), with `…` when cut. */
export function cut(text: string, max: number): string {
  // Only the first `max` code points are walked: a 1 MB cell costs no more than a short one.
  const points: string[] = [];
  for (const point of text) {
    if (points.length === max) return `${points.slice(0, max - 1).join('')}…`;
    points.push(point);
  }
  return text;
}

/**
 * Control, invisible-format (bidi overrides, zero-width), private-use and unassigned characters as `\u…`
 * escapes: a message quotes text from a file, and such characters could make it read as something else.
 */
export function escapeInvisible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu, (c) => {
    const code = c.codePointAt(0) as number;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Characters of a quoted value: enough to recognize it, short enough for one line of a report. */
export const QUOTED_CHARS = 40;

/** A value from a file as a message quotes it: its JSON text, cut short, invisible characters escaped. */
export function quoted(value: unknown): string {
  // A string is cut before it is quoted, so that the quotes and escapes stay whole.
  if (typeof value === 'string') return escapeInvisible(JSON.stringify(cut(value, QUOTED_CHARS)));
  return escapeInvisible(cut(JSON.stringify(value) ?? String(value), QUOTED_CHARS));
}
