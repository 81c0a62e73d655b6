import { describe, expect, it } from 'vitest';
import { splitFields, splitRecords } from './csv-records';

describe('CSV records', () => {
  it('keeps quoted line breaks in their record, numbered by the line it starts on', () => {
    expect(splitRecords('a\n"b\nc",d\r\ne', 1, true)).toEqual({
      records: [
        { line: 1, text: 'a' },
        { line: 2, text: '"b\nc",d' },
        { line: 4, text: 'e' },
      ],
      rest: '',
      restLine: 4,
    });
  });

  it('carries an incomplete record, open quote included, to the next slice', () => {
    expect(splitRecords('a\n"b\nc', 7, false)).toEqual({
      records: [{ line: 7, text: 'a' }],
      rest: '"b\nc',
      restLine: 8,
    });
  });

  it('breaks a quote still open past the limit mid-file, and goes on at the next line', () => {
    const split = splitRecords(`x\n"${'y'.repeat(50)}\nz\nw\n`, 1, false, 20);
    expect(split.records).toEqual([
      { line: 1, text: 'x' },
      { line: 2, text: null },
      { line: 3, text: 'z' },
      { line: 4, text: 'w' },
    ]);
  });

  it('splits fields, with doubled quotes and delimiters inside quotes', () => {
    expect(splitFields('a;"b;""c""";;"d"e', ';')).toEqual(['a', 'b;"c"', '', 'de']);
  });
});
