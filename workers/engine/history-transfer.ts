// A symbol's history as plain data, to cross from the thread that loaded it to the engine's (a helper thread
// loads some symbols' history at start: workers/api/history-preload.ts). The columns are not copied: the
// sender names their buffers for transfer, and the receiver makes BarColumns over the very arrays, length
// and capacity kept, so the spare room that moves history on a day without a copy (rollHistorical) is still
// there on the other side.

import type { Result } from '../common/result';
import { BAR_COLUMN_NAMES, type BarColumnArrays, BarColumns, isWholeBuffer } from './columns';
import type { HistoricalSeries } from './session-store';

/** One series as structured-clone data: its typed arrays travel as they are (transferred, not copied). */
export interface PlainSeries {
  interval: string;
  dates: string[];
  /** Rows in use; the columns' length is the capacity, the rest is room. */
  length: number;
  columns: BarColumnArrays;
}

/**
 * `series` as plain data, and the buffers to transfer with it. The series are given up: every buffer their
 * columns live in moves to the receiver and is empty (detached) here afterwards, so the sender must hold
 * nothing else in those buffers (a fresh load owns its columns whole).
 */
export function plainHistory(series: readonly HistoricalSeries[]): {
  plain: PlainSeries[];
  transfer: ArrayBuffer[];
} {
  // A buffer named twice in a transfer list is refused (DataCloneError): columns may share one.
  const buffers = new Set<ArrayBuffer>();
  const plain = series.map(({ interval, dates, bars }): PlainSeries => {
    const columns = {} as BarColumnArrays;
    for (const name of BAR_COLUMN_NAMES) {
      // The whole capacity, not only the rows: the room after them is what a received series rolls into.
      const column = bars[name].subarray(0, bars.rowCapacity);
      columns[name] = column;
      buffers.add(column.buffer as ArrayBuffer);
    }
    return { interval, dates, length: bars.length, columns };
  });
  return { plain, transfer: [...buffers] };
}

const isDateList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((d) => typeof d === 'string');

/** What is wrong with one received series, or null when BarColumns can be made over it. */
function problemOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const { interval, dates, length, columns } = value as Partial<PlainSeries>;
  if (typeof interval !== 'string') return 'has no interval';
  if (!isDateList(dates)) return `(${interval}) has no list of dates`;
  if (typeof columns !== 'object' || columns === null) return `(${interval}) has no columns`;
  const capacity = columns.time?.length;
  for (const name of BAR_COLUMN_NAMES) {
    const column: unknown = columns[name];
    if (!(column instanceof Float64Array)) return `(${interval}) has no ${name} column of 64-bit floats`;
    if (column.length !== capacity) return `(${interval}) has columns of different lengths`;
  }
  // A column with no room could never take the next day's row, whatever room-doubling does with it.
  if (capacity === 0) return `(${interval}) has columns with no room for a row`;
  if (!Number.isInteger(length) || (length as number) < 0 || (length as number) > (capacity as number)) {
    return `(${interval}) says it holds ${String(length)} rows in columns of ${capacity} rows`;
  }
  return memoryProblemOf(columns as BarColumnArrays, interval);
}

/**
 * Columns writing into each other's rows, or into memory another thread still writes, would corrupt the
 * series as it rolls on: each must be its own range of a buffer this thread now owns alone.
 */
function memoryProblemOf(columns: BarColumnArrays, interval: string): string | null {
  for (const [i, name] of BAR_COLUMN_NAMES.entries()) {
    const a = columns[name];
    if (!(a.buffer instanceof ArrayBuffer)) return `(${interval}) has its ${name} column in shared memory`;
    for (const other of BAR_COLUMN_NAMES.slice(i + 1)) {
      const b = columns[other];
      const overlap =
        a.buffer === b.buffer &&
        a.byteOffset < b.byteOffset + b.byteLength &&
        b.byteOffset < a.byteOffset + a.byteLength;
      if (overlap) return `(${interval}) has its ${name} and ${other} columns over the same memory`;
    }
  }
  return null;
}

/**
 * The series again, over the received arrays (no copy); an error naming the first series that is not what
 * `plainHistory` makes, and no series at all then.
 */
export function historyFromPlain(plain: unknown): Result<HistoricalSeries[]> {
  if (!Array.isArray(plain)) return { ok: false, error: 'received history is not a list of series' };
  for (const [i, value] of plain.entries()) {
    const problem = problemOf(value);
    if (problem !== null) return { ok: false, error: `received history: series ${i + 1} ${problem}` };
  }
  const series = plain as PlainSeries[];
  const owned = ownedWhole(series);
  return {
    ok: true,
    value: series.map(({ interval, dates, length, columns }, i) => ({
      interval,
      dates,
      bars: BarColumns.over(columns, length, owned[i] === true),
    })),
  };
}

/**
 * For each series, whether each of its columns is a whole buffer that no other column of the answer uses
 * (as `plainHistory` sends a fresh load): only then may its rows later move back in that memory
 * (historical.ts, `withRoom`). Columns packed otherwise are still taken, and copied when they need room.
 */
function ownedWhole(series: readonly PlainSeries[]): boolean[] {
  const uses = new Map<ArrayBufferLike, number>();
  for (const { columns } of series)
    for (const name of BAR_COLUMN_NAMES)
      uses.set(columns[name].buffer, (uses.get(columns[name].buffer) ?? 0) + 1);
  return series.map(({ columns }) =>
    BAR_COLUMN_NAMES.every((name) => isWholeBuffer(columns[name]) && uses.get(columns[name].buffer) === 1),
  );
}
