// The config, import and storage slices over the real engine API in this thread (no worker) and a storage
// kept in memory: what the editor shows as you type, applying, imports (report, commit, cancel, back to
// generated data), what is kept, a full quota, and the restoring after a reload.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inProcessEngine, memoryStorage } from './in-process-engine.test-support';
import { createAppStore } from './index';
import { keepExports } from './keep-exports';

const ORIGINAL = new URL('../../workers/engine/fixtures/original-config.json', import.meta.url);
const SAMPLE = new URL('../../samples/rivn-1m.csv', import.meta.url);

function setup(storage = memoryStorage()) {
  const engine = inProcessEngine();
  const saved: { name: string; blob: Blob }[] = [];
  const store = createAppStore(engine.client, {
    storage: storage.storage,
    saveFile: (blob, name) => saved.push({ blob, name }),
    now: () => 1_750_000_000_000,
  });
  return { ...engine, ...storage, store, saved };
}

const CSV = [
  'time,open,high,low,close,volume',
  '2025-07-01 09:30,20,20.5,19.5,20.1,100',
  '2025-07-01 09:31,20.1,oops,19.5,20.1,100',
  '2025-07-01 09:32,20.2,20.5,19.5,20.3,100',
].join('\n');

/** A data set as the browser keeps it: `<symbol>.csv` holding `text`. */
const storedImport = (symbol: string, text = CSV) => ({
  key: symbol,
  symbol,
  fileName: `${symbol.toLowerCase()}.csv`,
  mapping: {},
  file: new Blob([text]),
  barsKept: 2,
  firstDate: null,
  lastDate: null,
  days: 0,
  savedAt: 0,
});

