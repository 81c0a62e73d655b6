// The small sections sent whole in every export: system manager, time manager, performance metrics,
// threads and (complete exports only) the session configuration. Built as plain values in the original
// system's shape; snake_case keys because that is the file format.

import type { Backtest } from '../engine/backtest';
import { EXCHANGE_TIMEZONE, formatIsoWithOffset } from '../engine/calendar';
import { PIPELINE_STAGES, type PipelineStage } from '../engine/pipeline';
import type { ExportStats } from './export-stats';
import type { JsonValue } from './json-value';

const hhmm = (minuteOfDay: number) =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

export function systemManagerSection(backtest: Backtest, marketTime: string | null): JsonValue {
  const { config } = backtest;
  return {
    _state: backtest.state,
    _mode: 'BACKTEST',
    _start_time: backtest.startedAt === null ? null : formatIsoWithOffset(backtest.startedAt),
    timezone: EXCHANGE_TIMEZONE,
    exchange_group: config.exchangeGroup,
    asset_class: config.assetClass,
    backtest_window: { start_date: config.startDate, end_date: config.endDate },
    speed_multiplier: backtest.speedMultiplier,
    market_time: marketTime,
  };
}

export function timeManagerSection(backtest: Backtest): JsonValue {
  const day = backtest.sessionDay;
  if (!day) return { current_session: null };
  return {
    current_session: {
      date: day.date,
      exchange: 'NYSE',
      asset_class: backtest.config.assetClass,
      timezone: EXCHANGE_TIMEZONE,
      regular_open: hhmm(day.openMinute),
      regular_close: hhmm(day.closeMinute),
      is_trading_day: day.isTradingDay,
      is_holiday: day.isHoliday,
      is_early_close: day.isEarlyClose,
      holiday_name: day.holidayName,
    },
  };
}

/**
 * Stage timings, what was processed, and the last complete and delta export's time and size. Kept to what
 * the contract names: this section rides along in every delta, whose whole point is to be small.
 */
export function performanceSection(backtest: Backtest, stats: ExportStats): JsonValue {
  const { counters, timings } = backtest.pipeline;
  const stages: Record<string, JsonValue> = {};
  for (const stage of PIPELINE_STAGES) stages[stage] = { ...(timings.get(stage)?.stats() ?? {}) };
  return {
    timing_ms: stages,
    counters: {
      bars_processed: counters.barsProcessed,
      ticks_processed: counters.ticksProcessed,
      quotes_processed: counters.quotesProcessed,
      exports_made: stats.exportsMade,
    },
    last_complete_export: stats.lastComplete && { ...stats.lastComplete },
    last_delta_export: stats.lastDelta && { ...stats.lastDelta },
  };
}

const THREAD_NAMES: Record<PipelineStage, string> = {
  session_coordinator: 'SessionCoordinator',
  data_processor: 'DataProcessor',
  data_quality_manager: 'DataQualityManager',
  analysis_engine: 'AnalysisEngine',
};

export function threadsSection(backtest: Backtest): JsonValue {
  const alive = backtest.state === 'RUNNING' || backtest.state === 'PAUSED';
  const threads: Record<string, JsonValue> = {};
  for (const stage of PIPELINE_STAGES) {
    threads[stage] = {
      thread_info: { name: THREAD_NAMES[stage], is_alive: alive, daemon: true },
      _running: backtest.state === 'RUNNING',
      state: backtest.state.toLowerCase(),
    };
  }
  return threads;
}

export function sessionConfigSection(backtest: Backtest): JsonValue {
  return backtest.config.raw as JsonValue;
}
