// Sorting and filtering a rows table over the whole array, in the worker: a 100,000-row stream, pages of
// the sorted and filtered order, filters that are refused, and the viewer API's verb on a real export.
import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import { at, backtestOf, configJson, type Json, textOf } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { bytesSource } from './byte-source';
import { ExportDocument } from './export-document';
import { indexJson, type ObjectNode } from './json-index';
import { readFilter } from './row-filter';
import { buildOrder, SCAN_SUPERSEDED } from './row-view';
import type { RowQuery } from './types';
import { createViewerApi } from './viewer-api';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const COLUMNS = ['timestamp', 'close', 'volume', 'note'];
const ROWS = 100_000;

/** Row i: a minute's timestamp, a price that goes up and down, a volume, and a note on every 1,000th. */
function rowOf(i: number): unknown[] {
  const minute = new Date(Date.UTC(2025, 6, 1, 13, 30) + i * 60_000).toISOString().slice(0, 19);
  const close = Math.round((20 + 10 * Math.sin(i / 50) + (i % 7) / 100) * 100) / 100;
  return [minute, close, (i * 7919) % 100_003, i % 1000 === 0 ? `Halt ${i}` : null];
}

const rows = Array.from({ length: ROWS }, (_, i) => rowOf(i));
const text = JSON.stringify({ columns: COLUMNS, data: rows }, null, 1);
const bytes = new TextEncoder().encode(text);
const indexed = indexJson(bytes);
if (!indexed.ok) throw new Error(indexed.error.message);
const document = new ExportDocument(bytesSource(bytes), indexed.root as ObjectNode);

const view = (query: RowQuery, offset = 0, limit = 200) =>
  document.rowView(['data'], { columns: COLUMNS, ...query }, offset, limit);

