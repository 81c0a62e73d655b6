import { describe, expect, it } from 'vitest';
import {
  checkFileName,
  checkGivenFileName,
  defaultFileName,
  exportFileName,
  fileNamePart,
  uniqueFileName,
} from './file-names';

const CONTRACT_PATTERN = /^system_status_[\p{L}\p{M}\p{N}_-]+_(complete|delta)_\d{8}_\d{6}\.json$/u;

describe('defaultFileName', () => {
  it('follows the contract: system_status_<name>_<mode>_<YYYYMMDD_HHMMSS>.json', () => {
    expect(defaultFileName('Example Trading Session', 'delta', '20251203_141545')).toBe(
      'system_status_Example_Trading_Session_delta_20251203_141545.json',
    );
    expect(defaultFileName('Example Trading Session', 'complete', '20251203_141530')).toMatch(
      CONTRACT_PATTERN,
    );
  });

  it('replaces every run of other characters by one underscore', () => {
    expect(fileNamePart('Example Trading Session')).toBe('Example_Trading_Session');
    expect(fileNamePart('a  /\\..b')).toBe('a_b');
    expect(fileNamePart('my-session_2 (v1.5)!')).toBe('my-session_2_v1_5_');
    expect(fileNamePart('../../etc/passwd')).toBe('_etc_passwd');
    expect(fileNamePart('tab\there\nnewline')).toBe('tab_here_newline');
    expect(fileNamePart('Société Générale')).toBe('Société_Générale');
    // Decomposed accents are composed first, so the mark stays with its letter.
    expect(fileNamePart('Socie\u0301te\u0301')).toBe('Société');
  });

  it('never leaves a name that could leave the folder', () => {
    for (const name of ['..', '/', 'a/../b', '\\\\server\\share', ' ', '']) {
      const file = defaultFileName(name, 'complete', '20251203_141530');
      expect(file).toMatch(CONTRACT_PATTERN);
      expect(checkFileName(file)).toEqual({ ok: true, value: file });
    }
    expect(fileNamePart('')).toBe('session');
    expect(fileNamePart('///')).toBe('session');
  });
});

describe('checkFileName', () => {
  it('uses the name as given, adding .json only when it has no extension', () => {
    expect(checkFileName('first.json')).toEqual({ ok: true, value: 'first.json' });
    expect(checkFileName('first')).toEqual({ ok: true, value: 'first.json' });
    expect(checkFileName('report.txt')).toEqual({ ok: true, value: 'report.txt' });
    expect(checkFileName('daily_snapshot_2025-12-03.json')).toEqual({
      ok: true,
      value: 'daily_snapshot_2025-12-03.json',
    });
    expect(checkFileName('v1.5')).toEqual({ ok: true, value: 'v1.5' });
    expect(checkFileName('.hidden')).toEqual({ ok: true, value: '.hidden.json' });
    expect(checkFileName('report.')).toEqual({ ok: true, value: 'report.json' });
    expect(checkFileName('my export')).toEqual({ ok: true, value: 'my export.json' });
  });

  it('refuses names that could leave the folder, with one line saying what is accepted', () => {
    const accepted =
      '(expected a plain file name of at most 240 bytes in UTF-8 with its extension (an accented letter takes 2) without "/", "\\", "..", control or invisible characters, not a device name such as CON or NUL and not ending in a space, e.g. my_export.json)';
    const cases: [string, string][] = [
      ['', 'file name "" is not accepted: it is empty'],
      ['../up.json', 'file name "../up.json" is not accepted: it holds "/"'],
      ['a/b.json', 'file name "a/b.json" is not accepted: it holds "/"'],
      ['/etc/passwd', 'file name "/etc/passwd" is not accepted: it holds "/"'],
      ['a\\b.json', 'file name "a\\\\b.json" is not accepted: it holds "\\"'],
      ['..', 'file name ".." is not accepted: it holds ".."'],
      ['a..json', 'file name "a..json" is not accepted: it holds ".."'],
      ['.', 'file name "." is not accepted: it is only dots'],
      ['a\u0000b', 'file name "a\\u0000b" is not accepted: it holds a control or invisible character'],
      ['a\nb.json', 'file name "a\\u000ab.json" is not accepted: it holds a control or invisible character'],
      ['a\u007fb', 'file name "a\\u007fb" is not accepted: it holds a control or invisible character'],
      ['a\u2028b', 'file name "a\\u2028b" is not accepted: it holds a control or invisible character'],
      ['   ', 'file name "   " is not accepted: it is only spaces'],
      [
        'a\u202eb.json',
        'file name "a\\u202eb.json" is not accepted: it holds a control or invisible character',
      ],
      ['a\u200bb', 'file name "a\\u200bb" is not accepted: it holds a control or invisible character'],
      ['a\u009bb', 'file name "a\\u009bb" is not accepted: it holds a control or invisible character'],
      ['a\ud800b', 'file name "a\\ud800b" is not accepted: it holds a control or invisible character'],
      ['report ', 'file name "report " is not accepted: it ends with a space'],
      ['CON', 'file name "CON" is not accepted: "CON" is a device name on Windows'],
      ['nul.json', 'file name "nul.json" is not accepted: "nul" is a device name on Windows'],
      ['Com1.txt', 'file name "Com1.txt" is not accepted: "Com1" is a device name on Windows'],
      ['LPT9 .json', 'file name "LPT9 .json" is not accepted: "LPT9" is a device name on Windows'],
    ];
    for (const [name, message] of cases) {
      const result = checkFileName(name);
      expect(result).toEqual({ ok: false, error: `${message} ${accepted}` });
      if (!result.ok) expect(result.error).not.toMatch(/[\n\r]/);
    }
  });

  it('refuses names too long for a file system once a suffix is added', () => {
    expect(checkFileName('a'.repeat(235)).ok).toBe(true);
    const result = checkFileName('a'.repeat(236));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('it is too long (241 bytes as written)');
      expect(result.error.length).toBeLessThan(500);
    }
  });

  it('counts UTF-8 bytes, not characters: 200 "é" are 400 bytes and are refused before any export', () => {
    const result = checkGivenFileName('é'.repeat(200));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('it is too long (405 bytes as written)');
    // Every accepted name still fits in 255 bytes with the longest suffix uniqueFileName adds.
    const longest = checkFileName('é'.repeat(117));
    expect(longest.ok).toBe(true);
    if (longest.ok) {
      const suffixed = uniqueFileName(longest.value, (n) => !n.includes('_999999'));
      expect(new TextEncoder().encode(suffixed).length).toBeLessThanOrEqual(255);
    }
  });

  it('cuts a long session name in a default name, so that the default name always fits', () => {
    for (const session of ['é'.repeat(1000), '語'.repeat(500), 'a'.repeat(10_000)]) {
      const file = defaultFileName(session, 'complete', '20251203_141530');
      expect(file).toMatch(CONTRACT_PATTERN);
      expect(checkFileName(file)).toEqual({ ok: true, value: file });
    }
  });
});

