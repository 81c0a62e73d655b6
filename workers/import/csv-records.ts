// Splits CSV text into records (lines, except where a quoted field holds a newline) and records into
// fields. Written here rather than left to Papaparse because the importer needs three things it does not
// give: the physical line each record starts on, a cut between slices that never falls inside a record, and
// recovery from a quote that never closes (Papaparse reads it to the end of the input, swallowing every
// later row).

export interface CsvRecord {
  /** The physical line (1-based) the record starts on. */
  line: number;
  /** The record's text without its line break; null for a record whose quote never closes. */
  text: string | null;
}

/**
 * Longest record, in characters, while a quote is open. A quote still open past this (or at the end of
 * the file) is broken: its record is reported and reading goes on at the line after the one it started
 * on. Large enough for any real cell (a 1 MB note), small enough that a broken quote does not hold a
 * 100 MB file in memory.
 */
export const MAX_RECORD_CHARS = 4 << 20;

const QUOTE = 34;
const NEWLINE = 10;

export interface Split {
  records: CsvRecord[];
  /** The text of the record not yet complete (carried over to the next slice), and its line. */
  rest: string;
  restLine: number;
}

const withoutCr = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text);

/**
 * Cuts `text`, whose first character is on line `firstLine`, into complete records. `final`: the text
 * ends the file, so an open quote there is broken rather than continued by the next slice. A quote open
 * for more than `maxRecordChars` is broken too.
 */
export function splitRecords(
  text: string,
  firstLine: number,
  final: boolean,
  maxRecordChars = MAX_RECORD_CHARS,
): Split {
  const records: CsvRecord[] = [];
  let start = 0;
  let startLine = firstLine;
  let line = firstLine;
  let inQuote = false;
  // A broken quote: report its record, then read again from the line after the one it started on.
  const restartAfterBroken = (): boolean => {
    records.push({ line: startLine, text: null });
    const next = text.indexOf('\n', start);
    if (next < 0) {
      start = text.length;
      return false;
    }
    start = next + 1;
    startLine += 1;
    line = startLine;
    inQuote = false;
    return true;
  };
  for (let i = start; ; i++) {
    if (i >= text.length) {
      if (!final) break;
      if (inQuote && restartAfterBroken()) {
        i = start - 1;
        continue;
      }
      if (!inQuote && start < text.length)
        records.push({ line: startLine, text: withoutCr(text.slice(start)) });
      start = text.length;
      break;
    }
    const code = text.charCodeAt(i);
    if (code === QUOTE) inQuote = !inQuote;
    else if (code === NEWLINE) {
      line++;
      if (!inQuote) {
        records.push({ line: startLine, text: withoutCr(text.slice(start, i)) });
        start = i + 1;
        startLine = line;
      }
    }
    if (inQuote && i - start > maxRecordChars && restartAfterBroken()) i = start - 1;
  }
  return { records, rest: text.slice(start), restLine: startLine };
}

/** The quoted field starting at `from` (just after its opening quote): its value and where it ends. */
function quotedField(record: string, from: number): { value: string; end: number } {
  let value = '';
  let i = from;
  for (;;) {
    const close = record.indexOf('"', i);
    if (close < 0) return { value: value + record.slice(i), end: record.length };
    value += record.slice(i, close);
    if (record[close + 1] !== '"') return { value, end: close + 1 };
    value += '"';
    i = close + 2;
  }
}

/** The fields of one record: `""` inside quotes is a quote; text after a closing quote is kept. */
export function splitFields(record: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (record[i] === '"') {
      const field = quotedField(record, i + 1);
      value = field.value;
      i = field.end;
    }
    const next = record.indexOf(delimiter, i);
    value += next < 0 ? record.slice(i) : record.slice(i, next);
    fields.push(value);
    if (next < 0) return fields;
    i = next + delimiter.length;
  }
}