describe('rows table sort and filter (worker)', () => {
  it('filters 100,000 rows by a condition, over the whole stream, and pages through what it kept', async () => {
    const expected = rows.map((row, i) => [row, i] as const).filter(([row]) => (row[1] as number) > 29.5);
    expect(expected.length).toBeGreaterThan(1000);
    const first = value(await view({ filter: 'close > 29.5' }));
    expect(first).toMatchObject({ offset: 0, total: expected.length, all: ROWS });
    expect(first.rows).toEqual(expected.slice(0, 200).map(([row]) => row));
    expect(first.indices).toEqual(expected.slice(0, 200).map(([, i]) => i));
    // A page far into the filtered rows (past what a table would have read by scrolling).
    const later = value(await view({ filter: 'close > 29.5' }, 1000, 50));
    expect(later.indices).toEqual(expected.slice(1000, 1050).map(([, i]) => i));
    expect(later.rows).toEqual(expected.slice(1000, 1050).map(([row]) => row));
  });

  it('sorts 100,000 rows by a column both ways, ties in file order, and pages through the sorted rows', async () => {
    const byClose = rows
      .map((row, i) => ({ close: row[1] as number, i }))
      .sort((a, b) => a.close - b.close || a.i - b.i)
      .map((r) => r.i);
    const up = value(await view({ sort: { column: 1, direction: 'ascending' } }));
    expect(up.total).toBe(ROWS);
    expect(up.indices).toEqual(byClose.slice(0, 200));
    const middle = value(await view({ sort: { column: 1, direction: 'ascending' } }, 50_000, 100));
    expect(middle.indices).toEqual(byClose.slice(50_000, 50_100));
    expect(middle.rows).toEqual(byClose.slice(50_000, 50_100).map((i) => rows[i]));
    const down = value(await view({ sort: { column: 1, direction: 'descending' } }));
    const byCloseDown = rows
      .map((row, i) => ({ close: row[1] as number, i }))
      .sort((a, b) => b.close - a.close || a.i - b.i)
      .map((r) => r.i);
    expect(down.indices).toEqual(byCloseDown.slice(0, 200));
    expect(down.rows).toEqual(byCloseDown.slice(0, 200).map((i) => rows[i]));
  });

  it('sorts text and puts null cells last either way; filters by text in any cell, in any case', async () => {
    const notes = rows.filter((row) => row[3] !== null).length;
    for (const direction of ['ascending', 'descending'] as const) {
      const page = value(await view({ sort: { column: 3, direction } }, notes - 1, 2));
      expect(page.rows.map((row) => (row as unknown[])[3])).toEqual([
        direction === 'ascending' ? 'Halt 99000' : 'Halt 0',
        null,
      ]);
    }
    const halts = value(await view({ filter: 'halt 9' }));
    expect(halts.total).toBe(rows.filter((row) => String(row[3]).startsWith('Halt 9')).length);
    // Timestamps compare as text, in time order; conditions join with "and".
    const window = value(
      await view({ filter: 'timestamp >= 2025-07-01T14:00 and timestamp < 2025-07-01T14:10' }),
    );
    expect(window.indices).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
    const sortedFiltered = value(
      await view({ filter: 'note ~ halt', sort: { column: 2, direction: 'descending' } }, 0, 5),
    );
    const volumes = sortedFiltered.rows.map((row) => (row as number[])[2] as number);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
    expect(sortedFiltered.total).toBe(notes);
  });

  it('refuses a bad filter with one line saying what is accepted', async () => {
    for (const [filter, said] of [
      [
        'clse > 12.5',
        /^There is no column "clse": the columns are timestamp, close, volume, note\. A filter is/,
      ],
      ['close >', /^"close >" has no value to compare with\. A filter is text found in any cell/],
      ['close >> 3', /^">> 3" is not an operator\./],
      ['close > 3 and volume', /^"volume" is not "column op value"\./],
      ['x'.repeat(201), /^A filter is at most 200 characters; got 201\./],
    ] as const) {
      const result = await view({ filter });
      expect(result.ok, filter).toBe(false);
      if (!result.ok) expect(result.error).toMatch(said);
    }
    const echoed = readFilter(`${'col'.repeat(30)} = 1`, COLUMNS);
    expect(echoed.ok).toBe(false);
    if (!echoed.ok) expect(echoed.error).toMatch(/^There is no column "(col){13}…"/);
    // A character that would make the echo read as something else is shown as an escape.
    const hidden = readFilter('close > 3 and vol\u202eume', COLUMNS);
    expect(hidden).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^"vol\\u202eume" is not "column op value"/),
    });
    // Plain text needs no column: quoted text is taken whole, operators and all.
    expect(value(await view({ filter: '"close > 12"' })).total).toBe(0);
    expect(value(await view({ filter: '   ' })).total).toBe(ROWS);
  });

  it('stops a scan that a newer filter of the same table replaced; two pages of one query share one scan', async () => {
    // A document of its own, so no order is cached from the tests above.
    const fresh = new ExportDocument(bytesSource(bytes), indexed.root as ObjectNode);
    const ask = (filter: string, offset = 0) =>
      fresh.rowView(['data'], { columns: COLUMNS, filter }, offset, 50);
    const replaced = ask('volume > 500');
    const latest = ask('volume > 600');
    expect(await replaced).toEqual({ ok: false, error: SCAN_SUPERSEDED });
    expect(value(await latest).total).toBe(rows.filter((row) => (row[2] as number) > 600).length);
    const kept = rows.map((row, i) => [row, i] as const).filter(([row]) => (row[1] as number) < 11);
    const [page0, page1] = await Promise.all([ask('close < 11'), ask('close < 11', 50)]);
    expect(value(page0).indices).toEqual(kept.slice(0, 50).map(([, i]) => i));
    expect(value(page1).indices).toEqual(kept.slice(50, 100).map(([, i]) => i));
  });

  it('a scan asked whether it is superseded between slices reads no further once it is', async () => {
    // Rows 1 MB apart: a slice holds about four of them.
    const array = { count: 40, startOf: (i: number) => i * 1024 * 1024 };
    let reads = 0;
    let replaced = false;
    const read = async (from: number, to: number) => {
      reads++;
      replaced = true;
      return { ok: true as const, value: Array.from({ length: to - from }, (_, k) => [from + k]) };
    };
    expect(await buildOrder(array, read, null, null, () => replaced)).toEqual({
      ok: false,
      error: SCAN_SUPERSEDED,
    });
    expect(reads).toBe(1);
    expect(value(await buildOrder(array, read, null, null)).length).toBe(40);
    expect(reads).toBeGreaterThan(2);
  });

  it('refuses a sort that names no column and a page past the filtered rows', async () => {
    const bad = await view({ sort: { column: -1, direction: 'ascending' } });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^A sort names a column/) });
    const total = value(await view({ filter: 'Halt' })).total;
    expect(await view({ filter: 'Halt' }, total + 1)).toEqual({
      ok: false,
      error: `The offset must be a whole number from 0 to ${total}; got ${total + 1}.`,
    });
  });
});

describe('rowView through the viewer API', () => {
  it('sorts a real stream of an export by its close, descending', async () => {
    const backtest = backtestOf(configJson(), 0);
    backtest.start();
    backtest.advance(30);
    const exported = textOf(
      new Exporter(backtest, () => Date.UTC(2025, 6, 1, 14)).export({ complete: true }),
    );
    const api = createViewerApi();
    const { id } = value(await api.open(new Blob([exported])));
    const block = at(JSON.parse(exported) as Json, 'session_data.symbols.RIVN.session.data.1m') as {
      columns: string[];
      data: number[][];
    };
    const close = block.columns.indexOf('close');
    const path = ['session_data', 'symbols', 'RIVN', 'session', 'data', '1m', 'data'];
    const page = value(
      await api.rowView(id, path, { sort: { column: close, direction: 'descending' } }, 0, 1000),
    );
    const expected = [...block.data].sort((a, b) => (b[close] as number) - (a[close] as number));
    expect(page.rows.map((row) => (row as number[])[close])).toEqual(expected.map((row) => row[close]));
    expect(page.total).toBe(block.data.length);
  });
});
