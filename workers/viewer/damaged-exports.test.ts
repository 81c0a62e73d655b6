// Damaged files (found by fuzzing, issue 12): the viewer refuses them with one line naming the place in
// the document (docs/export-format.md section 11.2, item 8), while the original system's layouts are still
// read and noted (summarize.test.ts).
import { describe, expect, it } from 'vitest';
import { at, backtestOf, type Json, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { createViewerApi } from './viewer-api';

const BLOCK = 'session_data.symbols.RIVN.session.data.1m';

function exportsOf() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  backtest.advance(5);
  const complete = parsed(exporter.export({ complete: true, consumer: 'ui' }));
  backtest.advance(3);
  const delta = parsed(exporter.export({ complete: false, consumer: 'ui' }));
  return { complete, delta };
}

function edited(doc: Json, path: string, edit: (block: Json) => void): Json {
  const copy = structuredClone(doc);
  edit(at(copy, path) as Json);
  return copy;
}

async function errorOf(doc: Json): Promise<string> {
  const opened = await createViewerApi().open(new Blob([JSON.stringify(doc)]));
  return opened.ok ? 'opened' : opened.error;
}

describe('the viewer and a damaged export', () => {
  const { complete, delta } = exportsOf();

  it('refuses counts that do not match the rows it holds', async () => {
    const zero = edited(complete, BLOCK, (b) => {
      b.count = 0;
    });
    expect(await errorOf(zero)).toBe(`The file is damaged: ${BLOCK} says count 0 but holds 5 rows.`);
    const negative = edited(complete, BLOCK, (b) => {
      b.count = -1;
    });
    expect(await errorOf(negative)).toBe(`The file is damaged: ${BLOCK}.count is -1, not a row count.`);
  });

  it('refuses a total_count below the rows, or above them in a complete export; a delta may have more', async () => {
    const huge = edited(complete, BLOCK, (b) => {
      b.total_count = 1e15;
    });
    expect(await errorOf(huge)).toBe(
      `The file is damaged: ${BLOCK} says total_count 1000000000000000 in a complete export, which holds every row: 5.`,
    );
    const below = edited(delta, BLOCK, (b) => {
      b.total_count = 1;
    });
    expect(await errorOf(below)).toBe(`The file is damaged: ${BLOCK} says total_count 1 but holds 3 rows.`);
    expect(await errorOf(delta)).toBe('opened');
  });

  it('refuses data and columns that are not lists', async () => {
    const columns = edited(complete, BLOCK, (b) => {
      b.columns = { a: 1 };
    });
    expect(await errorOf(columns)).toBe(
      `The file is damaged: ${BLOCK}.columns is an object, not a list of names.`,
    );
    const names = edited(complete, BLOCK, (b) => {
      b.columns = [1, 2];
    });
    expect(await errorOf(names)).toBe(`The file is damaged: ${BLOCK}.columns is not a list of names.`);
    const history = 'session_data.symbols.RIVN.historical.data.1m';
    const data = edited(complete, history, (b) => {
      b.data = { x: 1 };
    });
    expect(await errorOf(data)).toBe(
      `The file is damaged: ${history}.data is an object, not a list of rows.`,
    );
  });

  it('refuses a page of rows with a row that is not a list of plain values, naming it', async () => {
    const nullRow = edited(complete, BLOCK, (b) => {
      (b.data as unknown[])[3] = null;
    });
    const api = createViewerApi();
    const opened = await api.open(new Blob([JSON.stringify(nullRow)]));
    if (!opened.ok) throw new Error(opened.error);
    const path = [...BLOCK.split('.'), 'data'];
    expect(await api.rows(opened.value.id, path, 0, 10)).toEqual({
      ok: false,
      error: `The file is damaged: ${BLOCK}.data[3]: a row is null (expected a list of 6 values).`,
    });
    expect((await api.rows(opened.value.id, path, 0, 3)).ok).toBe(true);
  });
});
