import { describe, expect, it } from 'vitest';
import { parseSessionConfig, type SessionConfig } from './config';
import original from './fixtures/original-config.json';

// biome-ignore lint/suspicious/noExplicitAny: tests edit the configuration freely
type Json = Record<string, any>;

const MA = 'strategies.examples.simple_ma_cross';

function withStrategies(strategies: unknown, trading?: unknown): Json {
  const config = structuredClone(original) as Json;
  delete config.strategies;
  delete config.trading_config;
  delete config.session_data_config.strategies;
  delete config.session_data_config.trading_config;
  config.session_data_config.symbols = ['RIVN', 'AAPL'];
  if (strategies !== undefined) config.session_data_config.strategies = strategies;
  if (trading !== undefined) config.session_data_config.trading_config = trading;
  return config;
}

function ok(config: unknown): SessionConfig {
  const result = parseSessionConfig(config);
  if (!result.ok) throw new Error(`expected a valid config, got: ${result.error}`);
  return result.value;
}

function error(config: unknown): string {
  const result = parseSessionConfig(config);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.error;
}

describe('session_data_config.strategies', () => {
  it('fills every default of simple_ma_cross, in the module parameter order, and names its indicators', () => {
    const config = ok(withStrategies([{ module: MA }]));
    expect(config.strategies).toHaveLength(1);
    const [entry] = config.strategies;
    expect(entry?.enabled).toBe(true);
    expect(entry?.config).toEqual({
      symbols: ['RIVN', 'AAPL'],
      interval: '5m',
      fast_period: 10,
      slow_period: 20,
      min_quality: 95,
      quantity: 100,
      allow_short: false,
    });
    expect(Object.keys(entry?.config ?? {})).toEqual([
      'symbols',
      'interval',
      'fast_period',
      'slow_period',
      'min_quality',
      'quantity',
      'allow_short',
    ]);
    expect(entry?.indicators.map((i) => `${i.symbol} ${i.spec.key}`)).toEqual([
      'RIVN sma_10_5m',
      'RIVN sma_20_5m',
      'AAPL sma_10_5m',
      'AAPL sma_20_5m',
    ]);
    expect(entry?.subscriptions).toEqual([
      { symbol: 'RIVN', interval: '5m' },
      { symbol: 'AAPL', interval: '5m' },
    ]);
    expect(config.ignored).not.toContain('session_data_config.strategies');
  });

  it('reads rsi_strategy under either name, with its defaults, and keeps the name as written', () => {
    const config = ok(
      withStrategies([
        { module: 'strategies.examples.rsi_strategy', config: { symbols: ['AAPL'], intervals: [15, '1m'] } },
      ]),
    );
    expect(config.strategies[0]).toMatchObject({
      module: 'strategies.examples.rsi_strategy',
      config: {
        symbols: ['AAPL'],
        period: 14,
        oversold_threshold: 30,
        overbought_threshold: 70,
        quantity: 100,
        intervals: ['15m', '1m'],
        allow_short: false,
      },
    });
    expect(config.strategies[0]?.indicators.map((i) => i.spec.key)).toEqual(['rsi_14_15m', 'rsi_14_1m']);
  });

  it('accepts the section at the top level, and refuses it at both levels', () => {
    const top = withStrategies(undefined);
    top.strategies = [{ module: MA, enabled: false }];
    const config = ok(top);
    expect(config.strategies[0]?.enabled).toBe(false);
    // A disabled strategy reads no indicators and watches no bars.
    expect(config.strategies[0]?.indicators).toEqual([]);
    expect(config.raw.strategies).toEqual([{ module: MA, enabled: false }]);
    const both = withStrategies([{ module: MA }]);
    both.strategies = [];
    expect(error(both)).toBe(
      'strategies: given both here and as session_data_config.strategies (expected one of them; the original reads session_data_config.strategies)',
    );
  });

  it('refuses an unknown module with the modules available and a hint', () => {
    expect(error(withStrategies([{ module: 'rsi_stratgy' }]))).toBe(
      `session_data_config.strategies[0].module: "rsi_stratgy" is not a strategy module (did you mean "rsi_strategy"?) (accepted: ${MA}, rsi_strategy, strategies.examples.rsi_strategy)`,
    );
    expect(error(withStrategies([{ config: {} }]))).toMatch(
      /^session_data_config\.strategies\[0\]\.module: missing \(accepted: /,
    );
  });

  it('refuses a fast period not below the slow one, naming both', () => {
    expect(error(withStrategies([{ module: MA, config: { fast_period: 30 } }]))).toBe(
      'session_data_config.strategies[0].config.fast_period: expected a whole number from 1 to 5000 below slow_period (20), got 30',
    );
    expect(error(withStrategies([{ module: MA, config: { slow_period: 2.5 } }]))).toBe(
      'session_data_config.strategies[0].config.slow_period: expected a whole number from 1 to 5000, got 2.5',
    );
    expect(error(withStrategies([{ module: MA, config: { min_quality: 101 } }]))).toBe(
      'session_data_config.strategies[0].config.min_quality: expected a number from 0 to 100, got 101',
    );
    expect(error(withStrategies([{ module: 'rsi_strategy', config: { oversold_threshold: 70 } }]))).toBe(
      'session_data_config.strategies[0].config.oversold_threshold: expected a number from 0 to 100 below overbought_threshold (70), got 70',
    );
  });

  it('refuses symbols outside the session, an empty list, and a bad interval', () => {
    expect(error(withStrategies([{ module: MA, config: { symbols: ['TSLA'] } }]))).toBe(
      'session_data_config.strategies[0].config.symbols[0]: "TSLA" is not a session symbol (RIVN, AAPL)',
    );
    expect(error(withStrategies([{ module: MA, config: { symbols: [] } }]))).toMatch(
      /config\.symbols: expected a non-empty list of the session's symbols \(RIVN, AAPL\)/,
    );
    expect(error(withStrategies([{ module: MA, config: { interval: '5M' } }]))).toMatch(
      /^session_data_config\.strategies\[0\]\.config\.interval: /,
    );
  });

  it('refuses a module listed twice, also under its other name', () => {
    expect(error(withStrategies([{ module: MA }, { module: MA }]))).toBe(
      `session_data_config.strategies[1].module: "${MA}" is listed twice (the same module as [0]; a module runs once)`,
    );
    expect(
      error(withStrategies([{ module: 'rsi_strategy' }, { module: 'strategies.examples.rsi_strategy' }])),
    ).toMatch(/strategies\[1\]\.module: .* is listed twice \(the same module as \[0\]/);
  });

  it('keeps unknown entry fields and parameters, and reports them as not used', () => {
    const config = ok(
      withStrategies([{ module: MA, name: 'x', config: { fast_periods: 5, comment: 'hi' } }]),
    );
    expect(config.ignored).toEqual(
      expect.arrayContaining([
        'session_data_config.strategies[0].config.fast_periods (did you mean "fast_period"?)',
        'session_data_config.strategies[0].config.comment',
        'session_data_config.strategies[0].name',
      ]),
    );
    expect((config.raw.session_data_config as Json).strategies[0].config.comment).toBe('hi');
  });
});

describe('trading_config', () => {
  it('defaults to 100000 of buying power, no limits and no commission', () => {
    expect(ok(withStrategies(undefined)).trading).toEqual({
      maxBuyingPower: 100_000,
      maxPerTrade: null,
      maxPerSymbol: null,
      maxOpenPositions: null,
      commissionPerShare: 0,
    });
  });

  it('reads its limits at either level, and keeps unknown fields', () => {
    const config = withStrategies(undefined);
    config.trading_config = {
      max_buying_power: 50_000,
      max_per_trade: 5000,
      max_per_symbol: 10_000,
      max_open_positions: 2,
      commission_per_share: 0.005,
      max_loss: 1,
    };
    const read = ok(config);
    expect(read.trading).toEqual({
      maxBuyingPower: 50_000,
      maxPerTrade: 5000,
      maxPerSymbol: 10_000,
      maxOpenPositions: 2,
      commissionPerShare: 0.005,
    });
    expect(read.ignored).toContain('trading_config.max_loss');
    expect(read.ignored).not.toContain('trading_config');
  });

  it('refuses values out of range, each in one line, and both levels', () => {
    expect(error(withStrategies(undefined, { max_buying_power: 0 }))).toBe(
      'session_data_config.trading_config.max_buying_power: expected a positive number of dollars up to 1e12, got 0',
    );
    expect(error(withStrategies(undefined, { max_open_positions: 1.5 }))).toBe(
      'session_data_config.trading_config.max_open_positions: expected a whole number from 1 to 100000, or null for no limit, got 1.5',
    );
    expect(error(withStrategies(undefined, { commission_per_share: -1 }))).toBe(
      'session_data_config.trading_config.commission_per_share: expected a number of dollars per share from 0 to 1000, got -1',
    );
    expect(error(withStrategies(undefined, { max_per_trade: '1000' }))).toBe(
      'session_data_config.trading_config.max_per_trade: expected a positive number of dollars up to 1e12, or null for no limit, got "1000"',
    );
    const both = withStrategies(undefined, {});
    both.trading_config = {};
    expect(error(both)).toMatch(
      /^trading_config: given both here and as session_data_config\.trading_config/,
    );
  });
});
