// Export file names (docs/export-format.md section 6): the default name, the check of a name given by the user,
// and the suffix that keeps two exports from overwriting each other. Shared by the command line and the UI.
//
// Decisions:
// - "Letters and digits" are Unicode letters, combining marks and digits (after NFC normalization), so a
//   session named "Société Générale" keeps its accents; everything else, in runs, becomes one `_`. A name
//   with nothing left becomes `session`.
// - A user-given name has an extension when it holds a dot that is neither its first nor its last
//   character (`report.txt`, not `.hidden` or `report.`); otherwise `.json` is added (`report.` becomes
//   `report.json`). The whole name is checked before anything is exported, because a name the file system
//   refuses would otherwise fail only after the export moved the consumer's cursor. Refused: `/`, `\`, `..`,
//   control and invisible characters (C0, DEL, C1, bidi overrides, zero-width, lone surrogates), names made
//   only of dots or spaces, a trailing space (Windows drops it), Windows device names (`CON`, `NUL`, `COM1`,
//   `LPT1`, ..., with any extension and in any case), and names longer than 240 UTF-8 bytes as written, so
//   that the suffix of `uniqueFileName` still fits in a file system's 255 bytes.
// - A default name takes at most 150 bytes of the session name, so it always fits as well.
// - `uniqueFileName` puts `_2`, `_3`, ... before the extension of the name asked for (`first.json`,
//   `first_2.json`, `first_3.json`).

import type { Result } from '../../common/result';
import { hasControlCharacter, quotedWord } from '../../common/shown-text';
import { MAX_FILE_NAME_BYTES, MAX_SESSION_PART_BYTES, MAX_UNIQUE_SUFFIX } from './limits';
import type { ExportMetadata, ExportMode } from './types';

const NOT_NAME_CHARACTERS = /[^\p{L}\p{M}\p{N}_-]+/gu;
/** Windows device names: refused with any extension (`nul.json` is the device too), in any case. */
const DEVICE_NAME = /^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).length;

/** `Example Trading Session` -> `Example_Trading_Session` (cut to `MAX_SESSION_PART_BYTES`). */
export function fileNamePart(sessionName: string): string {
  const part = cutToBytes(sessionName.normalize('NFC').replace(NOT_NAME_CHARACTERS, '_'));
  return part === '' || part === '_' ? 'session' : part;
}

/** The first whole code points of `text` that fit in `MAX_SESSION_PART_BYTES` bytes of UTF-8. */
function cutToBytes(text: string): string {
  if (byteLength(text) <= MAX_SESSION_PART_BYTES) return text;
  let out = '';
  let bytes = 0;
  for (const point of text) {
    bytes += byteLength(point);
    if (bytes > MAX_SESSION_PART_BYTES) break;
    out += point;
  }
  return out;
}

/** `system_status_<session name>_<mode>_<YYYYMMDD_HHMMSS>.json`. */
export function defaultFileName(sessionName: string, mode: ExportMode, fileTimestamp: string): string {
  return `system_status_${fileNamePart(sessionName)}_${mode}_${fileTimestamp}.json`;
}

/**
 * A name the user may have given for an export, checked before the export runs (a refused name moves no
 * cursor): the name as it will be written, `undefined` when none was given, or why it is refused.
 */
export function checkGivenFileName(name: string | undefined): Result<string | undefined> {
  return name === undefined ? { ok: true, value: undefined } : checkFileName(name);
}

/** The name an export is saved under (before `uniqueFileName`): the user's, or the contract's default. */
export function exportFileName(
  given: string | undefined,
  sessionName: string,
  metadata: Pick<ExportMetadata, 'mode' | 'fileTimestamp'>,
): string {
  return given ?? defaultFileName(sessionName, metadata.mode, metadata.fileTimestamp);
}

/** The name as it would be written, with `.json` added when it has no extension; or why it is refused. */
export function checkFileName(name: string): Result<string> {
  const written = hasExtension(name) ? name : name.endsWith('.') ? `${name}json` : `${name}.json`;
  const problem = fileNameProblem(name, written);
  if (problem === null) return { ok: true, value: written };
  return {
    ok: false,
    error: `file name ${quotedWord(name, 80)} is not accepted: ${problem} (${FILE_NAME_RULE})`,
  };
}

/** What a user-given file name must be, for every refusal. */
const FILE_NAME_RULE = `expected a plain file name of at most ${MAX_FILE_NAME_BYTES} bytes in UTF-8 with its extension (an accented letter takes 2) without "/", "\\", "..", control or invisible characters, not a device name such as CON or NUL and not ending in a space, e.g. my_export.json`;

/**
 * Why `name` (written as `written`) cannot be a file name, or null. The cheap checks come first. Demo file
 * names (demo-file.ts) go through it too, with their own extension rule.
 */
export function fileNameProblem(name: string, written: string): string | null {
  if (name === '') return 'it is empty';
  if (name.includes('/')) return 'it holds "/"';
  if (name.includes('\\')) return 'it holds "\\"';
  if (name.includes('..')) return 'it holds ".."';
  if (hasControlCharacter(name)) return 'it holds a control or invisible character';
  if (/^\.+$/.test(name)) return 'it is only dots';
  if (name.trim() === '') return 'it is only spaces';
  if (name.endsWith(' ')) return 'it ends with a space';
  const bytes = byteLength(written);
  if (bytes > MAX_FILE_NAME_BYTES) return `it is too long (${bytes} bytes as written)`;
  const stem = (written.split('.')[0] ?? '').trimEnd();
  if (DEVICE_NAME.test(stem)) return `"${stem}" is a device name on Windows`;
  return null;
}

function hasExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1;
}

/**
 * `name` if it is free, else the first free of `stem_2.ext`, `stem_3.ext`, ... (`isTaken` says whether a
 * name is in use: a file in the target folder, a name handed out earlier).
 */
export function uniqueFileName(name: string, isTaken: (name: string) => boolean): string {
  if (!isTaken(name)) return name;
  const dot = hasExtension(name) ? name.lastIndexOf('.') : name.length;
  const stem = name.slice(0, dot);
  const extension = name.slice(dot);
  for (let n = 2; n <= MAX_UNIQUE_SUFFIX; n++) {
    const candidate = `${stem}_${n}${extension}`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error(`no free file name like ${name}`);
}
