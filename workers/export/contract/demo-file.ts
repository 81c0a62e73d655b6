// A demo file as its callers see it (docs/demo-files.md): what `system save-demo` takes, the progress it
// reports, what it answers, its file name rules and where its tape goes in the player's page. The command
// language, the engine API, the command line and the UI all read these from here, so a limit is said once.

import type { Result } from '../../common/result';
import { quotedWord } from '../../common/shown-text';
import { DEMO_TAPE_ELEMENT_ID, DEMO_TAPE_MEDIA_TYPE, DEMO_TAPE_PLACEHOLDER } from './demo-tape';
import { fileNamePart, fileNameProblem } from './file-names';
import { MAX_FILE_NAME_BYTES } from './limits';

/** `every=N`: one step every N market minutes, at most a whole regular session. */
export const MIN_DEMO_EVERY = 1;
export const MAX_DEMO_EVERY = 390;
export const DEFAULT_DEMO_EVERY = 1;
export const DEMO_EVERY_RULE = `a whole number of market minutes from ${MIN_DEMO_EVERY} to ${MAX_DEMO_EVERY}, e.g. every=5`;

export const isDemoEvery = (n: number): boolean =>
  Number.isInteger(n) && n >= MIN_DEMO_EVERY && n <= MAX_DEMO_EVERY;

/** The consumer of the separate engine whose exports make the tape. */
export const DEMO_CONSUMER = 'demo';

export interface DemoRequest {
  /** Default `DEFAULT_DEMO_EVERY`. */
  every?: number;
  /** Streams or sections left out of every export, as `exclude=` of an export. */
  exclude?: string[];
  /** A name given by the user (checked with `checkDemoFileName`); the default name otherwise. */
  fileName?: string;
}

export interface DemoProgress {
  stepsDone: number;
  stepsTotal: number;
  /** The market time the replay has reached, `YYYY-MM-DDTHH:MM:SS`; null before the first step. */
  marketTime: string | null;
  /** The market time the demo ends at. */
  endMarketTime: string;
  /** `replaying` while the exports are made, then `packing` (tape, gzip, base64, page). */
  phase: 'replaying' | 'packing';
}

/** What a demo holds and weighs, for the answer line and the benchmark. */
export interface DemoSummary {
  fileName: string;
  /** The HTML file. */
  bytes: number;
  steps: number;
  tradingDays: number;
  firstMarketTime: string;
  lastMarketTime: string;
  every: number;
  excluded: string[];
  /** The exports' bytes together, the tape before compression, gzipped, and as base64. */
  exportBytes: number;
  tapeBytes: number;
  gzipBytes: number;
  base64Chars: number;
}

export interface DemoFile {
  summary: DemoSummary;
  /** The HTML file's bytes. */
  bytes: Uint8Array;
}

/** `session_tape_<session name>_<YYYYMMDD_HHMMSS>.html`, with export names' session part and timestamp. */
export function defaultDemoFileName(sessionName: string, fileTimestamp: string): string {
  return `session_tape_${fileNamePart(sessionName)}_${fileTimestamp}.html`;
}

const DEMO_NAME_RULE = `expected a plain file name ending in .html or without extension (.html is then added), of at most ${MAX_FILE_NAME_BYTES} bytes in UTF-8, without "/", "\\", "..", control or invisible characters, not a device name such as CON or NUL and not ending in a space, e.g. my_demo.html`;

/**
 * A demo file name given by the user, as it will be written: `.html` added when it has no extension, and
 * any extension other than `.html` refused (the file is a page; a `.json` name would mislead). Otherwise
 * the same checks as an export's name (`fileNameProblem`).
 */
export function checkDemoFileName(name: string): Result<string> {
  const refused = (problem: string): Result<string> => ({
    ok: false,
    error: `file name ${quotedWord(name, 80)} is not accepted: ${problem} (${DEMO_NAME_RULE})`,
  });
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && dot < name.length - 1 ? name.slice(dot) : null;
  const written = extension !== null ? name : name.endsWith('.') ? `${name}html` : `${name}.html`;
  // What an export's name may not be comes first: "../up" is refused for its "/", not its extension.
  const problem = fileNameProblem(name, written);
  if (problem !== null) return refused(problem);
  if (extension !== null && extension.toLowerCase() !== '.html')
    return refused(`a demo is an .html page, not ${quotedWord(extension, 20)}`);
  return { ok: true, value: written };
}

/**
 * The tape's element as the player's page holds it before a tape is written: the placeholder is replaced
 * only there, since the player's own script names the placeholder too (to know a page without a tape).
 */
export const DEMO_TAPE_SLOT = `<script id="${DEMO_TAPE_ELEMENT_ID}" type="${DEMO_TAPE_MEDIA_TYPE}">${DEMO_TAPE_PLACEHOLDER}</script>`;

/**
 * The player's page with the tape's base64 in place of its one placeholder. A template with no tape
 * element or more than one is not a player this writer knows: refused rather than guessed at.
 */
export function placeTape(template: string, base64: string): Result<string> {
  const first = template.indexOf(DEMO_TAPE_SLOT);
  if (first < 0) {
    return {
      ok: false,
      error: `the demo player's page holds no tape element (${DEMO_TAPE_SLOT}); expected exactly one`,
    };
  }
  if (template.indexOf(DEMO_TAPE_SLOT, first + 1) >= 0) {
    return {
      ok: false,
      error: `the demo player's page holds its tape element more than once (expected exactly one)`,
    };
  }
  const at = first + DEMO_TAPE_SLOT.indexOf(DEMO_TAPE_PLACEHOLDER);
  return {
    ok: true,
    value: template.slice(0, at) + base64 + template.slice(at + DEMO_TAPE_PLACEHOLDER.length),
  };
}