describe('uniqueFileName', () => {
  it('keeps a free name and adds _2, _3, ... before the extension otherwise', () => {
    const taken = new Set<string>();
    const take = (name: string) => {
      const unique = uniqueFileName(name, (n) => taken.has(n));
      taken.add(unique);
      return unique;
    };
    const name = 'system_status_Example_Trading_Session_delta_20251203_141545.json';
    expect(take(name)).toBe(name);
    expect(take(name)).toBe('system_status_Example_Trading_Session_delta_20251203_141545_2.json');
    expect(take(name)).toBe('system_status_Example_Trading_Session_delta_20251203_141545_3.json');
    for (const n of [name, `${name.slice(0, -5)}_2.json`, `${name.slice(0, -5)}_3.json`]) {
      expect(n).toMatch(/^system_status_Example_Trading_Session_delta_\d{8}_\d{6}(_\d+)?\.json$/);
    }
    expect(take('first.json')).toBe('first.json');
    expect(take('first.json')).toBe('first_2.json');
    expect(take('notes')).toBe('notes');
    expect(take('notes')).toBe('notes_2');
    expect(take('.hidden.json')).toBe('.hidden.json');
    expect(take('.hidden.json')).toBe('.hidden_2.json');
  });

  it('skips every taken suffix', () => {
    const taken = new Set(['a.json', 'a_2.json', 'a_3.json', 'a_5.json']);
    expect(uniqueFileName('a.json', (n) => taken.has(n))).toBe('a_4.json');
  });
});

describe('the name an export is saved under', () => {
  const metadata = { mode: 'delta', fileTimestamp: '20250701_093500' } as const;

  it("is the user's name, checked and with .json added, or the default when none was given", () => {
    const given = checkGivenFileName('snapshot');
    expect(given).toEqual({ ok: true, value: 'snapshot.json' });
    expect(exportFileName(given.ok ? given.value : undefined, 'My Session', metadata)).toBe('snapshot.json');
    expect(checkGivenFileName(undefined)).toEqual({ ok: true, value: undefined });
    expect(exportFileName(undefined, 'My Session', metadata)).toBe(
      'system_status_My_Session_delta_20250701_093500.json',
    );
    // A name given empty is a mistake, not "no name".
    expect(checkGivenFileName('').ok).toBe(false);
  });

  it("is refused before the export when the user's name could leave the folder", () => {
    const refused = checkGivenFileName('../up.json');
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.error).toMatch(/^file name "\.\.\/up\.json" is not accepted: it holds "\/"/);
  });
});
