// Damaged CSV is read as far as it goes: every bad row reported once, on the line it starts on, with a
// short reason; every good row kept.
import { describe, expect, it } from 'vitest';
import { CSV_SLICE_BYTES, importCsv } from './csv-import';
import { recognizeColumns } from './header';

const HEADER = 'timestamp,open,high,low,close,volume,note';
const OPEN = Date.UTC(2025, 6, 1, 13, 30);

/** Good rows from 09:30 on 2025-07-01, one a minute. */
const good = (from: number, count: number) =>
  Array.from(
    { length: count },
    (_, i) => `${new Date(OPEN + (from + i) * 60_000).toISOString()},1,2,1,1.5,10,`,
  );

async function report(text: string) {
  const result = await importCsv(text, 'RIVN');
  if (!result.ok) throw new Error(result.error);
  return result.value.report;
}

describe('damaged CSV', () => {
  it('recovers at the next line after a quote that never closes, reporting that row', async () => {
    const text = [HEADER, ...good(0, 2), `${good(2, 1)[0]}"never closed`, ...good(3, 100)].join('\n');
    const r = await report(text);
    expect(r.barsKept).toBe(102);
    expect(r.badRows).toEqual([
      { line: 4, reason: expect.stringMatching(/quote opened here is never closed/) },
    ]);
  });

  it('cuts a bad cell to a short excerpt, control and invisible characters escaped', async () => {
    const cell = `x\u0007\u202E${'y\n'.repeat(500_000)}`;
    const r = await report([HEADER, `2025-07-01T09:30:00-04:00,"${cell}",2,1,1.5,10,`].join('\n'));
    const reason = r.badRows[0]?.reason ?? '';
    expect(reason.length).toBeLessThan(120);
    // 40 code points: x, BEL, the bidi override, 18 times y and newline, and the ellipsis.
    expect(reason).toBe(`open "x\\u0007\\u202e${'y\\n'.repeat(18)}…" is not a price (a number > 0)`);
    expect(reason).not.toMatch(/\p{Cc}|\p{Cf}/u);
  });

  it('numbers rows by the physical line they start on, after quoted newlines', async () => {
    const rows = good(0, 3);
    const text = [HEADER, `${rows[0]}"a\nb\nc"`, rows[1], `${rows[2]?.replace(',1,2,', ',x,2,')}`].join('\n');
    const r = await report(text);
    expect(r.badRows).toEqual([{ line: 6, reason: expect.stringMatching(/^open "x"/) }]);
  });

  it('never splits a record across read slices, even inside a quoted field', async () => {
    const head = `${HEADER}\n${good(0, 1)[0]}\n`;
    const pad = 'p'.repeat(CSV_SLICE_BYTES - head.length - 40);
    const straddling = `${good(1, 1)[0]}"${pad}\n${'q'.repeat(100)}"`;
    const r = await report([head + straddling, ...good(2, 3)].join('\n'));
    expect(r).toMatchObject({ rowsRead: 5, barsKept: 5, badRowCount: 0 });
  });

  it('reports a date outside the calendar as a bad row with its line, not a refusal', async () => {
    const text = [
      HEADER,
      ...good(0, 1),
      '1199145600,1,2,1,1.5,10,',
      '978307200,1,2,1,1.5,10,',
      ...good(1, 1),
    ];
    const r = await report(text.join('\n'));
    expect(r.barsKept).toBe(2);
    expect(r.badRows.map((b) => b.line)).toEqual([3, 4]);
    expect(r.badRows[0]?.reason).toMatch(/outside the dates the exchange calendar knows/);
  });
});

describe('a mapped column that is not in the header', () => {
  it('is named with the header, both cut short and escaped', () => {
    const header = ['time', 'o', 'h', 'l', 'c', `v${'x'.repeat(500)}\u001b[31m`];
    const answer = recognizeColumns(header, { volume: 'vol\u202e' });
    expect(answer.ok).toBe(false);
    const error = answer.ok ? '' : answer.error;
    expect(error).toMatch(/^column "vol\\u202e" mapped to volume is not in the header "time,o,h,l,c,vx+…"$/);
    expect(error.length).toBeLessThan(120);
  });
});
