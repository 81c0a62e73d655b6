import { describe, expect, it } from 'vitest';
import { matchCountText, matchSymbols, movedRow } from './symbol-search';

const names = ['RIVN', 'AAPL', 'TSLA', 'PLTR', 'AAP', 'MAAP'];
const plain = (n: number) => String(n);

describe('matchSymbols', () => {
  it('keeps every row, in order, for an empty or blank query', () => {
    expect(matchSymbols(names, '')).toEqual([0, 1, 2, 3, 4, 5]);
    expect(matchSymbols(names, '   ')).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('matches case-insensitively: the exact name, then names starting with it, then names containing it', () => {
    expect(matchSymbols(names, 'aap').map((i) => names[i])).toEqual(['AAP', 'AAPL', 'MAAP']);
    expect(matchSymbols(names, ' Tsla ').map((i) => names[i])).toEqual(['TSLA']);
    expect(matchSymbols(names, 'l').map((i) => names[i])).toEqual(['AAPL', 'TSLA', 'PLTR']);
  });

  it('finds nothing for text no name holds', () => {
    expect(matchSymbols(names, 'ZZZ')).toEqual([]);
  });
});

describe('matchCountText', () => {
  it('says how many of how many match once something is typed', () => {
    expect(matchCountText(6, 6, '', plain)).toBe('6 symbols');
    expect(matchCountText(3, 6, 'aa', plain)).toBe('3 of 6 symbols');
    expect(matchCountText(0, 1, 'x', plain)).toBe('0 of 1 symbol');
  });
});

describe('movedRow', () => {
  it('moves by one, by a page and to either end, staying inside the rows', () => {
    expect(movedRow('ArrowDown', 0, 5, 3)).toBe(1);
    expect(movedRow('ArrowDown', 4, 5, 3)).toBe(4);
    expect(movedRow('ArrowUp', 0, 5, 3)).toBe(0);
    expect(movedRow('PageDown', 1, 5, 3)).toBe(4);
    expect(movedRow('PageUp', 1, 5, 3)).toBe(0);
    expect(movedRow('End', 0, 5, 3)).toBe(4);
    expect(movedRow('Home', 3, 5, 3)).toBe(0);
  });

  it('ignores other keys and an empty table', () => {
    expect(movedRow('a', 0, 5, 3)).toBeNull();
    expect(movedRow('ArrowDown', 0, 0, 3)).toBeNull();
  });
});
