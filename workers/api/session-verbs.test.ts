import { describe, expect, it } from 'vitest';
import { PROGRESS_MS, progressPace, type StartProgress } from './session-verbs';

const symbols = (symbolsDone: number): StartProgress => ({ symbolsDone, symbolsTotal: 1000 });
const within = (daysDone: number): StartProgress => ({
  symbolsDone: 3,
  symbolsTotal: 1000,
  current: { symbol: 'AAPL', daysDone, daysTotal: 3650 },
});

describe('start progress pace', () => {
  it('lets the first word out, then one per PROGRESS_MS, whatever comes in between', () => {
    const due = progressPace();
    // A word after every symbol, 2 ms apart, for a second: ten go out, 100 ms apart.
    const sent: number[] = [];
    for (let done = 1; done <= 500; done++) if (due(symbols(done), done * 2)) sent.push(done * 2);
    expect(sent[0]).toBe(2);
    expect(sent).toHaveLength(10);
    for (let i = 1; i < sent.length; i++)
      expect((sent[i] as number) - (sent[i - 1] as number)).toBeGreaterThanOrEqual(PROGRESS_MS);
  });

  it('paces the words inside one symbol the same way', () => {
    const due = progressPace();
    expect(due(within(10), 0)).toBe(true);
    expect(due(within(20), 12)).toBe(false);
    expect(due(within(90), PROGRESS_MS - 1)).toBe(false);
    expect(due(within(100), PROGRESS_MS)).toBe(true);
  });

  it('always lets the last symbol’s word out, so the page shows every symbol loaded', () => {
    const due = progressPace();
    expect(due(symbols(999), 0)).toBe(true);
    expect(due(symbols(1000), 1)).toBe(true);
  });
});
