// The viewer reads the original system's files (docs/export-format.md section 11): another format version
// or none, the mode from its flags, blocks without `total_count` or `columns`, lower-case states, `null`
// where it had nothing. It shows what is there, and its notes say, in a few short lines, what it could not
// use or had to assume.
import { describe, expect, it } from 'vitest';
import type { Result } from '../common/result';
import { originalComplete, originalDelta, originalNothing } from '../mirror/original-exports.test-support';
import type { ViewerEntry } from './types';
import { createViewerApi } from './viewer-api';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function open(doc: unknown) {
  const api = createViewerApi();
  const opened = value(await api.open(new Blob([JSON.stringify(doc, null, 2)])));
  const children = async (path: (string | number)[]) => value(await api.children(opened.id, path));
  return { summary: opened.summary, children };
}

const valueAt = (entries: ViewerEntry[], key: string) => entries.find((e) => e.key === key)?.value;
const RIVN = ['session_data', 'symbols', 'RIVN'];
const BARS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'];

describe("the viewer and the original system's files", () => {
  it('opens a complete export of version 1.0 and says what it lacked', async () => {
    const { summary, children } = await open(originalComplete());
    expect(summary).toMatchObject({ version: '1.0', mode: 'complete', symbols: 2 });
    // 1m, 5m and ticks in the session, 1m in the history; AAPL is null.
    expect(summary.streams).toBe(4);
    expect(summary.rows).toBe(3);
    expect(summary.notes).toEqual([
      'format version "1.0" (this app writes 2.0): read as far as it goes',
      'no "mode": read as complete from "complete": true',
      'session_data.symbols.AAPL is null: nothing to show for AAPL',
      'session_data.symbols.RIVN.session.data.ticks is {}: no rows',
      '2 stream blocks have no total_count',
      "2 stream blocks have no columns: this app's columns for each stream are assumed",
    ]);
    // The columns assumed are the ones the tree gives the rows.
    const bars = await children([...RIVN, 'session', 'data', '1m']);
    expect(bars.find((e) => e.key === 'data')).toMatchObject({ kind: 'array', size: 2, columns: BARS });
    const history = await children([...RIVN, 'historical', 'data', '1m']);
    expect(history.find((e) => e.key === 'data')?.columns).toEqual(BARS);
  });

  it('shows lower-case states and null threads as the file has them', async () => {
    const complete = await open(originalComplete());
    expect(valueAt(await complete.children(['system_manager']), '_state')).toBe('stopped');
    expect(complete.summary.root.find((e) => e.key === 'threads')).toMatchObject({
      kind: 'value',
      value: null,
    });

    const delta = await open(originalDelta());
    const coordinator = await delta.children(['threads', 'session_coordinator']);
    expect(valueAt(coordinator, 'state')).toBe('stopped');
    expect(valueAt(coordinator, '_running')).toBe(false);
    expect((await delta.children(['threads'])).map((e) => e.key)).toEqual([
      'session_coordinator',
      'data_processor',
      'data_quality_manager',
    ]);
  });

  it('opens a delta without a version, naming the one block of each kind', async () => {
    const { summary } = await open(originalDelta());
    expect(summary).toMatchObject({ version: null, mode: 'delta', symbols: 1, streams: 2, rows: 1 });
    expect(summary.notes).toEqual([
      'no format version (this app writes 2.0): read as far as it goes',
      'no "mode": read as delta from "diff_mode": true',
      'session_data.symbols.RIVN.session.data.5m is null: no rows',
      'session_data.symbols.RIVN.session.data.1m has no total_count',
      "session_data.symbols.RIVN.session.data.1m has no columns: this app's columns for that stream are assumed",
    ]);
  });

  it('opens the export of a system with no session: no symbols, said so, not refused', async () => {
    const { summary } = await open(originalNothing());
    expect(summary).toMatchObject({ version: null, mode: 'complete', symbols: 0, streams: 0, rows: 0 });
    expect(summary.notes).toEqual([
      'no format version (this app writes 2.0): read as far as it goes',
      'no "mode": read as complete from "complete": true',
      'session_data is null: no symbols',
    ]);
    const withEmpty = async (sessionData: unknown) =>
      (await open({ ...originalNothing(), session_data: sessionData })).summary.notes.at(-1);
    expect(await withEmpty({})).toBe('session_data is {}: no symbols');
    expect(await withEmpty({ _session_active: false })).toBe('session_data has no symbols');
    expect(await withEmpty({ symbols: null })).toBe('session_data.symbols is null: no symbols');
    expect(await withEmpty({ symbols: {} })).toBe('no "mode": read as complete from "complete": true');
  });

  it('says what it could not use in a few lines, grouped by kind, with values cut short and escaped', async () => {
    const doc = originalComplete();
    const session = (data: Record<string, unknown>) => ({ session: { volume: 0, data }, historical: null });
    const symbols = doc.session_data.symbols as Record<string, unknown>;
    // A key that tries to turn its note around (a right-to-left override), and one far too long.
    const sneaky = `X\u202EFDP.${'Y'.repeat(40)}`;
    Object.assign(symbols, {
      TSLA: session({ '1m': { count: '2', data: [[1], [2]] }, ticks: 'none', quotes: [1, 2] }),
      NVDA: session({ '1m': { count: null, total_count: 'many', columns: [], data: [] } }),
      [sneaky]: session({ '1m': { count: 0, total_count: 0, columns: [] } }),
      GME: 7,
    });
    const { summary } = await open(doc);
    expect(summary.notes).toEqual([
      'format version "1.0" (this app writes 2.0): read as far as it goes',
      'no "mode": read as complete from "complete": true',
      'session_data.symbols.AAPL is null: nothing to show for AAPL',
      'session_data.symbols.GME is 7, not an object: left out',
      '3 symbols have historical null: no history',
      'session_data.symbols.RIVN.session.data.ticks is {}: no rows',
      '2 stream blocks are not objects: not counted',
      '2 stream blocks have no count, or one that is not a number: their data rows are counted',
      '4 stream blocks have no total_count',
      "3 stream blocks have no columns: this app's columns for each stream are assumed",
    ]);
    // TSLA's two rows are counted from its data.
    expect(summary.rows).toBe(3 + 2);

    const alone = originalNothing() as Record<string, unknown>;
    alone.session_data = {
      symbols: {
        [sneaky]: null,
        RIVN: session({ '1m': { count: 'x'.repeat(100), total_count: 1, columns: [], data: [[1]] } }),
      },
    };
    alone._metadata = { complete: true, version: `\u0007${'9'.repeat(80)}` };
    const notes = (await open(alone)).summary.notes;
    // Cut to 24 characters, the override written out as an escape.
    const shownKey = `X\\u202eFDP.${'Y'.repeat(17)}…`;
    expect(notes).toContain(`session_data.symbols.${shownKey} is null: nothing to show for ${shownKey}`);
    expect(notes).toContain(
      `session_data.symbols.RIVN.session.data.1m has count "${'x'.repeat(39)}…", not a number: the rows of its data are counted instead`,
    );
    expect(notes[0]).toBe(
      `format version "\\u0007${'9'.repeat(38)}…" (this app writes 2.0): read as far as it goes`,
    );
    // Short and few: however many blocks, one line per kind.
    expect(notes.every((note) => note.length < 200)).toBe(true);
  });
});
