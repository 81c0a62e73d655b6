// The start's history loaded by this thread and helpers together (history-preload.ts). The helpers here run
// in-process but through the same path as a thread: plain jobs in, plain series out, structured-cloned with
// their buffers transferred, answered later (a macrotask), never at once.
import { describe, expect, it } from 'vitest';
import { yieldToEvents } from '../common/yield-to-events';
import { Backtest } from '../engine/backtest';
import type { BarColumns } from '../engine/columns';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../engine/config';
import { loadHistorical } from '../engine/historical';
import { generatorSource, type MarketSource } from '../engine/market-source';
import type { HistoricalSeries } from '../engine/session-store';
import { ImportedBars } from '../import/imported-bars';
import { importedSource } from '../import/imported-source';
import { type HistoryHelper, type HistoryJob, type LoadedHistory, loadChunk } from './history-helper';
import { CHUNK_SYMBOLS, type PreloadPoint, preloadHistory } from './history-preload';

const SYMBOLS = ['AAPL', 'TSLA', 'RIVN', 'MSFT', 'NVDA', 'AMZN', 'META', 'GOOG', 'NFLX', 'AMD', 'INTC'];
const MARKET = { seed: 5, gapRate: 0.02 };
const FIRST = '2025-07-01';
const NEXT = '2025-07-02';

function backtest(symbols: string[] = SYMBOLS): Backtest {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as {
    backtest_config: Record<string, unknown>;
    session_data_config: Record<string, unknown>;
  };
  json.backtest_config = { start_date: FIRST, end_date: '2025-07-03', speed_multiplier: 60 };
  const data = json.session_data_config;
  data.symbols = symbols;
  data.historical = {
    enabled: true,
    data: [
      { interval: '1m', trailing_days: 2 },
      { interval: '5m', trailing_days: 3 },
      { interval: '1d', trailing_days: 12 },
    ],
  };
  delete data.indicators;
  delete data.strategies;
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return new Backtest(parsed.value, MARKET);
}

/** The backtest's source, counting the history days this thread generates (days before the first session). */
function countHere(b: Backtest): { days: number } {
  const count = { days: 0 };
  const base = b.source;
  b.source = {
    ...base,
    day(symbol, day, scratch) {
      if (day.date < FIRST) count.days++;
      return base.day(symbol, day, scratch);
    },
  };
  return count;
}

/** What the helper answered for each symbol, as it arrived here: the received series' minute columns. */
type Received = Map<string, ArrayBufferLike>;

/** A helper as a thread is: its jobs and answers cross as structured clones, its answer comes later. */
function helper(received: Received = new Map()): HistoryHelper & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async load(jobs) {
      asked.push(...jobs.map((job) => job.symbol));
      await new Promise((resolve) => setTimeout(resolve, 1));
      const { loaded, transfer } = loadChunk(structuredClone(jobs));
      const answer = structuredClone(loaded, { transfer });
      for (const { symbol, series } of answer)
        received.set(symbol, series[0]?.columns.time.buffer as ArrayBuffer);
      return answer;
    },
  };
}

/** A helper whose answers wait until `release()`: the test decides when they come (`answers` to await). */
function heldHelper(): { holding: HistoryHelper; release: () => void; answers: Promise<LoadedHistory[]>[] } {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const answers: Promise<LoadedHistory[]>[] = [];
  const holding: HistoryHelper = {
    load(jobs) {
      const answer = held.then(() => helper().load(jobs));
      answers.push(answer);
      return answer;
    },
  };
  return { holding, release, answers };
}

const goOnYielding = async () => {
  await yieldToEvents();
  return true;
};

/** Every byte of a series' rows: equal only if nothing was lost or copied wrongly. */
const bytesOf = ({ interval, dates, bars }: HistoricalSeries) => ({
  interval,
  dates,
  rows: (['time', 'open', 'high', 'low', 'close', 'volume'] as const).map((name) =>
    Array.from(new Uint8Array(bars[name].buffer, bars[name].byteOffset, bars.length * 8)),
  ),
});

