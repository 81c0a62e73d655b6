// A demo file's tape (section 12; workers/export/contract/demo-tape.ts), from the base64 text in the page
// to the exports it replays, in two parts. `openTapeText` reads what the first step needs: the header
// (which lists every step with its mode and market time) and the first export, so the player draws at once.
// `checkTape` then reads every export and applies every day's chain to a mirror aside, a slice at a time;
// a step is shown only once the tape is checked whole, so a damaged tape is one line naming what is wrong
// (and the export at fault) instead of a replay that stops halfway.

import { fromBase64 } from '../common/base64';
import { gunzip } from '../common/gzip';
import type { Result } from '../common/result';
import {
  type DemoTapeFile,
  type DemoTapeHeader,
  decodeDemoTape,
  MAX_DEMO_TAPE_BYTES,
} from '../export/contract';
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

/** What opening reads: enough to list the steps and show the first. */
export interface OpenedText {
  facts: TapeFacts;
  steps: TapeStep[];
  /** The tape's files, still to be read by `checkTape`. */
  files: DemoTapeFile[];
  /** The first export (a complete one), read. */
  first: NamedExport;
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
    else (chains.at(-1) as NamedExport[]).push(file);
  }
  const ordered: NamedExport[][] = [];
  for (const chain of chains) {
    const checked = orderExportSet(chain);
    if (!checked.ok) return checked;
    ordered.push(checked.value);
  }
  return { ok: true, value: ordered };
}

/** The steps as the header lists them: each complete export starts a day. */
function stepsOf(files: readonly DemoTapeFile[]): Result<TapeStep[]> {
  const first = files[0];
  if (first === undefined) return fail('the tape holds no exports');
  if (first.mode !== 'complete')
    return fail(`${first.name}: the tape starts with a delta export, not a complete one`);
  let day = -1;
  return {
    ok: true,
    value: files.map((f) => {
      if (f.mode === 'complete') day++;
      return { name: f.name, marketTime: f.marketTime, day };
    }),
  };
}

/** One export of the tape read as the mirror reads one, and checked against what the header says of it. */
async function readOne(file: DemoTapeFile): Promise<Result<NamedExport>> {
  const value = await parseExportBytes(file.name, file.bytes);
  if (!value.ok) return value;
  const doc = readExport(value.value);
  if (!doc.ok) return fail(`${file.name}: ${doc.error}`);
  const { mode, marketTime } = doc.value.meta;
  if (mode !== file.mode || marketTime !== file.marketTime) {
    return fail(
      `${file.name}: the export is a ${mode} one at ${marketTime ?? 'no market time'}, but the tape's header lists a ${file.mode} one at ${file.marketTime ?? 'no market time'}`,
    );
  }
  return { ok: true, value: { name: file.name, doc: doc.value } };
}

/** Applies every chain to a mirror of its own, or names the export that does not apply. */
async function replayAside(
  chains: readonly NamedExport[][],
  breathe: () => Promise<void>,
): Promise<string | null> {
  for (const chain of chains) {
    const mirror = new Mirror();
    for (const { name, doc } of chain) {
      const outcome = mirror.apply(doc);
      if (outcome.kind === 'resync') return `${name}: ${outcome.reason}`;
      await breathe();
    }
  }
  return null;
}

/** How long the check works before it lets the worker answer the page (a step asked for, a view). */
const SLICE_MS = 8;

/** A pause for other messages once a slice of work has taken `SLICE_MS`. */
function slicer(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < SLICE_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    since = performance.now();
  };
}

/** Reads the header and the first export: the steps, and what the first step shows. */
export async function openTapeText(base64: string): Promise<Result<OpenedText>> {
  const inflated = await inflate(base64);
  if (!inflated.ok) return inflated;
  const tape = decodeDemoTape(inflated.value);
  if (!tape.ok) return tape;
  const steps = stepsOf(tape.value.files);
  if (!steps.ok) return steps;
  const first = await readOne(tape.value.files[0] as DemoTapeFile);
  if (!first.ok) return first;
  return {
    ok: true,
    value: {
      facts: factsOf(tape.value.header),
      steps: steps.value,
      files: tape.value.files,
      first: first.value,
    },
  };
}

/**
 * Reads every export of an opened tape and replays every day aside, in slices that leave the worker free
 * to answer meanwhile: the exports of each trading day in the order to apply them, or what is wrong.
 */
export async function checkTape(opened: OpenedText): Promise<Result<NamedExport[][]>> {
  const breathe = slicer();
  const read: NamedExport[] = [opened.first];
  for (const file of opened.files.slice(1)) {
    const one = await readOne(file);
    if (!one.ok) return one;
    read.push(one.value);
    await breathe();
  }
  const chains = splitChains(read);
  if (!chains.ok) return chains;
  const problem = await replayAside(chains.value, breathe);
  if (problem !== null) return fail(problem);
  return chains;
}