describe('config slice', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the configuration in force, checks edits once typing pauses, and names the field', async () => {
    const { store, calls } = setup();
    await store.getState().loadConfiguration();
    const inForce = store.getState().config;
    expect(inForce.inForce?.sessionName).toBe('Example Trading Session');
    expect(inForce.check).toMatchObject({ status: 'ok', sessionName: 'Example Trading Session' });

    const bad = inForce.text.replace(/"speed_multiplier": [\d.]+/, '"speed_multiplier": "fast"');
    store.getState().editConfig(bad.slice(0, 20));
    store.getState().editConfig(bad);
    expect(calls.filter((c) => c === 'checkConfig')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(300);
    expect(calls.filter((c) => c === 'checkConfig')).toHaveLength(1);
    const check = store.getState().config.check;
    expect(check).toMatchObject({ status: 'error', field: 'backtest_config.speed_multiplier' });
    if (check.status === 'error')
      expect(check.line).toBe(bad.split('\n').findIndex((l) => l.includes('"fast"')) + 1);

    store.getState().revertConfig();
    expect(store.getState().config.text).toBe(inForce.text);
    expect(store.getState().config.check.status).toBe('ok');
  });

  it("asks the engine's trading calendar once, for the config form's date picker", async () => {
    const { store, calls } = setup();
    await store.getState().loadTradingCalendar();
    await store.getState().loadTradingCalendar();
    expect(calls.filter((c) => c === 'tradingCalendar')).toHaveLength(1);
    const calendar = store.getState().tradingCalendar;
    expect(calendar?.days.find((d) => d.date === '2025-12-25')).toMatchObject({
      trading: false,
      note: 'Christmas Day',
    });
    expect(calendar?.days.find((d) => d.date === '2025-12-24')).toMatchObject({
      trading: true,
      earlyClose: true,
    });
  });

  it("adds a catalogue indicator to the text and checks it at once (the editor's Add indicator)", async () => {
    const { store, calls } = setup();
    await store.getState().loadConfiguration();
    await store.getState().loadIndicatorCatalogue();
    const catalogue = store.getState().indicatorCatalogue ?? [];
    expect(catalogue.find((i) => i.name === 'rsi')).toMatchObject({ placement: 'pane', type: 'momentum' });
    const entry = { name: 'cci', period: 20, interval: '5m', type: 'momentum', params: {} };
    const before = JSON.parse(store.getState().config.text).session_data_config.indicators?.session ?? [];
    expect(store.getState().addIndicator(entry)).toBe(true);
    const { text } = store.getState().config;
    // Added after the entries the configuration already has (the built-in one may name some).
    expect(JSON.parse(text).session_data_config.indicators.session).toEqual([...before, entry]);
    expect(calls.filter((c) => c === 'checkConfig')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().config.check.status).toBe('ok');

    store.getState().editConfig('{ not json');
    expect(store.getState().addIndicator(entry)).toBe(false);
    expect(store.getState().config.notice).toMatchObject({
      ok: false,
      text: expect.stringMatching(/^Could not add cci/),
    });
    expect(store.getState().config.text).toBe('{ not json');
  });

  it('adds an indicator through the writer it is given (the editor, for undo), checked at once', async () => {
    const { store, calls } = setup();
    await store.getState().loadConfiguration();
    const before = store.getState().config.text;
    const written: string[] = [];
    const entry = { name: 'cci', period: 20, interval: '5m', type: 'momentum', params: {} };
    expect(
      store.getState().addIndicator(entry, (text) => {
        written.push(text);
        store.getState().editConfig(text);
      }),
    ).toBe(true);
    expect(written).toHaveLength(1);
    expect(written[0]).not.toBe(before);
    expect(store.getState().config.text).toBe(written[0]);
    expect(calls.filter((c) => c === 'checkConfig')).toHaveLength(1);
  });

  it('keeps edits typed before the configuration in force arrives', async () => {
    const { store } = setup();
    store.getState().editConfig('{"session_name": "typed early"');
    await store.getState().loadConfiguration();
    expect(store.getState().config.text).toBe('{"session_name": "typed early"');
    expect(store.getState().config.inForce?.sessionName).toBe('Example Trading Session');
  });

  it('loads a gzipped configuration file as its text', async () => {
    const { store } = setup();
    await store.getState().loadConfiguration();
    const text = await readFile(ORIGINAL, 'utf8');
    await store.getState().loadConfigFile(new Blob([gzipSync(Buffer.from(text))]), 'original-config.json.gz');
    expect(store.getState().config.text).toBe(text);
    expect(store.getState().config.origin).toBe('original-config.json.gz');
  });

  it('loads the original-format file unchanged, lists what it ignores, applies it and keeps it', async () => {
    const { store, stores, saved } = setup();
    await store.getState().refresh();
    await store.getState().loadConfiguration();
    const text = await readFile(ORIGINAL, 'utf8');
    await store.getState().loadConfigFile(new Blob([text]), 'original-config.json');
    await vi.advanceTimersByTimeAsync(0);
    const { config } = store.getState();
    expect(config.text).toBe(text);
    expect(config.origin).toBe('original-config.json');
    expect(config.check).toEqual({
      status: 'ok',
      sessionName: 'Original Format Example',
      ignored: [
        'session_data_config.streaming',
        'session_data_config.historical.enable_quality',
        'session_data_config.gap_filler',
      ],
    });

    expect(await store.getState().applyConfig()).toBe(true);
    expect(store.getState().snapshot?.sessionName).toBe('Original Format Example');
    expect(store.getState().config.inForce?.sessionName).toBe('Original Format Example');
    expect(store.getState().config.notice?.ok).toBe(true);
    expect(stores.configs.get('applied')?.sessionName).toBe('Original Format Example');

    store.getState().saveConfigFile();
    expect(saved[0]?.name).toBe('session_config_Original_Format_Example.json');
    expect(JSON.parse(await (saved[0]?.blob.text() ?? '')).session_name).toBe('Original Format Example');
  });

  it('shows the engine’s refusal while a session runs, and changes nothing', async () => {
    const { store, api } = setup();
    await store.getState().loadConfiguration();
    await store.getState().resetConfigToDefault();
    await api.start();
    expect(await store.getState().applyConfig()).toBe(false);
    expect(store.getState().config.notice).toEqual({
      ok: false,
      text: 'the session is RUNNING; stop it before changing the configuration',
    });
    expect(store.getState().config.check.status).toBe('ok');
  });

  it('Stop and apply: stops the running session and applies; an invalid text changes nothing', async () => {
    const { store, api } = setup();
    await store.getState().loadConfiguration();
    await api.start();
    const text = await readFile(ORIGINAL, 'utf8');
    store.getState().editConfig(text.replace('"speed_multiplier": 60.0', '"speed_multiplier": "fast"'));
    expect(await store.getState().applyConfig({ stopFirst: true })).toBe(false);
    expect(store.getState().config.notice?.text).toMatch(/^backtest_config\.speed_multiplier: /);
    expect(api.snapshot()).toMatchObject({ state: 'RUNNING', sessionName: 'Example Trading Session' });

    store.getState().editConfig(text);
    expect(await store.getState().applyConfig({ stopFirst: true })).toBe(true);
    expect(store.getState().config.notice).toEqual({
      ok: true,
      text: 'Stopped the session and applied: session “Original Format Example”. It starts from its first day.',
    });
    expect(store.getState().snapshot).toMatchObject({
      state: 'STOPPED',
      sessionName: 'Original Format Example',
    });
  });

  it('takes the caret to the line of a problem when Apply is refused for it, and on Go to line', async () => {
    const { store } = setup();
    await store.getState().loadConfiguration();
    const lines = store.getState().config.text.split('\n');
    lines.splice(5, 0, '  oops');
    store.getState().editConfig(lines.join('\n'));
    expect(await store.getState().applyConfig()).toBe(false);
    const { check, goTo } = store.getState().config;
    expect(check).toMatchObject({ status: 'error', field: 'JSON', line: 6 });
    expect(goTo).toEqual({ line: 6, seq: 1 });
    store.getState().goToConfigLine(6);
    expect(store.getState().config.goTo).toEqual({ line: 6, seq: 2 });
  });

  it('keeps configurations by name, opens and deletes them', async () => {
    const { store, stores } = setup();
    await store.getState().loadConfiguration();
    const text = store.getState().config.text;
    await store.getState().keepConfig('  mine ');
    expect(store.getState().savedConfigs.map((c) => [c.key, c.name])).toEqual([['saved:mine', 'mine']]);
    store.getState().editConfig('{}');
    await store.getState().openSavedConfig('saved:mine');
    expect(store.getState().config.text).toBe(text);
    expect(store.getState().config.origin).toBe('saved “mine”');
    await store.getState().deleteSavedConfig('saved:mine');
    expect(store.getState().savedConfigs).toEqual([]);
    expect(stores.configs.size).toBe(0);
  });
});

