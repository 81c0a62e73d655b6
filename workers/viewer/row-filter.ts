// A rows table's filter, read into a test on one row. Pure: the viewer worker runs it over a whole stream.
//
// A filter is either
//   - text: the rows with a cell whose text holds it, in any case (`AAPL`, `09:31`); or
//   - conditions `column op value` joined by `and`: `close > 12.5`, `timestamp >= 2025-07-01T09:35 and
//     volume > 1000`. Operators: = != < <= > >= and ~ (the cell's text holds the value, in any case).
// A number is compared with a number cell as a number; anything else is compared as text (so ISO
// timestamps compare in time order). Text in double quotes is taken whole, as JSON: `"a > b"` finds that
// text, `symbol = "BRK.B"` compares with it.

import type { Result } from '../common/result';
// A value echoed in a message: cut short, quoted as JSON, invisible characters escaped (every layer's rule).
import { quoted as shown } from '../common/shown-text';

/** Filters longer than this are refused. */
export const MAX_FILTER_CHARS = 200;

type Op = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~';

export type RowTest = (cells: readonly unknown[]) => boolean;

export type FilterReading = Result<RowTest | null>;

/** What a filter may be, said after every refusal. */
export const FILTER_RULE =
  'A filter is text found in any cell, or conditions "column op value" joined by "and" (close > 12.5 and volume >= 1000), with = != < <= > >= or ~ (holds); text in double quotes is taken as it is';

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CONDITION = /^([A-Za-z_#$][\w#$]*)\s*(!=|<=|>=|=|<|>|~)\s*(.*)$/s;

/** A cell's text as the file writes it: a string without quotes, anything else as JSON. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value) ?? '';
}

/** A quoted value, as JSON; null when it is not quoted (or not a valid JSON string). */
function quoted(text: string): string | null {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return null;
  try {
    return JSON.parse(text) as string;
  } catch {
    return null;
  }
}

function compare(op: Op, cell: unknown, text: string, number: number | null): boolean {
  if (op === '~') return cellText(cell).toLowerCase().includes(text.toLowerCase());
  let order: number;
  if (number !== null && typeof cell === 'number') order = cell - number;
  else {
    const written = cellText(cell);
    order = written < text ? -1 : written > text ? 1 : 0;
  }
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    default:
      return order >= 0;
  }
}

/**
 * The test a filter stands for, or one line saying what is wrong with it; `test` is null for a blank
 * filter (every row). `columns` are the names the table shows; a name is matched in any case.
 */
export function readFilter(filter: unknown, columns: readonly string[]): FilterReading {
  if (typeof filter !== 'string') return { ok: false, error: `${FILTER_RULE}.` };
  if (filter.length > MAX_FILTER_CHARS)
    return {
      ok: false,
      error: `A filter is at most ${MAX_FILTER_CHARS} characters; got ${filter.length}. ${FILTER_RULE}.`,
    };
  const text = filter.trim();
  if (text === '') return { ok: true, value: null };
  const whole = quoted(text);
  if (whole !== null || !CONDITION.test(text)) {
    const needle = (whole ?? text).toLowerCase();
    return {
      ok: true,
      value: (cells) => cells.some((cell) => cellText(cell).toLowerCase().includes(needle)),
    };
  }
  const names = columns.map((c) => c.toLowerCase());
  const tests: RowTest[] = [];
  for (const part of text.split(/\s+and\s+/i)) {
    const match = CONDITION.exec(part.trim());
    if (!match)
      return { ok: false, error: `${shown(part.trim())} is not "column op value". ${FILTER_RULE}.` };
    const [, name = '', op = '=', rawValue = ''] = match;
    const column = names.indexOf(name.toLowerCase());
    if (column < 0)
      return {
        ok: false,
        error: `There is no column ${shown(name)}: the columns are ${columns.join(', ')}. ${FILTER_RULE}.`,
      };
    const value = rawValue.trim();
    if (value === '')
      return { ok: false, error: `${shown(`${name} ${op}`)} has no value to compare with. ${FILTER_RULE}.` };
    if (/^[=<>!~]/.test(value))
      return { ok: false, error: `${shown(`${op}${value}`)} is not an operator. ${FILTER_RULE}.` };
    const string = quoted(value);
    const compared = string ?? value;
    const number = string === null && NUMBER.test(value) ? Number(value) : null;
    tests.push((cells) => compare(op as Op, cells[column], compared, number));
  }
  return { ok: true, value: (cells) => tests.every((t) => t(cells)) };
}
