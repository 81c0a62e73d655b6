import { describe, expect, it } from 'vitest';
import { backtestOf, parsed } from '../export/export.test-support';
import { Exporter } from '../export/exporter';
import { readExport } from './export-doc';
import { chainUpToGap, type NamedExport, orderExportSet, sequenceRanges } from './export-set';
import { Mirror } from './mirror';

function session() {
  const backtest = backtestOf();
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  backtest.start();
  let n = 0;
  const take = (complete: boolean, consumer = 'files'): NamedExport => {
    const doc = readExport(parsed(exporter.export({ complete, consumer })));
    if (!doc.ok) throw new Error(doc.error);
    n++;
    return { name: `export-${n}.json`, doc: doc.value };
  };
  return { backtest, take };
}

describe('export sets opened offline', () => {
  it('orders a complete export and its deltas given in any order, and replays them', () => {
    const { backtest, take } = session();
    backtest.advance(2);
    const files = [take(true)];
    for (let i = 0; i < 4; i++) {
      backtest.advance(3);
      files.push(take(false));
    }
    const shuffled = [files[3], files[0], files[4], files[2], files[1]] as NamedExport[];
    const ordered = orderExportSet(shuffled);
    if (!ordered.ok) throw new Error(ordered.error);
    expect(ordered.value.map((f) => f.name)).toEqual(files.map((f) => f.name));
    const mirror = new Mirror();
    for (const f of ordered.value) expect(mirror.apply(f.doc).kind).not.toBe('resync');
    expect(mirror.symbols.get('RIVN')?.streams.get('1m')?.length).toBe(14);
  });

  it('says which export is missing', () => {
    const { backtest, take } = session();
    const complete = take(true);
    backtest.advance(1);
    take(false);
    backtest.advance(1);
    const third = take(false);
    expect(orderExportSet([complete, third])).toEqual({
      ok: false,
      error: 'export-3.json (export #3) follows #2, not #1 (export-1.json): an export is missing',
    });
  });

  it('opens a chain with a missing export up to the gap, and says what is left out', () => {
    const { backtest, take } = session();
    const files = [take(true)];
    for (let i = 0; i < 6; i++) {
      backtest.advance(1);
      files.push(take(false));
    }
    // #4 is gone: #1-#3 are replayed, #5-#7 are left out (given in any order).
    const given = [files[6], files[1], files[4], files[0], files[5], files[2]] as NamedExport[];
    const opened = chainUpToGap(given);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.kept.map((f) => f.name)).toEqual(['export-1.json', 'export-2.json', 'export-3.json']);
    expect(opened.value.cut).toEqual({
      message: 'Replaying exports #1-#3 of consumer "files"; #4 is missing, so #5-#7 are left out',
      leftOut: ['export-5.json', 'export-6.json', 'export-7.json'],
    });
    // Two missing, one left out.
    const two = chainUpToGap([files[0], files[1], files[4]] as NamedExport[]);
    expect(two.ok && two.value.cut?.message).toBe(
      'Replaying exports #1-#2 of consumer "files"; #3-#4 are missing, so #5 is left out',
    );
    // A whole chain has no cut; a set without its complete export is still refused.
    expect(chainUpToGap(files.slice(0, 3))).toMatchObject({ ok: true, value: { cut: null } });
    expect(chainUpToGap(files.slice(1))).toMatchObject({
      ok: false,
      error: expect.stringContaining('no complete export among the files'),
    });
    // The demo player's tapes must be whole: the strict check still refuses the gap.
    expect(orderExportSet(given)).toMatchObject({
      ok: false,
      error: expect.stringContaining('an export is missing'),
    });
  });

  it('writes runs of sequence numbers as ranges', () => {
    expect(sequenceRanges([1])).toBe('#1');
    expect(sequenceRanges([5, 6, 7, 9, 11, 12])).toBe('#5-#7, #9, #11-#12');
  });

  it('refuses files from different sessions, and sets without exactly one complete export', () => {
    const { backtest, take } = session();
    const complete = take(true);
    backtest.advance(392);
    const nextDay = take(false);
    expect(orderExportSet([complete, nextDay])).toEqual({
      ok: false,
      error: 'export-2.json is from session 2, export-1.json from session 1',
    });
    expect(orderExportSet([nextDay])).toMatchObject({
      ok: false,
      error: expect.stringContaining('no complete export'),
    });
    expect(orderExportSet([complete, take(true)])).toMatchObject({
      ok: false,
      error: expect.stringContaining('2 complete exports'),
    });
  });
});

describe('export sets without sequence numbers (the original format)', () => {
  /** The same exports as the original system wrote them: no sequence, session_id or consumer, one timestamp. */
  function original(f: NamedExport): NamedExport {
    const meta = {
      ...f.doc.meta,
      sequence: null,
      previousSequence: null,
      sessionId: null,
      consumer: null,
      generatedAt: '2025-12-03T14:15:30-05:00',
    };
    return { name: f.name, doc: { ...f.doc, meta } };
  }

  it('orders exports made in the same second by the rows they hold', () => {
    const { backtest, take } = session();
    const files = [take(true)];
    for (let i = 0; i < 3; i++) {
      backtest.advance(2);
      files.push(take(false));
    }
    const ordered = orderExportSet(
      [files[2], files[3], files[0], files[1]].map((f) => original(f as NamedExport)),
    );
    expect(ordered.ok && ordered.value.map((f) => f.name)).toEqual(files.map((f) => f.name));
  });

  it('finds a missing delta when the files are opened', () => {
    const { backtest, take } = session();
    const complete = take(true);
    backtest.advance(2);
    take(false);
    backtest.advance(2);
    const third = take(false);
    expect(orderExportSet([original(complete), original(third)])).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^export-3\.json: RIVN 1m starts at row 2, but the exports up to export-1\.json hold 0: an export is missing$/,
      ),
    });
    // Opened for replay, the chain stops before it, and says so by file name.
    const opened = chainUpToGap([original(complete), original(third)]);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.kept.map((f) => f.name)).toEqual(['export-1.json']);
    expect(opened.value.cut).toEqual({
      message:
        'Replaying export-1.json; export-3.json does not follow on (RIVN 1m starts at row 2, but the exports up to export-1.json hold 0: an export is missing), so export-3.json is left out',
      leftOut: ['export-3.json'],
    });
  });
});
