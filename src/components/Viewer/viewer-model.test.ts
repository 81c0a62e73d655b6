import { describe, expect, it } from 'vitest';
import type { ViewerEntry } from '../../../workers/viewer/types';
import { formatCell, formatNumber, formatTreeValue, toneOf } from './format-value';
import { type PageState, pagesFor, pagesToForget, rowAt } from './row-pages';
import { MAX_SCROLL_HEIGHT, rowWindow } from './row-window';
import {
  activeIndexOf,
  type ChildrenState,
  dottedPath,
  flattenTree,
  INITIALLY_OPEN,
  missingChildren,
  pathKey,
  pathsToOpen,
  type TreeItem,
  treeKey,
} from './tree-model';

const object = (key: string, size: number, extra: Partial<ViewerEntry> = {}): ViewerEntry => ({
  key,
  kind: 'object',
  size,
  preview: '',
  ...extra,
});
const array = (key: string, size: number, extra: Partial<ViewerEntry> = {}): ViewerEntry => ({
  key,
  kind: 'array',
  size,
  preview: '',
  ...extra,
});
const value = (key: string, v: number | string): ViewerEntry => ({
  key,
  kind: 'value',
  size: 1,
  preview: JSON.stringify(v),
  value: v,
});

const root = [object('_metadata', 2), object('session_data', 1)];
const stream = object('1m', 4, { counts: { count: 3, total: 30 } });

describe('the export tree as a flat list', () => {
  it('shows only the top level until something is open', () => {
    const items = flattenTree(root, new Set(), new Map());
    expect(items.map((i) => i.type === 'entry' && i.entry.key)).toEqual(['_metadata', 'session_data']);
  });

  it('shows a loading line under an open node until its children come, then the children', () => {
    const open = new Set([pathKey(['session_data'])]);
    const loading = flattenTree(root, open, new Map());
    expect(loading.map((i) => i.type)).toEqual(['entry', 'entry', 'loading']);
    expect(missingChildren(loading, new Map())).toEqual([['session_data']]);

    const children = new Map<string, ChildrenState>([
      [pathKey(['session_data']), { status: 'ready', entries: [value('_session_active', 1), stream] }],
    ]);
    const ready = flattenTree(root, open, children);
    expect(ready.map((i) => (i.type === 'entry' ? `${i.depth}:${dottedPath(i.path)}` : i.type))).toEqual([
      '0:_metadata',
      '0:session_data',
      '1:session_data._session_active',
      '1:session_data.1m',
    ]);
    expect(missingChildren(ready, children)).toEqual([]);
  });

  it('moves the keyboard from a loading line to the first child that replaces it', () => {
    const open = new Set([pathKey(['session_data'])]);
    const loading = flattenTree(root, open, new Map());
    const line = loading[2];
    if (line === undefined) throw new Error('no loading line');
    const keyboard = { id: line.id, path: line.path };
    expect(activeIndexOf(loading, keyboard)).toBe(2);
    const children = new Map<string, ChildrenState>([
      [pathKey(['session_data']), { status: 'ready', entries: [value('_session_active', 1), stream] }],
    ]);
    const ready = flattenTree(root, open, children);
    expect(dottedPath(ready[activeIndexOf(ready, keyboard)]?.path ?? [])).toBe(
      'session_data._session_active',
    );
    // Children that failed: the error line is not a child, so the keyboard goes back to the node.
    const failed = flattenTree(
      root,
      open,
      new Map([[pathKey(['session_data']), { status: 'error', error: 'x' }]]),
    );
    expect(activeIndexOf(failed, keyboard)).toBe(1);
  });

  it('puts one rows table under an open array, and says why children failed', () => {
    const entries = [array('data', 500, { columns: ['timestamp'] }), object('broken', 2)];
    const open = new Set([pathKey(['x']), pathKey(['x', 'data']), pathKey(['x', 'broken'])]);
    const children = new Map<string, ChildrenState>([
      [pathKey(['x']), { status: 'ready', entries }],
      [pathKey(['x', 'broken']), { status: 'error', error: 'The file is damaged.' }],
    ]);
    const items = flattenTree([object('x', 2)], open, children);
    expect(items.map((i) => i.type)).toEqual(['entry', 'entry', 'rows', 'entry', 'error']);
    const rows = items[2];
    expect(rows?.type === 'rows' && rows.path).toEqual(['x', 'data']);
    expect(items[4]?.type === 'error' && items[4].error).toBe('The file is damaged.');
  });

  it('never opens values or empty containers', () => {
    const entries = [value('a', 1), object('empty', 0), array('none', 0)];
    const open = new Set(['a', 'empty', 'none'].map((k) => pathKey([k])));
    const items = flattenTree(entries, open, new Map());
    expect(items.every((i) => i.type === 'entry' && !i.open)).toBe(true);
  });

  it('opens a stream with its rows, and starts with the symbols listed', () => {
    expect(pathsToOpen(['s', '1m'], stream)).toEqual([
      ['s', '1m'],
      ['s', '1m', 'data'],
    ]);
    expect(pathsToOpen(['s', '5m'], object('5m', 3, { counts: { count: 0, total: 0 } }))).toEqual([
      ['s', '5m'],
    ]);
    expect(pathsToOpen(['x'], object('x', 3))).toEqual([['x']]);
    expect(INITIALLY_OPEN).toContainEqual(['session_data', 'symbols']);
    expect(dottedPath(['a', 'b', 3, 'c'])).toBe('a.b[3].c');
    expect(dottedPath([0, 'x'])).toBe('[0].x');
    // An empty key keeps its place: two paths never read the same.
    expect(dottedPath(['', 'x'])).toBe('.x');
    expect(dottedPath(['x'])).toBe('x');
  });
});

