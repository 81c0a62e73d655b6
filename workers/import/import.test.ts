import { describe, expect, it } from 'vitest';
import { tradingDay } from '../engine/calendar';
import { TickColumns } from '../engine/columns';
import { importCsv } from './csv-import';
import { recognizeColumns } from './header';
import { parseTimestamp } from './timestamp';

const JULY_1_0930 = Date.UTC(2025, 6, 1, 13, 30);

describe('header recognition', () => {
  it('finds the columns under their usual names, in any order and case', () => {
    expect(recognizeColumns(['Date', 'O', 'H', 'L', 'C', 'Vol'])).toEqual({
      ok: true,
      value: { timestamp: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 },
    });
    expect(recognizeColumns(['volume', 'close', 'low', 'high', 'open', 't'])).toMatchObject({
      ok: true,
      value: { timestamp: 5, open: 4, volume: 0 },
    });
  });

  it('takes a mapping by hand, and names what is missing', () => {
    expect(
      recognizeColumns(['when', 'o', 'h', 'l', 'c', 'qty'], { timestamp: 'when', volume: 'qty' }),
    ).toMatchObject({
      ok: true,
      value: { timestamp: 0, volume: 5 },
    });
    expect(recognizeColumns(['when', 'o', 'h', 'l', 'c'])).toEqual({
      ok: false,
      error:
        'no column for timestamp (timestamp/time/date/datetime/date_time/t/ts), volume (volume/v/vol) in the header "when,o,h,l,c"; name the columns so or map them by hand',
    });
  });
});

describe('timestamps', () => {
  it('reads ISO with and without a timezone, and epoch seconds and milliseconds', () => {
    const same = [
      '2025-07-01T09:30:00-04:00',
      '2025-07-01T13:30:00Z',
      '2025-07-01T09:30:00',
      '2025-07-01 09:30',
      '2025-07-01T09:30:00.000-0400',
      '1751376600',
      '1751376600000',
    ];
    for (const text of same) expect(parseTimestamp(text), text).toEqual({ ok: true, value: JULY_1_0930 });
    // Without a timezone the time is exchange time, with the offset of its own date (EST in January).
    expect(parseTimestamp('2025-01-02 09:30')).toEqual({ ok: true, value: Date.UTC(2025, 0, 2, 14, 30) });
  });

  it('refuses what is not a timestamp, saying what is accepted', () => {
    for (const text of ['yesterday', '2025-02-30 09:30', '2025-07-01 25:00', '']) {
      const result = parseTimestamp(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error).toContain('expected ISO 8601');
    }
  });
});

const HEADER = 'timestamp,open,high,low,close,volume';

