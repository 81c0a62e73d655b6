import { describe, expect, it } from 'vitest';
import { dayOfWeek, isTradingDay, tradingDay, tradingDaysBetween } from '../engine/calendar';
import { FIRST_DATE, LAST_DATE } from '../engine/config-schema';
import { createEngineApi } from './engine-api';
import { createRuntime } from './runtime';

const make = () => createRuntime({ realtime: false });
const api = () => createEngineApi(make(), make);

describe('the tradingCalendar verb (the config form date picker asks it)', () => {
  it('answers every supported date as the engine calendar does', () => {
    const answer = api().tradingCalendar();
    if (!answer.ok) throw new Error(answer.error);
    const { days } = answer.value;
    expect(days[0]?.date).toBe(FIRST_DATE);
    expect(days.at(-1)?.date).toBe(LAST_DATE);
    // Every day, one after the other, none left out: 2024 is a leap year.
    expect(days).toHaveLength(366 + 365 + 365 + 365);
    for (const day of days) {
      const engine = tradingDay(day.date);
      expect(day.trading).toBe(engine.isTradingDay);
      expect(day.note).toBe(engine.holidayName);
      expect(day.earlyClose).toBe(engine.isEarlyClose);
    }
    // Plain data, as crosses the worker boundary.
    expect(structuredClone(answer.value)).toEqual(answer.value);
  });

  it('marks holidays and weekends closed and counts trading days as the schema does', () => {
    const answer = api().tradingCalendar('2025-07-01', '2025-07-07');
    if (!answer.ok) throw new Error(answer.error);
    const byDate = new Map(answer.value.days.map((d) => [d.date, d]));
    expect(byDate.get('2025-07-04')).toEqual({
      date: '2025-07-04',
      trading: false,
      note: 'Independence Day',
      earlyClose: false,
    });
    expect(byDate.get('2025-07-03')).toMatchObject({ trading: true, earlyClose: true });
    expect(byDate.get('2025-07-05')?.trading).toBe(false);
    expect(dayOfWeek('2025-07-05')).toBe(6);
    const trading = answer.value.days.filter((d) => d.trading).map((d) => d.date);
    expect(trading).toEqual(tradingDaysBetween('2025-07-01', '2025-07-07'));
    expect(trading.every(isTradingDay)).toBe(true);
    // Good Friday, a rule-made holiday, as the engine names it.
    const april = api().tradingCalendar('2026-04-01', '2026-04-30');
    expect(april.ok && april.value.days.find((d) => d.date === '2026-04-03')).toMatchObject({
      trading: false,
      note: tradingDay('2026-04-03').holidayName,
    });
  });

  it('refuses dates outside the supported ones, malformed or reversed, with one line', () => {
    const engine = api();
    expect(engine.tradingCalendar('2023-12-31', '2024-01-05')).toEqual({
      ok: false,
      error: `"2023-12-31" is not a date (accepted: dates "YYYY-MM-DD" from ${FIRST_DATE} to ${LAST_DATE}, first <= last)`,
    });
    expect(engine.tradingCalendar('2025-02-30', '2025-03-01').ok).toBe(false);
    expect(engine.tradingCalendar('2025-03-02', '2025-03-01')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^"2025-03-02" is after "2025-03-01"/),
    });
  });
});
