// Helpers shared by the export tests: build a backtest from a config in the original JSON form, decode
// exports, and mirror them the way a consumer would.

import type { Result } from '../common/result';
import { Backtest } from '../engine/backtest';
import { DEFAULT_SESSION_CONFIG_JSON, parseSessionConfig } from '../engine/config';
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

/** What a consumer holds after applying exports: every session stream's rows, metrics and history. */
export interface Mirror {
  sessionId: number;
  streams: Map<string, unknown[]>;
  metrics: Map<string, unknown>;
  historical: Map<string, unknown>;
}

interface SymbolDoc {
  session: { data: Record<string, { count: number; total_count: number; data?: unknown[] }> } & Json;
  historical: Json;
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
        }
      : {
          sessionId: base.sessionId,
          streams: new Map(base.streams),
          metrics: new Map(),
          historical: base.historical,
        };
  if (!complete && base && base.sessionId !== meta.session_id)
    throw new Error('delta applied across sessions');
  for (const [symbol, s] of symbolsOf(doc)) {
    const { data, ...metrics } = s.session;
    mirror.metrics.set(symbol, metrics);
    if (complete) mirror.historical.set(symbol, s.historical);
    for (const [name, block] of Object.entries(data)) {
      const path = `${symbol}.${name}`;
      const held = mirror.streams.get(path) ?? [];
      if (block.total_count - block.count !== held.length) {
        throw new Error(
          `${path}: delta starts at row ${block.total_count - block.count}, mirror holds ${held.length}`,
        );
      }
      if ((block.data?.length ?? 0) !== block.count)
        throw new Error(`${path}: count ${block.count} but rows differ`);
      mirror.streams.set(path, block.data ? [...held, ...block.data] : held);
    }
  }
  return mirror;
}
