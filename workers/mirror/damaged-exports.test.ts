// Damaged files (found by fuzzing, issue 12): each is refused with one line naming the place, before the
// mirror or the open replay changes (docs/export-format.md section 11.2, item 8). The original system's
// layouts are not damage: original-exports.test.ts keeps them read.
import { describe, expect, it } from 'vitest';
import { at, backtestOf, type Json, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { readExport } from './export-doc';
import { overviewIn } from './live-link.test-support';
import { Mirror } from './mirror';
import { createMirrorApi } from './mirror-api';
import { barSeries } from './series';

const BLOCK = 'session_data.symbols.RIVN.session.data.1m';

function setup() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  backtest.advance(5);
  const take = (complete: boolean): Json => parsed(exporter.export({ complete, consumer: 'ui' }));
  return { backtest, take };
}

/** The export with one edit made at the block `path` leads to. */
function edited(doc: Json, path: string, edit: (block: Json) => void): Json {
  const copy = structuredClone(doc);
  edit(at(copy, path) as Json);
  return copy;
}

const errorOf = (doc: Json) => {
  const read = readExport(doc);
  return read.ok ? 'read' : read.error;
};

/** What a mirror holds, cheaply: rows per stream and the last sequence. */
const fingerprint = (m: Mirror) =>
  JSON.stringify([
    m.sequence,
    m.applied,
    [...m.symbols].map(([s, st]) => [
      s,
      [...st.streams].map(([n, t]) => [n, t.length, t.column(1)[t.length - 1]]),
    ]),
  ]);