describe('import slice', () => {
  it('reads a file into a report that changes nothing, then keeps its good rows and the file', async () => {
    const { store, api, stores } = setup();
    await store.getState().refresh();
    const file = new Blob([CSV]);
    await store.getState().importChooseFile(file, 'rivn.csv');
    expect(store.getState().importing.columns?.recognized).toMatchObject({
      timestamp: 'time',
      close: 'close',
    });
    store.getState().importSetSymbol('RIVN');
    const progress: (number | null)[] = [];
    const unsubscribe = store.subscribe((s) => progress.push(s.importing.progress));
    await store.getState().importRead();
    unsubscribe();
    expect(progress).toContain(1);
    const { importing } = store.getState();
    expect(importing.phase).toBe('review');
    expect(importing.pending?.report).toMatchObject({
      rowsRead: 3,
      barsKept: 2,
      badRowCount: 1,
      badRows: [{ line: 3, reason: 'high "oops" is not a price (a number > 0)' }],
      dates: ['2025-07-01'],
    });
    expect(api.importedSymbols()).toEqual([]);

    await store.getState().importCommit();
    expect(api.importedSymbols()).toEqual(['RIVN']);
    expect(store.getState().importing.phase).toBe('idle');
    expect(store.getState().importing.notice).toBe(
      'RIVN replays its 2 imported bars; its ticks and quotes are left out.',
    );
    expect(store.getState().importedSets).toEqual([
      {
        symbol: 'RIVN',
        fileName: 'rivn.csv',
        barsKept: 2,
        firstDate: '2025-07-01',
        lastDate: '2025-07-01',
        days: 1,
        kept: 'kept',
        waiting: false,
      },
    ]);
    expect(stores.imports.get('RIVN')?.file).toBe(file);

    await store.getState().importDrop('RIVN');
    expect(api.importedSymbols()).toEqual([]);
    expect(store.getState().importedSets).toEqual([]);
    expect(stores.imports.size).toBe(0);
  });

  it('pre-fills the symbol from the file name, which the user may still change; no guess keeps the choice', async () => {
    const { store } = setup();
    await store.getState().refresh();
    await store.getState().importChooseFile(new Blob([CSV]), 'tsla-1m.csv');
    expect(store.getState().importing.symbol).toBe('TSLA');
    store.getState().importSetSymbol('AAPL');
    expect(store.getState().importing.symbol).toBe('AAPL');
    // Names that give no symbol of the session leave the field as it is.
    await store.getState().importChooseFile(new Blob([CSV]), '2025-07-01.csv');
    expect(store.getState().importing.symbol).toBe('AAPL');
    await store.getState().importChooseFile(new Blob([CSV]), 'nvda_1m.csv');
    expect(store.getState().importing.symbol).toBe('AAPL');
    await store.getState().importChooseFile(new Blob([CSV]), 'RIVN_1m.parquet');
    expect(store.getState().importing.symbol).toBe('RIVN');
  });

  it('cancels a checked import: nothing changes, the file stays chosen', async () => {
    const { store, api, stores } = setup();
    await store.getState().importChooseFile(new Blob([CSV]), 'rivn.csv');
    store.getState().importSetSymbol('RIVN');
    await store.getState().importRead();
    await store.getState().importCancel();
    expect(api.importedSymbols()).toEqual([]);
    expect(stores.imports.size).toBe(0);
    expect(store.getState().importing).toMatchObject({
      phase: 'idle',
      pending: null,
      fileName: 'rivn.csv',
      notice: 'rivn.csv: import cancelled; nothing changed.',
    });
  });

  it('maps unusual column names by hand, and says what is missing otherwise', async () => {
    const { store, api } = setup();
    const odd = CSV.replace('time,open,high,low,close,volume', 'when,o,hi,lo,c,qty');
    await store.getState().importChooseFile(new Blob([odd]), 'odd.csv');
    store.getState().importSetSymbol('RIVN');
    expect(store.getState().importing.columns?.recognized).toEqual({ open: 'o', close: 'c' });
    await store.getState().importRead();
    expect(store.getState().importing.error).toMatch(/no column for timestamp/);
    store.getState().importSetMapping('timestamp', 'when');
    store.getState().importSetMapping('high', 'hi');
    store.getState().importSetMapping('low', 'lo');
    store.getState().importSetMapping('volume', 'qty');
    await store.getState().importRead();
    expect(store.getState().importing.pending?.report.barsKept).toBe(2);
    await store.getState().importCommit();
    expect(api.importedSymbols()).toEqual(['RIVN']);
  });

  it('says so when the data set could not be kept (full quota), while the import stands', async () => {
    const memory = memoryStorage();
    const { store, api } = setup(memory);
    memory.state.full = true;
    await store.getState().importChooseFile(new Blob([CSV]), 'rivn.csv');
    store.getState().importSetSymbol('RIVN');
    await store.getState().importRead();
    await store.getState().importCommit();
    expect(api.importedSymbols()).toEqual(['RIVN']);
    expect(store.getState().importedSets[0]?.kept).toBe('not-kept');
    expect(store.getState().storage.notice).toMatch(
      /^Could not keep the imported bars of RIVN \(rivn.csv\) in this browser: its storage is full/,
    );
  });

  it('keeps the data set of a symbol a new configuration drops, and replays it when the symbol is back', async () => {
    const { store, api, stores } = setup();
    await store.getState().importChooseFile(new Blob([CSV]), 'tsla.csv');
    store.getState().importSetSymbol('TSLA');
    await store.getState().importRead();
    await store.getState().importCommit();
    await vi.waitFor(() => expect(store.getState().importedSets[0]?.kept).toBe('kept'));
    await store.getState().loadConfiguration();
    const defaultText = store.getState().config.text;
    store.getState().editConfig(await readFile(ORIGINAL, 'utf8')); // RIVN and AAPL only
    expect(await store.getState().applyConfig()).toBe(true);
    expect(api.importedSymbols()).toEqual([]);
    expect(store.getState().importedSets.map((d) => [d.symbol, d.waiting])).toEqual([['TSLA', true]]);
    expect(stores.imports.has('TSLA')).toBe(true);
    expect(store.getState().importing.notice).toBe(
      'TSLA: not a symbol of this configuration; the imported bars stay kept in this browser and replay again once a configuration with it is applied.',
    );

    store.getState().editConfig(defaultText);
    expect(await store.getState().applyConfig()).toBe(true);
    expect(api.importedSymbols()).toEqual(['TSLA']);
    expect(store.getState().importedSets.map((d) => [d.symbol, d.waiting, d.kept])).toEqual([
      ['TSLA', false, 'kept'],
    ]);
    expect(store.getState().storage.restore).toMatchObject({
      active: false,
      problems: [],
      summary: 'Imported again from this browser: TSLA bars from tsla.csv.',
    });
  });

  it('deletes a waiting data set from the browser, and drops one that was never kept', async () => {
    const memory = memoryStorage();
    const { store, api, stores } = setup(memory);
    await store.getState().importChooseFile(new Blob([CSV]), 'tsla.csv');
    store.getState().importSetSymbol('TSLA');
    await store.getState().importRead();
    await store.getState().importCommit();
    await vi.waitFor(() => expect(store.getState().importedSets[0]?.kept).toBe('kept'));
    memory.state.full = true;
    await store.getState().importChooseFile(new Blob([CSV]), 'aapl.csv');
    store.getState().importSetSymbol('AAPL');
    await store.getState().importRead();
    await store.getState().importCommit();
    expect(store.getState().importedSets.map((d) => [d.symbol, d.kept])).toEqual([
      ['AAPL', 'not-kept'],
      ['TSLA', 'kept'],
    ]);
    memory.state.full = false;

    await store.getState().loadConfiguration();
    const original = JSON.parse(await readFile(ORIGINAL, 'utf8'));
    original.session_data_config.symbols = ['RIVN'];
    store.getState().editConfig(JSON.stringify(original));
    expect(await store.getState().applyConfig()).toBe(true);
    expect(store.getState().importedSets.map((d) => [d.symbol, d.waiting])).toEqual([['TSLA', true]]);
    expect(store.getState().importing.notice).toBe(
      'TSLA: not a symbol of this configuration; the imported bars stay kept in this browser and replay again once a configuration with it is applied. AAPL: imported bars dropped (not a symbol of this configuration).',
    );

    await store.getState().importDrop('TSLA');
    expect(stores.imports.has('TSLA')).toBe(false);
    expect(store.getState().importedSets).toEqual([]);
    expect(store.getState().importing).toMatchObject({
      notice: 'TSLA: the kept imported bars were deleted.',
      error: null,
    });
    expect(api.importedSymbols()).toEqual([]);
  });
});

