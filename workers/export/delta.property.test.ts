// Invariant 8 of the contract under random interleavings: appends (advances, across sessions), complete
// and delta exports by several consumers, exclusions, failed exports, since= re-requests and resets.
// Every export is parsed from its bytes and applied the way a consumer would, indicators included: their
// series rows appended, their value, last_updated and valid replaced (section 9.1).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Backtest } from '../engine/backtest';
import {
  addEquity,
  addOrder,
  addSignal,
  applyExport,
  at,
  backtestOf,
  configJson,
  feedIndicators,
  type HandIndicator,
  handAnalysis,
  type Json,
  type Mirror,
  parsed,
  setAccount,
  setPosition,
} from './export.test-support';
import { Exporter } from './exporter';

const CONSUMERS = ['ui', 'files', 'script'] as const;

const json = configJson((c) => {
  // Indicators fed by hand: none of the built-in session's.
  delete c.session_data_config.indicators;
  // Two quiet symbols (about 12 trades a minute) keep a thousand runs fast.
  c.session_data_config.symbols = ['GH', 'IBM'];
  // The built-in strategy trades RIVN, which this session leaves out.
  delete c.session_data_config.strategies;
  c.session_data_config.streams = ['1m', '5m', 'ticks', 'quotes'];
  c.session_data_config.historical = {
    enabled: true,
    data: [
      { interval: '1m', trailing_days: 1 },
      { interval: '1d', trailing_days: 2 },
    ],
  };
});

// One indicator of the base interval warmed up on the 1m history, one of the derived interval with a
// warm-up of its own (valid from its second bar) and three outputs.
const INDICATORS: HandIndicator[] = [
  { name: 'sma', period: 3, interval: '1m' },
  { name: 'donchian', period: 20, interval: '5m' },
];

