import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../export/contract';
import { createEngineApi, type ExportPayload } from './engine-api';
import { createRuntime } from './runtime';
import type { StartProgress } from './session-verbs';

const FILE = /^system_status_Example_Trading_Session_(complete|delta)_\d{8}_\d{6}(_\d+)?\.json$/;

function engine() {
  const runtime = createRuntime({ realtime: false });
  const api = createEngineApi(runtime);
  return { runtime, api };
}

function json(payload: ExportPayload) {
  const decoder = new TextDecoder();
  return JSON.parse(
    payload.parts.map((p) => decoder.decode(p, { stream: true })).join('') + decoder.decode(),
  );
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

type Api = ReturnType<typeof createEngineApi>;

/** An export as the page takes it: received, then confirmed, which is when it counts. */
async function taken(api: Api, asked: ReturnType<Api['exportStatus']>): Promise<ExportPayload> {
  const payload = value(await asked);
  value(api.confirmExport(payload.receipt));
  return payload;
}

describe('engine API', () => {
  it('answers an export with its bytes, size and the contract file name, never repeating a name', async () => {
    const { api } = engine();
    await api.start();
    api.step(2);
    const first = await taken(api, api.exportStatus({ complete: true }));
    const second = await taken(api, api.exportStatus({ complete: true }));
    expect(first.fileName).toMatch(FILE);
    expect(second.fileName).toMatch(FILE);
    expect(second.fileName).not.toBe(first.fileName);
    expect(first.parts.reduce((n, p) => n + p.byteLength, 0)).toBe(first.bytes);
    expect(json(first)._metadata.mode).toBe('complete');
    const delta = await taken(api, api.exportStatus({ complete: false, fileName: 'mine' }));
    expect(delta.fileName).toBe('mine.json');
    expect(json(delta).session_data.symbols.RIVN.session.data['1m'].count).toBe(0);
  });

  it('counts an export only once the page confirms it has the bytes; one never confirmed is dropped', async () => {
    const runtime = createRuntime({ realtime: false });
    const api = createEngineApi(runtime, createRuntime, { confirmWithinMs: 50 });
    await api.start();
    api.step(3);
    const untouched = runtime.exporter.cursorFingerprint();
    const lost = value(await api.exportStatus({ complete: false }));
    expect(lost.metadata.sequence).toBe(1);
    expect(runtime.exporter.cursorFingerprint()).toBe(untouched);
    // The page never confirms it (it went away, the transfer failed): after the wait it is dropped.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(api.confirmExport(lost.receipt)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/was not confirmed within 0.05 s; that export was not counted/),
    });
    expect(runtime.exporter.cursorFingerprint()).toBe(untouched);
    // So the next delta carries its rows, as sequence 1 again.
    const next = await taken(api, api.exportStatus({ complete: false }));
    expect(next.metadata).toMatchObject({ sequence: 1, previousSequence: null });
    expect(json(next).session_data.symbols.RIVN.session.data['1m'].count).toBe(3);
    // An export asked while another waits for its confirmation starts where the confirmed one ends.
    api.step(2);
    const first = value(await api.exportStatus({ complete: false }));
    const second = api.exportStatus({ complete: false });
    value(api.confirmExport(first.receipt));
    const after = await taken(api, second);
    expect(after.metadata).toMatchObject({ sequence: 3, previousSequence: 2 });
    expect(json(after).session_data.symbols.RIVN.session.data['1m'].count).toBe(0);
    expect(json(first).session_data.symbols.RIVN.session.data['1m'].count).toBe(2);
  });

  it('refuses a bad file name before exporting, so the cursor does not move', async () => {
    const { api } = engine();
    await api.start();
    api.step(3);
    const refused = await api.exportStatus({ complete: false, fileName: '../up.json' });
    expect(refused.ok).toBe(false);
    const delta = value(await api.exportStatus({ complete: false }));
    expect(json(delta).session_data.symbols.RIVN.session.data['1m'].count).toBe(3);
    expect(delta.metadata.sequence).toBe(1);
  });

  it('reports progress and can be cancelled part way, changing nothing', async () => {
    const runtime = createRuntime({ realtime: false, config: manySymbols(40) });
    const api = createEngineApi(runtime);
    await api.start();
    api.step(30);
    const seen: ExportProgress[] = [];
    const exporting = api.exportStatus({ complete: true }, (p) => {
      seen.push(p);
      api.cancelExport();
    });
    const result = await exporting;
    expect(result).toEqual({ ok: false, error: 'system export-status: export cancelled; nothing changed' });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]?.symbolsTotal).toBe(40);
    expect(seen[0]?.symbolsDone).toBeLessThan(40);
    const delta = value(await api.exportStatus({ complete: false }));
    expect(delta.metadata.sequence).toBe(1);
    expect(json(delta).session_data.symbols.AAAA.session.data['1m'].count).toBe(30);
  });

  it('cancels an export that waits its turn behind another, which is not cancelled', async () => {
    const runtime = createRuntime({ realtime: false, config: manySymbols(40) });
    const api = createEngineApi(runtime);
    await api.start();
    api.step(30);
    const first = api.exportStatus({ complete: true, consumer: 'a' });
    const waiting = api.exportStatus({ complete: false, consumer: 'b' });
    // Cancel comes while the first export runs and the second waits: both were asked by the user.
    await Promise.resolve();
    api.cancelExport();
    expect(await first).toMatchObject({ ok: false });
    expect(await waiting).toEqual({
      ok: false,
      error: 'system export-status: export cancelled; nothing changed',
    });
    // Nothing moved: consumer b's next delta still carries every bar.
    const delta = value(await api.exportStatus({ complete: false, consumer: 'b' }));
    expect(delta.metadata.sequence).toBe(1);
    expect(json(delta).session_data.symbols.AAAA.session.data['1m'].count).toBe(30);
  });

  it('makes an export asked before a new configuration of the engine it was asked of', async () => {
    const { api } = engine();
    await api.start();
    api.step(2);
    const slow = api.exportStatus({ complete: true, consumer: 'a' });
    const asked = api.exportStatus({ complete: false, consumer: 'b' });
    api.stop();
    expect(api.applyConfig(api.configuration().text).ok).toBe(true);
    await taken(api, slow);
    const old = await taken(api, asked);
    expect(json(old).session_data.symbols.RIVN.session.data['1m'].count).toBe(2);
    // The new engine's consumers start at 1: nothing of the old request touched them.
    await api.start();
    const fresh = value(await api.exportStatus({ complete: false, consumer: 'b' }));
    expect(fresh.metadata.sequence).toBe(1);
  });

  it('keeps an export to the moment it started while the replay moves on', async () => {
    const runtime = createRuntime({ realtime: false, config: manySymbols(40) });
    const api = createEngineApi(runtime);
    await api.start();
    api.step(10);
    const doc = json(value(await api.exportStatus({ complete: false }, () => api.step(1))));
    for (const symbol of Object.values(doc.session_data.symbols) as {
      session: { volume: number; data: Record<string, { count: number; data: number[][] }> };
    }[]) {
      const bars = symbol.session.data['1m'];
      expect(bars?.count).toBe(10);
      expect(symbol.session.volume).toBe(bars?.data.reduce((s, r) => s + (r[5] as number), 0));
    }
  });

  it('runs console commands, exports included, one line per answer', async () => {
    const { api } = engine();
    expect((await api.runCommand('system start')).message).toBe(
      'started Example Trading Session: 2025-07-01 09:30 ET, RUNNING',
    );
    expect(await api.runCommand('system advance -3')).toEqual({
      ok: false,
      message:
        'system advance: "-3" is not a number of minutes (expected a whole number of minutes 1-100000, e.g. system advance 5)',
    });
    await api.runCommand('system advance 2');
    const reply = await api.runCommand('system export-status complete=false consumer=ui');
    expect(reply.ok).toBe(true);
    // 1m, ticks, quotes and vwap_1m of three symbols, and the built-in strategy's equity samples (section 10.1).
    expect(reply.message).toMatch(
      /^exported delta #1 for consumer ui: 13 streams changed, .* -> system_status_Example_Trading_Session_delta_\d{8}_\d{6}\.json$/,
    );
    expect(reply.export && json(reply.export).session_data.symbols.RIVN.session.data['1m'].count).toBe(2);
  });
});