describe('data sets while something else is under way', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** A promise and the function that settles it. */
  function gate() {
    let open = () => {};
    const shut = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { shut, open: () => open() };
  }

  it('a data set still being saved when a configuration drops its symbol waits, or goes if it could not be kept', async () => {
    for (const full of [false, true]) {
      const memory = memoryStorage();
      const saving = gate();
      let saves = 0;
      const put = memory.storage.put;
      memory.storage.put = async (store, record) => {
        if (store === 'imports' && saves++ === 0) await saving.shut;
        memory.state.full = full && store === 'imports';
        const outcome = await put(store, record);
        memory.state.full = false;
        return outcome;
      };
      const { store } = setup(memory);
      await store.getState().loadConfiguration();
      await store.getState().importChooseFile(new Blob([CSV]), 'tsla.csv');
      store.getState().importSetSymbol('TSLA');
      await store.getState().importRead();
      const commit = store.getState().importCommit();
      await vi.waitFor(() => expect(store.getState().importedSets[0]?.kept).toBe('saving'));
      store.getState().editConfig(await readFile(ORIGINAL, 'utf8')); // RIVN and AAPL only
      expect(await store.getState().applyConfig()).toBe(true);
      expect(store.getState().importedSets.map((d) => [d.symbol, d.waiting])).toEqual([['TSLA', true]]);
      saving.open();
      await commit;
      if (full) {
        expect(store.getState().importedSets).toEqual([]);
        expect(memory.stores.imports.has('TSLA')).toBe(false);
      } else {
        expect(store.getState().importedSets.map((d) => [d.symbol, d.waiting, d.kept])).toEqual([
          ['TSLA', true, 'kept'],
        ]);
        expect(memory.stores.imports.has('TSLA')).toBe(true);
      }
    }
  });

  it('Apply and Delete wait while kept data is restored, so nothing is imported against the wrong configuration', async () => {
    const memory = memoryStorage();
    memory.stores.imports.set('TSLA', storedImport('TSLA'));
    const engine = setup(memory);
    const { store, client } = engine;
    const reading = gate();
    const call = client.call.bind(client);
    client.call = (async (method: string, ...args: unknown[]) => {
      if (method === 'importBars') await reading.shut;
      return (call as (m: string, ...a: unknown[]) => Promise<unknown>)(method, ...args);
    }) as typeof client.call;
    const restoring = store.getState().restoreEngineData();
    await vi.waitFor(() =>
      expect(store.getState().storage.restore.step).toBe('Re-importing TSLA (tsla.csv)'),
    );
    store.getState().editConfig(await readFile(ORIGINAL, 'utf8'));
    expect(await store.getState().applyConfig()).toBe(false);
    expect(store.getState().config.notice).toEqual({
      ok: false,
      text: 'Wait until the data kept in this browser is restored, then apply.',
    });
    await store.getState().importDrop('TSLA');
    expect(store.getState().importing.error).toBe(
      'Wait until the data kept in this browser is restored, then try again.',
    );
    reading.open();
    await restoring;
    await tick();
    expect(engine.api.importedSymbols()).toEqual(['TSLA']);
    expect(engine.api.configuration().sessionName).toBe('Example Trading Session');
    expect(memory.stores.imports.has('TSLA')).toBe(true);
    expect(store.getState().importedSets.map((d) => [d.symbol, d.waiting])).toEqual([['TSLA', false]]);
  });
});