describe('the tree by keyboard', () => {
  // _metadata (closed) · session_data (open) › _session_active (value) · 1m (open stream) › its rows table ·
  // broken (open, failed) › its error line · last (closed)
  const tree = () => {
    const open = new Set([
      pathKey(['session_data']),
      pathKey(['session_data', '1m']),
      pathKey(['session_data', 'broken']),
    ]);
    const children = new Map<string, ChildrenState>([
      [
        pathKey(['session_data']),
        {
          status: 'ready',
          entries: [value('_session_active', 1), array('1m', 3), object('broken', 1), object('last', 2)],
        },
      ],
      [pathKey(['session_data', 'broken']), { status: 'error', error: 'Damaged.' }],
    ]);
    return flattenTree(root, open, children);
  };
  const at = (items: TreeItem[], index: number) => {
    const item = items[index];
    return item?.type === 'entry' ? dottedPath(item.path) : item?.type;
  };
  const index = (items: TreeItem[], path: string) =>
    items.findIndex((i) => i.type === 'entry' && dottedPath(i.path) === path);

  it('numbers each row among its siblings', () => {
    const items = tree();
    const row = items[index(items, 'session_data.broken')];
    expect(row?.type === 'entry' && [row.depth, row.position, row.siblings]).toEqual([1, 3, 4]);
  });

  it('moves up and down over every row, a rows table and an error line included', () => {
    const items = tree();
    const down = (from: number) => {
      const move = treeKey(items, from, 'ArrowDown');
      return move?.type === 'focus' ? at(items, move.index) : move?.type;
    };
    expect(down(index(items, '_metadata'))).toBe('session_data');
    expect(down(index(items, 'session_data.1m'))).toBe('rows');
    expect(down(index(items, 'session_data.1m') + 1)).toBe('session_data.broken');
    expect(down(index(items, 'session_data.broken'))).toBe('error');
    expect(down(items.length - 1)).toBe('session_data.last');
    const up = treeKey(items, index(items, 'session_data.last'), 'ArrowUp');
    expect(up?.type === 'focus' && at(items, up.index)).toBe('error');
    const home = treeKey(items, index(items, 'session_data.1m'), 'Home');
    const end = treeKey(items, 0, 'End');
    expect(home?.type === 'focus' && at(items, home.index)).toBe('_metadata');
    expect(end?.type === 'focus' && at(items, end.index)).toBe('session_data.last');
  });

  it('opens with Right, then goes to the first child; closes with Left, then goes to the parent', () => {
    const items = tree();
    expect(treeKey(items, index(items, '_metadata'), 'ArrowRight')).toEqual({ type: 'toggle', index: 0 });
    const open = index(items, 'session_data');
    const child = treeKey(items, open, 'ArrowRight');
    expect(child?.type === 'focus' && at(items, child.index)).toBe('session_data._session_active');
    // An open array's child is its rows table; Left there goes back to the array.
    const array = index(items, 'session_data.1m');
    expect(treeKey(items, array, 'ArrowRight')).toEqual({ type: 'focus', index: array + 1 });
    expect(treeKey(items, array + 1, 'ArrowLeft')).toEqual({ type: 'focus', index: array });
    expect(treeKey(items, array + 1, 'ArrowRight')).toEqual({ type: 'none' });
    expect(treeKey(items, index(items, 'session_data._session_active'), 'ArrowRight')).toEqual({
      type: 'none',
    });
    expect(treeKey(items, open, 'ArrowLeft')).toEqual({ type: 'toggle', index: open });
    const parent = treeKey(items, index(items, 'session_data.last'), 'ArrowLeft');
    expect(parent?.type === 'focus' && at(items, parent.index)).toBe('session_data');
    expect(treeKey(items, 0, 'ArrowLeft')).toEqual({ type: 'none' });
  });

  it('toggles with Enter and Space, and leaves other keys alone', () => {
    const items = tree();
    expect(treeKey(items, 0, 'Enter')).toEqual({ type: 'toggle', index: 0 });
    expect(treeKey(items, 0, ' ')).toEqual({ type: 'toggle', index: 0 });
    expect(treeKey(items, index(items, 'session_data._session_active'), 'Enter')).toEqual({ type: 'none' });
    expect(treeKey(items, 0, 'a')).toBeNull();
  });

  it('keeps the keyboard on the nearest shown ancestor when its row is hidden', () => {
    const items = tree();
    const focus = (path: (string | number)[], id = pathKey(path)) => ({ id, path });
    expect(at(items, activeIndexOf(items, focus(['session_data', '1m'])))).toBe('session_data.1m');
    expect(
      at(
        items,
        activeIndexOf(items, focus(['session_data', '1m'], `${pathKey(['session_data', '1m'])}#rows`)),
      ),
    ).toBe('rows');
    const closed = flattenTree(root, new Set(), new Map());
    expect(at(closed, activeIndexOf(closed, focus(['session_data', '1m'])))).toBe('session_data');
    expect(at(closed, activeIndexOf(closed, focus(['gone'])))).toBe('_metadata');
  });
});

