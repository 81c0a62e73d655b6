// The live feed end to end, with no page in between: the engine API and the mirror API joined by the two
// ends of a MessageChannel, as the page joins the two workers. Only the engine is driven; the mirror must
// follow it by itself, and its updates (on a second channel, the page's) say what changed.
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedMessage, SymbolBoard } from '../export/contract';
import type { LiveUpdate } from '../mirror/live-link';
import { overviewIn } from '../mirror/live-link.test-support';
import { createMirrorApi, type SymbolRow } from '../mirror/mirror-api';
import { createEngineApi } from './engine-api';
import { EngineHost } from './engine-host';
import { createExportQueue } from './export-verbs';
import { createLiveFeed, FEED_INTERVAL_MS } from './live-feed';
import { createRuntime } from './runtime';

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function joined() {
  const runtime = createRuntime({ realtime: false });
  const engine = createEngineApi(runtime);
  const mirror = createMirrorApi();
  const feed = new MessageChannel();
  const told = new MessageChannel();
  ports.push(feed.port1, feed.port2, told.port1, told.port2);
  const updates: LiveUpdate[] = [];
  let waiting: { count: number; resolve: () => void } | null = null;
  told.port1.onmessage = (event: MessageEvent<LiveUpdate>) => {
    updates.push(event.data);
    if (waiting && updates.length >= waiting.count) waiting.resolve();
  };
  mirror.connectLive(feed.port2, told.port2);
  engine.connectMirror(feed.port1);
  /** Resolves once the mirror has told the page `count` updates in all. */
  const told_ = (count: number) =>
    new Promise<void>((resolve, reject) => {
      if (updates.length >= count) return resolve();
      const timer = setTimeout(() => reject(new Error(`only ${JSON.stringify(updates)}`)), 5_000);
      waiting = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  return { runtime, engine, mirror, updates, told: told_ };
}

const kinds = (updates: LiveUpdate[]) => updates.map((u) => u.kind);

describe('the live feed', () => {
  it('sends nothing before the session starts, then a complete export, then a delta per change', async () => {
    const { engine, mirror, updates, told } = joined();
    expect((await engine.start()).ok).toBe(true);
    await told(2);
    // Nothing came before the start: the first export the mirror got is `ui`'s first, complete.
    expect(updates).toMatchObject([{ kind: 'syncing' }, { kind: 'complete', sequence: 1 }]);
    expect(overviewIn(mirror, 'live')).toMatchObject({
      synced: true,
      sequence: 1,
      sessionDate: '2025-07-01',
    });

    // The page makes no call at all: the engine moves, and the mirror receives the delta by itself.
    engine.step(2);
    await told(3);
    expect(updates[2]).toMatchObject({ kind: 'delta', sequence: 2 });
    const rivn = overviewIn(mirror, 'live').symbols.find((s) => s.symbol === 'RIVN');
    expect(rivn?.rows['1m']).toBe(2);
    const series = mirror.view({ source: 'live', symbol: 'RIVN', interval: '1m', shown: null }).series;
    expect(series?.total).toBe((series?.historyCount ?? 0) + 2);
  });

  it('makes its exports as consumer ui, left out of the user file names and performance_metrics', async () => {
    const { engine, told } = joined();
    await engine.start();
    await told(2);
    engine.step(1);
    await told(3);
    const user = await engine.exportStatus({ complete: false });
    if (!user.ok) throw new Error(user.error);
    expect(user.value.fileName).toMatch(/^system_status_Example_Trading_Session_delta_\d{8}_\d{6}\.json$/);
    expect(user.value.metadata).toMatchObject({ consumer: 'default', sequence: 1 });
    const json = JSON.parse(new TextDecoder().decode(Buffer.concat(user.value.parts)));
    // The live feed's two exports are not counted: only the user's exports are described.
    expect(json.performance_metrics.counters.exports_made).toBe(0);
  });

  it('carries each export the user counts at once, while the session stands still (issue 17)', async () => {
    const { engine, mirror, updates, told } = joined();
    await engine.start();
    await told(2);
    engine.pause();
    await told(3);
    const lastDelta = () =>
      (overviewIn(mirror, 'live').sections.performance_metrics as Record<string, unknown>)?.last_delta_export;
    expect(lastDelta()).toBeNull();
    // Two delta exports of the user's, the session paused in between: each is in the mirror as soon as it
    // counts, not one export behind (the system panel showed the one before until the session moved).
    for (let n = 1; n <= 2; n++) {
      const made = await engine.exportStatus({ complete: false });
      if (!made.ok) throw new Error(made.error);
      expect(engine.confirmExport(made.value.receipt).ok).toBe(true);
      await told(3 + n);
      expect(updates.at(-1)).toMatchObject({ kind: 'delta' });
      expect(lastDelta()).toMatchObject({ bytes: made.value.bytes, rows: made.value.rows });
      expect(engine.snapshot().state).toBe('PAUSED');
    }
  }, 10_000);

  it('resyncs with a complete export after another export of ui, and sends a new session complete', async () => {
    const { engine, mirror, updates, told } = joined();
    await engine.start();
    await told(2);
    // An export of `ui` taken elsewhere (the console, say) moves the cursor the mirror follows.
    const taken = await engine.runCommand('system export-status complete=false consumer=ui');
    expect(engine.confirmExport(taken.export?.receipt ?? 0).ok).toBe(true);
    engine.step(1);
    await told(5);
    expect(kinds(updates.slice(2))).toEqual(['resyncing', 'syncing', 'complete']);
    expect(updates[4]).toMatchObject({ resyncReason: expect.stringMatching(/^export #3 follows #2/) });
    expect(overviewIn(mirror, 'live').sequence).toBe(4);

    // To the close, then one minute past it: a new trading day, a new session.
    const at = engine.snapshot();
    engine.step(at.sessionMinutes - at.sessionMinute);
    await told(6);
    expect(updates[5]).toMatchObject({ kind: 'delta' });
    const before = updates.length;
    engine.step(1);
    await told(before + 2);
    // No delta the mirror would have to refuse first: the engine knows the session changed.
    expect(updates.slice(before)).toMatchObject([
      { kind: 'syncing' },
      { kind: 'complete', sessionDate: '2025-07-02', resyncReason: 'new-session' },
    ]);
  });

  it('tells the mirror to drop the session when a new configuration is applied', async () => {
    const { engine, mirror, updates, told } = joined();
    await engine.start();
    await told(2);
    engine.stop();
    await told(3);
    const config = engine.configuration();
    expect(engine.applyConfig(config.text).ok).toBe(true);
    await told(4);
    expect(updates.at(-1)).toEqual({ kind: 'reset' });
    expect(overviewIn(mirror, 'live')).toMatchObject({ synced: false, symbols: [] });
    await engine.start();
    await told(6);
    expect(updates.at(-1)).toMatchObject({ kind: 'complete', sequence: 1 });
  });

  it('starts over with a complete export on a new connection (a restarted mirror)', async () => {
    const { engine, told } = joined();
    await engine.start();
    await told(2);
    const mirror = createMirrorApi();
    const feed = new MessageChannel();
    const page = new MessageChannel();
    ports.push(feed.port1, feed.port2, page.port1, page.port2);
    const seen: LiveUpdate[] = [];
    const complete = new Promise<void>((resolve) => {
      page.port1.onmessage = (event: MessageEvent<LiveUpdate>) => {
        seen.push(event.data);
        if (event.data.kind === 'complete') resolve();
      };
    });
    mirror.connectLive(feed.port2, page.port2);
    engine.connectMirror(feed.port1);
    await complete;
    expect(kinds(seen)).toEqual(['syncing', 'complete']);
    expect(overviewIn(mirror, 'live')).toMatchObject({ synced: true, sessionDate: '2025-07-01' });
  });

  it('folds the changes of one feed interval into one export', async () => {
    const { runtime, feed, taken, answer, timers, clock } = feedAlone();
    feed.connect(answer.port);
    runtime.start();
    await answer.next();
    clock.now = 50;
    for (let i = 0; i < 5; i++) runtime.step(1);
    // Five changes within the interval: nothing yet, but a timer for the rest of it.
    await until(() => timers.length === 1);
    expect(taken.map((t) => t.complete)).toEqual([true]);
    clock.now = FEED_INTERVAL_MS;
    timers.shift()?.();
    await answer.next();
    expect(taken.map((t) => t.complete)).toEqual([true, false]);
    expect(taken[1]?.doc?.session_data.symbols.RIVN?.session.data['1m']?.count).toBe(5);
  });

  it('sends a complete export at the next change after refused bytes, and after a failed export', async () => {
    const { runtime, feed, taken, answer, failNext, clock } = feedAlone();
    // Each change comes a feed interval after the last, so none waits for a timer.
    const step = () => {
      clock.now += FEED_INTERVAL_MS;
      runtime.step(1);
    };
    feed.connect(answer.port);
    runtime.start();
    await answer.next();
    step();
    await answer.next({ kind: 'refused', reason: 'bad bytes' });
    // Nothing more until the session changes again: then a complete export.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(taken.map((t) => t.complete)).toEqual([true, false]);
    step();
    await answer.next();
    expect(taken.map((t) => t.complete)).toEqual([true, false, true]);
    // An export the engine could not make is said to the mirror; a complete one follows the next change.
    failNext('disk on fire');
    step();
    expect(await answer.message()).toEqual({ kind: 'failed', reason: 'disk on fire' });
    step();
    await answer.next();
    expect(taken.at(-1)?.complete).toBe(true);
  });

  it('drops an export taken for an old connection, and starts the new one complete', async () => {
    const { runtime, feed, taken, answer, holdNext, clock } = feedAlone();
    feed.connect(answer.port);
    runtime.start();
    await answer.next();
    const release = holdNext();
    clock.now += FEED_INTERVAL_MS;
    runtime.step(1);
    await until(() => taken.length === 2);
    // A restarted mirror joins while the delta is being made: that delta never reaches anyone.
    const fresh = mirrorStandIn();
    feed.connect(fresh.port);
    release();
    const first = (await fresh.message()) as { kind: string; mode: string };
    expect(first).toMatchObject({ kind: 'export', mode: 'complete' });
    expect(answer.received()).toBe(1);
  });
});

describe('the symbols the page shows', () => {
  /** The next export message the stand-in mirror gets, answered. */
  const nextExport = async (answer: ReturnType<typeof mirrorStandIn>) =>
    (await answer.next()) as Extract<FeedMessage, { kind: 'export' }>;

  it("carries rows only for the session's first symbol until the page says, and every symbol's figures", async () => {
    const { runtime, feed, taken, answer, clock } = feedAlone();
    feed.connect(answer.port);
    runtime.start();
    const first = await nextExport(answer);
    expect(first.mode).toBe('complete');
    expect(Object.keys(taken[0]?.doc?.session_data.symbols ?? {})).toEqual(['RIVN']);
    clock.now += FEED_INTERVAL_MS;
    runtime.step(3);
    const delta = await nextExport(answer);
    expect(delta.mode).toBe('delta');
    expect(Object.keys(taken[1]?.doc?.session_data.symbols ?? {})).toEqual(['RIVN']);
    // The board has every symbol, as the session's stores have them when the export was taken.
    const session = runtime.backtest.session;
    if (!session) throw new Error('no session');
    expect(delta.board.symbols).toEqual(['RIVN', 'AAPL', 'TSLA']);
    const aapl = session.symbols.get('AAPL');
    expect(delta.board.volume[1]).toBe(aapl?.metrics.volume);
    expect(delta.board.high[1]).toBe(aapl?.metrics.high);
    expect(delta.board.low[1]).toBe(aapl?.metrics.low);
    expect(delta.board.quality[1]).toBe(aapl?.metrics.quality);
    expect(delta.board.lastPrice[1]).toBe(aapl?.ticks?.price[(aapl?.ticks?.length ?? 0) - 1]);
    expect(delta.board.volume[1]).toBeGreaterThan(0);
  });

  it('sends the new symbols complete at once, without waiting for the feed period', async () => {
    const { runtime, feed, taken, answer, timers, clock } = feedAlone();
    feed.connect(answer.port);
    runtime.start();
    await nextExport(answer);
    // A change within the period: the feed waits for its timer...
    clock.now = 10;
    runtime.step(1);
    await until(() => timers.length === 1);
    // ...but the page switching symbol does not wait for it.
    expect(feed.show(['TSLA', 'AAPL'])).toEqual({ ok: true, value: undefined });
    const switched = await nextExport(answer);
    expect(switched.mode).toBe('complete');
    expect(taken.at(-1)?.symbols).toEqual(['AAPL', 'TSLA']);
    expect(Object.keys(taken.at(-1)?.doc?.session_data.symbols ?? {})).toEqual(['AAPL', 'TSLA']);
    expect(feed.shown()).toEqual(['AAPL', 'TSLA']);
    // The timer then finds nothing new to send.
    timers.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(taken).toHaveLength(2);
    // The same symbols again: nothing to send.
    expect(feed.show(['AAPL', 'TSLA']).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(taken).toHaveLength(2);
  });

  it('refuses a name the session does not have in one line, and changes nothing', async () => {
    const { runtime, feed, taken, answer } = feedAlone();
    feed.connect(answer.port);
    runtime.start();
    await nextExport(answer);
    expect(feed.show(['AAPL', 'MSFT'])).toEqual({
      ok: false,
      error: 'show symbols: MSFT is not a symbol of this session (accepted: RIVN, AAPL, TSLA)',
    });
    expect(feed.show('AAPL' as unknown as string[])).toEqual({
      ok: false,
      error: 'show symbols: expected a list of the session\'s symbols, e.g. ["RIVN"]',
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(taken).toHaveLength(1);
    expect(feed.shown()).toEqual(['RIVN']);
  });

  it("switches the mirror to the symbols shown: it drops the others' rows and keeps their figures", async () => {
    const { runtime, engine, mirror, updates, told } = joined();
    await engine.start();
    await told(2);
    engine.step(2);
    await told(3);
    const row = (symbol: string) =>
      overviewIn(mirror, 'live').symbols.find((s) => s.symbol === symbol) as SymbolRow;
    expect(row('RIVN')).toMatchObject({ held: true, rows: { '1m': 2 } });
    expect(row('TSLA')).toMatchObject({ held: false, rows: {} });
    expect(row('TSLA').intervals).toEqual(row('RIVN').intervals);

    expect(await engine.showSymbols(['TSLA'])).toEqual({ ok: true, value: undefined });
    await told(5);
    expect(updates.slice(3)).toMatchObject([{ kind: 'syncing' }, { kind: 'complete' }]);
    expect(row('TSLA')).toMatchObject({ held: true, rows: { '1m': 2 } });
    expect(row('RIVN')).toMatchObject({ held: false, rows: {} });
    // The mirror holds TSLA's rows (history included) and nothing of RIVN's.
    const tsla = mirror.view({ source: 'live', symbol: 'TSLA', interval: '1m', shown: null });
    expect(tsla.series?.total).toBe((tsla.series?.historyCount ?? 0) + 2);
    expect(mirror.view({ source: 'live', symbol: 'RIVN', interval: '1m', shown: null }).series).toBeNull();
    // Every symbol's figures are the session's own, shown or not.
    const session = runtime.backtest.session;
    for (const symbol of ['RIVN', 'AAPL', 'TSLA']) {
      const metrics = session?.symbols.get(symbol)?.metrics;
      expect(row(symbol)).toMatchObject({ volume: metrics?.volume, high: metrics?.high, low: metrics?.low });
      // The last trade's price (the session streams ticks).
      const ticks = session?.symbols.get(symbol)?.ticks;
      expect(ticks?.length).toBeGreaterThan(0);
      expect(row(symbol).lastPrice).toBe(ticks?.price[(ticks?.length ?? 0) - 1]);
    }
    expect((await engine.showSymbols(['NOPE'])).ok).toBe(false);
    expect(engine.shownSymbols()).toEqual(['TSLA']);
  });

  it('keeps showing what the page showed across a new configuration', async () => {
    const { engine, mirror, told } = joined();
    await engine.start();
    await told(2);
    await engine.showSymbols(['AAPL']);
    await told(4);
    engine.stop();
    await told(5);
    expect(engine.applyConfig(engine.configuration().text).ok).toBe(true);
    await told(6);
    await engine.start();
    await told(8);
    const held = overviewIn(mirror, 'live')
      .symbols.filter((s) => s.held)
      .map((s) => s.symbol);
    expect(held).toEqual(['AAPL']);
  });
});

/** The test as the mirror: it answers each export itself. */
function mirrorStandIn() {
  const channel = new MessageChannel();
  ports.push(channel.port1, channel.port2);
  const inbox: unknown[] = [];
  let received = 0;
  let wake: (() => void) | null = null;
  channel.port2.onmessage = (event: MessageEvent) => {
    received++;
    inbox.push(event.data);
    wake?.();
  };
  const message = async (): Promise<unknown> => {
    while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift();
  };
  return {
    port: channel.port1,
    message,
    received: () => received,
    /** Waits for the next export and answers it (`applied` unless told otherwise). */
    async next(reply: { kind: string; reason?: string } = { kind: 'applied' }): Promise<unknown> {
      const got = await message();
      channel.port2.postMessage(reply);
      return got;
    },
  };
}

interface Taken {
  complete: boolean;
  symbols?: readonly string[] | undefined;
  board?: SymbolBoard;
  doc?: {
    session_data: { symbols: Record<string, { session: { data: Record<string, { count: number }> } }> };
  };
}

/** The engine's feed alone, over a real export queue, with a stepped clock and a stand-in mirror. */
function feedAlone() {
  const runtime = createRuntime({ realtime: false });
  const host = new EngineHost(runtime);
  const queue = createExportQueue(host);
  const taken: Taken[] = [];
  const timers: (() => void)[] = [];
  const clock = { now: 0 };
  let failure: string | null = null;
  let hold: Promise<void> | null = null;
  const feed = createLiveFeed(
    host,
    async (request, options) => {
      const entry: Taken = { complete: request.complete, symbols: request.symbols };
      taken.push(entry);
      if (hold) await hold;
      if (failure !== null) {
        const error = failure;
        failure = null;
        return { ok: false, error };
      }
      const result = await queue.run(request, options);
      if (result.ok) entry.doc = JSON.parse(new TextDecoder().decode(Buffer.concat(result.value.chunks)));
      return result;
    },
    { now: () => clock.now, later: (callback) => timers.push(callback) },
  );
  return {
    runtime,
    feed,
    taken,
    timers,
    clock,
    answer: mirrorStandIn(),
    failNext: (error: string) => {
      failure = error;
    },
    /** Holds the next export until the returned function is called. */
    holdNext: () => {
      let release = () => {};
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
  };
}

async function until(test: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!test()) throw new Error('timed out');
}
