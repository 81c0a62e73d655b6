// Which indicators the charts draw, per session view: kept in the store rather than in the view, so that
// a choice outlives a switch of symbol or interval, and a remounted view (another set of files opened).
import type { StateCreator } from 'zustand';
import { choose } from './indicator-choice';
import type { IndicatorSlice } from './indicator-types';

export const createIndicatorSlice =
  <S extends IndicatorSlice>(): StateCreator<S, [], [], IndicatorSlice> =>
  (set) => ({
    indicatorChoices: { live: {}, offline: {} },

    chooseIndicator(view, key, shown) {
      set(
        (state) =>
          ({
            indicatorChoices: {
              ...state.indicatorChoices,
              [view]: choose(state.indicatorChoices[view], key, shown),
            },
          }) as Partial<S>,
      );
    },
  });