describe('storage slice and kept exports', () => {
  it('restores the configuration applied last and re-imports each data set, with progress', async () => {
    const memory = memoryStorage();
    const first = setup(memory);
    await first.store.getState().loadConfiguration();
    first.store.getState().editConfig(await readFile(ORIGINAL, 'utf8'));
    await first.store.getState().applyConfig();
    await first.store.getState().importChooseFile(new Blob([await readFile(SAMPLE)]), 'rivn-1m.csv');
    first.store.getState().importSetSymbol('RIVN');
    await first.store.getState().importRead();
    await first.store.getState().importCommit();

    // A new page: a fresh engine, the same storage.
    const second = setup(memory);
    const steps: string[] = [];
    second.store.subscribe((s) => {
      const { step } = s.storage.restore;
      if (step && steps.at(-1) !== step) steps.push(step);
    });
    await second.store.getState().restoreEngineData();
    expect(steps).toEqual([
      'Reading',
      'Applying the configuration “Original Format Example”',
      'Re-importing RIVN (rivn-1m.csv)',
    ]);
    expect(second.store.getState().storage.restore).toMatchObject({
      active: false,
      problems: [],
      summary:
        'Restored from this browser: configuration “Original Format Example”, RIVN bars from rivn-1m.csv.',
    });
    expect(second.api.configuration().sessionName).toBe('Original Format Example');
    expect(second.api.importedSymbols()).toEqual(['RIVN']);
    expect(second.store.getState().snapshot?.sessionName).toBe('Original Format Example');
    expect(second.store.getState().importedSets.map((d) => [d.symbol, d.kept])).toEqual([['RIVN', 'kept']]);
  });

  it('reports what could not be restored, one line each, and keeps waiting a set for a symbol not in the session', async () => {
    const memory = memoryStorage();
    memory.stores.imports.set('ACME', storedImport('ACME'));
    memory.stores.imports.set('RIVN', storedImport('RIVN', 'this is not a CSV of bars\n'));
    const { store, api } = setup(memory);
    await store.getState().restoreEngineData();
    const { problems, summary } = store.getState().storage.restore;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^RIVN \(rivn\.csv\) was not imported again: /);
    expect(summary).toBeNull();
    expect(api.importedSymbols()).toEqual([]);
    expect(store.getState().importedSets.map((d) => [d.symbol, d.waiting])).toEqual([['ACME', true]]);
    expect(memory.stores.imports.has('ACME')).toBe(true);
  });

  it('keeps each export with its bytes, deletes the removed ones, and puts them back on the next page', async () => {
    const memory = memoryStorage();
    const first = setup(memory);
    first.store.getState().updateExportSettings({ downloadEach: false });
    const kept = keepExports(first.store, memory.storage);
    await kept.restored;
    await first.api.start();
    const one = await first.store.getState().exportNow(true);
    const two = await first.store.getState().exportNow(false);
    await vi.waitFor(() => expect(memory.stores.exports.size).toBe(2));
    await vi.waitFor(() => expect(first.store.getState().storage.keptExports[one?.id ?? '']).toBe('kept'));
    first.store.getState().removeExport(two?.id ?? '');
    await vi.waitFor(() => expect(memory.stores.exports.size).toBe(1));
    kept.stop();

    const second = setup(memory);
    second.store.getState().updateExportSettings({ downloadEach: false });
    await keepExports(second.store, memory.storage).restored;
    const history = second.store.getState().exports;
    expect(history).toHaveLength(1);
    expect(history[0]?.id).toBe(`1750000000000-${one?.id}`);
    expect(await history[0]?.blob.text()).toBe(await one?.blob.text());
    // A new export of this page does not take the restored one's id.
    await second.api.start();
    const three = await second.store.getState().exportNow(true);
    expect(three?.id).toBe('export-1');
    expect(second.store.getState().exports.map((r) => r.id)).toEqual([
      'export-1',
      `1750000000000-${one?.id}`,
    ]);
    await vi.waitFor(() => expect(memory.stores.exports.size).toBe(2));
  });

  /** A started session whose first export (complete) is kept in the browser. */
  async function oneExportKept() {
    const memory = memoryStorage();
    const { store, api } = setup(memory);
    store.getState().updateExportSettings({ downloadEach: false });
    keepExports(store, memory.storage);
    await api.start();
    await store.getState().exportNow(true);
    await vi.waitFor(() => expect(memory.stores.exports.size).toBe(1));
    return { memory, store };
  }

  it('with the quota full: the export stays in the history, marked not kept, and nothing stored changes', async () => {
    const { memory, store } = await oneExportKept();
    const before = [...memory.stores.exports.values()];
    memory.state.full = true;
    const refused = await store.getState().exportNow(false);
    await vi.waitFor(() => expect(store.getState().storage.keptExports[refused?.id ?? '']).toBe('not-kept'));
    expect(store.getState().exports).toHaveLength(2);
    expect(store.getState().storage.notice).toMatch(
      /^Could not keep the export .+ in this browser: its storage is full/,
    );
    expect([...memory.stores.exports.values()]).toEqual(before);
    store.getState().dismissStorageNotice();
    expect(store.getState().storage.notice).toBeNull();
  });

  it('with no storage at all (a page opened from disk in some browsers): says so once, and exports still work', async () => {
    const memory = memoryStorage();
    const { store, api } = setup(memory);
    memory.storage.put = async () => ({
      ok: false,
      reason: 'unavailable',
      message: 'The operation is insecure.',
    });
    store.getState().updateExportSettings({ downloadEach: false });
    keepExports(store, memory.storage);
    await api.start();
    expect(store.getState().storage.unavailable).toBeNull();
    const exported = await store.getState().exportNow(true);
    await vi.waitFor(() => expect(store.getState().storage.keptExports[exported?.id ?? '']).toBe('not-kept'));
    expect(store.getState().exports).toHaveLength(1);
    expect(store.getState().storage.unavailable).toBe('The operation is insecure.');
    expect(store.getState().storage.notice).toBeNull();
  });

  it('deletes the exports made before a time', async () => {
    const { memory, store } = await oneExportKept();
    await store.getState().deleteExportsBefore(Number.POSITIVE_INFINITY);
    expect(store.getState().exports).toEqual([]);
    await vi.waitFor(() => expect(memory.stores.exports.size).toBe(0));
  });
});
