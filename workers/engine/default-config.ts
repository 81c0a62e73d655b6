// The built-in session configuration, in the original system's JSON form (what a user would write in a file).

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The built-in default. Historical requests use the design note's form (docs/design-note.md)
 * (`{"enabled": true, "data": [{"interval", "trailing_days"}]}`). Deeply frozen: copy it to change it.
 */
export const DEFAULT_SESSION_CONFIG_JSON: Record<string, unknown> = deepFreeze({
  session_name: 'Example Trading Session',
  mode: 'backtest',
  exchange_group: 'US_EQUITY',
  asset_class: 'EQUITY',
  backtest_config: {
    start_date: '2025-07-01',
    end_date: '2025-07-03',
    speed_multiplier: 60,
  },
  session_data_config: {
    symbols: ['RIVN', 'AAPL', 'TSLA'],
    streams: ['1m', '5m', '15m', 'ticks', 'quotes'],
    historical: {
      enabled: true,
      data: [
        { interval: '1m', trailing_days: 10 },
        { interval: '1d', trailing_days: 30 },
      ],
    },
    // A handful of the catalogue (section 9), so that a first Start shows averages, bands and oscillators.
    indicators: {
      session: [
        { name: 'sma', period: 10, interval: '5m', type: 'trend', params: {} },
        { name: 'sma', period: 20, interval: '5m', type: 'trend', params: {} },
        { name: 'ema', period: 9, interval: '5m', type: 'trend', params: {} },
        { name: 'vwap', period: 0, interval: '1m', type: 'trend', params: {} },
        { name: 'rsi', period: 14, interval: '5m', type: 'momentum', params: {} },
        {
          name: 'macd',
          period: 0,
          interval: '5m',
          type: 'momentum',
          params: { fast: 12, slow: 26, signal: 9 },
        },
        { name: 'bbands', period: 20, interval: '5m', type: 'volatility', params: { num_std: 2 } },
        { name: 'atr', period: 14, interval: '5m', type: 'volatility', params: {} },
      ],
    },
    // One strategy on the first symbol, so that a first Start shows signals, fills and an equity curve; its
    // averages are the two SMAs above, so the chart shows the lines that cross.
    strategies: [
      {
        module: 'strategies.examples.simple_ma_cross',
        enabled: true,
        config: { symbols: ['RIVN'], interval: '5m', fast_period: 10, slow_period: 20 },
      },
    ],
  },
});