function manySymbols(count: number) {
  const symbols = Array.from(
    { length: count },
    (_, i) => `AA${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}`,
  );
  return {
    session_name: 'Example Trading Session',
    mode: 'backtest',
    exchange_group: 'US_EQUITY',
    backtest_config: { start_date: '2025-07-01', end_date: '2025-07-01' },
    session_data_config: {
      symbols,
      streams: ['1m', '5m', 'ticks', 'quotes'],
      historical: { enabled: true, data: [{ interval: '1m', trailing_days: 2 }] },
    },
  };
}

describe('engine API imports', () => {
  const csv = [
    'time,open,high,low,close,volume',
    '2025-07-01 09:30,20,20.5,19.5,20.1,100',
    '2025-07-01 09:31,20.1,oops,19.5,20.1,100',
    '2025-07-01 09:32,20.2,20.5,19.5,20.3,100',
  ].join('\n');

  it('checks a file without changing anything, then keeps its good rows on request', async () => {
    const { api, runtime } = engine();
    const pending = value(await api.importBars(new Blob([csv]), { symbol: 'RIVN', fileName: 'rivn.csv' }));
    expect(pending.report.badRows).toEqual([
      { line: 3, reason: 'high "oops" is not a price (a number > 0)' },
    ]);
    expect(runtime.importedSymbols()).toEqual([]);
    expect(api.commitImport(pending.id)).toEqual({ ok: true, value: 'RIVN replays its 2 imported bars' });
    await api.start();
    api.step(3);
    expect(
      Array.from(runtime.backtest.session?.symbols.get('RIVN')?.baseBars?.open.slice(0, 2) ?? []),
    ).toEqual([20, 20.2]);
  });

  it('cancels a checked import, leaving the session untouched', async () => {
    const { api, runtime } = engine();
    const pending = value(await api.importBars(new Blob([csv]), { symbol: 'RIVN', fileName: 'rivn.csv' }));
    expect(api.cancelImport(pending.id)).toEqual({
      ok: true,
      value: 'rivn.csv: import cancelled; nothing changed',
    });
    expect(api.commitImport(pending.id).ok).toBe(false);
    expect(runtime.importedSymbols()).toEqual([]);
    expect(await api.importBars(new Blob([csv]), { symbol: 'ACME', fileName: 'acme.csv' })).toEqual({
      ok: false,
      error: 'ACME is not a symbol of this session (symbols: RIVN, AAPL, TSLA)',
    });
  });
});

