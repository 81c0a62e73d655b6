// The pure parts of the viewer's tools: copy path's text, what search opens to reveal a match, what
// expand all opens, and how a rows table writes its numeric columns.
import { describe, expect, it } from 'vitest';
import type { ViewerEntry } from '../../../workers/viewer/types';
import { columnChars, columnDecimals, formatColumnCell } from './format-value';
import { codePath, EXPAND_ALL_DEPTH, flattenTree, pathKey, revealPlan, toExpand } from './tree-model';
import { matchCount } from './ViewerTools';

describe('copy path', () => {
  it('writes a path as code: identifiers after dots, other keys quoted in brackets, positions as indexes', () => {
    expect(codePath(['session_data', 'symbols', 'RIVN', 'session', 'data', '1m'])).toBe(
      'session_data.symbols.RIVN.session.data["1m"]',
    );
    expect(codePath(['a', 'columns', 2])).toBe('a.columns[2]');
    expect(codePath(['1m', 'x y', 'q"'])).toBe('["1m"]["x y"]["q\\""]');
    expect(codePath(['_metadata', '$v'])).toBe('_metadata.$v');
  });
});

describe('revealing a search match', () => {
  it('opens every ancestor of an object path, and selects the path itself', () => {
    expect(revealPlan(['a', 'b', 'c'])).toEqual({ target: ['a', 'b', 'c'], open: [['a'], ['a', 'b']] });
  });

  it('shows a match inside an array at the array, opened on its rows', () => {
    expect(revealPlan(['a', 'columns', 3])).toEqual({
      target: ['a', 'columns'],
      open: [['a'], ['a', 'columns']],
    });
    expect(revealPlan(['a', 'list', 0, 'k'])).toEqual({
      target: ['a', 'list'],
      open: [['a'], ['a', 'list']],
    });
  });
});

const object = (key: string, size = 1): ViewerEntry => ({ key, kind: 'object', size, preview: '' });
const array = (key: string): ViewerEntry => ({ key, kind: 'array', size: 3, preview: '' });

describe('expand all', () => {
  it('opens the closed objects shown, not arrays, not empty objects, and none below the depth limit', () => {
    const root = [object('a'), array('list'), object('empty', 0)];
    const items = flattenTree(root, new Set(), new Map());
    expect(toExpand(items, new Set())).toEqual([pathKey(['a'])]);
    // A chain deeper than the limit: the object at the limit's depth stays closed.
    let children = new Map();
    let open = new Set<string>();
    const path: string[] = [];
    for (let depth = 0; depth <= EXPAND_ALL_DEPTH + 1; depth++) {
      path.push(`k${depth}`);
      open = new Set([...open, pathKey(path)]);
      children = new Map(children).set(pathKey(path), {
        status: 'ready',
        entries: [object(`k${depth + 1}`)],
      });
    }
    const deep = flattenTree([object('k0')], open, children);
    const closed = deep.filter((item) => item.type === 'entry' && !item.open);
    expect(closed.map((item) => item.depth)).toEqual([EXPAND_ALL_DEPTH + 2]);
    expect(toExpand(deep, open)).toEqual([]);
  });
});

describe('search count', () => {
  it('says where the current match is among all, and when only the first are listed', () => {
    const matches = Array.from({ length: 3 }, () => ({ path: ['a'], where: 'key' as const, text: 'a' }));
    expect(matchCount({ query: 'a', total: 3, matches }, 1)).toBe('2 of 3');
    expect(matchCount({ query: 'a', total: 3400, matches }, 0)).toBe(
      '1 of 3,400 (the first 3 can be stepped through)',
    );
    expect(matchCount({ query: 'a', total: 0, matches: [] }, 0)).toBe('No matches');
  });
});

describe('numeric columns in a rows table', () => {
  const rows = [
    ['2025-07-01T09:30:00', 12.6, 100, 'x'],
    ['2025-07-01T09:31:00', 12.61, 2500, null],
    ['2025-07-01T09:32:00', 12, 7, 'longer text'],
  ];

  it('pads every number of a column to the most decimals it has, so 12.6 sits above 12.61 as 12.60', () => {
    const decimals = columnDecimals(rows, 4);
    expect(decimals).toEqual([0, 2, 0, 0]);
    expect(rows.map((row) => formatColumnCell(row[1], decimals[1] as number))).toEqual([
      '12.60',
      '12.61',
      '12.00',
    ]);
    expect(formatColumnCell(2500, 0)).toBe('2,500');
    expect(formatColumnCell('2025-07-01T09:30:00', 0)).toBe('2025-07-01T09:30:00');
  });

  it('never rounds a value away: one with more decimals than the cap keeps them', () => {
    const decimals = columnDecimals([[0.123456789012], [1.5]], 1);
    expect(decimals).toEqual([8]);
    expect(formatColumnCell(0.123456789012, 8)).toBe('0.123456789012');
    expect(formatColumnCell(1.5, 8)).toBe('1.50000000');
  });

  it('measures each column by its widest text, so a whole timestamp fits', () => {
    expect(columnChars(rows, 4, columnDecimals(rows, 4))).toEqual([19, 5, 5, 11]);
  });
});
