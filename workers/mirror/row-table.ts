// Rows of one stream held by a consumer, column by column: numbers in growable Float64Arrays, the time
// column as seconds, and text columns (an exchange code) through a small dictionary.

/** Exchange-local wall time read as if it were UTC, in seconds: what a chart's time axis shows. */
export type LocalSeconds = number;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/** `"HH:MM:SS"` or `"HH:MM:SS.mmm"` on `date` (`YYYY-MM-DD`), or a full `"YYYY-MM-DD[THH:MM:SS[.mmm]]"`. */
export function localSeconds(text: string, date: string | null): LocalSeconds {
  let day = date ?? '';
  let time = text;
  if (text.length >= 10 && text.charCodeAt(4) === 45) {
    day = text.slice(0, 10);
    time = text.length > 11 ? text.slice(11) : '';
  }
  if (day.length !== 10) throw new RangeError(`cannot place the time "${text}" on a date`);
  let ms = Date.UTC(Number(day.slice(0, 4)), two(day, 5) - 1, two(day, 8));
  if (time.length >= 8) {
    ms += ((two(time, 0) * 60 + two(time, 3)) * 60 + two(time, 6)) * 1000;
    if (time.length > 9) ms += Number(time.slice(9).padEnd(3, '0'));
  }
  if (Number.isNaN(ms)) throw new RangeError(`"${text}" is not a time`);
  return ms / 1000;
}

export class RowTable {
  length = 0;
  private columns: Float64Array[];
  private readonly words: string[] = [];
  private readonly wordIndex = new Map<string, number>();

  constructor(
    readonly names: readonly string[],
    capacity = 64,
  ) {
    this.columns = names.map(() => new Float64Array(Math.max(1, capacity)));
  }

  /** Appends rows as they come in an export; `date` places session times of day. */
  append(rows: readonly (readonly (string | number | null)[])[], date: string | null): void {
    this.reserve(this.length + rows.length);
    for (const row of rows) {
      const at = this.length++;
      for (let c = 0; c < this.columns.length; c++) {
        const value = row[c] ?? null;
        (this.columns[c] as Float64Array)[at] =
          c === 0 && typeof value === 'string'
            ? localSeconds(value, date)
            : typeof value === 'number'
              ? value
              : typeof value === 'string'
                ? this.word(value)
                : Number.NaN;
      }
    }
  }

  column(index: number): Float64Array {
    return (this.columns[index] as Float64Array).subarray(0, this.length);
  }

  /** The text a dictionary-coded cell stands for. */
  text(code: number): string | undefined {
    return this.words[code];
  }

  private word(value: string): number {
    let code = this.wordIndex.get(value);
    if (code === undefined) {
      code = this.words.length;
      this.words.push(value);
      this.wordIndex.set(value, code);
    }
    return code;
  }

  private reserve(rows: number): void {
    const capacity = this.columns[0]?.length ?? 0;
    if (rows <= capacity) return;
    let next = Math.max(1, capacity);
    while (next < rows) next *= 2;
    this.columns = this.columns.map((old) => {
      const grown = new Float64Array(next);
      grown.set(old.subarray(0, this.length));
      return grown;
    });
  }
}