describe('engine API configuration', () => {
  const make = (options: Parameters<typeof createRuntime>[0] = {}) =>
    createRuntime({ ...options, realtime: false });

  it('shows the configuration in force and checks edits as they are typed', () => {
    const api = createEngineApi(make(), make);
    const view = api.configuration();
    expect(view.sessionName).toBe('Example Trading Session');
    expect(JSON.parse(view.text).session_data_config.symbols).toEqual(['RIVN', 'AAPL', 'TSLA']);
    expect(api.checkConfig('{"session_name": "x",')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid JSON/),
    });
    // A misspelled required field: the missing field is the problem, and the misspelling is kept aside.
    const misspelled = view.text.replace('"symbols"', '"sybmols"');
    expect(api.checkConfig(misspelled)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^session_data_config\.symbols: missing /),
    });
    const extra = view.text.replace('"symbols"', '"prefetch_days": 2, "symbols"');
    expect(api.checkConfig(extra)).toMatchObject({
      ok: true,
      value: { ignored: ['session_data_config.prefetch_days'] },
    });
  });

  it('answers the indicator catalogue as plain data', () => {
    const catalogue = createEngineApi(make(), make).indicatorCatalogue();
    expect(catalogue.map((i) => i.name)).toContain('sma');
    const macd = catalogue.find((i) => i.name === 'macd');
    expect(macd).toMatchObject({ placement: 'pane', period: null, outputs: ['macd', 'signal', 'histogram'] });
    expect(macd?.params.fast?.default).toBe(12);
    // Structured-cloneable: what crosses the worker boundary is data, not functions.
    expect(structuredClone(catalogue)).toEqual(catalogue);
  });

  it('stops a running or paused session and applies ("Stop and apply"), but not an invalid text', async () => {
    const original = JSON.stringify((await import('../engine/fixtures/original-config.json')).default);
    const api = createEngineApi(make(), make);
    await api.start();
    expect(api.snapshot().state).toBe('RUNNING');
    // An invalid text is refused with its own message, and the session runs on as it was.
    expect(api.applyConfig('{"session_name": ', { stopFirst: true })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid JSON: /),
    });
    expect(api.snapshot()).toMatchObject({ state: 'RUNNING', sessionName: 'Example Trading Session' });
    expect(api.applyConfig(original, { stopFirst: true })).toMatchObject({
      ok: true,
      value: { sessionName: 'Original Format Example' },
    });
    expect(api.snapshot()).toMatchObject({ state: 'STOPPED', sessionName: 'Original Format Example' });
    await api.start();
    api.pause();
    expect(api.applyConfig(api.defaultConfigText(), { stopFirst: true }).ok).toBe(true);
    expect(api.snapshot()).toMatchObject({ state: 'STOPPED', sessionName: 'Example Trading Session' });
  });

  it('puts a configuration of the original system in force, keeping its unused sections', async () => {
    const original = (await import('../engine/fixtures/original-config.json')).default;
    const api = createEngineApi(make(), make);
    const applied = api.applyConfig(JSON.stringify(original));
    expect(applied).toMatchObject({ ok: true, value: { sessionName: 'Original Format Example' } });
    expect(applied.ok && applied.value.ignored).toContain('session_data_config.gap_filler');
    expect(api.snapshot().symbols).toEqual(['RIVN', 'AAPL']);
    await api.start();
    expect(api.applyConfig(api.defaultConfigText())).toEqual({
      ok: false,
      error: 'the session is RUNNING; stop it before changing the configuration',
    });
    expect(api.snapshot().sessionName).toBe('Original Format Example');
  });
});

