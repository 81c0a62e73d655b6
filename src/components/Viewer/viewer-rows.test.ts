// The page's side of sorting and filtering rows tables, of changed_paths links and of the notes of copy
// value and the raw view. The sorting and filtering themselves are the worker's (workers/viewer/row-view).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ViewerEntry } from '../../../workers/viewer/types';
import { copyText } from './clipboard';
import { rawChunks, rawNote } from './RawView';
import { fileIndexAt, type PageState } from './row-pages';
import { nextSort, PLAIN_VIEW, queryOf, rangeText } from './row-query';
import { type ChildrenState, parseChangedPath, pathKey, revealMissing } from './tree-model';
import { copiedNote } from './ViewerTools';

describe('changed_paths links', () => {
  it('keeps a dotted symbol whole', () => {
    expect(parseChangedPath('session_data.symbols.BRK.B.session.data.1m')).toEqual([
      'session_data',
      'symbols',
      'BRK.B',
      'session',
      'data',
      '1m',
    ]);
    expect(parseChangedPath('session_data.symbols.BRK.B.historical.data.1d')).toEqual([
      'session_data',
      'symbols',
      'BRK.B',
      'historical',
      'data',
      '1d',
    ]);
    expect(parseChangedPath('session_data.symbols.BRK.B.indicators.vwap_1m.series')).toEqual([
      'session_data',
      'symbols',
      'BRK.B',
      'indicators',
      'vwap_1m',
      'series',
    ]);
  });

  it("keeps a strategy's dotted module whole, and splits any other path at its dots", () => {
    expect(parseChangedPath('analysis.strategies.strategies.examples.simple_ma_cross.orders')).toEqual([
      'analysis',
      'strategies',
      'strategies.examples.simple_ma_cross',
      'orders',
    ]);
    expect(parseChangedPath('analysis.equity')).toEqual(['analysis', 'equity']);
    expect(parseChangedPath('session_data.symbols.RIVN.session.data.ticks')).toEqual([
      'session_data',
      'symbols',
      'RIVN',
      'session',
      'data',
      'ticks',
    ]);
  });

  it('gives up on a path that is not in the export once its parent is read, and waits while it loads', () => {
    const object = (key: string): ViewerEntry => ({ key, kind: 'object', size: 1, preview: '' });
    const root = [object('session_data')];
    const target = ['session_data', 'symbols', 'BRK'];
    let children = new Map<string, ChildrenState>();
    expect(revealMissing(root, children, target)).toBeNull();
    children = new Map<string, ChildrenState>([
      [pathKey(['session_data']), { status: 'ready', entries: [object('symbols')] }],
      [pathKey(['session_data', 'symbols']), { status: 'loading' }],
    ]);
    expect(revealMissing(root, children, target)).toBeNull();
    children.set(pathKey(['session_data', 'symbols']), { status: 'ready', entries: [object('BRK.B')] });
    expect(revealMissing(root, children, target)).toBe(true);
    expect(revealMissing(root, children, ['session_data', 'symbols', 'BRK.B'])).toBe(false);
    expect(revealMissing(root, children, ['analysis'])).toBe(true);
  });
});

describe('sorting and filtering a rows table (the page)', () => {
  it('cycles a header through ascending, descending and the file order; another header starts over', () => {
    const up = nextSort(null, 2);
    expect(up).toEqual({ column: 2, direction: 'ascending' });
    const down = nextSort(up, 2);
    expect(down).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort(down, 2)).toBeNull();
    expect(nextSort(down, 0)).toEqual({ column: 0, direction: 'ascending' });
  });

  it('asks the worker for what is set only', () => {
    expect(queryOf(PLAIN_VIEW, ['a'])).toEqual({ columns: ['a'] });
    expect(queryOf({ sort: { column: 0, direction: 'descending' }, filter: ' x > 1 ' }, ['x'])).toEqual({
      columns: ['x'],
      sort: { column: 0, direction: 'descending' },
      filter: ' x > 1 ',
    });
  });

  it('says "N of M rows" when a filter holds rows back', () => {
    expect(rangeText(0, 11, 340, 340, false)).toBe('Rows 1–12 of 340');
    expect(rangeText(0, 11, 340, 100_000, true)).toBe('340 of 100,000 rows · 1–12 shown');
    expect(rangeText(0, -1, 0, 100_000, true)).toBe('0 of 100,000 rows match the filter');
    expect(rangeText(0, -1, 0, 0, false)).toBe('No rows');
  });

  it("numbers a sorted table's rows by their place in the file", () => {
    const pages = new Map<number, PageState>([[0, { status: 'ready', rows: [[1], [2]], indices: [70, 3] }]]);
    expect(fileIndexAt(pages, 1, 2)).toBe(3);
    expect(fileIndexAt(new Map([[0, { status: 'ready', rows: [[1]] }]]), 0, 2)).toBe(0);
  });
});

