// Exports in the original system's layout, written here from its format description (docs/design-note.md,
// docs/export-format.md section 11): `_metadata` last, the mode given only by `complete` / `diff_mode`,
// stream blocks without `total_count`, `columns` or `generated`, lower-case states, another format version
// or none, and `null` or `{}` where it had nothing. The offline replay and the live mirror open them, show
// what is there, and say what they had to assume.
import { describe, expect, it } from 'vitest';
import { readExport } from './export-doc';
import { handFed, overviewIn } from './live-link.test-support';
import { createMirrorApi } from './mirror-api';
import { originalComplete, originalDelta, originalNothing } from './original-exports.test-support';

const fileOf = (name: string, value: unknown) => ({
  name,
  blob: new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }),
});

describe("the original system's exports", () => {
  it('are read with the mode from complete / diff_mode, and defaults for what they leave out', () => {
    const complete = readExport(originalComplete());
    if (!complete.ok) throw new Error(complete.error);
    expect(complete.value.meta.mode).toBe('complete');
    const rivn = complete.value.symbols.RIVN;
    expect(rivn?.session.data['1m']).toMatchObject({
      count: 2,
      total_count: 2,
      totalKnown: true,
      columns: ['timestamp', 'open', 'high', 'low', 'close', 'volume'],
    });
    expect(rivn?.session.data.ticks).toMatchObject({
      count: 0,
      columns: ['timestamp', 'price', 'size', 'exchange'],
    });
    expect(Object.keys(complete.value.symbols)).toEqual(['RIVN']);
    expect(complete.value.notes).toEqual([
      'no "mode": read as complete from "complete": true',
      'format version "1.0" (this app writes 2.0): read as far as it goes',
      'session_data.symbols.AAPL is null: nothing to show for AAPL',
      "3 stream blocks have no columns: this app's columns for each stream are assumed",
    ]);

    const delta = readExport(originalDelta());
    if (!delta.ok) throw new Error(delta.error);
    expect(delta.value.meta.mode).toBe('delta');
    expect(delta.value.notes).toEqual([
      'no "mode": read as delta from "diff_mode": true',
      'no format version (this app writes 2.0): read as far as it goes',
      'session_data.symbols.RIVN.session.data.1m has no total_count: its rows are taken to follow on',
      "session_data.symbols.RIVN.session.data.1m has no columns: this app's columns for that stream are assumed",
    ]);
  });

  it("read indicators laid out as the original's: no series, no valid, no config", () => {
    const file = originalComplete() as ReturnType<typeof originalComplete> & Record<string, unknown>;
    Object.assign(file.session_data.symbols.RIVN, {
      indicators: {
        sma_20_5m: { name: 'sma', type: 'trend', interval: '5m', value: 12.55, last_updated: null },
        macd_1m: { name: 'macd', value: { macd: 0.1, signal: null, histogram: null } },
        vwap_1m: { name: 'vwap', value: null },
      },
    });
    const read = readExport(file);
    if (!read.ok) throw new Error(read.error);
    const indicators = read.value.symbols.RIVN?.indicators ?? {};
    expect(indicators.sma_20_5m).toMatchObject({ value: 12.55, valid: true, config: null });
    expect(indicators.sma_20_5m?.series).toMatchObject({ count: 0, columns: ['timestamp', 'value'] });
    expect(indicators.macd_1m).toMatchObject({ valid: true, type: null, interval: null });
    expect(indicators.macd_1m?.series.columns).toEqual(['timestamp', 'macd', 'signal', 'histogram']);
    expect(indicators.vwap_1m).toMatchObject({ value: null, valid: false });
    // Nothing about them to note: an entry without a series has no rows, as the original had none.
    expect(read.value.notes).toHaveLength(4);
    const delta = originalDelta() as ReturnType<typeof originalDelta> & Record<string, unknown>;
    Object.assign(delta.session_data.symbols.RIVN, { indicators: { sma_20_5m: { value: 12.6 } } });
    const readDelta = readExport(delta);
    if (!readDelta.ok) throw new Error(readDelta.error);
    expect(readDelta.value.symbols.RIVN?.indicators?.sma_20_5m).toMatchObject({ value: 12.6, valid: true });
    expect(readDelta.value.notes).toHaveLength(4);
  });

  it('open in the offline replay in either order and step through', async () => {
    const api = createMirrorApi();
    const opened = await api.openFiles([
      fileOf('delta.json', originalDelta()),
      fileOf('complete.json', originalComplete()),
    ]);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.steps.map((step) => [step.name, step.mode])).toEqual([
      ['complete.json', 'complete'],
      ['delta.json', 'delta'],
    ]);
    expect(opened.value.steps[0]?.notes).toEqual([
      'no "mode": read as complete from "complete": true',
      'format version "1.0" (this app writes 2.0): read as far as it goes',
      'session_data.symbols.AAPL is null: nothing to show for AAPL',
      "3 stream blocks have no columns: this app's columns for each stream are assumed",
    ]);
    expect(overviewIn(api, 'offline').symbols.map((s) => [s.symbol, s.rows['1m']])).toEqual([['RIVN', 2]]);
    expect(api.showStep(1)).toEqual({ ok: true, value: 1 });
    const read = api.view({ source: 'offline', symbol: 'RIVN', interval: '1m', shown: null });
    // One bar of history, then the three of the session.
    expect(read.series?.total).toBe(4);
    expect(Array.from(read.series?.close ?? [])).toEqual([12.4, 12.5, 12.6, 12.7]);
  });

  it('keep their lower-case states and missing thread information as written, offline and live', async () => {
    const api = createMirrorApi();
    const opened = await api.openFiles([fileOf('complete.json', originalComplete())]);
    if (!opened.ok) throw new Error(opened.error);
    const offline = overviewIn(api, 'offline').sections;
    expect(offline.system_manager).toMatchObject({ _state: 'stopped', _mode: 'backtest' });
    expect(offline.threads).toBeNull();

    const feed = handFed(api);
    const send = (doc: unknown, mode: 'complete' | 'delta') =>
      feed.sendRaw({
        kind: 'export',
        mode,
        sequence: 0,
        parts: [new TextEncoder().encode(JSON.stringify(doc))],
      });
    expect(await send(originalComplete(), 'complete')).toEqual({ kind: 'applied' });
    expect(overviewIn(api, 'live').sections).toMatchObject({
      system_manager: { _state: 'stopped' },
      threads: null,
    });
    expect(await send(originalDelta(), 'delta')).toEqual({ kind: 'applied' });
    const live = overviewIn(api, 'live');
    expect(live.sections.threads).toEqual(originalDelta().threads);
    expect(live.symbols.map((s) => [s.symbol, s.rows['1m']])).toEqual([['RIVN', 3]]);
    feed.close();
  });

  it('of a system with no session open as a status export with no symbols, and say so', async () => {
    const read = readExport(originalNothing());
    if (!read.ok) throw new Error(read.error);
    expect(read.value.symbols).toEqual({});
    expect(read.value.notes).toEqual([
      'no "mode": read as complete from "complete": true',
      'no format version (this app writes 2.0): read as far as it goes',
      'session_data is null: no symbols',
    ]);
    const notesWith = (sessionData: unknown) => {
      const doc = readExport({ ...originalNothing(), session_data: sessionData });
      return doc.ok ? doc.value.notes.at(-1) : doc.error;
    };
    expect(notesWith({})).toBe('session_data is {}: no symbols');
    expect(notesWith({ _session_active: false })).toBe('session_data has no symbols');
    expect(notesWith({ symbols: null })).toBe('session_data.symbols is null: no symbols');
    expect(notesWith([])).toMatch(/^not a Session Tape export: session_data is not an object \(/);

    const api = createMirrorApi();
    const opened = await api.openFiles([fileOf('nothing.json', originalNothing())]);
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.value.steps[0]?.notes).toEqual(read.value.notes);
    const overview = overviewIn(api, 'offline');
    expect(overview.symbols).toEqual([]);
    expect(overview.sections).toMatchObject({ system_manager: { _state: 'stopped' }, threads: {} });
  });

  it('are still refused when they are not exports at all, in one line', () => {
    const noMode = originalComplete() as { _metadata: Record<string, unknown> };
    delete noMode._metadata.complete;
    delete noMode._metadata.delta;
    delete noMode._metadata.diff_mode;
    expect(readExport(noMode)).toEqual({
      ok: false,
      error:
        'not a Session Tape export: _metadata gives no mode ("mode", or the original\'s "complete" / "diff_mode") (expected a status export 2.0 JSON file with _metadata and session_data)',
    });
    const badRows = originalComplete();
    (badRows.session_data.symbols.RIVN.session.data as Record<string, unknown>)['1m'] = {
      count: 3,
      data: [],
    };
    expect(readExport(badRows)).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /session_data\.symbols\.RIVN\.session\.data\.1m says count 3 but holds 0 rows/,
      ),
    });
  });
});
