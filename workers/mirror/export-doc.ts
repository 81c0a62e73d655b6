// The shape of an export document as a consumer reads it, and the check that a parsed JSON value is one.
// Files made by this app and by the original system (which lacks the 2.0 extensions such as `sequence`
// and `session_id`) are both accepted.

import type { ExportMode } from '../export/contract';

export type Row = (string | number | null)[];

export interface StreamBlock {
  count: number;
  total_count: number;
  generated?: boolean;
  columns?: string[];
  data?: Row[];
  latest?: Record<string, string | number | null>;
}

export interface HistoricalBlock {
  count: number;
  dates?: string[];
  columns?: string[];
  data?: Row[];
}

export interface SymbolDoc {
  session: {
    volume: number;
    high: number | null;
    low: number | null;
    quality: number;
    data: Record<string, StreamBlock>;
  };
  historical?: {
    loaded: boolean;
    date_range: { start_date: string; end_date: string; days: number } | null;
    data: Record<string, HistoricalBlock>;
  };
}

export interface ExportMeta {
  mode: ExportMode;
  generatedAt: string;
  consumer: string | null;
  sequence: number | null;
  previousSequence: number | null;
  sessionId: number | null;
  marketTime: string | null;
}

export interface ExportDoc {
  meta: ExportMeta;
  raw: Record<string, unknown>;
  /** The session's trading date (time_manager.current_session.date), which session rows' times belong to. */
  sessionDate: string | null;
  symbols: Record<string, SymbolDoc>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const numberOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * Reads a parsed JSON value as an export, or says in one line why it is not one. Checks the envelope
 * (`_metadata` with a mode, `session_data.symbols`) and the shape of every stream block, so that nothing
 * downstream has to trust the file.
 */
export function readExport(value: unknown): { ok: true; value: ExportDoc } | { ok: false; error: string } {
  const notExport = (why: string) => ({
    ok: false as const,
    error: `not a Session Tape export: ${why} (expected a status export 2.0 JSON file with _metadata and session_data)`,
  });
  if (!isObject(value)) return notExport('the file does not hold a JSON object');
  const meta = value._metadata;
  if (!isObject(meta)) return notExport('there is no _metadata');
  const mode = meta.mode ?? (meta.complete === true ? 'complete' : meta.delta === true ? 'delta' : undefined);
  if (mode !== 'complete' && mode !== 'delta')
    return notExport('_metadata.mode is neither "complete" nor "delta"');
  const sessionData = value.session_data;
  if (!isObject(sessionData) || !isObject(sessionData.symbols))
    return notExport('there is no session_data.symbols');
  for (const [symbol, doc] of Object.entries(sessionData.symbols)) {
    const problem = symbolProblem(doc);
    if (problem) return notExport(`session_data.symbols.${symbol}: ${problem}`);
  }
  const timeManager = value.time_manager;
  const current =
    isObject(timeManager) && isObject(timeManager.current_session) ? timeManager.current_session : null;
  return {
    ok: true,
    value: {
      meta: {
        mode,
        generatedAt: typeof meta.generated_at === 'string' ? meta.generated_at : '',
        consumer: typeof meta.consumer === 'string' ? meta.consumer : null,
        sequence: numberOrNull(meta.sequence),
        previousSequence: numberOrNull(meta.previous_sequence),
        sessionId: numberOrNull(meta.session_id),
        marketTime: typeof meta.market_time === 'string' ? meta.market_time : null,
      },
      raw: value,
      sessionDate: current && typeof current.date === 'string' ? current.date : null,
      symbols: sessionData.symbols as Record<string, SymbolDoc>,
    },
  };
}

function symbolProblem(doc: unknown): string | null {
  if (!isObject(doc) || !isObject(doc.session)) return 'no session block';
  const data = doc.session.data;
  if (!isObject(data)) return 'no session.data';
  for (const [name, block] of Object.entries(data)) {
    if (!isObject(block) || typeof block.count !== 'number' || typeof block.total_count !== 'number') {
      return `stream ${name} has no count and total_count`;
    }
    if (block.count > 0 && (!Array.isArray(block.data) || block.data.length !== block.count)) {
      return `stream ${name} says count ${block.count} but holds ${Array.isArray(block.data) ? block.data.length : 'no'} rows`;
    }
  }
  return null;
}