describe('CSV import', () => {
  it('keeps the good bars by trading date', async () => {
    const csv = [
      HEADER,
      '2025-07-01 09:30,10,10.5,9.9,10.2,1000',
      '2025-07-01 09:31,10.2,10.3,10.1,10.25,800',
      '2025-07-02 09:30,11,11,11,11,5',
      '',
    ].join('\n');
    const result = await importCsv(csv, 'ACME');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.report).toEqual({
      symbol: 'ACME',
      rowsRead: 3,
      barsKept: 3,
      badRowCount: 0,
      badRows: [],
      dates: ['2025-07-01', '2025-07-02'],
    });
    const day = result.value.bars.dayData(tradingDay('2025-07-01'));
    expect(day.bars.length).toBe(2);
    expect(day.barOfMinute[1]).toBe(1);
    expect(day.barOfMinute[2]).toBe(-1);
    // Imported bars have no trades: no minute makes any.
    const ticks = new TickColumns();
    for (let m = 0; m < day.sessionMinutes; m++) day.appendTrades(m, ticks, null);
    expect(ticks.length).toBe(0);
  });

  it('reports every kind of bad row with its line number', async () => {
    const csv = [
      HEADER,
      '2025-07-01 09:30,10,10.5,9.9,10.2,1000',
      '2025-07-01 09:31,abc,10.5,9.9,10.2,1000',
      '2025-07-01 09:32,10,9.5,9.9,9.7,1000',
      '2025-07-01 09:30,10,10.5,9.9,10.2,1000',
      '2025-07-01 09:33,10,10.5,9.9,10.2,1000',
      '2025-07-01 09:33,10,10.5,9.9,10.2,1000',
      '2025-07-01 17:00,10,10.5,9.9,10.2,1000',
      '2025-07-04 10:00,10,10.5,9.9,10.2,1000',
      'noon,10,10.5,9.9,10.2,1000',
      '2025-07-01 09:34,10,10.5,9.9,10.2,-5',
      '2005-07-01 09:35,10,10.5,9.9,10.2,1000',
      '2005-07-01T09:36:00-04:00,10,10.5,9.9,10.2,1000',
    ].join('\n');
    const result = await importCsv(csv, 'ACME');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.report.barsKept).toBe(2);
    expect(result.value.report.badRows).toEqual([
      { line: 3, reason: 'open "abc" is not a price (a number > 0)' },
      { line: 4, reason: 'high 9.5 is below low 9.9' },
      { line: 5, reason: '2025-07-01 09:30 repeats the time of line 2' },
      { line: 7, reason: '2025-07-01 09:33 repeats the time of line 6' },
      { line: 8, reason: '2025-07-01 17:00 is outside the trading session (09:30-16:00 ET on 2025-07-01)' },
      {
        line: 9,
        reason: '2025-07-04 10:00 is outside the trading session (the market is closed: Independence Day)',
      },
      {
        line: 10,
        reason:
          '"noon" is not a timestamp (expected ISO 8601 such as 2025-07-01T09:30:00-04:00, 2025-07-01 09:30 (exchange time), or epoch seconds or milliseconds)',
      },
      { line: 11, reason: 'volume "-5" is not a volume (a number >= 0)' },
      {
        line: 12,
        reason: '"2005-07-01 09:35" is outside the dates the exchange calendar knows (2008 to 2028)',
      },
      {
        line: 13,
        reason: '"2005-07-01T09:36:00-04:00" is outside the dates the exchange calendar knows (2008 to 2028)',
      },
    ]);
  });

  it('keeps bars from years before the session dates, to serve as history', async () => {
    const csv = [
      HEADER,
      '2012-10-26 15:59,10,10.5,9.9,10.2,1000',
      '2023-12-29 09:30,10,10.5,9.9,10.2,1000',
    ].join('\n');
    const result = await importCsv(csv, 'ACME');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.report.badRows).toEqual([]);
    expect(result.value.report.barsKept).toBe(2);
  });

  it('says out-of-order rows go backwards', async () => {
    const csv = [HEADER, '2025-07-01 09:35,10,10,10,10,1', '2025-07-01 09:31,10,10,10,10,1'].join('\n');
    const result = await importCsv(csv, 'ACME');
    expect(result.ok && result.value.report.badRows).toEqual([
      { line: 3, reason: '2025-07-01 09:31 comes before line 2 (rows must be in time order)' },
    ]);
  });

  it('refuses a file without the needed columns, or an empty one, with one line', async () => {
    expect(await importCsv('a,b,c\n1,2,3', 'ACME')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^line 1: no column for timestamp/),
    });
    expect(await importCsv('', 'ACME')).toEqual({
      ok: false,
      error: 'the file is empty (expected a header line and one-minute bars)',
    });
  });
});

describe('CSV import of a large file', () => {
  it('reads across slice boundaries without losing, splitting or renumbering a line', async () => {
    const { tradingDay: dayOf, tradingDaysBetween } = await import('../engine/calendar');
    const { CSV_SLICE_BYTES } = await import('./csv-import');
    const lines = ['timestamp;open;high;low;close;volume'];
    for (const date of tradingDaysBetween('2024-11-01', '2025-05-30')) {
      for (let m = 570; m < dayOf(date).closeMinute; m++) {
        const time = `${date} ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        lines.push(`${time};10.5;10.75;10.25;10.5;${m}`);
      }
    }
    lines.push('2025-05-30 16:30;1;1;1;1;1');
    const text = lines.join('\r\n');
    expect(text.length).toBeGreaterThan(2 * CSV_SLICE_BYTES);
    const fractions: number[] = [];
    const result = await importCsv(new Blob([text]), 'ACME', { onProgress: (f) => fractions.push(f) });
    if (!result.ok) throw new Error(result.error);
    expect(result.value.report.barsKept).toBe(lines.length - 2);
    expect(result.value.report.badRows).toEqual([
      {
        line: lines.length,
        reason: '2025-05-30 16:30 is outside the trading session (09:30-16:00 ET on 2025-05-30)',
      },
    ]);
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.at(-1)).toBe(1);
  });
});
