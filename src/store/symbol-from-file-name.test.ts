import { describe, expect, it } from 'vitest';
import { symbolCandidates, symbolFromFileName } from './symbol-from-file-name';

const SESSION = ['RIVN', 'AAPL', 'TSLA', 'MSFT', 'BRK.B', 'BRK-A', 'F'];

describe('symbolFromFileName', () => {
  it.each([
    ['rivn-1m.csv', 'RIVN'],
    ['RIVN_1m.parquet', 'RIVN'],
    ['aapl.csv', 'AAPL'],
    ['MSFT-2025-07-01.csv', 'MSFT'],
    ['rivn1m.csv', 'RIVN'],
    ['tsla bars (1).csv', 'TSLA'],
    ['Tsla.CSV.GZ', 'TSLA'],
    ['C:\\data\\rivn-1m.csv', 'RIVN'],
    ['downloads/aapl_2025.parquet', 'AAPL'],
    ['rivn.1m.csv', 'RIVN'],
    ['brk.b-1m.csv', 'BRK.B'],
    ['brk.b.csv', 'BRK.B'],
    ['brk-a_2025.csv', 'BRK-A'],
    // A class suffix the session lacks falls back to the root, when the session has it.
    ['aapl-x.csv', 'AAPL'],
    // A word after a hyphen is not a class suffix.
    ['aapl-daily.csv', 'AAPL'],
    ['f.csv', 'F'],
  ])('%s gives %s', (name, symbol) => {
    expect(symbolFromFileName(name, SESSION)).toBe(symbol);
  });

  it.each([
    '2025-07-01.csv',
    '_rivn.csv',
    '.csv',
    '',
    'bars.csv',
    'export.parquet',
    'rivnx-1m.csv',
    'ÄAPL.csv',
    'my-rivn.csv',
    'averyveryverylongname.csv',
  ])('%j guesses nothing', (name) => {
    expect(symbolFromFileName(name, SESSION)).toBeNull();
  });

  it('lists the class-suffixed reading first, then the root', () => {
    expect(symbolCandidates('brk.b-1m.csv')).toEqual(['BRK.B', 'BRK']);
    expect(symbolCandidates('rivn-1m.csv')).toEqual(['RIVN']);
    expect(symbolCandidates('1m-rivn.csv')).toEqual([]);
    expect(symbolCandidates('averyveryverylongname.csv')).toEqual([]);
  });
});
