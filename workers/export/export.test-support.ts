// Helpers shared by the export tests: build a backtest from a config in the original JSON form, decode
// exports, and mirror them the way a consumer would.

import { indicatorKey, sessionIndicatorInfo } from '../common/indicator-catalogue';
import type { Result } from '../common/result';
import {
  type AccountState,
  AnalysisStore,
  type ConfigValue,
  type OrderRow,
  type PositionState,
  type SignalRow,
  type StrategyRecord,
} from '../engine/analysis/analysis-store';
import { Backtest } from '../engine/backtest';
import type { BarColumns } from '../engine/columns';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../engine/config';
import { SESSION_CALCS } from '../engine/indicators';
import { IndicatorSeries } from '../engine/indicators/indicator-series';
import type { CalcFactory } from '../engine/indicators/types';
import type { ExportResult } from './contract';

export type Json = Record<string, unknown>;

export function configJson(
  edit: (json: Json & { session_data_config: Json; backtest_config: Json }) => void = () => {},
) {
  const json = structuredClone(DEFAULT_SESSION_CONFIG_JSON) as Json & {
    session_data_config: Json;
    backtest_config: Json;
  };
  edit(json);
  return json;
}

export function backtestOf(json: Json = configJson(), gapRate = 0): Backtest {
  const parsed = parseSessionConfig(json);
  if (!parsed.ok) throw new Error(parsed.error);
  return new Backtest(parsed.value, { seed: 1, gapRate });
}

export function textOf(result: Result<ExportResult>): string {
  if (!result.ok) throw new Error(result.error);
  const decoder = new TextDecoder();
  return result.value.chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
}

export function parsed(result: Result<ExportResult>): Json {
  return JSON.parse(textOf(result)) as Json;
}

/** Walks a dotted path such as `session_data.symbols.RIVN.session.data.1m`. */
export function at(doc: unknown, path: string): unknown {
  let node = doc;
  for (const part of path.split('.')) node = (node as Json | undefined)?.[part];
  return node;
}

/** An indicator a test gives each symbol by hand: a catalogue name, its period and its bar interval. */
export interface HandIndicator {
  name: string;
  period: number;
  interval: string;
}

/**
 * A stand-in for `donchian` with three outputs (upper, middle, lower): the bar's high, midpoint and low,
 * valid from the second bar on, so that tests see a warm-up and an object value.
 */
const barBands: CalcFactory = () => {
  let seen = 0;
  return {
    update(_newDay, _open, high, low, _close, _volume, out) {
      out[0] = high;
      out[1] = (high + low) / 2;
      out[2] = low;
      return ++seen >= 2;
    },
  };
};

function calcOf(name: string): CalcFactory {
  const calc = name === 'donchian' ? barBands : SESSION_CALCS[name];
  if (!calc) throw new Error(`no calculation for ${name} in the tests`);
  return calc;
}

function feed(indicator: IndicatorSeries, bars: BarColumns, from: number, inSession: boolean): void {
  for (let i = from; i < bars.length; i++) {
    indicator.feed(
      bars.time[i] as number,
      i === 0,
      bars.open[i] as number,
      bars.high[i] as number,
      bars.low[i] as number,
      bars.close[i] as number,
      bars.volume[i] as number,
      inSession,
    );
  }
}

/** Session bars each hand-fed indicator has taken. */
const handFed = new WeakMap<IndicatorSeries, number>();

/**
 * Gives every symbol of the open session the `wanted` indicators (once per session, warmed up on its
 * history of their interval when there is one) and feeds each the closed session bars it has not seen:
 * what the engine's indicator runner does for a configuration that names them. Call it after each advance.
 */