/**
 * Each symbol's history in the session open on `date` holds exactly a plain load's bytes; on the first day
 * (loaded, not rolled) with the same room after them too.
 */
function expectPlainHistory(b: Backtest, date: string, source: MarketSource = generatorSource(MARKET)) {
  expect(b.session?.date).toBe(date);
  for (const symbol of b.config.symbols) {
    const held = [...(b.session?.symbols.get(symbol)?.historical.values() ?? [])];
    const plain = loadHistorical(symbol, date, b.config.historical, source);
    expect(held.map(bytesOf), symbol).toEqual(plain.map(bytesOf));
    if (date === FIRST)
      expect(held.map((s) => s.bars.rowCapacity)).toEqual(plain.map((s) => s.bars.rowCapacity));
  }
}

const minuteColumns = (b: Backtest, symbol: string): BarColumns | undefined =>
  b.session?.symbols.get(symbol)?.historical.get('1m')?.bars;

describe('history loaded at start with helper threads', () => {
  it('gives every symbol and interval the bytes of a plain load, and the next day rolls on the received series', async () => {
    const b = backtest();
    const here = countHere(b);
    const received: Received = new Map();
    const one = helper(received);
    expect(await preloadHistory(b, goOnYielding, () => [one])).toBe(true);
    // The helper did share the work, and start used what it sent: this thread loaded only the rest.
    expect(received.size).toBeGreaterThan(0);
    expect(received.size).toBeLessThan(SYMBOLS.length);
    const loadedHere = here.days;
    expect(b.start().ok).toBe(true);
    expect(here.days).toBe(loadedHere);
    expectPlainHistory(b, FIRST);
    for (const [symbol, buffer] of received) expect(minuteColumns(b, symbol)?.time.buffer).toBe(buffer);

    b.advance(b.sessionMinutes);
    b.advance(1);
    expectPlainHistory(b, NEXT);
    // Rolled in the room the series arrived with: still the received memory, not a copy.
    for (const [symbol, buffer] of received) expect(minuteColumns(b, symbol)?.time.buffer).toBe(buffer);
  });

  it('counts the symbols done by either thread, up to all of them, never going back', async () => {
    const b = backtest();
    const points: PreloadPoint[] = [];
    const one = helper();
    await preloadHistory(
      b,
      async (point) => {
        points.push(point);
        return goOnYielding();
      },
      () => [one],
    );
    const done = points.map((p) => p.symbolsDone);
    expect(done.at(-1)).toBe(SYMBOLS.length);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    // Part-way through a symbol (so not the last report), some count was more than the symbols this thread
    // had finished: a helper's chunk was counted as it arrived, not only in a jump to the total at the end.
    const begun: string[] = [];
    const ahead = points.some(({ current, symbolsDone }) => {
      if (!current) return false;
      if (!begun.includes(current.symbol)) begun.push(current.symbol);
      return symbolsDone > begun.length - 1;
    });
    expect(ahead).toBe(true);
  });

  it('keeps nothing when cancelled, not even what a helper answers afterwards', async () => {
    const b = backtest();
    const here = countHere(b);
    const { holding: slow, release, answers } = heldHelper();
    let calls = 0;
    expect(
      await preloadHistory(
        b,
        async () => ++calls < 5,
        () => [slow],
      ),
    ).toBe(false);
    b.clearPreloadedHistory(); // as the start does when cancelled
    release();
    expect(answers.length).toBeGreaterThan(0);
    await Promise.all(answers);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Nothing preloaded: the start generates every symbol's history itself, as a fresh backtest's does.
    const before = here.days;
    expect(b.start().ok).toBe(true);
    const fresh = backtest();
    const all = countHere(fresh);
    expect(fresh.start().ok).toBe(true);
    expect(here.days - before).toBe(all.days);
  });

  it("drops this thread's load of a symbol a helper answers meanwhile, and still counts up to all", async () => {
    // Two chunks: this thread loads the first, the helper holds its answer for the second until this
    // thread, out of work, has taken that chunk over and is part-way through its symbol.
    const symbols = SYMBOLS.slice(0, CHUNK_SYMBOLS + 1);
    const last = symbols.at(-1) as string;
    const b = backtest(symbols);
    const here = countHere(b);
    const { holding, release, answers } = heldHelper();
    const points: PreloadPoint[] = [];
    const loaded = await preloadHistory(
      b,
      async (point) => {
        points.push(point);
        if (point.current?.symbol === last && point.current.daysDone === 1) {
          release();
          await Promise.all(answers);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        return true;
      },
      () => [holding],
    );
    expect(loaded).toBe(true);
    // This thread began the last symbol and stopped after its first day: the helper's answer won.
    const began = points.filter((p) => p.current?.symbol === last);
    expect(began.map((p) => p.current?.daysDone)).toEqual([1]);
    expect(points.at(-1)).toEqual({ symbolsDone: symbols.length });
    const loadedBefore = here.days;
    expect(b.start().ok).toBe(true);
    expect(here.days).toBe(loadedBefore);
    expectPlainHistory(b, FIRST);
  });

  const broken: [string, () => HistoryHelper][] = [
    [
      'throws at once',
      () => ({
        load: () => {
          throw new Error('no');
        },
      }),
    ],
    ['rejects', () => ({ load: async () => Promise.reject(new Error('worker died')) })],
    ['never answers', () => ({ load: () => new Promise<never>(() => {}) })],
    [
      'answers for other symbols',
      () => ({
        load: async (jobs: HistoryJob[]) =>
          helper().load(jobs.map((job) => ({ ...job, symbol: job.symbol === 'TSLA' ? 'AAPL' : 'TSLA' }))),
      }),
    ],
    [
      'answers series that are not series',
      () => ({
        load: async (jobs: HistoryJob[]) =>
          (await helper().load(jobs)).map(({ symbol }) => ({
            symbol,
            series: [{ interval: '1m' }],
          })) as never,
      }),
    ],
    [
      'answers something that throws when read',
      () => ({
        load: async (jobs: HistoryJob[]) =>
          jobs.map(() => ({
            get symbol(): string {
              throw new Error('a getter that throws');
            },
          })) as never,
      }),
    ],
  ];
  for (const [what, make] of broken) {
    it(`survives a helper that ${what}, with the same result`, async () => {
      const b = backtest();
      const here = countHere(b);
      const bad = make();
      let asked = 0;
      // First in the list: it is given chunks before the good helper is.
      const counted: HistoryHelper = {
        load: (jobs) => {
          asked++;
          return bad.load(jobs);
        },
      };
      expect(await preloadHistory(b, goOnYielding, () => [counted, helper()])).toBe(true);
      expect(asked).toBeGreaterThan(0);
      // Every symbol was loaded before the start: the start itself generated no history.
      const loadedBefore = here.days;
      expect(b.start().ok).toBe(true);
      expect(here.days).toBe(loadedBefore);
      expectPlainHistory(b, FIRST);
    });
  }

  it('never sends an imported symbol to a helper, and loads its history from its own bars', async () => {
    const b = backtest();
    // Symbols of the second and third chunks, which the helper would be given were they generated.
    const names = ['MSFT', 'NFLX'];
    const imports = new Map(
      names.map((symbol) => {
        const imported = new ImportedBars(symbol);
        // A bar on each of a few history days, so the imported history differs from the generator's.
        for (const date of ['2025-06-25', '2025-06-26', '2025-06-30'])
          imported.add(date, Date.parse(`${date}T13:30:00Z`), 10, 11, 9, 10.5, 1000);
        return [symbol, imported];
      }),
    );
    const source = importedSource(generatorSource(MARKET), imports);
    b.source = source;
    const one = helper();
    expect(await preloadHistory(b, goOnYielding, () => [one])).toBe(true);
    expect(one.asked.length).toBeGreaterThan(0);
    for (const symbol of names) expect(one.asked).not.toContain(symbol);
    expect(b.start().ok).toBe(true);
    expectPlainHistory(b, FIRST, source);
  });

  // The user imports a symbol, or drops its import, while this thread is part-way through that symbol's
  // history, and meanwhile a helper's answer for other symbols is kept: the series this thread then
  // finishes were read from the source before the change, and must not be what the start uses.
  const imported = (symbol: string) => {
    const bars = new ImportedBars(symbol);
    for (const date of ['2025-06-26', '2025-06-27', '2025-06-30'])
      bars.add(date, Date.parse(`${date}T13:30:00Z`), 10, 11, 9, 10.5, 1000);
    return importedSource(generatorSource(MARKET), new Map([[symbol, bars]]));
  };
  const changes: [string, () => MarketSource, () => MarketSource][] = [
    ['an import made', () => generatorSource(MARKET), () => imported('AAPL')],
    ['an import dropped', () => imported('AAPL'), () => generatorSource(MARKET)],
  ];
  for (const [what, before, after] of changes) {
    it(`drops this thread's load of a symbol when ${what} mid-load, though a helper's answer is kept meanwhile`, async () => {
      const b = backtest();
      b.source = before();
      const { holding, release, answers } = heldHelper();
      const source = after();
      let changed = false;
      const loaded = await preloadHistory(
        b,
        async (point) => {
          // Once the helper has its chunks (asked a microtask after this thread began AAPL).
          if (!changed && answers.length > 0 && point.current?.symbol === 'AAPL') {
            changed = true;
            b.source = source;
            release();
            await Promise.all(answers);
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
          return true;
        },
        () => [holding],
      );
      expect(loaded).toBe(true);
      expect(changed).toBe(true);
      expect(answers.length).toBeGreaterThan(0);
      expect(b.start().ok).toBe(true);
      expectPlainHistory(b, FIRST, source);
    });
  }

  it('loads here a symbol whose helper answer is refused (imported meanwhile), and counts up to all', async () => {
    const b = backtest();
    const { holding, release, answers } = heldHelper();
    // NFLX is in a chunk the helper has (this thread takes the first): its job was made from the generator.
    expect(SYMBOLS.indexOf('NFLX')).toBeGreaterThanOrEqual(CHUNK_SYMBOLS);
    const source = imported('NFLX');
    const points: PreloadPoint[] = [];
    const loaded = await preloadHistory(
      b,
      async (point) => {
        points.push(point);
        if (b.source !== source && answers.length > 0) {
          b.source = source;
          release();
          await Promise.all(answers);
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
        return true;
      },
      () => [holding],
    );
    expect(loaded).toBe(true);
    expect(b.source).toBe(source);
    // The refused symbol was loaded by this thread, and the count reached every symbol.
    expect(points.some((p) => p.current?.symbol === 'NFLX')).toBe(true);
    expect(points.at(-1)).toEqual({ symbolsDone: SYMBOLS.length });
    expect(b.start().ok).toBe(true);
    expectPlainHistory(b, FIRST, source);
  });

  it('loads everything here when the helpers cannot be had', async () => {
    const b = backtest();
    const here = countHere(b);
    const noThreads = () => {
      throw new Error('SecurityError: the worker could not be made');
    };
    expect(await preloadHistory(b, goOnYielding, noThreads)).toBe(true);
    const loadedBefore = here.days;
    expect(b.start().ok).toBe(true);
    expect(here.days).toBe(loadedBefore);
    expectPlainHistory(b, FIRST);
  });

  it('starts helpers only when there is more than one chunk to share', async () => {
    for (const [symbols, starts] of [
      [CHUNK_SYMBOLS, 0],
      [CHUNK_SYMBOLS + 1, 1],
    ] as const) {
      let asked = 0;
      await preloadHistory(backtest(SYMBOLS.slice(0, symbols)), goOnYielding, () => {
        asked++;
        return [helper()];
      });
      expect(asked, `${symbols} symbols`).toBe(starts);
    }
  });
});
