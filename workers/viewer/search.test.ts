// Search and copy value against a real complete export of a backtest: what a user types finds the keys
// and values they see in the tree, the count is every match, and bad queries are refused with a reason.
import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import { at, backtestOf, configJson, textOf } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { MAX_SEARCH_MATCHES } from './search';
import { createViewerApi } from './viewer-api';

const backtest = backtestOf(configJson(), 0);
backtest.start();
backtest.advance(20);
const complete = textOf(new Exporter(backtest, () => Date.UTC(2025, 6, 1, 14)).export({ complete: true }));
// Read field by field below, as the tests of the export do.
const doc = JSON.parse(complete);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function opened() {
  const api = createViewerApi();
  const { id } = value(await api.open(new Blob([complete])));
  return { api, id };
}

describe('viewer search', () => {
  it('finds a key by part of its name, case-insensitively, at every place it occurs', async () => {
    const { api, id } = await opened();
    const result = value(await api.search(id, 'TOTAL_COU'));
    const symbols = Object.keys(doc.session_data.symbols);
    // Every session stream block of every symbol has a total_count key.
    for (const symbol of symbols)
      for (const stream of Object.keys(doc.session_data.symbols[symbol].session.data))
        expect(result.matches).toContainEqual({
          path: ['session_data', 'symbols', symbol, 'session', 'data', stream, 'total_count'],
          where: 'key',
          text: 'total_count',
        });
    expect(result.total).toBe(result.matches.length);
    expect(result.matches.every((m) => m.where === 'key')).toBe(true);
  });

  it('finds string values without their quotes, and numbers by their digits', async () => {
    const { api, id } = await opened();
    const name = at(doc, '_metadata.consumer') as string;
    const byString = value(await api.search(id, name));
    expect(byString.matches).toContainEqual({ path: ['_metadata', 'consumer'], where: 'value', text: name });
    const byNumber = value(await api.search(id, '2025-07-01T09:50'));
    expect(byNumber.matches.some((m) => m.where === 'value' && m.text.startsWith('2025-07-01T09:50'))).toBe(
      true,
    );
  });

  it('searches the items of small arrays (a stream block columns) but not the rows of a stream', async () => {
    const { api, id } = await opened();
    const columns = doc.session_data.symbols.RIVN.session.data['1m'].columns as string[];
    const column = columns.indexOf('volume');
    expect(column).toBeGreaterThanOrEqual(0);
    const result = value(await api.search(id, 'volume'));
    expect(result.matches).toContainEqual({
      path: ['session_data', 'symbols', 'RIVN', 'session', 'data', '1m', 'columns', column],
      where: 'value',
      text: 'volume',
    });
    expect(result.matches.some((m) => m.path.includes('data') && m.path.at(-2) === 'data')).toBe(false);
    // A price that is in the rows (a small stream: 20 bars, well under the size of lists searched) is not
    // found in them: no match lies under a stream block's data.
    const stream = doc.session_data.symbols.RIVN.session.data['1m'];
    const close = String(stream.data[0][stream.columns.indexOf('close')]);
    const inRows = (path: readonly (string | number)[]) =>
      path.some((key, i) => key === 'data' && typeof path[i + 1] === 'number');
    expect(value(await api.search(id, close)).matches.filter((m) => inRows(m.path))).toEqual([]);
  });

  it('lists at most the cap asked for and counts every match', async () => {
    const { api, id } = await opened();
    const all = value(await api.search(id, 'a'));
    expect(all.total).toBeGreaterThan(20);
    const capped = value(await api.search(id, 'a', 5));
    expect(capped.total).toBe(all.total);
    expect(capped.matches).toEqual(all.matches.slice(0, 5));
    expect(all.matches.length).toBeLessThanOrEqual(MAX_SEARCH_MATCHES);
  });

  it('refuses an empty or too long query and a bad cap, saying what is accepted', async () => {
    const { api, id } = await opened();
    expect(await api.search(id, '  ')).toEqual({ ok: false, error: 'Type a key or a value to search for.' });
    const long = await api.search(id, 'x'.repeat(201));
    expect(long.ok ? '' : long.error).toMatch(/^A search is at most 200 characters .*got 201\.$/);
    const cap = await api.search(id, 'a', 0);
    expect(cap.ok ? '' : cap.error).toBe('The limit must be a whole number from 1 to 1000; got 0.');
    expect((await api.search('export-99', 'a')).ok).toBe(false);
  });
});

describe('viewer value text (copy value)', () => {
  it('gives a node as the JSON text the file holds, parsing back to the same value', async () => {
    const { api, id } = await opened();
    const path = ['session_data', 'symbols', 'RIVN', 'session', 'data', '1m'];
    const text = value(await api.valueText(id, path));
    expect(text.truncated).toBe(false);
    expect(JSON.parse(text.text)).toEqual(doc.session_data.symbols.RIVN.session.data['1m']);
    expect(text.bytes).toBe(new TextEncoder().encode(text.text).length);
    const scalar = value(await api.valueText(id, ['_metadata', 'consumer']));
    expect(scalar.text).toBe(JSON.stringify(doc._metadata.consumer));
  });

  it('cuts a node larger than the limit and says so', async () => {
    const { api, id } = await opened();
    const text = value(await api.valueText(id, ['session_data'], 1000));
    expect(text).toMatchObject({ truncated: true });
    expect(text.text.length).toBe(1000);
    expect(text.bytes).toBeGreaterThan(1000);
    const bad = await api.valueText(id, ['nope']);
    expect(bad).toEqual({ ok: false, error: 'There is no "nope" in the document.' });
  });
});