export function feedIndicators(backtest: Backtest, wanted: readonly HandIndicator[]): void {
  for (const store of backtest.session?.symbols.values() ?? []) {
    if (store.indicators.length === 0) {
      store.indicators = wanted.map(({ name, period, interval }) => {
        const info = sessionIndicatorInfo(name);
        if (!info) throw new Error(`${name} is not in the catalogue`);
        const spec = {
          key: indicatorKey(name, period, interval),
          name,
          type: info.type,
          period,
          interval,
          params: {},
        };
        const indicator = new IndicatorSeries(spec, info.outputs, calcOf(name)(period, {}), 16);
        const history = store.historical.get(interval);
        if (history) feed(indicator, history.bars, 0, false);
        return indicator;
      });
    }
    for (const indicator of store.indicators) {
      const bars = store.bars.get(indicator.spec.interval);
      if (!bars) throw new Error(`no ${indicator.spec.interval} stream`);
      feed(indicator, bars, handFed.get(indicator) ?? 0, true);
      handFed.set(indicator, bars.length);
    }
  }
}

/** What a consumer holds after applying exports: every session stream's rows, metrics and history. */
export interface Mirror {
  sessionId: number;
  streams: Map<string, unknown[]>;
  metrics: Map<string, unknown>;
  historical: Map<string, unknown>;
  /** Each indicator's series rows, by `SYMBOL.key`. */
  series: Map<string, unknown[]>;
  /** Each indicator's `value`, `last_updated` and `valid`, by `SYMBOL.key`: replaced by every export. */
  indicators: Map<string, unknown>;
  /** The analysis section's stream rows, by `equity` or `<module>.signals` / `<module>.orders`. */
  analysisRows: Map<string, unknown[]>;
  /** Its whole parts (`positions`, `account`), replaced by every export that carries the section. */
  analysisWhole: Map<string, unknown>;
  /** Each strategy's `enabled` and `config`, from complete exports. */
  strategyHeads: Map<string, unknown>;
}

interface AnalysisDoc {
  strategies: Record<string, { signals: Block; orders: Block; enabled?: unknown; config?: unknown }>;
  positions: unknown;
  account: unknown;
  equity: Block;
}

interface Block {
  count: number;
  total_count: number;
  data?: unknown[];
}

interface IndicatorEntry extends Json {
  value: unknown;
  last_updated: unknown;
  valid: unknown;
  series: Block;
}

interface SymbolDoc {
  session: { data: Record<string, Block> } & Json;
  historical: Json;
  indicators?: Record<string, IndicatorEntry>;
}

/** Appends a block's rows to what `rows` holds for `path`; throws when they do not start where it ends. */
function appendBlock(rows: Map<string, unknown[]>, path: string, block: Block): void {
  const held = rows.get(path) ?? [];
  if (block.total_count - block.count !== held.length) {
    throw new Error(
      `${path}: delta starts at row ${block.total_count - block.count}, mirror holds ${held.length}`,
    );
  }
  if ((block.data?.length ?? 0) !== block.count)
    throw new Error(`${path}: count ${block.count} but rows differ`);
  rows.set(path, block.data ? [...held, ...block.data] : held);
}

function symbolsOf(doc: Json): [string, SymbolDoc][] {
  return Object.entries((at(doc, 'session_data.symbols') ?? {}) as Record<string, SymbolDoc>);
}

/**
 * Applies one export the way docs/export-format.md section 4, rule 8 says: a complete export replaces everything; a
 * delta appends each stream's rows to the mirror it starts from and replaces the always-whole parts.
 * Throws if a delta would duplicate or skip a row (its rows must start exactly where the mirror ends).
 */
