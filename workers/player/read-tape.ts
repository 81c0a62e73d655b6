// A demo file's tape (section 12; workers/export/contract/demo-tape.ts), from the base64 text in the page
// to the exports it replays, split into one chain per trading day and checked whole: every export is read
// and every chain applied to a mirror aside before the player shows anything, so a damaged tape is one
// line naming what is wrong (and the file, when it is one export) instead of a replay that stops halfway.

import { fromBase64 } from '../common/base64';
import { gunzip } from '../common/gzip';
import type { Result } from '../common/result';
import { type DemoTapeHeader, decodeDemoTape, MAX_DEMO_TAPE_BYTES } from '../export/contract';
import { readExport } from '../mirror/export-doc';
import { type NamedExport, orderExportSet } from '../mirror/export-set';
import { Mirror } from '../mirror/mirror';
import { parseExportBytes } from '../mirror/parse-export';

/** One step of the replay: the state after one export of the tape. */
export interface TapeStep {
  /** The export's file name on the tape. */
  name: string;
  /** The backtest clock when the export was made (`YYYY-MM-DDTHH:MM:SS`), if the file says. */
  marketTime: string | null;
  /** Which chain (trading day) the step belongs to, from 0. */
  day: number;
  sequence: number | null;
}

/** What the tape's header says about the demo, for the player's title. */
export interface TapeFacts {
  sessionName: string;
  firstMarketTime: string;
  lastMarketTime: string;
  everyMinutes: number;
  excluded: string[];
  writtenAt: string;
}

export interface ReadTape {
  facts: TapeFacts;
  steps: TapeStep[];
  /** The exports of each trading day in the order to apply them, a complete one first. */
  chains: NamedExport[][];
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

const factsOf = (h: DemoTapeHeader): TapeFacts => ({
  sessionName: h.session_name,
  firstMarketTime: h.first_market_time,
  lastMarketTime: h.last_market_time,
  everyMinutes: h.every_minutes,
  excluded: [...h.excluded],
  writtenAt: h.written_at,
});

/** Base64 text -> inflated tape bytes, or why not. */
async function inflate(base64: string): Promise<Result<Uint8Array>> {
  const packed = fromBase64(base64);
  if (packed === null) return fail('the tape is not base64 text');
  if (packed.byteLength === 0) return fail('the tape is empty');
  try {
    return { ok: true, value: await gunzip(packed, MAX_DEMO_TAPE_BYTES) };
  } catch (error) {
    if (error instanceof RangeError) return fail(`the tape holds ${error.message}`);
    return fail('the tape is not gzip data, or its gzip data is damaged');
  }
}

/** Each complete export starts a chain (a trading day); the deltas after it follow on. */
function splitChains(read: readonly NamedExport[]): Result<NamedExport[][]> {
  const chains: NamedExport[][] = [];
  for (const file of read) {
    if (file.doc.meta.mode === 'complete') chains.push([file]);
    else {
      const chain = chains.at(-1);
      if (!chain) return fail(`${file.name}: the tape starts with a delta export, not a complete one`);
      chain.push(file);
    }
  }
  const ordered: NamedExport[][] = [];
  for (const chain of chains) {
    const checked = orderExportSet(chain);
    if (!checked.ok) return checked;
    ordered.push(checked.value);
  }
  return { ok: true, value: ordered };
}

/** Applies every chain to a mirror of its own, or names the export that does not apply. */
function replayAside(chains: readonly NamedExport[][]): string | null {
  for (const chain of chains) {
    const mirror = new Mirror();
    for (const { name, doc } of chain) {
      const outcome = mirror.apply(doc);
      if (outcome.kind === 'resync') return `${name}: ${outcome.reason}`;
    }
  }
  return null;
}

/** Reads and checks a whole tape: every export parsed, every chain ordered and replayed aside. */
export async function readTape(base64: string): Promise<Result<ReadTape>> {
  const inflated = await inflate(base64);
  if (!inflated.ok) return inflated;
  const tape = decodeDemoTape(inflated.value);
  if (!tape.ok) return tape;
  const read: NamedExport[] = [];
  for (const file of tape.value.files) {
    const value = await parseExportBytes(file.name, file.bytes);
    if (!value.ok) return value;
    const doc = readExport(value.value);
    if (!doc.ok) return fail(`${file.name}: ${doc.error}`);
    read.push({ name: file.name, doc: doc.value });
  }
  const chains = splitChains(read);
  if (!chains.ok) return chains;
  const problem = replayAside(chains.value);
  if (problem !== null) return fail(problem);
  const steps = chains.value.flatMap((chain, day) =>
    chain.map(({ name, doc }) => ({
      name,
      marketTime: doc.meta.marketTime,
      day,
      sequence: doc.meta.sequence,
    })),
  );
  return { ok: true, value: { facts: factsOf(tape.value.header), steps, chains: chains.value } };
}
