// For tests: exports in the original system's layout, written from its format description
// (docs/design-note.md, docs/export-format.md section 11): `_metadata` last, the mode only in `complete` /
// `diff_mode`, a format version other than 2.0 or none, stream blocks without `total_count` or `columns`,
// lower-case states, `null` or `{}` where it had nothing. A complete export of a stopped system with two bars
// of RIVN (and AAPL null) and no thread information; the delta that adds a third bar, with threads in lower
// case, one stage without `thread_info` and one left out; and the export of a system that never opened a
// session. Used by the unit tests and the Playwright specs alike.

const bar = (time: string, close: number) => [time, close, close + 0.1, close - 0.1, close, 1000];

export function originalComplete() {
  return {
    system_manager: { _state: 'stopped', _mode: 'backtest', timezone: 'America/New_York' },
    time_manager: { current_session: { date: '2025-07-01', exchange: 'NYSE' } },
    performance_metrics: {},
    threads: null,
    session_data: {
      symbols: {
        RIVN: {
          session: {
            volume: 3000,
            high: 12.9,
            low: 12.1,
            quality: 100.0,
            data: {
              '1m': { count: 2, data: [bar('09:30:00', 12.5), bar('09:31:00', 12.6)] },
              '5m': { count: 0 },
              ticks: {},
            },
          },
          historical: {
            loaded: true,
            date_range: { start_date: '2025-06-30', end_date: '2025-06-30', days: 1 },
            data: { '1m': { count: 1, dates: ['2025-06-30'], data: [bar('2025-06-30T09:30:00', 12.4)] } },
          },
        },
        AAPL: null,
      },
    },
    _metadata: {
      generated_at: '2025-07-01T09:32:05-04:00',
      version: '1.0',
      complete: true,
      delta: false,
      diff_mode: false,
      last_update: null,
      changed_paths: [],
    },
  };
}

export function originalDelta() {
  return {
    system_manager: { _state: 'stopped' },
    time_manager: { current_session: { date: '2025-07-01' } },
    threads: {
      session_coordinator: {
        thread_info: { name: 'SessionCoordinator', is_alive: true, daemon: true },
        _running: false,
        state: 'stopped',
      },
      data_processor: {
        thread_info: { name: 'DataProcessor', is_alive: false, daemon: true },
        _running: false,
      },
      data_quality_manager: { _running: false, state: 'stopped' },
    },
    session_data: {
      symbols: {
        RIVN: {
          session: {
            volume: 4000,
            high: 12.9,
            low: 12.1,
            quality: 100.0,
            data: { '1m': { count: 1, data: [bar('09:32:00', 12.7)] }, '5m': null },
          },
          historical: { loaded: true, date_range: null, data: {} },
        },
      },
    },
    _metadata: {
      generated_at: '2025-07-01T09:33:05-04:00',
      diff_mode: true,
      last_update: '2025-07-01T09:32:05-04:00',
      changed_paths: ['session_data.symbols.RIVN.session.data.1m'],
    },
  };
}

/** A system that never opened a session: nothing in `session_data`, no thread information, no version. */
export function originalNothing() {
  return {
    system_manager: { _state: 'stopped', _mode: 'backtest' },
    time_manager: { current_session: null },
    performance_metrics: null,
    threads: {},
    session_data: null,
    _metadata: { generated_at: '2025-07-01T08:00:00-04:00', complete: true, last_update: null },
  };
}
