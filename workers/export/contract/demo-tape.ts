// The tape inside a demo file (section 12, docs/demo-files.md): the exports a demo replays, one after the
// other, in one gzip stream. The writer (`system save-demo`) and the reader (the demo player's worker) both
// go through this module, so the layout is said once.
//
// Layout before compression: a header of UTF-8 JSON (`DemoTapeHeader`), a newline, then every entry's
// bytes in the header's order with nothing between them. One stream rather than one gzip member per file:
// the deltas of a session repeat each other's keys and shapes, so compressing them together costs about half.
// In the HTML the gzip bytes are written as base64 inside `<script type="application/x-session-tape">`,
// which no browser runs: the page makes no request to read its own tape.

import { isObject } from '../../common/is-object';
import type { Result } from '../../common/result';

export const DEMO_TAPE_FORMAT = 'session-tape-demo';
export const DEMO_TAPE_VERSION = 1;

/** The element of the player's HTML that holds the tape, and the text the writer replaces in it. */
export const DEMO_TAPE_ELEMENT_ID = 'session-tape';
export const DEMO_TAPE_MEDIA_TYPE = 'application/x-session-tape';
export const DEMO_TAPE_PLACEHOLDER = '__SESSION_TAPE__';

/** Most bytes a tape may hold once inflated: a reader refuses more before it allocates anything. */
export const MAX_DEMO_TAPE_BYTES = 1024 * 1024 * 1024;

export interface DemoTapeEntry {
  /** The export's file name, as a download of it would be named. */
  name: string;
  bytes: number;
  /** The export's `_metadata.export_mode` and `market_time`: the player lists the steps from these before
   * it has read the exports themselves, and checks each export against them as it reads it. */
  mode: 'complete' | 'delta';
  market_time: string | null;
}

export interface DemoTapeHeader {
  format: typeof DEMO_TAPE_FORMAT;
  version: number;
  session_name: string;
  /** Market time of the first and last step, `YYYY-MM-DDTHH:MM:SS` exchange time. */
  first_market_time: string;
  last_market_time: string;
  /** One step every this many market minutes (`every=`). */
  every_minutes: number;
  /** Streams and sections left out of every export (`exclude=`). */
  excluded: string[];
  /** When the demo was written, ISO 8601 UTC. */
  written_at: string;
  entries: DemoTapeEntry[];
}

export interface DemoTapeFile {
  name: string;
  bytes: Uint8Array;
  mode: 'complete' | 'delta';
  marketTime: string | null;
}

export interface DemoTape {
  header: DemoTapeHeader;
  files: DemoTapeFile[];
}

const NEWLINE = 0x0a;

/** The uncompressed tape: header, newline, the files' bytes. */
export function encodeDemoTape(
  header: Omit<DemoTapeHeader, 'entries'>,
  files: readonly DemoTapeFile[],
): Uint8Array {
  const full: DemoTapeHeader = {
    ...header,
    entries: files.map((f) => ({
      name: f.name,
      bytes: f.bytes.byteLength,
      mode: f.mode,
      market_time: f.marketTime,
    })),
  };
  const head = new TextEncoder().encode(JSON.stringify(full));
  let size = head.byteLength + 1;
  for (const f of files) size += f.bytes.byteLength;
  const out = new Uint8Array(size);
  out.set(head, 0);
  out[head.byteLength] = NEWLINE;
  let at = head.byteLength + 1;
  for (const f of files) {
    out.set(f.bytes, at);
    at += f.bytes.byteLength;
  }
  return out;
}

/** What is wrong with a header read from a file, or null. */
function headerProblem(h: unknown, available: number): string | null {
  if (!isObject(h)) return 'the tape header is not a JSON object';
  if (h.format !== DEMO_TAPE_FORMAT) return `the tape header's format is not "${DEMO_TAPE_FORMAT}"`;
  if (h.version !== DEMO_TAPE_VERSION)
    return `tape version ${String(h.version).slice(0, 20)} is not one this player reads (it reads ${DEMO_TAPE_VERSION})`;
  for (const key of ['session_name', 'first_market_time', 'last_market_time', 'written_at'] as const) {
    if (typeof h[key] !== 'string') return `the tape header's ${key} is not text`;
  }
  if (typeof h.every_minutes !== 'number' || !Number.isInteger(h.every_minutes) || h.every_minutes < 1)
    return "the tape header's every_minutes is not a whole number of minutes";
  if (!Array.isArray(h.excluded) || !h.excluded.every((x) => typeof x === 'string'))
    return "the tape header's excluded is not a list of names";
  if (!Array.isArray(h.entries) || h.entries.length === 0) return 'the tape holds no exports';
  let total = 0;
  for (const [i, e] of h.entries.entries()) {
    if (!isObject(e) || typeof e.name !== 'string' || typeof e.bytes !== 'number')
      return `tape entry ${i} is not {name, bytes, mode, market_time}`;
    if (e.mode !== 'complete' && e.mode !== 'delta')
      return `tape entry ${i} has no mode "complete" or "delta"`;
    if (e.market_time !== null && (typeof e.market_time !== 'string' || e.market_time.length > 40))
      return `tape entry ${i} has no valid market_time`;
    if (!Number.isSafeInteger(e.bytes) || e.bytes < 0) return `tape entry ${i} has no valid byte length`;
    total += e.bytes;
  }
  if (total !== available)
    return `the tape's entries add up to ${total} bytes, but ${available} bytes follow the header`;
  return null;
}

/** Splits an uncompressed tape into its header and files, checking every length first. */
export function decodeDemoTape(tape: Uint8Array): Result<DemoTape> {
  const end = tape.indexOf(NEWLINE);
  if (end < 0) return { ok: false, error: 'the tape has no header line' };
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(tape.subarray(0, end)));
  } catch {
    return { ok: false, error: 'the tape header is not JSON' };
  }
  const problem = headerProblem(header, tape.byteLength - end - 1);
  if (problem) return { ok: false, error: problem };
  const h = header as DemoTapeHeader;
  const files: DemoTapeFile[] = [];
  let at = end + 1;
  for (const e of h.entries) {
    files.push({
      name: e.name,
      bytes: tape.subarray(at, at + e.bytes),
      mode: e.mode,
      marketTime: e.market_time,
    });
    at += e.bytes;
  }
  return { ok: true, value: { header: h, files } };
}