export function applyExport(base: Mirror | null, doc: Json): Mirror {
  const meta = doc._metadata as Json;
  const complete = meta.mode === 'complete';
  const mirror: Mirror =
    complete || !base
      ? {
          sessionId: meta.session_id as number,
          streams: new Map(),
          metrics: new Map(),
          historical: new Map(),
          series: new Map(),
          indicators: new Map(),
          analysisRows: new Map(),
          analysisWhole: new Map(),
          strategyHeads: new Map(),
        }
      : {
          sessionId: base.sessionId,
          streams: new Map(base.streams),
          metrics: new Map(),
          historical: base.historical,
          series: new Map(base.series),
          indicators: new Map(base.indicators),
          analysisRows: new Map(base.analysisRows),
          analysisWhole: new Map(base.analysisWhole),
          strategyHeads: base.strategyHeads,
        };
  if (!complete && base && base.sessionId !== meta.session_id)
    throw new Error('delta applied across sessions');
  for (const [symbol, s] of symbolsOf(doc)) {
    const { data, ...metrics } = s.session;
    mirror.metrics.set(symbol, metrics);
    if (complete) mirror.historical.set(symbol, s.historical);
    for (const [name, block] of Object.entries(data)) appendBlock(mirror.streams, `${symbol}.${name}`, block);
    for (const [key, entry] of Object.entries(s.indicators ?? {})) {
      const path = `${symbol}.${key}`;
      appendBlock(mirror.series, path, entry.series);
      const { value, last_updated, valid } = entry;
      mirror.indicators.set(path, { value, last_updated, valid });
    }
  }
  const analysis = doc.analysis as AnalysisDoc | undefined;
  if (analysis) {
    for (const [module, strategy] of Object.entries(analysis.strategies)) {
      const { signals, orders, ...head } = strategy;
      if (complete) mirror.strategyHeads.set(module, head);
      else if (Object.keys(head).length > 0) throw new Error(`a delta carries ${module}'s enabled or config`);
      appendBlock(mirror.analysisRows, `${module}.signals`, signals);
      appendBlock(mirror.analysisRows, `${module}.orders`, orders);
    }
    appendBlock(mirror.analysisRows, 'equity', analysis.equity);
    mirror.analysisWhole.set('positions', analysis.positions);
    mirror.analysisWhole.set('account', analysis.account);
  }
  return mirror;
}

/** A strategy a test gives the analysis store by hand: its module, and its resolved config. */
export interface HandStrategy {
  module: string;
  enabled?: boolean;
  config?: { [key: string]: ConfigValue };
}

/**
 * Gives the backtest an analysis store with these strategies, positions for `symbols` and `startingCash`,
 * as the engine makes one at `start` for a configuration that names them. Rows are then added by hand
 * (`addSignal`, `addOrder`, `addEquity`), and positions and the account set directly, so that export
 * tests do not depend on the simulation.
 */
export function handAnalysis(
  backtest: Backtest,
  strategies: readonly HandStrategy[],
  symbols: readonly string[],
  startingCash = 100_000,
): AnalysisStore {
  const store = new AnalysisStore(
    strategies.map((s) => ({ module: s.module, enabled: s.enabled ?? true, config: s.config ?? {} })),
    symbols,
    startingCash,
  );
  backtest.analysis = store;
  return store;
}

function strategyOf(store: AnalysisStore, module: string): StrategyRecord {
  const record = store.strategies.find((s) => s.module === module);
  if (!record) throw new Error(`no strategy ${module}`);
  return record;
}

export function addSignal(store: AnalysisStore, module: string, row: SignalRow): void {
  strategyOf(store, module).signals.push(row);
  store.version++;
}

export function addOrder(store: AnalysisStore, module: string, row: OrderRow): void {
  strategyOf(store, module).orders.push(row);
  store.version++;
}

/** One equity sample: time, then cash, equity, realized and unrealized P&L. */
export function addEquity(store: AnalysisStore, time: number, values: readonly number[]): void {
  store.equity.append(time, Float64Array.from(values));
  store.version++;
}

export function setPosition(store: AnalysisStore, symbol: string, state: Partial<PositionState>): void {
  // The store made a position for each symbol it was given: changed in place, as the engine changes it.
  const held = store.positions.get(symbol);
  if (!held) throw new Error(`the analysis store has no position for ${symbol}`);
  Object.assign(held, state);
  store.version++;
}

export function setAccount(store: AnalysisStore, state: Partial<AccountState>): void {
  Object.assign(store.account, state);
  store.version++;
}