type Step =
  | { kind: 'advance'; minutes: number }
  | {
      kind: 'export';
      consumer: number;
      complete: boolean;
      exclude: string[];
      /** `symbols=`: only these symbols' rows (null: every symbol). */
      symbols: string[] | null;
      fail: number | null;
      since: number | null;
    }
  | { kind: 'reset'; consumer: number }
  /** Analysis rows appended by hand: a signal, an order or an equity sample, and the whole parts changed. */
  | { kind: 'analysis'; strategy: number; row: 'signal' | 'order' | 'equity'; n: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 6 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      minutes: fc.integer({ min: 380, max: 400 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('export' as const),
      consumer: fc.integer({ min: 0, max: 2 }),
      complete: fc.boolean(),
      exclude: fc.subarray(['ticks', 'quotes', '5m', 'historical', 'threads', 'indicators', 'analysis']),
      symbols: fc.option(fc.subarray(['GH', 'IBM']), { freq: 2 }),
      // Fails at the first or the second symbol (each symbol is a cancellation checkpoint).
      fail: fc.option(fc.integer({ min: 0, max: 1 }), { freq: 5 }),
      since: fc.option(fc.integer({ min: 0, max: 5 }), { freq: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('reset' as const), consumer: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('analysis' as const),
      strategy: fc.integer({ min: 0, max: 1 }),
      row: fc.constantFrom('signal' as const, 'order' as const, 'equity' as const),
      n: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

const STRATEGIES = ['strategies.examples.simple_ma_cross', 'rsi_strategy'] as const;

/** Appends `n` rows of one kind to the hand-filled analysis store, and moves its whole parts. */
function appendAnalysis(backtest: Backtest, s: Extract<Step, { kind: 'analysis' }>): void {
  const store = backtest.analysis;
  const module = STRATEGIES[s.strategy] as string;
  const time = backtest.marketTimeMs ?? Date.UTC(2025, 6, 1, 13, 30);
  for (let i = 0; i < s.n; i++) {
    const k = store.version;
    if (s.row === 'signal')
      addSignal(store, module, {
        time,
        symbol: 'GH',
        interval: '5m',
        action: k % 2 ? 'SELL' : 'BUY',
        quantity: 10,
        price: 20 + k / 7,
        reason: `signal ${k} "quoted"`,
      });
    else if (s.row === 'order')
      addOrder(store, module, {
        time,
        symbol: 'IBM',
        side: 'BUY',
        quantity: 5,
        status: k % 3 ? 'filled' : 'refused',
        price: k % 3 ? 100 + k / 3 : null,
        commission: 0.005 * k,
        realizedPnl: k % 3 ? k / 9 : null,
        signalTime: time,
        reason: `order ${k}`,
      });
    else addEquity(store, time, [100_000 - k / 3, 100_000 + k / 7, k / 11, k / 13]);
  }
  setPosition(store, 'IBM', { quantity: store.version, avgPrice: 100 + store.version / 3, lastPrice: 101 });
  setAccount(store, { cash: 100_000 - store.version / 3, trades: store.version });
}

interface ConsumerModel {
  sequence: number;
  sessionId: number;
  /** Mirror after each export of the current session, by sequence. */
  mirrors: Map<number, Mirror>;
  /** Whether that mirror's chain starts at a complete export (then it holds history too). */
  fromComplete: Map<number, boolean>;
}

/** The indicators as the engine runs them for a configuration that names them (section 9). */
const configured = configJson((c) => {
  Object.assign(c.session_data_config, json.session_data_config);
  delete c.session_data_config.strategies;
  c.session_data_config.indicators = {
    session: [
      { name: 'sma', period: 3, interval: '1m' },
      { name: 'sma', period: 2, interval: '5m' },
      // Not streamed: bars built for the indicator alone.
      { name: 'sma', period: 2, interval: '15m' },
    ],
    historical: [{ name: 'avg_volume', period: 2, unit: 'days' }],
  };
});

/** A session with its indicators: fed by hand after each advance, or by the engine from the configuration. */
interface Setup {
  config: Json;
  feed: (backtest: Backtest) => void;
  indicatorsPerSymbol: number;
  /** Analysis rows appended by hand at random (`analysis` steps), or only those the engine's strategies make. */
  handAnalysis: boolean;
}

const HAND_FED: Setup = {
  config: json,
  feed: (backtest) => feedIndicators(backtest, INDICATORS),
  indicatorsPerSymbol: INDICATORS.length,
  handAnalysis: true,
};
const ENGINE_RUN: Setup = {
  config: configured,
  feed: () => {},
  indicatorsPerSymbol: 3,
  handAnalysis: true,
};

/** A strategy the engine runs (section 10): a fast MA cross on 1m bars trades often in a few minutes. */
const strategyConfig = configJson((c) => {
  Object.assign(c.session_data_config, json.session_data_config);
  c.session_data_config.indicators = { session: [{ name: 'sma', period: 2, interval: '1m' }] };
  c.session_data_config.strategies = [
    {
      module: 'strategies.examples.simple_ma_cross',
      enabled: true,
      config: { interval: '1m', fast_period: 2, slow_period: 3, min_quality: 0, quantity: 10 },
    },
  ];
  c.trading_config = { max_buying_power: 100_000, commission_per_share: 0.01 };
});
const ENGINE_STRATEGY: Setup = {
  config: strategyConfig,
  feed: () => {},
  indicatorsPerSymbol: 1,
  handAnalysis: false,
};

function run(steps: Step[], setup: Setup): void {
  const backtest = backtestOf(setup.config);
  backtest.start();
  // A run-long analysis store with two strategies (one disabled), its rows appended by hand at random.
  handAnalysis(
    backtest,
    [
      { module: STRATEGIES[0], config: { interval: '5m' } },
      { module: STRATEGIES[1], enabled: false },
    ],
    ['GH', 'IBM'],
  );
  setup.feed(backtest);
  const exporter = new Exporter(backtest, () => Date.UTC(2025, 6, 1, 18, 0, 0));
  const models = CONSUMERS.map(
    (): ConsumerModel => ({ sequence: 0, sessionId: 0, mirrors: new Map(), fromComplete: new Map() }),
  );

  const take = (
    c: number,
    complete: boolean,
    exclude: string[],
    since: number | null,
    symbols: string[] | null = null,
  ) => {
    const model = models[c] as ConsumerModel;
    const request = {
      complete,
      consumer: CONSUMERS[c] as string,
      exclude,
      ...(since === null ? {} : { since }),
      ...(symbols === null ? {} : { symbols }),
    };
    const result = exporter.export(request);
    if (!result.ok) {
      // A since= that this consumer never made in this session, or since= on a complete export.
      const sameSession = model.sessionId === backtest.session?.sessionId;
      expect(since !== null && (complete || !sameSession || !model.mirrors.has(since))).toBe(true);
      return;
    }
    const doc = parsed(result);
    const meta = doc._metadata as Json;
    expect(meta.sequence).toBe(model.sequence + 1);
    // Only the symbols asked for are written, and `_metadata.symbols` names them in the session's order.
    const written = Object.keys(at(doc, 'session_data.symbols') as Json);
    if (symbols === null) expect(meta.symbols).toBeUndefined();
    else {
      expect(meta.symbols).toEqual(['GH', 'IBM'].filter((s) => symbols.includes(s)));
      expect(written).toEqual(meta.symbols);
    }
    model.sequence = meta.sequence as number;
    if (meta.session_id !== model.sessionId) {
      model.sessionId = meta.session_id as number;
      model.mirrors.clear();
      model.fromComplete.clear();
    }
    const previous = meta.previous_sequence as number | null;
    if (since !== null) expect(previous).toBe(since);
    const base = previous === null ? null : (model.mirrors.get(previous) ?? null);
    if (previous !== null) expect(base).not.toBeNull();
    const mirror = applyExport(base, doc); // throws on a duplicated or skipped row
    model.mirrors.set(model.sequence, mirror);
    model.fromComplete.set(
      model.sequence,
      complete
        ? // historical.indicators is left out with either exclusion, and a symbol not asked for is all out.
          !exclude.includes('historical') &&
            !exclude.includes('indicators') &&
            (symbols === null || symbols.length === 2)
        : previous !== null && (model.fromComplete.get(previous) ?? false),
    );
  };

  for (const s of steps) {
    if (s.kind === 'advance') {
      if (!backtest.finished) backtest.advance(s.minutes);
      setup.feed(backtest);
    } else if (s.kind === 'analysis') {
      if (setup.handAnalysis) appendAnalysis(backtest, s);
    } else if (s.kind === 'reset') {
      exporter.resetIndices(CONSUMERS[s.consumer]);
    } else if (s.fail !== null) {
      let checks = 0;
      const failAfter = s.fail;
      const signal = {
        get aborted() {
          return checks++ >= failAfter;
        },
      };
      const before = (models[s.consumer] as ConsumerModel).sequence;
      const result = exporter.export({
        complete: s.complete,
        consumer: CONSUMERS[s.consumer] as string,
        signal,
      });
      expect(result.ok).toBe(false);
      expect((models[s.consumer] as ConsumerModel).sequence).toBe(before);
    } else {
      const model = models[s.consumer] as ConsumerModel;
      const since = s.since === null ? null : model.sequence - s.since;
      take(s.consumer, s.complete, s.exclude, since !== null && since < 1 ? null : since, s.symbols);
    }
  }

  // Each consumer takes one last full delta; its mirror must equal a complete export taken at the end.
  const end = applyExport(null, parsed(exporter.export({ complete: true, consumer: 'end-check' })));
  // Every symbol has its indicators at the end, so the comparisons below cover them.
  if (backtest.session)
    expect(end.indicators.size).toBe(setup.indicatorsPerSymbol * backtest.session.symbols.size);
  CONSUMERS.forEach((_, c) => {
    take(c, false, [], null);
    const model = models[c] as ConsumerModel;
    const mirror = model.mirrors.get(model.sequence) as Mirror;
    // Compared as canonical text: deep equality of tens of thousands of rows is slow in the matcher.
    const text = (m: Map<string, unknown>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(text(mirror.streams)).toBe(text(end.streams));
    expect(text(mirror.metrics)).toBe(text(end.metrics));
    expect(text(mirror.series)).toBe(text(end.series));
    expect(text(mirror.indicators)).toBe(text(end.indicators));
    expect(text(mirror.analysisRows)).toBe(text(end.analysisRows));
    expect(text(mirror.analysisWhole)).toBe(text(end.analysisWhole));
    // Enabled and config come with complete exports only: a chain that starts with one holds them.
    if (mirror.strategyHeads.size > 0) expect(text(mirror.strategyHeads)).toBe(text(end.strategyHeads));
    if (model.fromComplete.get(model.sequence)) expect(text(mirror.historical)).toBe(text(end.historical));
  });
}

describe('delta exports (property)', () => {
  it('rebuild exactly the final complete export for every consumer, never sending a row twice or skipping one', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => run(steps, HAND_FED)),
      { numRuns: 1000 },
    );
  }, 600_000);

  it('do so with the indicators the engine runs for a configuration that names them', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => run(steps, ENGINE_RUN)),
      { numRuns: 200 },
    );
  }, 600_000);

  it('do so with the signals, orders and equity samples of a strategy the engine runs', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => run(steps, ENGINE_STRATEGY)),
      { numRuns: 150 },
    );
  }, 600_000);
});
