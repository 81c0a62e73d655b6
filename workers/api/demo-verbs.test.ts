// `system save-demo` end to end on the engine API, with a small player page: the page holds a tape that
// decodes to a complete export at each day's start and deltas every N minutes, whose replay equals a
// complete export of the running session; the running session never notices; refusals and Cancel leave
// nothing.
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../common/base64';
import { gunzip } from '../common/gzip';
import {
  DEMO_TAPE_SLOT,
  type DemoProgress,
  type DemoTape,
  decodeDemoTape,
  MAX_DEMO_TAPE_BYTES,
} from '../export/contract';
import { importCsv } from '../import/csv-import';
import { readExport } from '../mirror/export-doc';
import { Mirror } from '../mirror/mirror';
import type { RowTable } from '../mirror/row-table';
import { makeDemo } from './demo-maker';
import { createEngineApi, type DemoPayload } from './engine-api';
import { createRuntime, type Runtime } from './runtime';

/** 2025-07-01 14:05:09 UTC, 10:05:09 in New York. */
const NOW = Date.UTC(2025, 6, 1, 14, 5, 9);
const PAGE =
  '<!doctype html><title>player</title><script id="session-tape" type="application/x-session-tape">__SESSION_TAPE__</script>\n';

function engine(page: string = PAGE) {
  const runtime = createRuntime({ realtime: false, now: () => NOW });
  const api = createEngineApi(runtime, createRuntime, { demoPlayer: async () => page });
  return { runtime, api };
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The tape inside a demo page, decoded as the player reads it. */
async function tapeOf(demo: DemoPayload): Promise<DemoTape> {
  const html = new TextDecoder().decode(demo.bytes);
  const base64 = /<script id="session-tape" type="application\/x-session-tape">([^<]*)<\/script>/.exec(
    html,
  )?.[1];
  const packed = fromBase64(base64 ?? '');
  if (packed === null) throw new Error('no base64 tape');
  return value(decodeDemoTape(await gunzip(packed, MAX_DEMO_TAPE_BYTES)));
}

const docOf = (bytes: Uint8Array) => value(readExport(JSON.parse(new TextDecoder().decode(bytes))));

/** Everything a mirror holds, as plain values (as mirror.test.ts compares two mirrors). */
function contents(mirror: Mirror) {
  const columns = (t: RowTable) => t.names.map((_, c) => Array.from(t.column(c)));
  return [...mirror.symbols].map(([symbol, s]) => ({
    symbol,
    metrics: [s.volume, s.high, s.low, s.quality],
    streams: [...s.streams].map(([name, t]) => [name, columns(t)]),
    latest: [...s.latest],
    historical: [...s.historical].map(([name, h]) => [name, h.dates, columns(h.table)]),
  }));
}

/** A complete export of the running session, for a consumer of its own, read into a mirror. */
function completeOf(runtime: Runtime, exclude: string[]): Mirror {
  const mirror = new Mirror();
  const made = value(runtime.exportStatus({ complete: true, consumer: 'check', exclude }));
  const bytes = new Uint8Array(made.bytes);
  let at = 0;
  for (const chunk of made.chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  mirror.apply(docOf(bytes));
  return mirror;
}

/** Applies the tape's exports in order, as the player does; each must apply (complete, or a delta that follows). */
function replayed(tape: DemoTape): Mirror {
  const mirror = new Mirror();
  for (const file of tape.files) {
    const outcome = mirror.apply(docOf(file.bytes));
    expect(outcome.kind, file.name).not.toBe('resync');
  }
  return mirror;
}

const modes = (tape: DemoTape) => tape.files.map((f) => docOf(f.bytes).meta.mode);
const times = (tape: DemoTape) => tape.files.map((f) => docOf(f.bytes).meta.marketTime?.slice(11, 16));

describe('system save-demo on the engine API', () => {
  it('every=1: a complete export at the open, then a delta each minute, whose replay is the running session', async () => {
    const { runtime, api } = engine();
    await api.start();
    api.step(7);
    const demo = value(await api.saveDemo({ exclude: ['ticks', 'quotes'] }));
    expect(demo.fileName).toBe('session_tape_Example_Trading_Session_20250701_100509.html');
    expect(demo.summary).toMatchObject({ steps: 8, tradingDays: 1, every: 1, excluded: ['ticks', 'quotes'] });
    expect(demo.summary.bytes).toBe(demo.bytes.byteLength);
    const tape = await tapeOf(demo);
    expect(tape.header).toMatchObject({
      format: 'session-tape-demo',
      session_name: 'Example Trading Session',
      first_market_time: '2025-07-01T09:30:00',
      last_market_time: '2025-07-01T09:37:00',
      every_minutes: 1,
      excluded: ['ticks', 'quotes'],
      written_at: '2025-07-01T14:05:09.000Z',
    });
    expect(modes(tape)).toEqual(['complete', ...Array(7).fill('delta')]);
    expect(times(tape)).toEqual(['09:30', '09:31', '09:32', '09:33', '09:34', '09:35', '09:36', '09:37']);
    // The names the exports would have had as downloads, kept apart as downloads are.
    expect(tape.files[0]?.name).toBe('system_status_Example_Trading_Session_complete_20250701_100509.json');
    expect(tape.files[2]?.name).toBe('system_status_Example_Trading_Session_delta_20250701_100509_2.json');
    expect(new Set(tape.files.map((f) => f.name)).size).toBe(tape.files.length);
    const first = docOf(tape.files[0]?.bytes ?? new Uint8Array());
    expect(first.meta.consumer).toBe('demo');
    expect(Object.keys(first.symbols.RIVN?.session.data ?? {})).toEqual(['1m', '5m', '15m']);
    expect(contents(replayed(tape))).toEqual(contents(completeOf(runtime, ['ticks', 'quotes'])));
  });

  it('every=5 over two days: a complete export at each day start, deltas on the 5-minute grid and each close', async () => {
    const { runtime, api } = engine();
    await api.start();
    api.step(390 + 12);
    const tape = await tapeOf(value(await api.saveDemo({ every: 5, exclude: ['ticks', 'quotes'] })));
    // Day 1: the open, 77 grid minutes, the close; day 2: its first minute (its complete), 09:35, 09:40, 09:42.
    expect(tape.files).toHaveLength(1 + 77 + 1 + 4);
    const mode = modes(tape);
    expect(mode.flatMap((m, i) => (m === 'complete' ? [i] : []))).toEqual([0, 79]);
    expect(times(tape).slice(0, 3)).toEqual(['09:30', '09:35', '09:40']);
    expect(times(tape).slice(77)).toEqual(['15:55', '16:00', '09:31', '09:35', '09:40', '09:42']);
    expect(tape.header.last_market_time).toBe('2025-07-02T09:42:00');
    expect(contents(replayed(tape))).toEqual(contents(completeOf(runtime, ['ticks', 'quotes'])));
  });

  it('keeps ticks and quotes when nothing is excluded, and the last step falls where the session is', async () => {
    const { runtime, api } = engine();
    await api.start();
    api.step(13);
    const tape = await tapeOf(value(await api.saveDemo({ every: 5 })));
    expect(times(tape)).toEqual(['09:30', '09:35', '09:40', '09:43']);
    expect(contents(replayed(tape))).toEqual(contents(completeOf(runtime, [])));
  });

  it("leaves the running session's cursors, sequences, state and clock as they were", async () => {
    const twin = engine();
    const { runtime, api } = engine();
    for (const e of [twin, { runtime, api }]) {
      await e.api.start();
      e.api.step(9);
      value(e.runtime.exportStatus({ complete: false }));
      e.api.step(4);
    }
    const before = { cursors: runtime.exporter.cursorFingerprint(), snapshot: runtime.snapshot() };
    value(await api.saveDemo({ every: 2 }));
    expect(runtime.exporter.cursorFingerprint()).toBe(before.cursors);
    expect(runtime.snapshot()).toEqual(before.snapshot);
    // Its next delta is the one it would have been without the demo.
    const text = (r: Runtime) => {
      const made = value(r.exportStatus({ complete: false, layout: 'compact' }));
      const doc = JSON.parse(new TextDecoder().decode(made.chunks[0]));
      return { meta: [doc._metadata.sequence, doc._metadata.previous_sequence], data: doc.session_data };
    };
    expect(text(runtime)).toEqual(text(twin.runtime));
  });

  it('replays imported bars as the running session did', async () => {
    const lines = ['time,open,high,low,close,volume'];
    for (let m = 0; m < 10; m++)
      lines.push(`2025-07-01T09:${String(30 + m)}:00,${20 + m},${21 + m},${19 + m},${20.5 + m},${100 + m}`);
    const { runtime, api } = engine();
    value(runtime.replayImportedBars(value(await importCsv(lines.join('\n'), 'RIVN')).bars));
    await api.start();
    api.step(6);
    const mirror = replayed(await tapeOf(value(await api.saveDemo({}))));
    expect(Array.from(mirror.symbols.get('RIVN')?.streams.get('1m')?.column(1) ?? [])).toEqual([
      20, 21, 22, 23, 24, 25,
    ]);
    expect(contents(mirror)).toEqual(contents(completeOf(runtime, [])));
  });

  it('lets the running session go on while the demo is made, and ends where the session was when asked', async () => {
    const { runtime, api } = engine();
    await api.start();
    api.step(390);
    const seen: DemoProgress[] = [];
    // Each progress report comes at a yield: the running session moves a minute there, as the replay's
    // ticks would.
    const demo = value(
      await api.saveDemo({ exclude: ['ticks', 'quotes'] }, (p) => {
        seen.push(p);
        runtime.step(1);
      }),
    );
    expect(demo.summary).toMatchObject({ steps: 391, lastMarketTime: '2025-07-01T16:00:00' });
    expect(seen.at(-1)).toMatchObject({ stepsDone: 391, stepsTotal: 391, phase: 'packing' });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0]?.endMarketTime).toBe('2025-07-01T16:00:00');
    expect(runtime.snapshot().sessionDate).toBe('2025-07-02');
  });

  it('Cancel stops it: nothing is made and the running session is as it was', async () => {
    const { runtime, api } = engine();
    await api.start();
    api.step(390);
    const cursors = runtime.exporter.cursorFingerprint();
    let cancelledAt = -1;
    const result = await api.saveDemo({}, (p) => {
      if (cancelledAt < 0 && p.stepsDone > 0) {
        cancelledAt = p.stepsDone;
        api.cancelDemo();
      }
    });
    expect(result).toEqual({ ok: false, error: 'system save-demo: cancelled; no demo was written' });
    expect(cancelledAt).toBeGreaterThan(0);
    expect(runtime.exporter.cursorFingerprint()).toBe(cursors);
    // The next demo runs (the one being made was let go) and takes the default name, never used.
    expect(value(await api.saveDemo({ every: 30 })).fileName).toBe(
      'session_tape_Example_Trading_Session_20250701_100509.html',
    );
  });

  it('Cancel while packing stops it too', async () => {
    const { api } = engine();
    await api.start();
    api.step(5);
    const phases: string[] = [];
    const result = await api.saveDemo({}, (p) => {
      phases.push(p.phase);
      if (p.phase === 'packing') api.cancelDemo();
    });
    expect(result).toEqual({ ok: false, error: 'system save-demo: cancelled; no demo was written' });
    expect(phases.at(-1)).toBe('packing');
  });

  it('makes one demo at a time', async () => {
    const { api } = engine();
    await api.start();
    api.step(30);
    const first = api.saveDemo({});
    expect(await api.saveDemo({})).toEqual({
      ok: false,
      error: 'system save-demo: a demo is already being made; wait for it or cancel it',
    });
    value(await first);
  });

  it('refuses, changing nothing, when there is nothing to replay or an option is wrong', async () => {
    const { runtime, api } = engine();
    expect(await api.saveDemo({})).toEqual({
      ok: false,
      error: 'system save-demo: no session has started, so there is nothing to replay (system start first)',
    });
    await api.start();
    expect(await api.saveDemo({})).toEqual({
      ok: false,
      error:
        'system save-demo: the session is still at its first minute (2025-07-01 09:30:00), so there is nothing to replay yet; let it run or advance it first',
    });
    api.step(3);
    const cursors = runtime.exporter.cursorFingerprint();
    expect(await api.saveDemo({ every: 391 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^system save-demo: every=391 is not accepted \(expected a whole number of market minutes from 1 to 390/,
      ),
    });
    expect(await api.saveDemo({ exclude: ['ticks', 'bogus\u001b'] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^system save-demo: exclude=bogus\\u001b is not a stream or section of this session \(accepted: 1m, /,
      ),
    });
    expect(await api.saveDemo({ fileName: 'demo.json' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^system save-demo: file name "demo.json" is not accepted: a demo is an .html page, not ".json" \(expected/,
      ),
    });
    expect(await api.saveDemo({ fileName: 'nul' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is not accepted: "nul" is a device name on Windows/),
    });
    expect(value(await api.saveDemo({ fileName: 'mine', every: 2 })).fileName).toBe('mine.html');
    expect(runtime.exporter.cursorFingerprint()).toBe(cursors);
    expect(runtime.snapshot().sessionMinute).toBe(3);
  });

  it('refuses a player page without exactly one tape element, before replaying anything', async () => {
    for (const [page, why] of [
      ['<html></html>', `holds no tape element (${DEMO_TAPE_SLOT}); expected exactly one`],
      [`${PAGE}${PAGE}`, 'holds its tape element more than once (expected exactly one)'],
    ] as const) {
      const { api } = engine(page);
      await api.start();
      api.step(2);
      const steps: DemoProgress[] = [];
      expect(await api.saveDemo({}, (p) => steps.push(p))).toEqual({
        ok: false,
        error: `system save-demo: the demo player's page ${why}; no demo was written`,
      });
      expect(steps).toEqual([]);
    }
    const broken = createEngineApi(createRuntime({ realtime: false }), createRuntime, {
      demoPlayer: () => Promise.reject(new Error('no\nbuild')),
    });
    await broken.start();
    broken.step(2);
    expect(await broken.saveDemo({})).toEqual({
      ok: false,
      error: "system save-demo: the demo player's page could not be loaded (no build); no demo was written",
    });
  });

  it('stops a demo whose exports would outgrow what the player reads, writing nothing', async () => {
    const { runtime, api } = engine();
    await api.start();
    api.step(20);
    const bars = { exclude: ['ticks', 'quotes'] };
    const options = { template: async () => PAGE, now: () => NOW };
    // Twenty minutes of the built-in session: about 0.75 MB of bars and 1.2 MB with ticks and quotes.
    const limited = { ...options, maxTapeBytes: 1_000_000 };
    expect(value(await makeDemo(runtime.backtest, bars, limited)).summary.steps).toBe(21);
    expect(await makeDemo(runtime.backtest, {}, limited)).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^system save-demo: the demo would hold more than 1,000,000 bytes, more than the player reads \(reached at 2025-07-01T09:\d\d:00\); take a larger every=, or leave out more \(exclude=historical or exclude=ticks,quotes\); no demo was written$/,
      ),
    });
  });

  it('answers the console with a line and the demo to download', async () => {
    const { api } = engine();
    await api.start();
    api.step(10);
    const reply = await api.runCommand('system save-demo every=5 exclude=ticks,quotes console-demo');
    expect(reply).toMatchObject({
      ok: true,
      message: expect.stringMatching(
        /^demo made: console-demo\.html \(\d+ KB, 3 steps over 1 trading day\)$/,
      ),
    });
    expect(reply.demo?.fileName).toBe('console-demo.html');
    expect(times(await tapeOf(reply.demo as DemoPayload))).toEqual(['09:30', '09:35', '09:40']);
    expect(await api.runCommand('system save-demo every=0')).toEqual({
      ok: false,
      message: expect.stringMatching(/^system save-demo: every=0 is not accepted/),
    });
  });
});
