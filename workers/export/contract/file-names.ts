// Export file names (docs/export-format.md section 6): the default name, the check of a name given by the user,
// and the suffix that keeps two exports from overwriting each other. Shared by the command line and the UI.
//
// Decisions:
// - "Letters and digits" are Unicode letters, combining marks and digits (after NFC normalization), so a
//   session named "Société Générale" keeps its accents; everything else, in runs, becomes one `_`. A name
//   with nothing left becomes `session`.
// - A user-given name has an extension when it holds a dot that is neither its first nor its last
//   character (`report.txt`, not `.hidden` or `report.`); otherwise `.json` is added (`report.` becomes
//   `report.json`). Besides `/`, `\`, `..` and control characters, names made only of dots and names longer
//   than 200 characters are refused, so the suffix of `uniqueFileName` always fits in a file system's limit.
// - `uniqueFileName` puts `_2`, `_3`, ... before the extension of the name asked for (`first.json`,
//   `first_2.json`, `first_3.json`).

import type { Result } from '../../common/result';
import { MAX_FILE_NAME_LENGTH } from './limits';
import type { ExportMetadata, ExportMode } from './types';

const NOT_NAME_CHARACTERS = /[^\p{L}\p{M}\p{N}_-]+/gu;
const CONTROL_CHARACTER = /[\p{Cc}\p{Zl}\p{Zp}]/u;

/** `Example Trading Session` -> `Example_Trading_Session`. */
export function fileNamePart(sessionName: string): string {
  const part = sessionName.normalize('NFC').replace(NOT_NAME_CHARACTERS, '_');
  return part === '' || part === '_' ? 'session' : part;
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
  const problem = fileNameProblem(name);
  if (problem !== null) {
    return {
      ok: false,
      error: `file name ${quote(name)} is not accepted: ${problem} (expected a plain file name of at most ${MAX_FILE_NAME_LENGTH} characters without "/", "\\", ".." or control characters, e.g. my_export.json)`,
    };
  }
  if (hasExtension(name)) return { ok: true, value: name };
  return { ok: true, value: name.endsWith('.') ? `${name}json` : `${name}.json` };
}

function fileNameProblem(name: string): string | null {
  if (name === '') return 'it is empty';
  if (name.includes('/')) return 'it holds "/"';
  if (name.includes('\\')) return 'it holds "\\"';
  if (name.includes('..')) return 'it holds ".."';
  if (CONTROL_CHARACTER.test(name)) return 'it holds a control character';
  if (/^\.+$/.test(name)) return 'it is only dots';
  if (name.trim() === '') return 'it is only spaces';
  if ([...name].length > MAX_FILE_NAME_LENGTH) return 'it is too long';
  return null;
}

function hasExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1;
}

/** The name in double quotes, with control characters and quotes escaped so the message stays one line. */
function quote(name: string): string {
  const shown = [...name].length > 80 ? `${[...name].slice(0, 80).join('')}...` : name;
  return `"${shown.replace(/[\p{Cc}\p{Zl}\p{Zp}"\\]/gu, (c) =>
    c === '"' || c === '\\' ? `\\${c}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}"`;
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
  for (let n = 2; n < 1_000_000; n++) {
    const candidate = `${stem}_${n}${extension}`;
    if (!isTaken(candidate)) return candidate;
  }
  throw new Error(`no free file name like ${name}`);
}