describe('notes of copy value and the raw view', () => {
  it('says how many bytes were copied of how many, from what the worker gave', () => {
    // 10 emoji are 40 bytes but 20 UTF-16 code units: the note counts bytes.
    const cut = { text: '😀'.repeat(10), bytes: 2_000_000, shown: 40, truncated: true };
    expect(copiedNote('a.b', cut)).toBe(
      'Copied the first 40 B of a.b (1.9 MB): the value is cut short, it is not whole JSON',
    );
    expect(copiedNote('a.b', { text: '1', bytes: 1, shown: 1, truncated: false })).toBe(
      'Copied the value of a.b (1 B)',
    );
  });

  it('says how much of a large node the raw view shows', () => {
    expect(rawNote({ text: 'x', bytes: 112_000_000, shown: 999_998, truncated: true })).toMatch(
      /^Showing the first 976\.6 KB of the text: the node is 106\.8 MB in the file, too large to show whole\./,
    );
    expect(rawNote({ text: '{}', bytes: 2, shown: 2, truncated: false })).toBe(
      '2 B of text (2 B in the file).',
    );
  });
});

describe('the raw text in blocks', () => {
  it('cuts the text into blocks of 200 lines that put it back together whole', () => {
    const text = Array.from({ length: 450 }, (_, i) => `  "line ${i}",`).join('\n');
    const chunks = rawChunks(text);
    expect(chunks.map((c) => c.lines)).toEqual([200, 200, 50]);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks[0]?.text.endsWith('"line 199",\n')).toBe(true);
    expect(rawChunks('{}')).toEqual([{ text: '{}', lines: 1 }]);
    expect(rawChunks('')).toEqual([]);
  });
});

describe('copying a text that comes later', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('starts the clipboard write at once (within the click, as Safari needs), filled when the text comes', async () => {
    const calls: string[] = [];
    let item: { types: Record<string, Promise<Blob>> } | null = null;
    vi.stubGlobal(
      'ClipboardItem',
      class {
        constructor(readonly types: Record<string, Promise<Blob>>) {
          item = this;
        }
      },
    );
    vi.stubGlobal('navigator', {
      clipboard: {
        write: async () => calls.push('write'),
        writeText: async () => calls.push('writeText'),
      },
    });
    let answer: (text: string) => void = () => {};
    const text = new Promise<string>((resolve) => {
      answer = resolve;
    });
    const copied = copyText(text);
    // Written before the worker has answered.
    expect(calls).toEqual(['write']);
    answer('{"a": 1}');
    await copied;
    const blob = await (item as { types: Record<string, Promise<Blob>> } | null)?.types['text/plain'];
    expect(await blob?.text()).toBe('{"a": 1}');
    expect(blob?.type).toBe('text/plain');
  });

  it('falls back to writeText where there is no ClipboardItem, and passes on a refusal', async () => {
    const written: string[] = [];
    vi.stubGlobal('navigator', { clipboard: { writeText: async (t: string) => written.push(t) } });
    await copyText(Promise.resolve('x'));
    expect(written).toEqual(['x']);
    await expect(copyText(Promise.reject(new Error('worker gone')))).rejects.toThrow('worker gone');
  });
});