describe('row pages', () => {
  it('finds the pages that hold a range of rows', () => {
    expect(pagesFor(0, 11, 200)).toEqual([0]);
    expect(pagesFor(190, 210, 200)).toEqual([0, 1]);
    expect(pagesFor(5, 4)).toEqual([]);
  });

  it('reads a row from its page, scalars as one-cell rows', () => {
    const pages = new Map<number, PageState>([
      [0, { status: 'ready', rows: [[1, 2], 'x'] }],
      [1, { status: 'loading' }],
    ]);
    expect(rowAt(pages, 0, 2)).toEqual([1, 2]);
    expect(rowAt(pages, 1, 2)).toEqual(['x']);
    expect(rowAt(pages, 2, 2)).toBeUndefined();
  });

  it('forgets the pages farthest from view, never one that is loading', () => {
    const pages = new Map<number, PageState>();
    for (let p = 0; p < 6; p++) pages.set(p, { status: 'ready', rows: [] });
    pages.set(9, { status: 'loading' });
    expect(pagesToForget(pages, 5, 4).sort()).toEqual([0, 1, 2]);
    expect(pagesToForget(pages, 5, 10)).toEqual([]);
  });
});

describe('the rows drawn for a scroll position', () => {
  const base = { rowHeight: 26, viewport: 12 * 26, overscan: 8 };

  it('draws the rows in view and a few beyond, each at its place', () => {
    const top = rowWindow({ ...base, total: 1000, scrollTop: 0 });
    expect(top).toMatchObject({ contentHeight: 26_000, firstSeen: 0, from: 0, to: 21 });
    const middle = rowWindow({ ...base, total: 1000, scrollTop: 500 * 26 + 10 });
    expect(middle).toMatchObject({ firstSeen: 500, from: 492, to: 521 });
    expect(middle.top(500)).toBe(500 * 26);
    const end = rowWindow({ ...base, total: 1000, scrollTop: 1e9 });
    expect(end).toMatchObject({ firstSeen: 988, to: 1000 });
    expect(rowWindow({ ...base, total: 5, viewport: 5 * 26, scrollTop: 0 })).toMatchObject({
      from: 0,
      to: 5,
    });
  });

  it('scrolls through ten million rows within a height a browser can scroll', () => {
    const total = 10_000_000;
    const range = MAX_SCROLL_HEIGHT - base.viewport;
    const start = rowWindow({ ...base, total, scrollTop: 0 });
    expect(start).toMatchObject({ contentHeight: MAX_SCROLL_HEIGHT, firstSeen: 0, from: 0 });
    const half = rowWindow({ ...base, total, scrollTop: range / 2 });
    expect(half.firstSeen).toBeCloseTo((total - 12) / 2, -1);
    // A drawn row sits where the scroll position shows it: the first one in view at the top edge.
    const first = Math.floor(((range / 2) * (total * 26 - base.viewport)) / range / 26);
    expect(half.top(first)).toBeLessThanOrEqual(range / 2);
    expect(half.top(first) + 26).toBeGreaterThan(range / 2);
    const end = rowWindow({ ...base, total, scrollTop: range });
    expect(end).toMatchObject({ firstSeen: total - 12, to: total });
    expect(end.top(total - 1) + 26).toBeCloseTo(range + base.viewport, 3);
  });
});

describe('values as the viewer writes them', () => {
  it('writes numbers with thousands separators and every decimal', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(12.63)).toBe('12.63');
    expect(formatNumber(1234.5678)).toBe('1,234.5678');
    expect(formatNumber(-0.000123)).toBe('-0.000123');
  });

  it('quotes strings in the tree but not in cells', () => {
    expect(formatTreeValue('09:30:00')).toBe('"09:30:00"');
    expect(formatCell('09:30:00')).toBe('09:30:00');
    expect(formatCell(null)).toBe('null');
    expect(formatCell({ a: 1 })).toBe('{"a":1}');
    expect([1, 's', true, null, []].map(toneOf)).toEqual(['number', 'string', 'boolean', 'null', 'other']);
  });
});