describe('a damaged export', () => {
  const { backtest, take } = setup();
  const complete = take(true);

  it('is refused, not thrown, when total_count is far beyond the rows (no 96 GB of arrays)', () => {
    for (const total of [1e15, 2e9]) {
      const doc = edited(complete, BLOCK, (b) => {
        b.total_count = total;
      });
      expect(errorOf(doc)).toBe(
        `${BLOCK} says total_count ${total} in a complete export, which holds every row: 5`,
      );
    }
  });

  it('is refused when counts are not whole numbers from 0 or do not match the rows', () => {
    expect(
      errorOf(
        edited(complete, BLOCK, (b) => {
          b.count = 0;
        }),
      ),
    ).toBe(`${BLOCK} says count 0 but holds 5 rows`);
    expect(
      errorOf(
        edited(complete, BLOCK, (b) => {
          b.count = -1;
        }),
      ),
    ).toBe(`${BLOCK}.count is -1, not a row count`);
    expect(
      errorOf(
        edited(complete, BLOCK, (b) => {
          b.total_count = 2.5;
        }),
      ),
    ).toBe(`${BLOCK}.total_count is 2.5, not a row count`);
  });

  it('is refused with the place when columns are not a list of names', () => {
    expect(
      errorOf(
        edited(complete, BLOCK, (b) => {
          b.columns = { a: 1 };
        }),
      ),
    ).toBe(`${BLOCK}.columns is an object, not a list of names`);
  });

  it('is refused with the place of a row that is not a list of plain values', () => {
    const nullRow = edited(complete, BLOCK, (b) => {
      (b.data as unknown[])[3] = null;
    });
    expect(errorOf(nullRow)).toBe(`${BLOCK}.data[3]: a row is null (expected a list of 6 values)`);
    const shortRow = edited(complete, BLOCK, (b) => {
      (b.data as unknown[][])[1] = [1, 2];
    });
    expect(errorOf(shortRow)).toBe(`${BLOCK}.data[1]: a row of 2 values (expected a list of 6 values)`);
    const objectCell = edited(complete, BLOCK, (b) => {
      ((b.data as unknown[][])[0] as unknown[]).splice(2, 1, {});
    });
    expect(errorOf(objectCell)).toBe(
      `${BLOCK}.data[0][2]: a value is an object (expected a number, a text or null)`,
    );
    const badTime = edited(complete, BLOCK, (b) => {
      ((b.data as unknown[][])[2] as unknown[])[0] = 'x';
    });
    expect(errorOf(badTime)).toBe(`${BLOCK}.data[2][0]: "x" is not a time`);
  });

  it('is refused when a historical block or its data is not rows', () => {
    const history = 'session_data.symbols.RIVN.historical.data';
    expect(
      errorOf(
        edited(complete, `${history}.1m`, (b) => {
          b.data = { x: 1 };
        }),
      ),
    ).toBe(`${history}.1m.data is an object, not a list of rows`);
    expect(
      errorOf(
        edited(complete, 'session_data.symbols.RIVN.historical', (b) => {
          b.data = [1];
        }),
      ),
    ).toBe(`${history} is a list, not an object`);
  });

  it('leaves the mirror as it was when a delta fails a check in its second symbol', () => {
    const mirror = new Mirror();
    const first = readExport(complete);
    if (!first.ok) throw new Error(first.error);
    mirror.apply(first.value);
    backtest.advance(3);
    const delta = take(false);
    const symbols = Object.keys(at(delta, 'session_data.symbols') as Json);
    expect(symbols.length).toBeGreaterThan(1);
    // The last symbol's 1m rows come with four columns: a shape the held rows do not have.
    const last = `session_data.symbols.${symbols.at(-1)}.session.data.1m`;
    const damaged = edited(delta, last, (b) => {
      b.columns = ['timestamp', 'open', 'high', 'low'];
      b.data = (b.data as unknown[][]).map((row) => row.slice(0, 4));
    });
    const read = readExport(damaged);
    if (!read.ok) throw new Error(read.error);
    const before = fingerprint(mirror);
    expect(mirror.apply(read.value)).toMatchObject({ kind: 'resync' });
    expect(fingerprint(mirror)).toBe(before);
  });

  it('never has a chart read bars from a table with fewer than six columns', () => {
    const narrow = edited(complete, BLOCK, (b) => {
      b.columns = ['timestamp', 'open'];
      b.data = (b.data as unknown[][]).map((row) => row.slice(0, 2));
    });
    const read = readExport(narrow);
    if (!read.ok) throw new Error(read.error);
    const mirror = new Mirror();
    mirror.apply(read.value);
    const state = mirror.symbols.get('RIVN');
    if (!state) throw new Error('no RIVN');
    expect(() => barSeries(state, '1m')).not.toThrow();
  });
});

describe('opening a damaged set of files', () => {
  const { backtest, take } = setup();
  const file = (name: string, doc: Json) => ({ name, blob: new Blob([JSON.stringify(doc)]) });

  it('refuses it with one line and keeps the replay that was open', async () => {
    const api = createMirrorApi();
    const complete = take(true);
    backtest.advance(2);
    const delta = take(false);
    expect((await api.openFiles([file('a.json', complete), file('b.json', delta)])).ok).toBe(true);
    expect(api.showStep(1)).toEqual({ ok: true, value: 1 });
    const before = JSON.stringify(overviewIn(api, 'offline'));

    const huge = edited(complete, BLOCK, (b) => {
      b.total_count = 1e15;
    });
    const thrown = await api.openFiles([file('huge.json', huge)]);
    expect(thrown).toEqual({
      ok: false,
      error: `huge.json: ${BLOCK} says total_count 1000000000000000 in a complete export, which holds every row: 5`,
    });
    // A delta whose rows cannot be applied: found before the set replaces the open one.
    const narrow = edited(delta, BLOCK, (b) => {
      b.columns = ['timestamp', 'open'];
      b.data = (b.data as unknown[][]).map((row) => row.slice(0, 2));
    });
    const refused = await api.openFiles([file('c.json', complete), file('d.json', narrow)]);
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^d\.json: RIVN 1m: /) });
    expect(JSON.stringify(overviewIn(api, 'offline'))).toBe(before);
    expect(api.showStep(0)).toEqual({ ok: true, value: 0 });
  });
});
