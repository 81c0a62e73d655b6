import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { choose, defaultShown, EQUITY_KEY, equityShown, shownIndicators } from './indicator-choice';
import { createIndicatorSlice } from './indicator-slice';
import type { IndicatorSlice } from './indicator-types';

const session = [
  { key: 'sma_20_5m', placement: 'price' as const },
  { key: 'rsi_14_1m', placement: 'pane' as const },
  { key: 'vwap_1m', placement: 'price' as const },
  { key: 'macd_1m', placement: 'pane' as const },
  { key: 'atr_14_1m', placement: 'pane' as const },
];

describe('indicator choice', () => {
  it('shows every overlay and the first two pane indicators by default', () => {
    expect([...defaultShown(session)]).toEqual(['sma_20_5m', 'rsi_14_1m', 'vwap_1m', 'macd_1m']);
    expect([...defaultShown([])]).toEqual([]);
  });

  it("follows the person's choice where there is one, the default elsewhere", () => {
    let choice = choose({}, 'sma_20_5m', false);
    choice = choose(choice, 'atr_14_1m', true);
    expect([...shownIndicators(choice, session)]).toEqual(['rsi_14_1m', 'vwap_1m', 'macd_1m', 'atr_14_1m']);
    // A key of another symbol's or session's list is kept, and does not show what is not there.
    expect([...shownIndicators({ ema_9_1m: true }, session.slice(0, 2))]).toEqual(['sma_20_5m', 'rsi_14_1m']);
  });

  it('keeps one choice per view in the store', () => {
    const store = createStore<IndicatorSlice>()(createIndicatorSlice<IndicatorSlice>());
    store.getState().chooseIndicator('live', 'rsi_14_1m', false);
    store.getState().chooseIndicator('offline', 'atr_14_1m', true);
    expect(store.getState().indicatorChoices).toEqual({
      live: { rsi_14_1m: false },
      offline: { atr_14_1m: true },
    });
  });

  it('shows the equity pane when a strategy runs, unless the person turned it off (or on without one)', () => {
    expect(equityShown({}, true)).toBe(true);
    expect(equityShown({}, false)).toBe(false);
    expect(equityShown(choose({}, EQUITY_KEY, false), true)).toBe(false);
    expect(equityShown(choose({}, EQUITY_KEY, true), false)).toBe(true);
    // The indicators' default does not see it.
    expect([...shownIndicators(choose({}, EQUITY_KEY, true), session)]).toEqual([...defaultShown(session)]);
  });
});