describe('engine API start', () => {
  it('loads history symbol by symbol with progress, and a cancelled start changes nothing', async () => {
    const runtime = createRuntime({ realtime: false, config: manySymbols(30) });
    const api = createEngineApi(runtime);
    const firstWord: StartProgress[] = [];
    const cancelled = await api.start((p) => {
      firstWord.push(p);
      api.cancelStart();
    });
    expect(cancelled).toEqual({
      ok: false,
      error: 'system start: cancelled while loading history; nothing changed',
    });
    expect(firstWord[0]?.symbolsTotal).toBe(30);
    expect(firstWord[0]?.symbolsDone).toBeLessThan(30);
    expect(api.snapshot().state).toBe('STOPPED');
    // Words a symbol at a time come paced (session-verbs.test.ts), growing, and the last says all 30.
    const seen: number[] = [];
    const started = await api.start((p) => p.current === undefined && seen.push(p.symbolsDone));
    expect(started.ok && started.value.state).toBe('RUNNING');
    expect(seen.at(-1)).toBe(30);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] as number);
    // The preloaded history is what the session holds, the same as loading it at start.
    const direct = createRuntime({ realtime: false, config: manySymbols(30) });
    direct.start();
    const a = runtime.backtest.session?.symbols.get('AABC')?.historical.get('1m')?.bars;
    const b = direct.backtest.session?.symbols.get('AABC')?.historical.get('1m')?.bars;
    expect(a?.length).toBe(780);
    expect(Array.from(a?.close.slice(0, 780) ?? [])).toEqual(Array.from(b?.close.slice(0, 780) ?? []));
  });

  it('reports a long history day by day and can be cancelled in the middle of a symbol', async () => {
    const config = manySymbols(2);
    config.session_data_config.historical.data = [{ interval: '1d', trailing_days: 1000 }];
    const runtime = createRuntime({ realtime: false, config });
    const api = createEngineApi(runtime);
    const days: number[] = [];
    const cancelled = await api.start((p) => {
      if (p.current === undefined) return;
      expect(p).toMatchObject({
        symbolsDone: 0,
        symbolsTotal: 2,
        current: { symbol: 'AAAA', daysTotal: 1000 },
      });
      days.push(p.current.daysDone);
      api.cancelStart();
    });
    expect(cancelled).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cancelled while loading history/),
    });
    // Reported between two slices of the same symbol, and stopped there, well before its end.
    expect(days).toHaveLength(1);
    expect(days[0]).toBeGreaterThan(0);
    expect(days[0]).toBeLessThan(1000);
    expect(api.snapshot().state).toBe('STOPPED');
  });
});
